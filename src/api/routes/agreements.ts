import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createInstallation, listInstallations } from '../../ledger/installations.js';
import type { Ledger } from '../../ledger/ledger.js';
import { addDisbursement, createAgreement, listAgreements } from '../../ledger/licensing/index.js';
import { completeSiteVisit, listSiteVisits, scheduleSiteVisit } from '../../ledger/site-visits.js';
import { principalOf } from '../auth.js';
import {
  AgreementBody,
  AgreementList,
  AgreementRecord,
  DisbursementBody,
  DisbursementResponse,
  errors,
  IdParams,
  InstallationBody,
  InstallationList,
  InstallationRecord,
} from '../schemas.js';

export const agreementRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const { ctx } = ledger;

  app.post(
    '/agreements',
    {
      schema: {
        tags: ['agreements'],
        summary:
          'Record a government-to-government agreement (host government for its country, or regulator)',
        description:
          'Later determinations for the country and framework take their assurances, security ' +
          'guarantee, U.S. investment commitment and cap from the agreement on record.',
        body: AgreementBody,
        response: { 201: AgreementRecord, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const agreement = await createAgreement(ctx, principalOf(request), request.body);
      return reply.status(201).send(agreement);
    },
  );

  app.get(
    '/agreements',
    {
      schema: {
        tags: ['agreements'],
        summary: "Agreements (a host government's own; the regulator sees all)",
        response: { 200: AgreementList, ...errors(401, 403) },
      },
    },
    async (request) => ({ agreements: await listAgreements(ctx, principalOf(request)) }),
  );

  app.post(
    '/agreements/:id/disbursements',
    {
      schema: {
        tags: ['agreements'],
        summary: 'Record a disbursement of the U.S. investment committed under an agreement',
        params: IdParams,
        body: DisbursementBody,
        response: { 201: DisbursementResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const disbursement = await addDisbursement(ctx, principalOf(request), request.params.id, request.body);
      return reply.status(201).send(disbursement);
    },
  );

  app.post(
    '/installations',
    {
      schema: {
        tags: ['installations'],
        summary: 'Register an installation (data center site) of your organization (exporter)',
        body: InstallationBody,
        response: { 201: InstallationRecord, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const installation = await createInstallation(ctx, principalOf(request), request.body);
      return reply.status(201).send(installation);
    },
  );

  app.get(
    '/installations',
    {
      schema: {
        tags: ['installations'],
        summary: "Installations (own organization's; the regulator sees all)",
        response: { 200: InstallationList, ...errors(401, 403) },
      },
    },
    async (request) => ({ installations: await listInstallations(ctx, principalOf(request)) }),
  );

  const SiteVisit = z.object({
    id: z.string(),
    installationId: z.string(),
    status: z.enum(['scheduled', 'done', 'cancelled']),
    scheduledFor: z.string(),
    doneAt: z.string().nullable(),
    findings: z.string().nullable(),
  });

  app.post(
    '/site-visits',
    {
      schema: {
        tags: ['installations'],
        summary: 'Schedule a visit by U.S. export-control officials to an installation (regulator)',
        body: z.strictObject({ installationId: z.string().min(1), scheduledFor: z.iso.date() }),
        response: { 201: SiteVisit, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await scheduleSiteVisit(ctx, principalOf(request), request.body)),
  );

  app.post(
    '/site-visits/:id/outcome',
    {
      schema: {
        tags: ['installations'],
        summary: 'Record that a site visit was done, with findings, or cancelled (regulator)',
        params: IdParams,
        body: z.strictObject({
          status: z.enum(['done', 'cancelled']),
          findings: z.string().min(1).optional(),
        }),
        response: { 200: SiteVisit, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => completeSiteVisit(ctx, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/site-visits',
    {
      schema: {
        tags: ['installations'],
        summary: "Site visits (at the organization's installations; the regulator sees all)",
        response: { 200: z.object({ visits: z.array(SiteVisit) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ visits: await listSiteVisits(ctx, principalOf(request)) }),
  );
};

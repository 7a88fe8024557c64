import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ledger } from '../../ledger/ledger.js';
import { decideRequest } from '../../ledger/licensing/index.js';
import {
  getRequest,
  pageRequests,
  replayRequest,
  requestHistory,
  submitRequest,
} from '../../ledger/requests/index.js';
import { principalOf } from '../auth.js';
import {
  DecisionBody,
  DecisionResponse,
  errors,
  IdParams,
  ReplayQuery,
  ReplayResponse,
  RequestHistory,
  RequestList,
  RequestListQuery,
  RequestRecord,
  SubmitBody,
  SubmitResponse,
} from '../schemas.js';

/** A listed request: its determination without the trace (docs/benchmarks.md, "Dashboard first load"). */
function withoutTrace<R extends { determination: unknown }>(record: R): R {
  const { trace: _trace, ...determination } = (record.determination ?? {}) as Record<string, unknown>;
  return { ...record, determination: record.determination ? determination : record.determination };
}

export const requestRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const { ctx } = ledger;
  /** The body as sent, before the schema fills defaults: the ledger keeps the caller's input as given. */
  const sent = new WeakMap<FastifyRequest, unknown>();

  app.post(
    '/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Submit an export request (exporter)',
        description:
          'Validates the request, fills `history` (prior usage) and the government `assurances` from ' +
          'the ledger, determines it under the framework and records the determination with the ' +
          'framework revision. A license exception is recorded as an authorization (`licenseId`).',
        body: SubmitBody,
        response: { 201: SubmitResponse, ...errors(400, 401, 403, 404) },
      },
      preValidation: async (request) => {
        sent.set(request, request.body);
      },
    },
    async (request, reply) => {
      const original = sent.get(request) as { request?: unknown } | undefined;
      const result = await submitRequest(ctx, principalOf(request), {
        framework: request.body.framework,
        request: original?.request ?? request.body.request,
        ...(request.body.installationId ? { installationId: request.body.installationId } : {}),
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/requests',
    {
      schema: {
        tags: ['requests'],
        summary:
          "List requests, newest first, a page at a time (own organization's; the regulator and auditors see all)",
        description:
          'Each determination comes without its `trace` (several kilobytes a request, which a list does ' +
          'not show): `GET /v1/requests/{id}` has the whole determination.',
        querystring: RequestListQuery,
        response: { 200: RequestList, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await pageRequests(ctx, principalOf(request), request.query);
      return { ...page, requests: page.requests.map(withoutTrace) };
    },
  );

  app.get(
    '/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'One request with its determination and decision',
        params: IdParams,
        response: { 200: RequestRecord, ...errors(400, 401, 404) },
      },
    },
    async (request) => getRequest(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/requests/:id/decision',
    {
      schema: {
        tags: ['requests'],
        summary: 'Approve or deny a request that needs a license (regulator)',
        description:
          'Approval issues a license (`licenseId`), valid four years unless `validUntil` is given.',
        params: IdParams,
        body: DecisionBody,
        response: { 200: DecisionResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => decideRequest(ctx, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/requests/:id/replay',
    {
      schema: {
        tags: ['requests'],
        summary: 'Re-determine a stored request under the framework as it is now',
        description:
          'As of the request date. With `?framework=us-ear-enforced`, under that framework instead: ' +
          'whether the enforced law would have treated the request differently.',
        params: IdParams,
        querystring: ReplayQuery,
        response: { 200: ReplayResponse, ...errors(400, 401, 404, 422) },
      },
    },
    async (request) =>
      replayRequest(
        ctx,
        principalOf(request),
        request.params.id,
        request.query.framework ? { framework: request.query.framework } : {},
      ),
  );

  app.get(
    '/requests/:id/history',
    {
      schema: {
        tags: ['requests'],
        summary: "The request's audit trail: every log entry about it or its licenses",
        description:
          'Submission, screening, clearances, decision, license issue and status changes, shipments: each ' +
          'with its index in the audit log (for GET /v1/audit/proof/inclusion), time, action and who acted.',
        params: IdParams,
        response: { 200: RequestHistory, ...errors(400, 401, 404) },
      },
    },
    async (request) => requestHistory(ctx, principalOf(request), request.params.id),
  );
};

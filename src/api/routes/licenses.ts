import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ledger } from '../../ledger/ledger.js';
import {
  getLicense,
  listQuotas,
  pageLicenses,
  pageShipments,
  recordShipment,
  setLicenseStatus,
} from '../../ledger/licensing/index.js';
import { principalOf } from '../auth.js';
import {
  errors,
  IdParams,
  LicenseList,
  LicenseListQuery,
  LicenseRecord,
  LicenseStatusBody,
  LicenseStatusResponse,
  QuotaList,
  QuotaQuery,
  ShipmentBody,
  ShipmentList,
  ShipmentListQuery,
  ShipmentResponse,
} from '../schemas.js';

export const licenseRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const { ctx } = ledger;

  app.get(
    '/licenses',
    {
      schema: {
        tags: ['licenses'],
        summary:
          "Licenses and exception authorizations, newest first, a page at a time (own organization's; the regulator sees all)",
        querystring: LicenseListQuery,
        response: { 200: LicenseList, ...errors(400, 401, 403) },
      },
    },
    async (request) => pageLicenses(ctx, principalOf(request), request.query),
  );

  app.get(
    '/licenses/:id',
    {
      schema: {
        tags: ['licenses'],
        summary: 'One license: limits, use, conditions, validity',
        params: IdParams,
        response: { 200: LicenseRecord, ...errors(400, 401, 404) },
      },
    },
    async (request) => getLicense(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/licenses/:id/status',
    {
      schema: {
        tags: ['licenses'],
        summary: 'Suspend, reinstate or revoke a license (regulator)',
        params: IdParams,
        body: LicenseStatusBody,
        response: { 200: LicenseStatusResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      setLicenseStatus(ctx, principalOf(request), request.params.id, request.body.status, request.body.note),
  );

  app.post(
    '/shipments',
    {
      schema: {
        tags: ['shipments'],
        summary: 'Record a shipment against a license (exporter)',
        description:
          'Draws down the license line and every quota pool it counts against, in one transaction. ' +
          '409 when the license or a pool would be exceeded; concurrent shipments never over-draw.',
        body: ShipmentBody,
        response: { 201: ShipmentResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const shipment = await recordShipment(ctx, principalOf(request), request.body);
      return reply.status(201).send(shipment);
    },
  );

  app.get(
    '/shipments',
    {
      schema: {
        tags: ['shipments'],
        summary: "Shipments, newest first, a page at a time (own organization's; the regulator sees all)",
        querystring: ShipmentListQuery,
        response: { 200: ShipmentList, ...errors(400, 401, 403) },
      },
    },
    async (request) => pageShipments(ctx, principalOf(request), request.query),
  );

  app.get(
    '/quotas',
    {
      schema: {
        tags: ['quotas'],
        summary: 'Quota pools: limits and use (aggregate figures, any role)',
        querystring: QuotaQuery,
        response: { 200: QuotaList, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { framework } = request.query;
      if (framework !== undefined) ctx.registry.require(framework);
      return { pools: await listQuotas(ctx, principalOf(request), framework) };
    },
  );
};

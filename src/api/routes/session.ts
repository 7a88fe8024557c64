import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ledger } from '../../ledger/ledger.js';
import { listOrganizations } from '../../ledger/organizations.js';
import { principalOf } from '../auth.js';
import { errors, MeResponse, OrganizationList } from '../schemas.js';

/** Who the key belongs to: the dashboard's sign-in asks this, and shows pages by the role. */
export const sessionRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['service'],
        summary: "The calling key's organization and role",
        response: { 200: MeResponse, ...errors(401) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        organizationId: p.organizationId,
        organizationName: p.organizationName,
        role: p.role,
        country: p.country,
      };
    },
  );

  app.get(
    '/organizations',
    {
      schema: {
        tags: ['service'],
        summary: "Organizations' names (regulator and auditor: all; others: their own)",
        response: { 200: OrganizationList, ...errors(401) },
      },
    },
    async (request) => ({ organizations: await listOrganizations(ledger.ctx, principalOf(request)) }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../auth.js';
import { errors, MeResponse } from '../schemas.js';

/** Who the key belongs to: the dashboard's sign-in asks this, and shows pages by the role. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
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
};

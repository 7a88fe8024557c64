import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InputError } from '../../domain/errors.js';
import { parseExportRequest } from '../../domain/request.js';
import { under } from '../../domain/zod-issues.js';
import type { Ledger } from '../../ledger/ledger.js';
import { determine } from '../../rules/determine.js';
import { frameworkJson } from '../../rules/framework-json.js';
import { toDeterminationJson } from '../../rules/render.js';
import { DeterminationsBody, DeterminationsResponse, errors, FrameworkList } from '../schemas.js';

/** The rules themselves: stateless, any authenticated role. */
export const ruleRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const { registry } = ledger.ctx;

  app.post(
    '/determinations',
    {
      schema: {
        tags: ['rules'],
        summary: 'What-if: determine a request under one or more frameworks (nothing is stored)',
        description:
          'The request is taken as given, `history` and `assurances` included (the ledger does not ' +
          'fill them in here). One determination per framework, all registered frameworks by default.',
        body: DeterminationsBody,
        response: { 200: DeterminationsResponse, ...errors(400, 401) },
      },
    },
    async (request) => {
      const ids = request.body.frameworks ?? registry.ids();
      const unknown = registry.unknownIn(ids);
      if (unknown.length > 0) throw new InputError(unknown);
      const parsed = under(['request'], () => parseExportRequest(request.body.request));
      const determinations = ids.map((id) =>
        toDeterminationJson(under(['request'], () => determine(registry.get(id), parsed))),
      );
      return { determinations };
    },
  );

  app.get(
    '/frameworks',
    {
      schema: {
        tags: ['rules'],
        summary: 'The registered frameworks: ids, titles, status timelines, parameters, rules, sources',
        response: { 200: FrameworkList, ...errors(401) },
      },
    },
    async () => ({ frameworks: registry.all().map(frameworkJson) }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateOrTime, LIMITS, text } from '../../domain/limits.js';
import type { JobRegistry } from '../../jobs/registry.js';
import { authorize } from '../../ledger/access.js';
import { listClearances } from '../../ledger/clearance-list.js';
import { REASON_CODES } from '../../ledger/clearance-policy.js';
import { decideHit, importListVersion, listHolds, requestScreening } from '../../ledger/clearances.js';
import type { Ledger } from '../../ledger/ledger.js';
import { LIST_FORMATS } from '../../screening/index.js';
import { principalOf } from '../auth.js';
import { errors, IdParams } from '../schemas.js';
import {
  ClearanceList,
  ClearanceResponse,
  HoldList,
  ListImportResult,
  ListVersionList,
  RequestScreeningResponse,
  ScreeningResultSchema,
} from '../screening-schemas.js';
import { JobSchema } from './jobs.js';

const ScreeningBody = z.strictObject({
  name: text(LIMITS.nameChars),
  country: text(LIMITS.nameChars).optional(),
  type: z.enum(['entity', 'individual']).optional(),
});

const ClearanceBody = z.strictObject({
  party: text(LIMITS.nameChars),
  entityId: text(LIMITS.idChars),
  decision: z.enum(['false-positive', 'confirmed']),
  note: text(LIMITS.noteChars),
  scope: z.enum(['party', 'request']).default('request'),
  expiresAt: dateOrTime().optional(),
  reasonCode: z
    .enum(REASON_CODES)
    .describe('why: different-* to clear, confirmed-match to confirm, or other'),
});

/** A list file's text: the bytes the body limit allows. */
const LIST_CONTENT_CHARS = 256 * 1024 * 1024;

const ListImportBody = z.strictObject({
  format: z.enum(LIST_FORMATS as [string, ...string[]]),
  /** The file's text (CSV or JSON). */
  content: z.string().min(1).max(LIST_CONTENT_CHARS),
  sourceDate: dateOrTime().optional(),
  list: z
    .string()
    .optional()
    .describe(
      'the internal list a csv file is a version of (default "internal"); CSL formats version the CSL',
    ),
  replace: z
    .boolean()
    .optional()
    .describe('allow removing more than 10% of the list’s entries (the refusal lists what would go)'),
});

const ListImportQuery = z.strictObject({
  async: z.enum(['true', 'false']).optional().describe('true: run as a job and answer 202 at once'),
});

/** Restricted-party screening: ad-hoc screenings, holds, clearances and list versions. */
export const screeningRoutes: FastifyPluginAsyncZod<{ ledger: Ledger; jobs: JobRegistry }> = async (
  app,
  { ledger, jobs },
) => {
  const { ctx } = ledger;

  app.post(
    '/screenings',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen a name against the list in force (any role; nothing is stored)',
        body: ScreeningBody,
        response: { 200: ScreeningResultSchema, ...errors(400, 401) },
      },
    },
    async (request) => ({ ...(await ctx.screening.current()).screen(request.body) }),
  );

  app.get(
    '/holds',
    {
      schema: {
        tags: ['screening'],
        summary: "Requests on hold for a potential match (own organization's; the regulator sees all)",
        response: { 200: HoldList, ...errors(401, 403) },
      },
    },
    async (request) => ({ holds: await listHolds(ctx, principalOf(request)) }),
  );

  app.get(
    '/requests/:id/screening',
    {
      schema: {
        tags: ['screening'],
        summary: "A request's latest screening: each party, its hits and their standing",
        params: IdParams,
        response: { 200: RequestScreeningResponse, ...errors(401, 404) },
      },
    },
    async (request) => requestScreening(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/requests/:id/clearances',
    {
      schema: {
        tags: ['screening'],
        summary: 'Decide a potential match: false positive (clears it) or confirmed',
        description:
          'Scoped to the party for this request (`scope: "request"`, the default) or for all the ' +
          "organization's requests (`party`), optionally expiring; invalidated automatically when the " +
          'listed entry changes in a later list version. The request is screened and determined again.',
        params: IdParams,
        body: ClearanceBody,
        response: { 200: ClearanceResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => decideHit(ctx, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/clearances',
    {
      schema: {
        tags: ['screening'],
        summary: 'Clearances on record, newest first: decision, reason code, who decided in which role',
        description: 'The regulator and auditors see every organization’s; an exporter its own.',
        response: { 200: ClearanceList, ...errors(401, 403) },
      },
    },
    async (request) => listClearances(ctx, principalOf(request)),
  );

  app.get(
    '/lists',
    {
      schema: {
        tags: ['screening'],
        summary: 'List versions imported, newest first (any role)',
        response: { 200: ListVersionList, ...errors(401) },
      },
    },
    async () => {
      await ctx.screening.current();
      return { versions: await ctx.screening.versions() };
    },
  );

  app.post(
    '/lists',
    {
      // The full Consolidated Screening List is tens of megabytes.
      bodyLimit: 256 * 1024 * 1024,
      config: { longText: { content: LIST_CONTENT_CHARS } },
      // The caller's role before the body is read: only the regulator may send 256 MB.
      onRequest: async (request) => authorize(principalOf(request), 'list.import'),
      schema: {
        tags: ['screening'],
        summary: 'Import a list version (regulator): open requests and active licenses are re-screened',
        description:
          'With `?async=true` the import and the re-screening run as a job (202): poll ' +
          'GET /v1/jobs/:id for its progress (phase importing, then rescreening) and its result.',
        querystring: ListImportQuery,
        body: ListImportBody,
        response: { 201: ListImportResult, 202: JobSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { format, content, sourceDate, list, replace } = request.body;
      const bytes = Buffer.from(content, 'utf8');
      const options = {
        ...(sourceDate ? { sourceDate } : {}),
        ...(list ? { list } : {}),
        ...(replace ? { replace } : {}),
      };
      if (request.query.async === 'true') {
        const job = await jobs.start('list-import', principal, 1, (report) =>
          importListVersion(ctx, principal, bytes, format as never, {
            ...options,
            onProgress: (p) => report({ phase: p.phase, done: p.done, total: p.total }),
          }),
        );
        return reply.status(202).send(job);
      }
      const result = await importListVersion(ctx, principal, bytes, format as never, options);
      return reply.status(201).send(result);
    },
  );
};

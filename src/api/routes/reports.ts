import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIsoDate } from '../../domain/dates.js';
import type { Ledger } from '../../ledger/ledger.js';
import { listQuotas, pageLicenses, pageShipments } from '../../ledger/licensing/index.js';
import { MAX_PAGE } from '../../ledger/pagination.js';
import type { Principal } from '../../ledger/principal.js';
import { pageRequests } from '../../ledger/requests/index.js';
import { allocations } from '../../reports/allocations.js';
import { type CsvValue, toCsv } from '../../reports/csv.js';
import { evidenceBundle } from '../../reports/evidence.js';
import { evidenceHtml } from '../../reports/evidence-html.js';
import { evidencePdf } from '../../reports/evidence-pdf.js';
import { snaprPack } from '../../reports/snapr.js';
import { principalOf } from '../auth.js';
import { EvidenceResponse } from '../evidence-schemas.js';
import { SnaprItemSchema } from '../record-schemas.js';
import { errors, IdParams, open } from '../schemas.js';

const EvidenceQuery = z.strictObject({
  format: z.enum(['html', 'pdf', 'json']).default('html').describe('html (printable), pdf, or json'),
});
const EXPORTS = ['requests', 'licenses', 'shipments', 'quotas'] as const;
const AllocationQuery = z.strictObject({
  framework: z.string().min(1, 'must not be empty').describe('a framework id (GET /v1/frameworks)'),
  asOf: z.iso.date('must be a real date, YYYY-MM-DD').optional().describe('default: today'),
});
const AllocationResponse = open({
  framework: z.string(),
  asOf: z.string(),
  countries: z.array(
    open({
      country: z.string(),
      name: z.string(),
      tier: z.union([z.number(), z.string()]).nullable(),
      capTpp: z.number().nullable(),
      usedTpp: z.number(),
      licensedTpp: z.number(),
    }),
  ),
});

/** Every page of a list, for a full export. */
async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    out.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** The rows of an export: every page of the list as the caller sees it. */
async function exportRows(
  ctx: Ledger['ctx'],
  list: (typeof EXPORTS)[number],
  principal: Principal,
): Promise<{ header: string[]; rows: CsvValue[][] }> {
  let header: string[];
  let rows: CsvValue[][];
  if (list === 'requests') {
    const all = await allPages(async (cursor) => {
      const p = await pageRequests(ctx, principal, { limit: MAX_PAGE, cursor });
      return { rows: p.requests, nextCursor: p.nextCursor };
    });
    header = [
      'id',
      'organization_id',
      'reference',
      'framework',
      'framework_revision',
      'status',
      'outcome',
      'authorization',
      'license_policy',
      'created_at',
      'updated_at',
    ];
    rows = all.map((r) => {
      const d = (r.determination ?? {}) as {
        outcome?: string;
        authorization?: string | null;
        licensePolicy?: string | null;
      };
      return [
        r.id,
        r.organizationId,
        r.reference,
        r.framework,
        r.frameworkRevision,
        r.status,
        d.outcome,
        d.authorization,
        d.licensePolicy,
        r.createdAt,
        r.updatedAt,
      ];
    });
  } else if (list === 'licenses') {
    const all = await allPages(async (cursor) => {
      const p = await pageLicenses(ctx, principal, { limit: MAX_PAGE, cursor });
      return { rows: p.licenses, nextCursor: p.nextCursor };
    });
    header = [
      'id',
      'request_id',
      'organization_id',
      'framework',
      'kind',
      'authorization',
      'status',
      'limit_chips',
      'limit_tpp',
      'used_chips',
      'used_tpp',
      'valid_until',
    ];
    rows = all.map((l) => [
      l.id,
      l.requestId,
      l.organizationId,
      l.framework,
      l.kind,
      l.authorization,
      l.status,
      l.limits.chips,
      l.limits.tpp,
      l.used.chips,
      l.used.tpp,
      l.validUntil,
    ]);
  } else if (list === 'shipments') {
    const all = await allPages(async (cursor) => {
      const p = await pageShipments(ctx, principal, { limit: MAX_PAGE, cursor });
      return { rows: p.shipments, nextCursor: p.nextCursor };
    });
    header = ['id', 'license_id', 'organization_id', 'line', 'chips', 'tpp', 'installation_id', 'created_at'];
    rows = all.map((s) => [
      s.id,
      s.licenseId,
      s.organizationId,
      s.line,
      s.chips,
      s.tpp,
      s.installationId,
      s.createdAt,
    ]);
  } else {
    header = ['framework', 'pool', 'kind', 'limit_tpp', 'used_tpp', 'remaining_tpp'];
    rows = (await listQuotas(ctx, principal)).map((q) => [
      q.framework,
      q.pool,
      q.kind,
      q.limitTpp,
      q.usedTpp,
      q.remainingTpp,
    ]);
  }
  return { header, rows };
}

/** Evidence bundles, SNAP-R data packs, CSV exports and country allocations. */
export const reportRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const { ctx } = ledger;

  app.get(
    '/requests/:id/evidence',
    {
      schema: {
        tags: ['reports'],
        summary: "A request's evidence bundle: determination, screening, audit entries with inclusion proofs",
        description:
          'Signs a checkpoint of the log and proves each of the request’s audit entries against it; ' +
          'the checkpoint and the log’s public key are in the bundle, so anyone can verify it offline. ' +
          '`format=html` is a self-contained printable page, `pdf` a PDF of text, `json` the data.',
        params: IdParams,
        querystring: EvidenceQuery,
        produces: ['text/html', 'application/pdf', 'application/json'],
        response: { 200: EvidenceResponse, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const bundle = await evidenceBundle(ledger, principalOf(request), request.params.id);
      const name = `${bundle.request.id}-evidence`;
      switch (request.query.format) {
        case 'json':
          return reply.type('application/json; charset=utf-8').send(bundle);
        case 'pdf':
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${name}.pdf"`)
            .send(await evidencePdf(bundle));
        default:
          return reply
            .type('text/html; charset=utf-8')
            .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
            .send(evidenceHtml(bundle));
      }
    },
  );

  app.get(
    '/requests/:id/snapr',
    {
      schema: {
        tags: ['reports'],
        summary:
          'SNAP-R-ready data pack: the BIS-748P blocks the ledger can fill, with sources and what is missing',
        params: IdParams,
        response: {
          200: open({
            form: z.string(),
            requestId: z.string(),
            fields: z.array(
              open({
                block: z.string(),
                field: z.string(),
                value: z.union([z.string(), z.number(), z.null()]),
                source: z.string(),
              }),
            ),
            items: z.array(SnaprItemSchema),
            mustSupply: z.array(open({ block: z.string(), field: z.string(), why: z.string() })),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => snaprPack(ctx, principalOf(request), request.params.id),
  );

  for (const list of EXPORTS) {
    app.get(
      `/exports/${list}.csv`,
      {
        schema: {
          tags: ['reports'],
          summary: `${list[0]!.toUpperCase()}${list.slice(1)} as CSV (the rows the caller may list)`,
          description:
            'RFC 4180; text a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.',
          produces: ['text/csv'],
          response: { 200: z.string(), ...errors(401, 403) },
        },
      },
      async (request, reply) => {
        const { header, rows } = await exportRows(ctx, list, principalOf(request));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${list}.csv"`)
          .send(toCsv(header, rows));
      },
    );
  }

  app.get(
    '/allocations',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Per country under a framework: tier or group, cap in TPP, TPP shipped and licensed (any role)',
        querystring: AllocationQuery,
        response: { 200: AllocationResponse, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { framework } = request.query;
      ctx.registry.require(framework);
      const asOf = parseIsoDate(request.query.asOf ?? ctx.now().toISOString().slice(0, 10), ['asOf']);
      return allocations(ctx, framework, asOf);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIsoDate } from '../../domain/dates.js';
import { InputError } from '../../domain/errors.js';
import { JOB_KINDS, type JobRegistry } from '../../jobs/registry.js';
import { LedgerError } from '../../ledger/errors.js';
import type { Ledger } from '../../ledger/ledger.js';
import { comparePortfolio, type PortfolioComparison, withBaseline } from '../../portfolio/compare.js';
import { PORTFOLIO_TEMPLATE, parsePortfolioCsv } from '../../portfolio/csv.js';
import { toCsv } from '../../reports/csv.js';
import { principalOf } from '../auth.js';
import { JsonValue } from '../record-schemas.js';
import { errors, IdParams, open } from '../schemas.js';

export const JobSchema = open({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(['running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), phase: z.string() }),
  result: JsonValue.describe(
    'when done: a portfolio comparison, or a list import (POST /v1/lists); null while running',
  ),
  error: z
    .object({ code: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])) })
    .nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
}).describe('A long operation, polled with GET /v1/jobs/:id');

const ComparisonBody = z.strictObject({
  csv: z.string().min(1, 'must not be empty').describe('the portfolio CSV (GET /v1/portfolios/template.csv)'),
  frameworks: z
    .array(z.string().min(1))
    .min(1, 'name at least one framework, or leave it out for all')
    .optional()
    .describe(
      'the what-ifs to compare; us-ear-enforced (the enforced law) is always the first column, the baseline',
    ),
  asOf: z.iso
    .date('must be a real date, YYYY-MM-DD')
    .optional()
    .describe('date of rows without one; default today'),
});

const TEXT_CSV = 'text/csv; charset=utf-8';

/** The comparison as CSV: one line per portfolio row and framework. */
export function comparisonCsv(result: PortfolioComparison): string {
  const rows = result.rows.flatMap((row) =>
    result.frameworks.map((f) => {
      const o = row.byFramework[f]!;
      return [
        row.line,
        row.destination,
        row.chip,
        row.quantity,
        row.endUser,
        f,
        o.outcome,
        o.licenseRequired,
        o.authorization,
        o.policy,
        o.h100e,
        o.conditions.join('; '),
        o.changedFromBaseline,
      ];
    }),
  );
  return toCsv(
    [
      'line',
      'destination',
      'chip',
      'quantity',
      'end_user',
      'framework',
      'outcome',
      'license_required',
      'authorization',
      'license_policy',
      'h100e',
      'conditions',
      'changed_from_enforced_law',
    ],
    rows,
  );
}

/** Portfolio comparisons and the jobs they (and list imports) run as. */
export const jobRoutes: FastifyPluginAsyncZod<{ ledger: Ledger; jobs: JobRegistry }> = async (
  app,
  { ledger, jobs },
) => {
  const { ctx } = ledger;
  // A comparison is pure and its input kept: a process that finds it orphaned runs it again.
  jobs.resumable('portfolio-comparison', (input, report) => {
    const { csv, asOf, frameworks } = input as { csv: string; asOf: string; frameworks: string[] };
    return comparePortfolio(ctx, parsePortfolioCsv(csv, parseIsoDate(asOf, ['asOf'])), frameworks, report);
  });

  app.get(
    '/portfolios/template.csv',
    {
      schema: {
        tags: ['portfolios'],
        summary: 'The portfolio CSV format: a header row and example lines (docs/portfolio.md)',
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors(401) },
      },
    },
    async (_request, reply) =>
      reply
        .type(TEXT_CSV)
        .header('content-disposition', 'attachment; filename="portfolio-template.csv"')
        .send(`${PORTFOLIO_TEMPLATE}\r\n`),
  );

  app.post(
    '/portfolios/comparisons',
    {
      bodyLimit: 16 * 1024 * 1024,
      config: { longText: { csv: 16 * 1024 * 1024 } },
      schema: {
        tags: ['portfolios'],
        summary: 'Compare a portfolio of planned exports under each framework (a job; any role)',
        description:
          'The CSV is checked at once (400 naming the line and column of every bad row); the ' +
          'determinations run as a job: poll GET /v1/jobs/:id, then GET /v1/jobs/:id/result.csv.',
        body: ComparisonBody,
        response: { 202: JobSchema, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const asked = request.body.frameworks ?? ctx.registry.ids();
      const unknown = ctx.registry.unknownIn(asked);
      if (unknown.length > 0) throw new InputError(unknown);
      // The enforced law is always the baseline column (src/portfolio/compare.ts).
      const ids = withBaseline(asked);
      const asOf = parseIsoDate(request.body.asOf ?? ctx.now().toISOString().slice(0, 10), ['asOf']);
      const rows = parsePortfolioCsv(request.body.csv, asOf);
      const job = await jobs.start(
        'portfolio-comparison',
        principal,
        rows.length * ids.length,
        (report) => comparePortfolio(ctx, rows, ids, report),
        { csv: request.body.csv, asOf, frameworks: ids },
      );
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: "A job's status, progress and result (own organization's; the regulator sees all)",
        description:
          'Jobs are kept in the store: any process of the service answers for any job, and a job ' +
          'outlives a restart (a portfolio comparison runs again; an interrupted list import is ' +
          'failed with the code `interrupted`).',
        params: IdParams,
        response: { 200: JobSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => await jobs.get(principalOf(request), request.params.id),
  );

  app.get(
    '/jobs/:id/result.csv',
    {
      schema: {
        tags: ['jobs'],
        summary: 'A finished portfolio comparison as CSV (one line per row and framework)',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      const job = await jobs.get(principalOf(request), request.params.id);
      if (job.kind !== 'portfolio-comparison') {
        throw new LedgerError(
          'invalid_state',
          `job ${job.id} is a ${job.kind}; only a portfolio comparison has a CSV`,
        );
      }
      if (job.status !== 'done') {
        throw new LedgerError(
          'invalid_state',
          `job ${job.id} is ${job.status}; its CSV is ready when it is done`,
        );
      }
      return reply
        .type(TEXT_CSV)
        .header('content-disposition', `attachment; filename="${job.id}.csv"`)
        .send(comparisonCsv(job.result as PortfolioComparison));
    },
  );
};

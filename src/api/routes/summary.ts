import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ledger } from '../../ledger/ledger.js';
import { ALERT_KINDS } from '../../ledger/monitoring/index.js';
import { REQUEST_STATUSES } from '../../ledger/requests/index.js';
import { summary } from '../../ledger/summary.js';
import { principalOf } from '../auth.js';
import { LicenseStatus, vocabulary } from '../record-schemas.js';
import { errors } from '../schemas.js';

const count = z.number().int().nonnegative();
const byKey = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<T[number], typeof count>);

export const SummaryResponse = z
  .object({
    role: vocabulary(['exporter', 'regulator', 'host-government', 'auditor']),
    asOf: z.string().describe('the date the figures are for (YYYY-MM-DD)'),
    nearShare: z.number().describe('the share of a limit or cap from which it counts as near (0–1)'),
    requests: z
      .object({ byStatus: byKey(REQUEST_STATUSES), total: count })
      .nullable()
      .describe('requests the caller may list, by status (exporter: its own; regulator and auditor: all)'),
    licensesNearExhaustion: z
      .array(
        z.object({
          id: z.string(),
          framework: z.string(),
          status: LicenseStatus,
          usedChips: count,
          limitChips: count,
          usedTpp: z.number(),
          limitTpp: z.number(),
          share: z.number().describe('the larger of chips and TPP used over the limit (0–1)'),
        }),
      )
      .describe('active or exhausted licenses at or above `nearShare` of their chips or TPP, nearest first'),
    devices: z
      .object({
        total: count.describe('active devices the caller may see'),
        withOpenAlerts: z.array(
          z.object({
            id: z.string(),
            model: z.string(),
            licenseId: z.string(),
            installationId: z.string(),
            openAlerts: count,
          }),
        ),
      })
      .nullable(),
    openAlerts: z.object({ total: count, byKind: byKey(ALERT_KINDS) }).nullable(),
    allocations: z
      .array(
        z.object({
          framework: z.string(),
          country: z.string(),
          name: z.string(),
          tier: z.union([z.number(), z.string()]).nullable(),
          capTpp: z.number(),
          usedTpp: z.number(),
          licensedTpp: z.number(),
          share: z.number().describe('the larger of TPP shipped and TPP licensed over the cap'),
          near: z.boolean(),
        }),
      )
      .describe(
        'regulator: the country allocations nearest their caps; host government: its country under each framework with a cap',
      ),
    agreements: z
      .array(
        z.object({
          id: z.string(),
          framework: z.string(),
          committedUsd: z.number(),
          disbursedUsd: z.number(),
        }),
      )
      .nullable()
      .describe(
        'host government: its agreements in force (one per framework) and the U.S. investment each commits',
      ),
    auditLog: z.object({ size: count }).nullable().describe('auditor: entries in the audit log'),
  })
  .describe("A role's home page in figures; sections the role has no use for are null or empty");

/** GET /v1/summary: the figures of the caller's home page. */
export const summaryRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  app.get(
    '/summary',
    {
      schema: {
        tags: ['session'],
        summary: "The figures for the caller's home page: what needs attention now, scoped to its role",
        description:
          'Exporter: requests on hold and awaiting a decision, licenses near exhaustion, devices with open ' +
          'alerts. Regulator: the queue, open alerts by kind, allocations nearest their caps. Host ' +
          "government: its country's allocations, agreements, devices and alerts. Auditor: the audit " +
          'log, requests, licenses near exhaustion, open alerts. Each figure is read through the same ' +
          'access rules as the list it summarizes.',
        response: { 200: SummaryResponse, ...errors(401) },
      },
    },
    async (request) => summary(ledger.ctx, principalOf(request)),
  );
};

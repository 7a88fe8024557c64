import { sql } from 'kysely';
import { allocations } from '../reports/allocations.js';
import { visibleOrganization } from './access.js';
import type { LedgerContext } from './context.js';
import { listAgreements, listLicenses } from './licensing/index.js';
import { ALERT_KINDS, listAlerts, listDevices } from './monitoring/index.js';
import type { Principal } from './principal.js';
import { REQUEST_STATUSES } from './requests/index.js';

/**
 * A role's home page in figures (GET /v1/summary): what needs attention now, each figure read
 * through the same role-scoped functions as the lists it links to, so a summary never shows
 * what its reader could not list.
 *
 * - exporter: its requests by status (on hold, awaiting a decision), its licenses near
 *   exhaustion, its devices with open alerts;
 * - regulator: the queue (on hold, awaiting a decision), open alerts by kind, country
 *   allocations nearest their caps, licenses near exhaustion;
 * - host government: its country's allocation under each framework, its agreements, the
 *   devices and open alerts in its country;
 * - auditor: the audit log's size, requests by status, licenses near exhaustion, open alerts.
 */

/**
 * "Near": at least this share of a license's chips or TPP, or of a country's cap, is used. A
 * dashboard threshold for attention, not a legal one (no rule turns on it).
 */
export const NEAR_SHARE = 0.8;
/** How many allocations the regulator's home lists (nearest their cap first). */
const ALLOCATIONS_SHOWN = 5;

type AlertKind = (typeof ALERT_KINDS)[number];

export interface Summary {
  role: Principal['role'];
  asOf: string;
  nearShare: number;
  requests: { byStatus: Record<(typeof REQUEST_STATUSES)[number], number>; total: number } | null;
  licensesNearExhaustion: {
    id: string;
    framework: string;
    status: string;
    usedChips: number;
    limitChips: number;
    usedTpp: number;
    limitTpp: number;
    share: number;
  }[];
  devices: {
    total: number;
    withOpenAlerts: {
      id: string;
      model: string;
      licenseId: string;
      installationId: string;
      openAlerts: number;
    }[];
  } | null;
  openAlerts: { total: number; byKind: Record<AlertKind, number> } | null;
  allocations: {
    framework: string;
    country: string;
    name: string;
    tier: number | string | null;
    capTpp: number;
    usedTpp: number;
    licensedTpp: number;
    share: number;
    near: boolean;
  }[];
  /** One per agreement in force: each framework has its own, often on the same commitment. */
  agreements: { id: string; framework: string; committedUsd: number; disbursedUsd: number }[] | null;
  auditLog: { size: number } | null;
}

const share = (used: number, limit: number) => (limit > 0 ? used / limit : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function requestCounts(ctx: LedgerContext, principal: Principal): Promise<Summary['requests']> {
  let query = ctx.db
    .selectFrom('requests')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status');
  const organizationId = visibleOrganization(principal, 'request.read');
  if (organizationId !== null) query = query.where('organization_id', '=', organizationId);
  const byStatus = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<
    (typeof REQUEST_STATUSES)[number],
    number
  >;
  for (const row of await query.execute()) byStatus[row.status] = Number(row.n);
  return { byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
}

async function licensesNear(
  ctx: LedgerContext,
  principal: Principal,
): Promise<Summary['licensesNearExhaustion']> {
  return (await listLicenses(ctx, principal))
    .filter((l) => l.status === 'active' || l.status === 'exhausted')
    .map((l) => ({
      id: l.id,
      framework: l.framework,
      status: l.status,
      usedChips: l.used.chips,
      limitChips: l.limits.chips,
      usedTpp: l.used.tpp,
      limitTpp: l.limits.tpp,
      share: round3(Math.max(share(l.used.chips, l.limits.chips), share(l.used.tpp, l.limits.tpp))),
    }))
    .filter((l) => l.share >= NEAR_SHARE)
    .sort((a, b) => b.share - a.share);
}

async function openAlerts(ctx: LedgerContext, principal: Principal): Promise<Summary['openAlerts']> {
  const alerts = await listAlerts(ctx, principal, { status: 'open' });
  const byKind = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
  for (const alert of alerts) byKind[alert.kind] += 1;
  return { total: alerts.length, byKind };
}

async function devices(ctx: LedgerContext, principal: Principal): Promise<Summary['devices']> {
  const list = (await listDevices(ctx, principal, { status: 'active' })) as {
    id: string;
    model: string;
    licenseId: string;
    installationId: string;
    monitoring: { openAlerts: number };
  }[];
  return {
    total: list.length,
    withOpenAlerts: list
      .filter((d) => d.monitoring.openAlerts > 0)
      .map((d) => ({
        id: d.id,
        model: d.model,
        licenseId: d.licenseId,
        installationId: d.installationId,
        openAlerts: d.monitoring.openAlerts,
      }))
      .sort((a, b) => b.openAlerts - a.openAlerts),
  };
}

/** Country allocations with a cap, under every framework that sets caps, as of `asOf`. */
async function cappedAllocations(ctx: LedgerContext, asOf: string, country?: string) {
  const out: Summary['allocations'] = [];
  for (const framework of ctx.registry.ids()) {
    const { countries } = await allocations(ctx, framework, asOf);
    for (const c of countries) {
      if (c.capTpp === null || c.capTpp <= 0) continue;
      if (country !== undefined && c.country !== country) continue;
      const s = round3(share(Math.max(c.usedTpp, c.licensedTpp), c.capTpp));
      out.push({
        framework,
        country: c.country,
        name: c.name,
        tier: c.tier,
        capTpp: c.capTpp,
        usedTpp: c.usedTpp,
        licensedTpp: c.licensedTpp,
        share: s,
        near: s >= NEAR_SHARE,
      });
    }
  }
  return out.sort((a, b) => b.share - a.share);
}

export async function summary(ctx: LedgerContext, principal: Principal): Promise<Summary> {
  const asOf = ctx.now().toISOString().slice(0, 10);
  const base: Summary = {
    role: principal.role,
    asOf,
    nearShare: NEAR_SHARE,
    requests: null,
    licensesNearExhaustion: [],
    devices: null,
    openAlerts: null,
    allocations: [],
    agreements: null,
    auditLog: null,
  };
  switch (principal.role) {
    case 'exporter':
      return {
        ...base,
        requests: await requestCounts(ctx, principal),
        licensesNearExhaustion: await licensesNear(ctx, principal),
        devices: await devices(ctx, principal),
        openAlerts: await openAlerts(ctx, principal),
      };
    case 'regulator': {
      const capped = await cappedAllocations(ctx, asOf);
      return {
        ...base,
        requests: await requestCounts(ctx, principal),
        licensesNearExhaustion: await licensesNear(ctx, principal),
        openAlerts: await openAlerts(ctx, principal),
        allocations: capped.filter((a) => a.share > 0).slice(0, ALLOCATIONS_SHOWN),
      };
    }
    case 'host-government': {
      const agreements = (await listAgreements(ctx, principal)).filter((a) => a.status === 'active');
      return {
        ...base,
        // Its own country only (a host government without a country has none).
        allocations: principal.country ? await cappedAllocations(ctx, asOf, principal.country) : [],
        agreements: agreements.map((a) => ({
          id: a.id,
          framework: a.framework,
          committedUsd: a.usInvestment.committedUsd,
          disbursedUsd: a.usInvestment.disbursedUsd,
        })),
        devices: await devices(ctx, principal),
        openAlerts: await openAlerts(ctx, principal),
      };
    }
    case 'auditor':
      return {
        ...base,
        auditLog: { size: (await ctx.audit.head()).size },
        requests: await requestCounts(ctx, principal),
        licensesNearExhaustion: await licensesNear(ctx, principal),
        openAlerts: await openAlerts(ctx, principal),
      };
  }
}

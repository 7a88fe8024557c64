import { parseIsoDate } from '../../domain/dates.js';
import type { Determination } from '../../rules/determination.js';
import { authorize, authorizeObject, noSuch, visibleOrganization } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import { legalBasis } from '../licensing-settings.js';
import { MAX_PAGE, type PageInput, pageRequest, readPage } from '../pagination.js';
import type { Principal } from '../principal.js';
import { issueAuthorization, type LicenseLine, licenseLines } from './authorizations.js';

export interface DecisionInput {
  decision: 'approve' | 'deny';
  conditions?: string[];
  note?: string;
  validUntil?: string;
  /** The largest linked component of chips the license allows (default: its chips). */
  clusterLimit?: number;
  /** Whether scale-out links (InfiniBand, RoCE) count toward a cluster (default true: omission is the danger). */
  clusterCountsScaleOut?: boolean;
}

/**
 * BIS licenses are generally valid for four years (15 CFR 750.7(g)); the regulator may set
 * another date with the decision.
 */
const DEFAULT_VALIDITY_YEARS = 4;

export async function decideRequest(
  ctx: LedgerContext,
  principal: Principal,
  requestId: string,
  input: DecisionInput,
) {
  authorize(principal, 'license.decide');
  if (input.decision !== 'approve' && input.decision !== 'deny') {
    throw new LedgerError('bad_request', 'decision must be "approve" or "deny"', ['decision']);
  }
  const validUntil = input.validUntil ? parseIsoDate(input.validUntil, ['validUntil']) : null;
  if (
    input.clusterLimit !== undefined &&
    !(Number.isInteger(input.clusterLimit) && input.clusterLimit > 0 && input.clusterLimit < 2 ** 31)
  ) {
    throw new LedgerError('bad_request', 'must be a positive whole number of chips', ['clusterLimit']);
  }
  if (input.clusterCountsScaleOut !== undefined && typeof input.clusterCountsScaleOut !== 'boolean') {
    throw new LedgerError('bad_request', 'must be true or false', ['clusterCountsScaleOut']);
  }
  return inTransaction(ctx, principal, async (tx, record) => {
    const row = await tx
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new LedgerError('not_found', `no request "${requestId}"`, ['id']);
    if (row.kind === 'analysis' && input.decision === 'approve') {
      throw new LedgerError(
        'invalid_state',
        `request ${requestId} is an analysis, not an application (another date, or a framework not licensed here): nothing can be authorized on it`,
        ['id'],
      );
    }
    if (row.status !== 'determined') {
      throw new LedgerError(
        'invalid_state',
        `request ${requestId} is ${row.status}; only a determined request can be decided`,
      );
    }
    if (row.outcome !== 'license-required') {
      throw new LedgerError(
        'invalid_state',
        `request ${requestId} needs no license (${row.outcome}); there is nothing to decide`,
      );
    }
    const det = row.determination as Determination & { asOf: string };
    const decision = {
      decision: input.decision,
      conditions: input.conditions ?? [],
      note: input.note ?? '',
      by: principal.organizationId,
      at: ctx.now().toISOString(),
    };
    const status = input.decision === 'approve' ? ('approved' as const) : ('denied' as const);
    await tx
      .updateTable('requests')
      .set({ status, decision: JSON.stringify(decision), updated_at: ctx.now() })
      .where('id', '=', requestId)
      .execute();
    await record('request.decided', 'request', requestId, { status: row.status }, { status, ...decision });
    if (status === 'denied') return { id: requestId, status, licenseId: null };
    const asOf = new Date(`${det.asOf}T00:00:00Z`);
    asOf.setUTCFullYear(asOf.getUTCFullYear() + DEFAULT_VALIDITY_YEARS);
    const licenseId = await issueAuthorization(tx, record, {
      requestId,
      organizationId: row.organization_id,
      framework: row.framework,
      kind: 'license',
      authorization: null,
      lines: licenseLines(det, 'license-required'),
      conditions: { requirements: det.requirements, imposed: decision.conditions, note: decision.note },
      validUntil: validUntil ?? asOf.toISOString().slice(0, 10),
      clusterLimit: input.clusterLimit,
      clusterCountsScaleOut: input.clusterCountsScaleOut,
    });
    return { id: requestId, status, licenseId };
  });
}

export function licenseJson(row: {
  id: string;
  request_id: string;
  organization_id: string;
  framework: string;
  kind: string;
  authorization: string | null;
  status: string;
  limit_chips: number;
  limit_tpp: number;
  used_chips: number;
  used_tpp: number;
  lines: unknown;
  conditions: unknown;
  valid_until: string | Date | null;
  cluster_limit?: number | null;
  cluster_counts_scale_out?: boolean;
}) {
  return {
    id: row.id,
    requestId: row.request_id,
    organizationId: row.organization_id,
    framework: row.framework,
    /** Whether the licence rests on the law as enforced or on a simulated framework. */
    basis: legalBasis(row.framework),
    kind: row.kind,
    authorization: row.authorization,
    status: row.status,
    limits: { chips: row.limit_chips, tpp: row.limit_tpp },
    used: { chips: row.used_chips, tpp: row.used_tpp },
    lines: row.lines as LicenseLine[],
    conditions: row.conditions,
    validUntil: row.valid_until ? new Date(row.valid_until).toISOString().slice(0, 10) : null,
    cluster: {
      limit: row.cluster_limit ?? Math.max(1, row.limit_chips),
      countsScaleOut: row.cluster_counts_scale_out ?? true,
    },
  };
}

export async function getLicense(ctx: LedgerContext, principal: Principal, id: string) {
  const row = await ctx.db.selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirst();
  authorizeObject(principal, 'license.read', row, noSuch('license', id));
  return licenseJson(row);
}

/** Licenses and exception authorizations, newest first, a page at a time (regulator: all). */
export async function pageLicenses(ctx: LedgerContext, principal: Principal, input: PageInput = {}) {
  const organizationId = visibleOrganization(principal, 'license.read');
  const page = pageRequest('licenses', {}, input);
  let base = ctx.db.selectFrom('licenses');
  if (organizationId !== null) base = base.where('organization_id', '=', organizationId);
  const { rows: kept, nextCursor, total } = await readPage<'licenses'>(page, base);
  return { licenses: kept.map(licenseJson), nextCursor, total };
}

/** The first page of licenses (up to the largest page). */
export async function listLicenses(ctx: LedgerContext, principal: Principal) {
  return (await pageLicenses(ctx, principal, { limit: MAX_PAGE })).licenses;
}

export async function setLicenseStatus(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  status: 'active' | 'suspended' | 'revoked',
  note = '',
) {
  authorize(principal, 'license.set-status');
  return inTransaction(ctx, principal, async (tx, record) => {
    const row = await tx
      .selectFrom('licenses')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new LedgerError('not_found', `no license "${id}"`, ['id']);
    if (row.status === 'revoked') throw new LedgerError('invalid_state', `license ${id} is revoked`);
    await tx.updateTable('licenses').set({ status }).where('id', '=', id).execute();
    await record('license.status', 'license', id, { status: row.status }, { status, note });
    return { id, status };
  });
}

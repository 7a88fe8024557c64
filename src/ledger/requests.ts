import { InputError } from '../domain/errors.js';
import { type ExportRequest, parseExportRequest } from '../domain/request.js';
import { under } from '../domain/zod-issues.js';
import { DEFAULT_FRAMEWORK } from '../frameworks/registry.js';
import type { Determination } from '../rules/determination.js';
import { determine } from '../rules/determine.js';
import { lppPool } from '../rules/places.js';
import { toDeterminationJson } from '../rules/render.js';
import type { Db, Tx } from '../store/store.js';
import { authorize, authorizeObject, noSuch, visibleOrganization } from './access.js';
import { inTransaction, type LedgerContext } from './context.js';
import { LedgerError } from './errors.js';
import { newId } from './ids.js';
import { applicationStanding } from './licensing.js';
import { MAX_PAGE, type PageInput, pageRequest, readPage } from './pagination.js';
import type { Principal } from './principal.js';
import { recordScreenings, requestParties, screenParties } from './screening.js';

export const REQUEST_STATUSES = ['submitted', 'determined', 'approved', 'denied', 'held'] as const;

export interface SubmitInput {
  /** Default: us-ear-enforced, the export controls as BIS enforces them. */
  framework?: string;
  request: unknown;
  installationId?: string;
}

/** One line of a license or exception authorization: what may ship and what it draws. */
export interface LicenseLine {
  index: number;
  label: string;
  chips: number;
  tppPerChip: number;
  shippedChips: number;
  pools: { pool: string; limit: number; kind: string }[];
}

const poolKind = (pool: string) => pool.split(':')[0] ?? 'pool';

/** Chips already at an installation: its baseline plus everything shipped to it. */
async function chipsAtInstallation(db: Db | Tx, installationId: string): Promise<number> {
  const inst = await db
    .selectFrom('installations')
    .select('baseline_chips')
    .where('id', '=', installationId)
    .executeTakeFirst();
  const shipped = await db
    .selectFrom('shipments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('chips'), eb.lit(0)).as('n'))
    .where('installation_id', '=', installationId)
    .executeTakeFirstOrThrow();
  return (inst?.baseline_chips ?? 0) + Number(shipped.n);
}

async function poolUsed(db: Db | Tx, framework: string, pool: string): Promise<number> {
  const row = await db
    .selectFrom('quota_pools')
    .select('used_tpp')
    .where('framework', '=', framework)
    .where('pool', '=', pool)
    .executeTakeFirst();
  return row?.used_tpp ?? 0;
}

/**
 * The request as the ledger knows it: prior usage (`history`) from the quota pools, and the
 * government assurances from the agreements on record — a requester cannot claim an
 * agreement the ledger does not hold. The exporter's own commitments (monitoring,
 * anti-clustering software) stay as the request states them.
 */
export async function withLedgerFacts(
  db: Db | Tx,
  framework: string,
  request: ExportRequest,
): Promise<ExportRequest> {
  const year = request.date.slice(0, 4);
  const [consignee, country, agreementUsed] = await Promise.all([
    poolUsed(db, framework, lppPool(request, Number(year))),
    poolUsed(db, framework, `country-allocation:${request.destination}`),
    poolUsed(db, framework, `agreement:${request.destination}`),
  ]);
  const agreement = await db
    .selectFrom('agreements')
    .selectAll()
    .where('country', '=', request.destination)
    .where('framework', '=', framework)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return {
    ...request,
    history: {
      consigneeTppThisYear: consignee,
      countryAllocationUsedTpp: country,
      agreementUsedTpp: agreementUsed,
    },
    assurances: {
      ...request.assurances,
      g2gAgreement: Boolean(agreement),
      g2gAssurances: agreement?.g2g_assurances ?? false,
      siteVisitsAccepted: agreement?.site_visits_accepted ?? false,
      securityGuarantee: agreement?.security_guarantee ?? false,
      usInvestmentUsd: agreement?.us_investment_committed_usd ?? 0,
      g2gAgreementCapTpp: agreement?.cap_tpp ?? null,
    },
  };
}

export function licenseLines(
  det: Determination,
  outcome: 'license-exception' | 'license-required',
): LicenseLine[] {
  return det.items
    .filter(
      (item) => item.kind === 'chip' && item.classification?.class === 'advanced' && item.outcome === outcome,
    )
    .map((item) => ({
      index: item.index,
      label: item.label,
      chips: item.quantity,
      tppPerChip: item.classification!.tpp,
      shippedChips: 0,
      pools: item.quota.map((q) => ({ pool: q.pool, limit: q.limit, kind: poolKind(q.pool) })),
    }));
}

export async function submitRequest(ctx: LedgerContext, principal: Principal, input: SubmitInput) {
  authorize(principal, 'request.submit');
  // The framework first: an unknown one is the error, whatever else is wrong; none named is the
  // enforced law (us-ear-enforced).
  const framework = ctx.registry.require(input.framework ?? DEFAULT_FRAMEWORK);
  const parsed: ExportRequest = under(['request'], () => parseExportRequest(input.request));
  const id = newId('req');
  const standing = applicationStanding(ctx.licensing, framework.id, parsed.date, ctx.now());
  return inTransaction(ctx, principal, async (tx, record) => {
    let request = parsed;
    if (input.installationId) {
      const inst = await tx
        .selectFrom('installations')
        .selectAll()
        .where('id', '=', input.installationId)
        .executeTakeFirst();
      authorizeObject(principal, 'installation.use', inst, {
        message: `no installation "${input.installationId}" of your organization`,
        path: ['installationId'],
      });
      request = {
        ...request,
        installation: { id: inst.id, existingChips: await chipsAtInstallation(tx, inst.id) },
      };
    }
    request = await withLedgerFacts(tx, framework.id, request);
    // Screening first: confirmed Entity List matches are inputs to the determination.
    const screening = await screenParties(ctx, tx, principal.organizationId, id, request);
    request = { ...request, screening: { entityList: screening.entityList } };
    let det: Determination;
    try {
      det = determine(framework, request);
    } catch (error) {
      if (error instanceof InputError) {
        throw new InputError(error.issues.map((i) => ({ ...i, path: ['request', ...i.path] })));
      }
      throw error;
    }
    const determination = toDeterminationJson(det);
    const status = screening.blocking > 0 ? ('held' as const) : ('determined' as const);
    await tx
      .insertInto('requests')
      .values({
        id,
        organization_id: principal.organizationId,
        reference: request.id ?? null,
        framework: framework.id,
        framework_revision: framework.revision,
        status,
        installation_id: input.installationId ?? null,
        kind: standing.kind,
        input: JSON.stringify(input.request),
        normalized: JSON.stringify(request),
        determination: JSON.stringify(determination),
        outcome: det.outcome,
        screening: JSON.stringify(screening),
      })
      .execute();
    await recordScreenings(tx, principal.organizationId, id, screening);
    // The end user and every other party, as screened.
    for (const party of requestParties(request)) {
      await tx
        .insertInto('parties')
        .values({
          id: newId('pty'),
          organization_id: principal.organizationId,
          request_id: id,
          role: party.role,
          name: party.name,
          country: party.country,
        })
        .execute();
    }
    await record('request.submitted', 'request', id, null, {
      kind: standing.kind,
      framework: framework.id,
      revision: framework.revision,
      status,
      outcome: det.outcome,
      authorization: det.authorization,
      licensePolicy: det.licensePolicy,
      screening: {
        listVersion: screening.listVersion,
        blocking: screening.blocking,
        entityList: screening.entityList.length,
      },
    });
    // An analysis (another date, or a framework this deployment does not license under) is
    // determined and kept, never authorized.
    const licenseId =
      status === 'held' || standing.kind === 'analysis'
        ? null
        : await authorizeException(tx, record, principal.organizationId, id, request, det);
    return {
      id,
      status,
      kind: standing.kind,
      analysisReason: standing.reason,
      determination,
      licenseId,
      screening,
    };
  });
}

/**
 * A determination that is a license exception needs no decision: the exception is recorded as
 * an authorization that shipments draw down, and LPP files its notification.
 */
export async function authorizeException(
  tx: Tx,
  record: (action: string, entity: string, id: string, before: unknown, after: unknown) => Promise<void>,
  organizationId: string,
  id: string,
  request: ExportRequest,
  det: Determination,
): Promise<string | null> {
  let licenseId: string | null = null;
  if (det.outcome === 'license-exception') {
    licenseId = await issueAuthorization(tx, record, {
      requestId: id,
      organizationId,
      framework: det.framework,
      kind: 'exception',
      authorization: det.authorization,
      lines: licenseLines(det, 'license-exception'),
      conditions: det.requirements,
      validUntil: null,
    });
    if (det.authorization === 'LPP') {
      const notificationId = newId('ntf');
      const body = {
        requestId: id,
        consignee: request.endUser.name,
        destination: request.destination,
        quota: det.quota,
      };
      await tx
        .insertInto('notifications')
        .values({
          id: notificationId,
          request_id: id,
          organization_id: organizationId,
          kind: 'lpp',
          body: JSON.stringify(body),
        })
        .execute();
      await record('notification.filed', 'notification', notificationId, null, body);
    }
  }
  return licenseId;
}

export interface AuthorizationInput {
  requestId: string;
  organizationId: string;
  framework: string;
  kind: 'license' | 'exception';
  authorization: string | null;
  lines: LicenseLine[];
  conditions: unknown;
  validUntil: string | null;
  /** The largest linked component the license allows; default its chips (clusterLimitFor). */
  clusterLimit?: number | undefined;
  /**
   * Whether InfiniBand / RoCE links count toward the cluster ("a license must say whether
   * scale-out links count": ../shared/research/chip-monitoring.md, "Anti-clustering"); by default
   * they do, because the dangerous failure is a link left out.
   */
  clusterCountsScaleOut?: boolean | undefined;
}

/**
 * The licensed cluster limit (issue 5 item 1). Under the SMALL-INSTALLATION exemption it is the
 * installation's licensed chips: the exemption exists for installations "of less than 1,000 chips"
 * that run anti-clustering software (seeds 000_af86b0d64553dd15.txt, 001_d7314c7397f87934.txt), so
 * linking them into anything larger defeats it and no larger limit may be set. Otherwise the
 * license states it (set with the regulator's approval); when it does not, the license's own chips,
 * the strictest reading that still lets the licensed chips run together.
 */
export function clusterLimitFor(
  authorization: string | null,
  licensedChips: number,
  stated?: number,
): number {
  const chips = Math.max(1, licensedChips);
  if (authorization === 'SMALL-INSTALLATION') return chips;
  return stated ?? chips;
}

export async function issueAuthorization(
  tx: Tx,
  record: (action: string, entity: string, id: string, before: unknown, after: unknown) => Promise<void>,
  input: AuthorizationInput,
): Promise<string> {
  const id = newId(input.kind === 'license' ? 'lic' : 'auth');
  const limitChips = input.lines.reduce((sum, l) => sum + l.chips, 0);
  const limitTpp = input.lines.reduce((sum, l) => sum + l.chips * l.tppPerChip, 0);
  const row = {
    id,
    request_id: input.requestId,
    organization_id: input.organizationId,
    framework: input.framework,
    kind: input.kind,
    authorization: input.authorization,
    status: 'active' as const,
    limit_chips: limitChips,
    limit_tpp: limitTpp,
    cluster_limit: clusterLimitFor(input.authorization, limitChips, input.clusterLimit),
    cluster_counts_scale_out: input.clusterCountsScaleOut ?? true,
    lines: JSON.stringify(input.lines),
    conditions: JSON.stringify(input.conditions),
    valid_until: input.validUntil,
  };
  await tx.insertInto('licenses').values(row).execute();
  await record(input.kind === 'license' ? 'license.issued' : 'exception.recorded', 'license', id, null, {
    ...row,
    lines: input.lines,
    conditions: input.conditions,
  });
  return id;
}

export function requestJson(row: {
  id: string;
  organization_id: string;
  reference: string | null;
  framework: string;
  framework_revision: string;
  status: string;
  installation_id: string | null;
  determination: unknown;
  decision: unknown;
  created_at: Date;
  updated_at: Date;
  kind?: string;
}) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    reference: row.reference,
    kind: row.kind ?? 'application',
    framework: row.framework,
    frameworkRevision: row.framework_revision,
    status: row.status,
    installationId: row.installation_id,
    determination: row.determination,
    decision: row.decision,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Own organization's requests; the regulator sees every organization's. */
export async function getRequest(ctx: LedgerContext, principal: Principal, id: string) {
  const row = await ctx.db
    .selectFrom('requests')
    .innerJoin('organizations', 'organizations.id', 'requests.organization_id')
    .selectAll('requests')
    .select('organizations.name as organization_name')
    .where('requests.id', '=', id)
    .executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', id));
  // One request in full: who asked, and the request as it was determined (history and
  // assurances filled from the ledger); the lists leave both out.
  return { ...requestJson(row), organizationName: row.organization_name, request: row.normalized };
}

/** Own organization's requests, newest first, a page at a time; the regulator sees every organization's. */
export async function pageRequests(
  ctx: LedgerContext,
  principal: Principal,
  input: PageInput & { status?: string | undefined } = {},
) {
  const organizationId = visibleOrganization(principal, 'request.read');
  const { status } = input;
  if (status && !REQUEST_STATUSES.includes(status as (typeof REQUEST_STATUSES)[number])) {
    throw new LedgerError('bad_request', `status must be one of ${REQUEST_STATUSES.join(', ')}`, ['status']);
  }
  const page = pageRequest('requests', { status }, input);
  let base = ctx.db.selectFrom('requests');
  if (organizationId !== null) base = base.where('organization_id', '=', organizationId);
  if (status) base = base.where('status', '=', status as (typeof REQUEST_STATUSES)[number]);
  const { rows: kept, nextCursor, total } = await readPage<'requests'>(page, base);
  return { requests: kept.map(requestJson), nextCursor, total };
}

/** The first page of requests (up to the largest page). */
export async function listRequests(ctx: LedgerContext, principal: Principal, status?: string) {
  return (await pageRequests(ctx, principal, { status, limit: MAX_PAGE })).requests;
}

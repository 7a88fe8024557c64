import type { ExportRequest } from '../../domain/request.js';
import type { Determination } from '../../rules/determination.js';
import type { Tx } from '../../store/store.js';
import { newId } from '../ids.js';

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

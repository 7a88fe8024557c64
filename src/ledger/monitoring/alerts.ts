/**
 * Monitoring alerts (issue 5 item 5): raised by check-ins and by the sweep for silent devices, with
 * the lifecycle open → acknowledged → resolved (or open → resolved). One unresolved alert per kind
 * and subject (a device, or a cluster's component): a repeat adds its evidence to that alert.
 */
import { parseInput } from '../../monitoring/index.js';
import type { Db, Tx } from '../../store/store.js';
import { type Action, authorize, authorizeObject, noSuch, visibleRows } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import { newId } from '../ids.js';
import { type Principal, SYSTEM } from '../principal.js';
import { AcknowledgeBody, type AlertFilter, AlertListQuery, ResolveBody } from './schemas.js';
import { monitoringSettings } from './settings.js';
import { type AlertJson, alertJson } from './views.js';

export type AlertKind = 'location' | 'location-unverified' | 'cluster' | 'missing' | 'forged' | 'replayed';

export interface AlertSpec {
  readonly kind: AlertKind;
  /** A device id, or a cluster component's key. */
  readonly subject: string;
  readonly organizationId: string;
  readonly licenseId: string;
  readonly installationId: string | null;
  readonly deviceIds: readonly string[];
  readonly summary: string;
  readonly evidence: Record<string, unknown>;
}

type Record_ = (action: string, entity: string, id: string, before: unknown, after: unknown) => Promise<void>;

/** Repeats kept in an alert's evidence (the count goes on). */
const REPEATS_KEPT = 20;
/** Devices listed on one alert. */
const DEVICES_KEPT = 200;

/**
 * Opens an alert, or adds the evidence to the unresolved alert of the same kind and subject.
 * Returns the alert's id. Runs inside the caller's transaction; the caller holds the lock that
 * serializes raising for the subject (the device row, or the license row for clusters).
 */
export async function raiseAlert(tx: Tx, record: Record_, now: Date, spec: AlertSpec): Promise<string> {
  const open = await tx
    .selectFrom('alerts')
    .selectAll()
    .where('kind', '=', spec.kind)
    .where('subject', '=', spec.subject)
    .where('status', '<>', 'resolved')
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (open) {
    const evidence = open.evidence as { occurrences?: number; repeats?: unknown[] };
    const repeats = [...(evidence.repeats ?? []), { at: now.toISOString(), ...spec.evidence }].slice(
      -REPEATS_KEPT,
    );
    const occurrences = (evidence.occurrences ?? 1) + 1;
    const deviceIds = [...new Set([...(open.device_ids as string[]), ...spec.deviceIds])].slice(
      0,
      DEVICES_KEPT,
    );
    await tx
      .updateTable('alerts')
      .set({
        evidence: JSON.stringify({ ...evidence, occurrences, repeats }),
        device_ids: JSON.stringify(deviceIds),
        // The sentence describes the latest occurrence (a cluster's size, a device's last seen).
        summary: spec.summary,
        updated_at: now,
      })
      .where('id', '=', open.id)
      .execute();
    await record(
      'alert.evidence',
      'alert',
      open.id,
      { occurrences: occurrences - 1 },
      {
        occurrences,
        evidence: spec.evidence,
      },
    );
    return open.id;
  }
  const row = {
    id: newId('alr'),
    kind: spec.kind,
    status: 'open' as const,
    subject: spec.subject,
    organization_id: spec.organizationId,
    license_id: spec.licenseId,
    installation_id: spec.installationId,
    device_ids: JSON.stringify(spec.deviceIds.slice(0, DEVICES_KEPT)),
    summary: spec.summary,
    evidence: JSON.stringify({ ...spec.evidence, occurrences: 1, repeats: [] }),
    opened_at: now,
    updated_at: now,
  };
  await tx.insertInto('alerts').values(row).execute();
  await record('alert.opened', 'alert', row.id, null, { ...spec, id: row.id, status: 'open' });
  return row.id;
}

/**
 * Closes the unresolved alert of `kind` about `subject`, if any, as remediated: the condition it
 * reported has ended (a PASS closes `location-unverified`). Inside the caller's transaction, under
 * the subject's lock. Returns the alert's id, or null when none was open.
 */
export async function closeAlert(
  tx: Tx,
  record: Record_,
  now: Date,
  spec: { readonly kind: AlertKind; readonly subject: string; readonly note: string },
): Promise<string | null> {
  const open = await tx
    .selectFrom('alerts')
    .select(['id', 'status', 'note'])
    .where('kind', '=', spec.kind)
    .where('subject', '=', spec.subject)
    .where('status', '<>', 'resolved')
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!open) return null;
  const change = {
    status: 'resolved' as const,
    resolved_at: now,
    resolved_by: SYSTEM.organizationId,
    resolution: 'remediated' as const,
    note: open.note ? `${open.note}\nResolution: ${spec.note}` : spec.note,
    updated_at: now,
  };
  await tx.updateTable('alerts').set(change).where('id', '=', open.id).execute();
  await record('alert.status', 'alert', open.id, { status: open.status }, change);
  return open.id;
}

/**
 * Raises `missing` for every active device with no accepted check-in for two intervals (counted
 * from enrolment when it never checked in: docs/monitoring-protocol.md, MISSING). A device is
 * flagged once per silence: its next accepted check-in clears the flag. Returns the alert ids.
 */
export async function sweepMissing(ctx: LedgerContext, now: Date = ctx.now()): Promise<string[]> {
  const settings = await monitoringSettings(ctx.db);
  const cutoff = new Date(now.getTime() - 2 * settings.intervalMs);
  const silent = await ctx.db
    .selectFrom('devices')
    .select('id')
    .where('status', '=', 'active')
    .where('missing_since', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('last_seen_at', 'enrolled_at'), '<=', cutoff))
    .orderBy('id')
    .execute();
  const raised: string[] = [];
  for (const { id } of silent) {
    const alertId = await inTransaction(ctx, SYSTEM, async (tx, record) => {
      const device = await tx
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', id)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (device?.status !== 'active' || device.missing_since !== null) return null;
      const since = device.last_seen_at ?? device.enrolled_at;
      if (since.getTime() > cutoff.getTime()) return null;
      await tx.updateTable('devices').set({ missing_since: now }).where('id', '=', id).execute();
      await record('device.missing', 'device', id, { missingSince: null }, { missingSince: now });
      const hours = settings.intervalMs / 3_600_000;
      return raiseAlert(tx, record, now, {
        kind: 'missing',
        subject: id,
        organizationId: device.organization_id,
        licenseId: device.license_id,
        installationId: device.installation_id,
        deviceIds: [id],
        summary: device.last_seen_at
          ? `Device ${id} has not checked in since ${since.toISOString()}, more than two ${hours} h intervals.`
          : `Device ${id} has never checked in since its enrolment on ${since.toISOString()}, more than two ${hours} h intervals.`,
        evidence: {
          lastSeenAt: device.last_seen_at?.toISOString() ?? null,
          lastSequence: device.last_sequence,
          enrolledAt: device.enrolled_at.toISOString(),
          intervalMs: settings.intervalMs,
          sweptAt: now.toISOString(),
        },
      });
    });
    if (alertId) raised.push(alertId);
  }
  return raised;
}

/**
 * Raises `location-unverified` for every active device that is checking in (not MISSING) but has
 * had no PASS for two intervals (counted from enrolment when it never had one) and has no such
 * alert open: a chip that checks in rarely, never proving where it is, is caught before its
 * second check-in. A silent device is MISSING instead (sweepMissing runs first). Returns the ids.
 */
export async function sweepUnverified(ctx: LedgerContext, now: Date = ctx.now()): Promise<string[]> {
  const settings = await monitoringSettings(ctx.db);
  const cutoff = new Date(now.getTime() - 2 * settings.intervalMs);
  const unverified = await ctx.db
    .selectFrom('devices')
    .select('id')
    .where('status', '=', 'active')
    .where('missing_since', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('last_pass_at', 'enrolled_at'), '<=', cutoff))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alerts')
            .select('alerts.id')
            .where('alerts.kind', '=', 'location-unverified')
            .whereRef('alerts.subject', '=', 'devices.id')
            .where('alerts.status', '<>', 'resolved'),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  const raised: string[] = [];
  for (const { id } of unverified) {
    const alertId = await inTransaction(ctx, SYSTEM, async (tx, record) => {
      const device = await tx
        .selectFrom('devices')
        .innerJoin('installations as ins', 'ins.id', 'devices.installation_id')
        .selectAll('devices')
        .select(['ins.name as installation_name', 'ins.country'])
        .where('devices.id', '=', id)
        .forNoKeyUpdate('devices')
        .executeTakeFirst();
      if (device?.status !== 'active' || device.missing_since !== null) return null;
      const since = device.last_pass_at ?? device.enrolled_at;
      if (since.getTime() > cutoff.getTime()) return null;
      const hours = settings.intervalMs / 3_600_000;
      return raiseAlert(tx, record, now, {
        kind: 'location-unverified',
        subject: id,
        organizationId: device.organization_id,
        licenseId: device.license_id,
        installationId: device.installation_id,
        deviceIds: [id],
        summary: device.last_pass_at
          ? `Device ${id} has not proved its location at ${device.installation_name} (${device.country}) since ${since.toISOString()}, more than two ${hours} h intervals.`
          : `Device ${id} has never proved its location at ${device.installation_name} (${device.country}) since its enrolment on ${since.toISOString()}, more than two ${hours} h intervals.`,
        evidence: {
          lastPassAt: device.last_pass_at?.toISOString() ?? null,
          lastSeenAt: device.last_seen_at?.toISOString() ?? null,
          lastVerdict: device.last_verdict,
          checkInsWithoutPass: device.checkins_without_pass,
          intervalMs: settings.intervalMs,
          sweptAt: now.toISOString(),
        },
      });
    });
    if (alertId) raised.push(alertId);
  }
  return raised;
}

function alertQuery(db: Db) {
  return db
    .selectFrom('alerts')
    .leftJoin('installations as ins', 'ins.id', 'alerts.installation_id')
    .selectAll('alerts')
    .select(['ins.lat as site_lat', 'ins.lon as site_lon', 'ins.country as site_country']);
}

export async function listAlerts(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown = {},
): Promise<AlertJson[]> {
  const filter: AlertFilter = parseInput(AlertListQuery, raw);
  let query = alertQuery(ctx.db).orderBy('alerts.opened_at', 'desc').orderBy('alerts.id').limit(5000);
  const visible = visibleRows(principal, 'alert.read');
  if (visible.organizationId !== undefined)
    query = query.where('alerts.organization_id', '=', visible.organizationId);
  if (visible.country !== undefined) query = query.where('ins.country', '=', visible.country);
  if (filter.status) query = query.where('alerts.status', '=', filter.status);
  if (filter.kind) query = query.where('alerts.kind', '=', filter.kind);
  if (filter.licenseId) query = query.where('alerts.license_id', '=', filter.licenseId);
  return (await query.execute()).map(alertJson);
}

export async function getAlert(ctx: LedgerContext, principal: Principal, id: string): Promise<AlertJson> {
  const row = await alertQuery(ctx.db).where('alerts.id', '=', id).executeTakeFirst();
  authorizeObject(principal, 'alert.read', row, noSuch('alert', id), (r) => ({
    organizationId: r.organization_id,
    country: r.site_country,
  }));
  return alertJson(row);
}

/** The regulator, or the exporter whose device the alert is about, takes note of an open alert. */
export async function acknowledgeAlert(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  raw: unknown = {},
): Promise<AlertJson> {
  authorize(principal, 'alert.acknowledge');
  const input = parseInput(AcknowledgeBody, raw);
  return transition(ctx, principal, 'alert.acknowledge', id, async (tx, row) => {
    if (row.status !== 'open') {
      throw new LedgerError(
        'invalid_state',
        `alert ${id} is ${row.status}; only an open alert can be acknowledged`,
      );
    }
    const now = ctx.now();
    const change = {
      status: 'acknowledged' as const,
      acknowledged_at: now,
      acknowledged_by: principal.organizationId,
      note: input.note ?? row.note,
      updated_at: now,
    };
    await tx.updateTable('alerts').set(change).where('id', '=', id).execute();
    return change;
  });
}

/** The regulator closes an alert: a false alarm, remediated, or referred for enforcement. */
export async function resolveAlert(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  raw: unknown,
): Promise<AlertJson> {
  authorize(principal, 'alert.resolve');
  const input = parseInput(ResolveBody, raw);
  return transition(ctx, principal, 'alert.resolve', id, async (tx, row) => {
    if (row.status === 'resolved') {
      throw new LedgerError('invalid_state', `alert ${id} is already resolved (${row.resolution})`);
    }
    const now = ctx.now();
    const change = {
      status: 'resolved' as const,
      resolved_at: now,
      resolved_by: principal.organizationId,
      resolution: input.resolution,
      // The acknowledgement's note stays (both are in the audit log too); the resolution's follows it.
      note: row.note ? `${row.note}\nResolution: ${input.note}` : input.note,
      updated_at: now,
    };
    await tx.updateTable('alerts').set(change).where('id', '=', id).execute();
    return change;
  });
}

async function transition(
  ctx: LedgerContext,
  principal: Principal,
  action: Action,
  id: string,
  apply: (tx: Tx, row: { status: string; note: string | null; resolution: string | null }) => Promise<object>,
): Promise<AlertJson> {
  await inTransaction(ctx, principal, async (tx, record) => {
    const row = await tx
      .selectFrom('alerts')
      .leftJoin('installations as ins', 'ins.id', 'alerts.installation_id')
      .select(['alerts.status', 'alerts.note', 'alerts.resolution', 'alerts.organization_id', 'ins.country'])
      .where('alerts.id', '=', id)
      .forNoKeyUpdate('alerts')
      .executeTakeFirst();
    authorizeObject(principal, action, row, noSuch('alert', id));
    const change = await apply(tx, row);
    await record('alert.status', 'alert', id, { status: row.status }, change);
  });
  return getAlert(ctx, principal, id);
}

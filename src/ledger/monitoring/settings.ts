/**
 * Monitoring settings shared by every process that handles check-ins (the API server and each
 * `chipexport monitor worker`): the service-nonce key, so a nonce issued by one process verifies in
 * another, the check-in interval, the landmarks assigned per check-in and the certified minimum
 * processing time. One row, made on first use with a fresh random key. The regulator changes the
 * interval and k (PATCH /v1/monitoring/settings, audited); each process re-reads the row at most
 * SETTINGS_TTL_MS after it changed, and at once in the process that changed it.
 */
import { randomBytes } from 'node:crypto';
import { METRO_RADIUS_KM, NonceIssuer, parseInput } from '../../monitoring/index.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import type { Principal } from '../principal.js';
import { MonitoringSettingsPatch } from './schemas.js';

export interface MonitoringSettings {
  readonly nonces: NonceIssuer;
  readonly nonceTtlMs: number;
  readonly intervalMs: number;
  readonly processingMinMs: number;
  /** Landmarks each nonce assigns (k). */
  readonly landmarksPerCheckIn: number;
  readonly sources: Readonly<Record<string, string>>;
}

/** The settings as the API shows them (never the nonce key). */
export interface MonitoringSettingsJson {
  intervalMs: number;
  nonceTtlMs: number;
  processingMinMs: number;
  landmarksPerCheckIn: number;
  metroRadiusKm: number;
  sources: Record<string, string>;
  updatedAt: string;
}

/** The defaults, each with its source. */
export const MONITORING_DEFAULTS = {
  intervalMs: 3_600_000,
  nonceTtlMs: 60_000,
  processingMinMs: 0.1,
  landmarksPerCheckIn: 3,
  sources: {
    landmarksPerCheckIn:
      '3 landmarks per check-in, the nearest in the metro area: ../shared/research/chip-monitoring.md, "use ≥ 3 landmarks, at least one in the site\'s metro area (0.5–2 ms RTT)"',
    intervalMs:
      'hourly check-ins: ../shared/research/chip-monitoring.md, "Volumes to plan for" (10 M devices hourly = 2.8k check-ins/s)',
    nonceTtlMs:
      '60 s to answer a nonce: ../shared/research/chip-monitoring.md, "detection within one interval + 60 s"; the fleet simulator uses the same',
    processingMinMs:
      '0.1 ms certified minimum processing time, the figure of docs/monitoring-protocol.md; ../shared/research/chip-monitoring.md: "subtract only a certified minimum processing time" (0.1 ms ≈ 15 km)',
  },
} as const;

/** How long a process keeps the settings it read before reading them again. */
export const SETTINGS_TTL_MS = 1_000;

const cache = new WeakMap<
  Db,
  { readAt: number; settings: Promise<MonitoringSettings & { updatedAt: Date }> }
>();

/** The settings row, created on first use (concurrent first uses agree: insert … on conflict do nothing). */
export function monitoringSettings(db: Db): Promise<MonitoringSettings> {
  return cached(db);
}

function cached(db: Db): Promise<MonitoringSettings & { updatedAt: Date }> {
  const now = performance.now();
  let entry = cache.get(db);
  if (!entry || now - entry.readAt > SETTINGS_TTL_MS) {
    const previous = entry?.settings;
    const settings = load(db, previous);
    entry = { readAt: now, settings };
    cache.set(db, entry);
    settings.catch(() => cache.delete(db));
  }
  return entry.settings;
}

/** The settings as the API shows them: every role that sees monitoring may read them. */
export async function getMonitoringSettings(ctx: LedgerContext): Promise<MonitoringSettingsJson> {
  return settingsJson(await cached(ctx.db));
}

/** The regulator changes the check-in interval and the landmarks per check-in (audited). */
export async function updateMonitoringSettings(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<MonitoringSettingsJson> {
  authorize(principal, 'monitoring.configure');
  const input = parseInput(MonitoringSettingsPatch, raw);
  await cached(ctx.db); // the row exists
  await inTransaction(ctx, principal, async (tx, record) => {
    const before = await tx
      .selectFrom('monitoring_settings')
      .select(['interval_ms', 'landmarks_per_checkin'])
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const change = {
      ...(input.intervalMs !== undefined ? { interval_ms: input.intervalMs } : {}),
      ...(input.landmarksPerCheckIn !== undefined
        ? { landmarks_per_checkin: input.landmarksPerCheckIn }
        : {}),
      updated_at: ctx.now(),
    };
    await tx.updateTable('monitoring_settings').set(change).where('id', '=', 1).execute();
    await record(
      'monitoring.settings',
      'monitoring_settings',
      'settings',
      { intervalMs: Number(before.interval_ms), landmarksPerCheckIn: before.landmarks_per_checkin },
      {
        intervalMs: input.intervalMs ?? Number(before.interval_ms),
        landmarksPerCheckIn: input.landmarksPerCheckIn ?? before.landmarks_per_checkin,
      },
    );
  });
  cache.delete(ctx.db);
  return getMonitoringSettings(ctx);
}

function settingsJson(s: MonitoringSettings & { updatedAt: Date }): MonitoringSettingsJson {
  return {
    intervalMs: s.intervalMs,
    nonceTtlMs: s.nonceTtlMs,
    processingMinMs: s.processingMinMs,
    landmarksPerCheckIn: s.landmarksPerCheckIn,
    metroRadiusKm: Math.round(METRO_RADIUS_KM * 1000) / 1000,
    sources: { ...s.sources },
    updatedAt: s.updatedAt.toISOString(),
  };
}

async function load(
  db: Db,
  previous?: Promise<MonitoringSettings & { updatedAt: Date }>,
): Promise<MonitoringSettings & { updatedAt: Date }> {
  if (!previous)
    await db
      .insertInto('monitoring_settings')
      .values({
        id: 1,
        nonce_key: randomBytes(32),
        nonce_ttl_ms: MONITORING_DEFAULTS.nonceTtlMs,
        interval_ms: MONITORING_DEFAULTS.intervalMs,
        processing_min_ms: MONITORING_DEFAULTS.processingMinMs,
        landmarks_per_checkin: MONITORING_DEFAULTS.landmarksPerCheckIn,
        sources: JSON.stringify(MONITORING_DEFAULTS.sources),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  const row = await db
    .selectFrom('monitoring_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  // The key never changes: keep the issuer (and its imported key) of the previous read.
  const before = await previous?.catch(() => undefined);
  return {
    nonces: before?.nonces ?? new NonceIssuer(row.nonce_key),
    nonceTtlMs: Number(row.nonce_ttl_ms),
    intervalMs: Number(row.interval_ms),
    processingMinMs: row.processing_min_ms,
    landmarksPerCheckIn: row.landmarks_per_checkin,
    sources: row.sources as Record<string, string>,
    updatedAt: row.updated_at,
  };
}

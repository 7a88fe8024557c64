/**
 * Monitoring settings shared by every process that handles check-ins (the API server and each
 * `chipexport monitor worker`): the service-nonce key, so a nonce issued by one process verifies in
 * another, the check-in interval and the certified minimum processing time. One row, made on first
 * use with a fresh random key.
 */
import { randomBytes } from 'node:crypto';
import { NonceIssuer } from '../../monitoring/nonces.js';
import type { Db } from '../../store/store.js';

export interface MonitoringSettings {
  readonly nonces: NonceIssuer;
  readonly nonceTtlMs: number;
  readonly intervalMs: number;
  readonly processingMinMs: number;
  readonly sources: Readonly<Record<string, string>>;
}

/** The defaults, each with its source. */
export const MONITORING_DEFAULTS = {
  intervalMs: 3_600_000,
  nonceTtlMs: 60_000,
  processingMinMs: 0.1,
  sources: {
    intervalMs:
      'hourly check-ins: ../shared/research/chip-monitoring.md, "Volumes to plan for" (10 M devices hourly = 2.8k check-ins/s)',
    nonceTtlMs:
      '60 s to answer a nonce: ../shared/research/chip-monitoring.md, "detection within one interval + 60 s"; the fleet simulator uses the same',
    processingMinMs:
      '0.1 ms certified minimum processing time, the figure of docs/monitoring-protocol.md; ../shared/research/chip-monitoring.md: "subtract only a certified minimum processing time" (0.1 ms ≈ 15 km)',
  },
} as const;

const cache = new WeakMap<Db, Promise<MonitoringSettings>>();

/** The settings row, created on first use (concurrent first uses agree: insert … on conflict do nothing). */
export function monitoringSettings(db: Db): Promise<MonitoringSettings> {
  let settings = cache.get(db);
  if (!settings) {
    settings = load(db);
    cache.set(db, settings);
    settings.catch(() => cache.delete(db));
  }
  return settings;
}

async function load(db: Db): Promise<MonitoringSettings> {
  await db
    .insertInto('monitoring_settings')
    .values({
      id: 1,
      nonce_key: randomBytes(32),
      nonce_ttl_ms: MONITORING_DEFAULTS.nonceTtlMs,
      interval_ms: MONITORING_DEFAULTS.intervalMs,
      processing_min_ms: MONITORING_DEFAULTS.processingMinMs,
      sources: JSON.stringify(MONITORING_DEFAULTS.sources),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('monitoring_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return {
    nonces: new NonceIssuer(row.nonce_key),
    nonceTtlMs: Number(row.nonce_ttl_ms),
    intervalMs: Number(row.interval_ms),
    processingMinMs: row.processing_min_ms,
    sources: row.sources as Record<string, string>,
  };
}

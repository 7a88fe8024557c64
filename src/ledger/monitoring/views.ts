/** The public JSON of devices, landmarks and alerts (docs/monitoring-protocol.md, "HTTP API"). */
import type { Selectable } from 'kysely';
import type { AlertsTable, DevicesTable, LandmarksTable } from '../../store/schema.js';
import type { MonitoringSettings } from './settings.js';

type DeviceRow = Selectable<DevicesTable>;

export type MonitoringStatus = 'PASS' | 'INCONCLUSIVE' | 'SITE_INCONSISTENT' | 'MISSING' | 'NONE';

/** The last accepted verdict; MISSING after two silent intervals (from enrolment if never seen). */
export function monitoringStatus(
  row: { last_seen_at: Date | null; enrolled_at: Date; last_verdict: string | null; status: string },
  intervalMs: number,
  now: Date,
): MonitoringStatus {
  if (row.status !== 'active') return (row.last_verdict as MonitoringStatus | null) ?? 'NONE';
  const since = (row.last_seen_at ?? row.enrolled_at).getTime();
  if (now.getTime() - since >= 2 * intervalMs) return 'MISSING';
  return (row.last_verdict as MonitoringStatus | null) ?? 'NONE';
}

export function deviceJson(row: DeviceRow, settings: MonitoringSettings, now: Date, openAlerts: number) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    licenseId: row.license_id,
    installationId: row.installation_id,
    model: row.model,
    algorithm: row.algorithm,
    publicKey: row.public_key,
    enrolledAt: new Date(row.enrolled_at).toISOString(),
    status: row.status,
    monitoring: {
      status: monitoringStatus(row, settings.intervalMs, now),
      lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at).toISOString() : null,
      lastSequence: row.last_sequence ?? null,
      openAlerts,
    },
  };
}
export type DeviceJson = ReturnType<typeof deviceJson>;

export function landmarkJson(row: Selectable<LandmarksTable>) {
  return {
    id: row.id,
    name: row.name,
    lat: row.lat,
    lon: row.lon,
    operator: row.operator,
    publicKey: row.public_key,
    registeredAt: new Date(row.registered_at).toISOString(),
  };
}
export type LandmarkJson = ReturnType<typeof landmarkJson>;

export type AlertRow = Selectable<AlertsTable> & {
  site_lat: number | null;
  site_lon: number | null;
  site_country: string | null;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function alertJson(row: AlertRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    organizationId: row.organization_id,
    licenseId: row.license_id,
    installationId: row.installation_id,
    deviceIds: row.device_ids as string[],
    site:
      row.site_country !== null && row.site_lat !== null && row.site_lon !== null
        ? { lat: row.site_lat, lon: row.site_lon, country: row.site_country }
        : null,
    openedAt: new Date(row.opened_at).toISOString(),
    summary: row.summary,
    evidence: row.evidence as Record<string, unknown>,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
    note: row.note,
  };
}
export type AlertJson = ReturnType<typeof alertJson>;

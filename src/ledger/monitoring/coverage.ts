/**
 * The coverage report (docs/monitoring-protocol.md, "Coverage"): which installations cannot be
 * verified with the landmarks registered today, and why — no landmark in the metro area, or no disk
 * that fits inside the country even at the vacuum bound (a site near a coast or border, or a country
 * as small as Singapore) — so the regulator knows where to place landmarks. Each installation is
 * judged by the same pure functions the verifier uses (src/monitoring/assignment.ts, geo.ts).
 */
import { type CoverageGap, coverageOf, METRO_RADIUS_KM } from '../../monitoring/index.js';
import { visibleRows } from '../access.js';
import type { LedgerContext } from '../context.js';
import type { Principal } from '../principal.js';
import { activeLandmarks } from './nonces.js';
import { monitoringSettings } from './settings.js';

export interface InstallationCoverage {
  installationId: string;
  name: string;
  organizationId: string;
  country: string;
  lat: number;
  lon: number;
  /** Active devices enrolled there. */
  activeDevices: number;
  verifiable: boolean;
  gaps: CoverageGap[];
  /** The landmarks a nonce would assign now, nearest first. */
  assigned: { id: string; lat: number; lon: number; distanceKm: number }[];
  metroLandmarkId: string | null;
  /** The verdict at the physical minimum round trip from every assigned landmark. */
  bestCase: { verdict: string; reason: string };
}

export interface CoverageReport {
  generatedAt: string;
  landmarksPerCheckIn: number;
  metroRadiusKm: number;
  landmarks: number;
  counts: { installations: number; verifiable: number; unverifiable: number };
  /** Unverifiable first (most active devices first), then the verifiable, by name. */
  installations: InstallationCoverage[];
}

/**
 * Every installation with coordinates, as the principal may see them: the regulator and auditors
 * all, a host government those in its country. Exporters place no landmarks: 403.
 */
export async function coverageReport(ctx: LedgerContext, principal: Principal): Promise<CoverageReport> {
  const visible = visibleRows(principal, 'coverage.read');
  const settings = await monitoringSettings(ctx.db);
  const landmarks = await activeLandmarks(ctx.db);
  let query = ctx.db
    .selectFrom('installations as ins')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('devices')
          .select(['installation_id', (e) => e.fn.countAll<string | number>().as('n')])
          .where('status', '=', 'active')
          .groupBy('installation_id')
          .as('d'),
      (join) => join.onRef('d.installation_id', '=', 'ins.id'),
    )
    .select(['ins.id', 'ins.name', 'ins.organization_id', 'ins.country', 'ins.lat', 'ins.lon', 'd.n'])
    .where('ins.lat', 'is not', null)
    .where('ins.lon', 'is not', null);
  if (visible.organizationId !== undefined)
    query = query.where('ins.organization_id', '=', visible.organizationId);
  if (visible.country !== undefined) query = query.where('ins.country', '=', visible.country);
  const rows = await query.execute();
  const installations = rows.map((row): InstallationCoverage => {
    const site = { lat: row.lat!, lon: row.lon!, country: row.country };
    const c = coverageOf(site, landmarks, settings.landmarksPerCheckIn, settings.processingMinMs);
    return {
      installationId: row.id,
      name: row.name,
      organizationId: row.organization_id,
      country: row.country,
      lat: site.lat,
      lon: site.lon,
      activeDevices: Number(row.n ?? 0),
      verifiable: c.verifiable,
      gaps: [...c.gaps],
      assigned: c.assignment.landmarks.map((l) => ({ ...l })),
      metroLandmarkId: c.assignment.metroLandmarkId,
      bestCase: { verdict: c.bestCase.verdict, reason: c.bestCase.reason },
    };
  });
  installations.sort(
    (a, b) =>
      Number(a.verifiable) - Number(b.verifiable) ||
      b.activeDevices - a.activeDevices ||
      a.name.localeCompare(b.name) ||
      a.installationId.localeCompare(b.installationId),
  );
  const verifiable = installations.filter((i) => i.verifiable).length;
  return {
    generatedAt: ctx.now().toISOString(),
    landmarksPerCheckIn: settings.landmarksPerCheckIn,
    metroRadiusKm: Math.round(METRO_RADIUS_KM * 1000) / 1000,
    landmarks: landmarks.length,
    counts: {
      installations: installations.length,
      verifiable,
      unverifiable: installations.length - verifiable,
    },
    installations,
  };
}

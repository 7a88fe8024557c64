/**
 * Which landmarks a check-in must answer, and whether an installation can be verified at all with
 * the landmarks registered today (docs/monitoring-protocol.md, "Assignment" and "Coverage").
 *
 * ../shared/research/chip-monitoring.md, "Location by delay": "use ≥ 3 landmarks, at least one in
 * the site's metro area (0.5–2 ms RTT)". The service assigns the k nearest landmarks to the licensed
 * site (k is the `landmarksPerCheckIn` setting, default 3); the nearest is the metro landmark when it
 * lies within the metro radius, the distance light in vacuum covers in a 2 ms round trip
 * (c × 2 ms / 2 = 299.79 km). A chip that only answers far landmarks gets disks so large they cannot
 * place it in a country, so every assigned landmark must be answered (verifier.ts,
 * `missing-receipts`).
 *
 * Pure: the same site, landmarks and k always give the same assignment (ties by id).
 */
import {
  type LocateResult,
  locateMeasured,
  maxDistanceKm,
  type Site,
  SPEED_OF_LIGHT_KM_PER_S,
} from './geo.js';
import { greatCircleKm } from './sphere.js';

/** Round trip that bounds the metro area (research note: 0.5–2 ms RTT). */
export const METRO_RTT_MS = 2;
/** 299.792 km: c × 2 ms / 2, the farthest a 2 ms round trip can reach at the vacuum bound. */
export const METRO_RADIUS_KM = maxDistanceKm(METRO_RTT_MS, 0);

export interface PlacedLandmark {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
}

export interface AssignedLandmark extends PlacedLandmark {
  /** Great-circle distance to the site, km (rounded to metres). */
  readonly distanceKm: number;
}

export interface Assignment {
  /** The k nearest landmarks, nearest first (fewer when fewer are registered). */
  readonly landmarks: readonly AssignedLandmark[];
  /** The nearest landmark when it lies within METRO_RADIUS_KM of the site, else null. */
  readonly metroLandmarkId: string | null;
}

/** The k nearest of `landmarks` to `site`, nearest first, ties by id. */
export function assignLandmarks(
  site: { readonly lat: number; readonly lon: number },
  landmarks: Iterable<PlacedLandmark>,
  k: number,
): Assignment {
  const ranked = [...landmarks]
    .map((l) => ({ l, d: greatCircleKm(site.lat, site.lon, l.lat, l.lon) }))
    .sort((a, b) => a.d - b.d || (a.l.id < b.l.id ? -1 : a.l.id > b.l.id ? 1 : 0))
    .slice(0, Math.max(0, k));
  const nearest = ranked[0];
  return {
    landmarks: ranked.map(({ l, d }) => ({
      id: l.id,
      lat: l.lat,
      lon: l.lon,
      distanceKm: Math.round(d * 1000) / 1000,
    })),
    metroLandmarkId: nearest && nearest.d <= METRO_RADIUS_KM ? nearest.l.id : null,
  };
}

export type CoverageGap =
  | 'no-landmarks' // nothing is registered
  | 'no-metro-landmark' // the nearest landmark is farther than the metro radius
  | 'no-disk-fits'; // even at the vacuum bound the assigned landmarks' disks reach the border

export interface Coverage {
  readonly verifiable: boolean;
  readonly gaps: readonly CoverageGap[];
  readonly assignment: Assignment;
  /**
   * The verdict an honest chip would get if every assigned landmark's round trip were the physical
   * minimum (light in vacuum along the great circle, plus exactly the certified processing time).
   * Real round trips are longer, so anything short of PASS here can never PASS.
   */
  readonly bestCase: LocateResult;
}

/**
 * Whether a device at `site` can get a PASS with today's landmarks: it needs a metro landmark, and
 * the disks of its assigned landmarks at their smallest possible radius (the site's own distance)
 * must stay clear of the country's outline — which fails for a site near a coast or border, and for
 * a country too small for any such disk to fit (Singapore).
 */
export function coverageOf(
  site: Site,
  landmarks: Iterable<PlacedLandmark>,
  k: number,
  processingMinMs: number,
): Coverage {
  const assignment = assignLandmarks(site, landmarks, k);
  const measurements = assignment.landmarks.map((l) => ({
    landmarkId: l.id,
    lat: l.lat,
    lon: l.lon,
    rttMs: processingMinMs + (2 * greatCircleKm(site.lat, site.lon, l.lat, l.lon)) / SPEED_OF_LIGHT_KM_PER_MS,
  }));
  const bestCase = locateMeasured(site, measurements, processingMinMs);
  const gaps: CoverageGap[] = [];
  if (assignment.landmarks.length === 0) gaps.push('no-landmarks');
  else if (!assignment.metroLandmarkId) gaps.push('no-metro-landmark');
  if (assignment.landmarks.length > 0 && bestCase.verdict !== 'PASS') gaps.push('no-disk-fits');
  return { verifiable: gaps.length === 0, gaps, assignment, bestCase };
}

const SPEED_OF_LIGHT_KM_PER_MS = SPEED_OF_LIGHT_KM_PER_S / 1000;

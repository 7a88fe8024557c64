/**
 * Location verification by delay (../shared/research/chip-monitoring.md, "Location by delay").
 *
 * A landmark at known coordinates times a signed nonce exchange with the chip. Nothing travels faster
 * than light in vacuum, and an attacker can only add delay, so after subtracting the certified
 * *minimum* processing time the chip is within c × (RTT − t_proc_min) / 2 of the landmark:
 * 149.9 km per ms of RTT. Fiber (~102 km per ms) is only an estimate — hollow-core fiber and radio
 * paths beat it — so no decision here ever uses a fiber speed.
 *
 * `locate` is the pure function behind `chipexport monitor locate` (spec/contracts.md, "Location
 * check"): input {site, landmarks, measurements, processingMinMs} → {verdict, bounds}.
 *
 * - SITE_INCONSISTENT: some landmark's bound is shorter than its distance to the declared site, so
 *   the chip cannot be at the site.
 * - PASS: the chip provably is in the declared country. Every bound is a disk (spherical cap) that
 *   contains the chip, so the chip is in their intersection I. Caps smaller than a hemisphere are
 *   convex, so I is connected; I contains the declared site. If the site lies inside the country's
 *   outline and I meets no edge of that outline (coast, land border or hole), I cannot leave the
 *   country without crossing its boundary, so all of I — and the chip — is inside. The edge test is
 *   exact (borders.ts: capsMeetBoundary) on caps widened by the tolerances below.
 * - INCONCLUSIVE otherwise. Bounds only prove "near a landmark", never "far from somewhere": a disk
 *   that straddles a border (Hong Kong–Shenzhen is 0.18 ms) cannot discriminate, and that is the
 *   honest answer.
 */
import { z } from 'zod';
import { isCountryCode } from '../data/countries.js';
import { InputError } from '../domain/errors.js';
import { BORDER_MARGIN_KM, capsMeetBoundary, hasBorderData, pointInCountry } from './borders.js';
import { type Cap, cap, greatCircleKm } from './sphere.js';
import { parseInput } from './zod-input.js';

export { greatCircleKm, MEAN_EARTH_RADIUS_KM } from './sphere.js';

/** Speed of light in vacuum, exact by the definition of the metre (SI Brochure, 9th ed., 2019). */
export const SPEED_OF_LIGHT_KM_PER_S = 299_792.458;
const SPEED_OF_LIGHT_KM_PER_MS = SPEED_OF_LIGHT_KM_PER_S / 1000;

/**
 * Haversine distances on the mean-radius sphere differ from ellipsoidal geodesics by up to ~0.5 %
 * (sphere.ts). Every distance comparison that decides a verdict gives the chip that much benefit of
 * the doubt, plus SITE_TOLERANCE_KM for the declared site's coordinates (a campus is not a point).
 */
export const DISTANCE_TOLERANCE_RELATIVE = 0.005;
export const SITE_TOLERANCE_KM = 1;

export type LocationVerdict = 'PASS' | 'INCONCLUSIVE' | 'SITE_INCONSISTENT';

/** Why the verdict is what it is, for people and logs (an addition to the contract's fields). */
export type LocationReason =
  | 'inside-country' // PASS
  | 'site-outside-bound' // SITE_INCONSISTENT
  | 'no-measurements'
  | 'no-constraining-bound' // every bound reaches a hemisphere or more
  | 'no-border-data' // Natural Earth has no outline for the declared country
  | 'site-outside-country-outline' // the declared site itself is not inside the outline
  | 'region-crosses-border' // the possible region reaches the country's boundary
  | 'missing-receipts'; // an assigned landmark was not answered: no location proof (verifier.ts)

export interface LocationBound {
  readonly landmarkId: string;
  /** c × max(0, minimum RTT − processingMinMs) / 2, in km. */
  readonly maxDistanceKm: number;
  /** Great-circle distance from the landmark to the declared site, in km. */
  readonly siteDistanceKm: number;
}

export interface LocateResult {
  readonly verdict: LocationVerdict;
  readonly bounds: readonly LocationBound[];
  readonly reason: LocationReason;
}

export interface Site {
  readonly lat: number;
  readonly lon: number;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** One RTT measurement with the landmark's coordinates already looked up. */
export interface PlacedMeasurement {
  readonly landmarkId: string;
  readonly lat: number;
  readonly lon: number;
  readonly rttMs: number;
}

/** The vacuum speed-of-light bound: c × max(0, rtt − processing) / 2, in km. */
export function maxDistanceKm(rttMs: number, processingMinMs: number): number {
  return (SPEED_OF_LIGHT_KM_PER_MS * Math.max(0, rttMs - processingMinMs)) / 2;
}

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const LocateInputSchema = z.strictObject({
  site: z.strictObject({ lat: latitude, lon: longitude, country: z.string() }),
  landmarks: z.array(z.strictObject({ id: z.string().min(1), lat: latitude, lon: longitude })),
  measurements: z.array(
    z.strictObject({ landmarkId: z.string().min(1), rttMs: z.number().nonnegative().finite() }),
  ),
  /** Certified minimum processing time; 0 (the default) is the most conservative. */
  processingMinMs: z.number().nonnegative().finite().default(0),
});
export type LocateInput = z.input<typeof LocateInputSchema>;

/** The contract's location check: validates `input` (InputError naming the field) and decides. */
export function locate(input: unknown): LocateResult {
  const parsed = parseInput(LocateInputSchema, input);
  const country = parsed.site.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || !isCountryCode(country)) {
    throw InputError.single(
      'invalid_country',
      ['site', 'country'],
      `"${parsed.site.country}" is not an ISO 3166-1 alpha-2 country code`,
    );
  }
  const landmarks = new Map<string, { lat: number; lon: number }>();
  parsed.landmarks.forEach((landmark, index) => {
    if (landmarks.has(landmark.id)) {
      throw InputError.single(
        'duplicate_landmark',
        ['landmarks', index, 'id'],
        `landmark "${landmark.id}" is listed twice`,
      );
    }
    landmarks.set(landmark.id, landmark);
  });
  const measurements = parsed.measurements.map((m, index) => {
    const landmark = landmarks.get(m.landmarkId);
    if (!landmark) {
      throw InputError.single(
        'unknown_landmark',
        ['measurements', index, 'landmarkId'],
        `no landmark with id "${m.landmarkId}" in "landmarks"`,
      );
    }
    return { landmarkId: m.landmarkId, lat: landmark.lat, lon: landmark.lon, rttMs: m.rttMs };
  });
  return locateMeasured({ ...parsed.site, country }, measurements, parsed.processingMinMs);
}

/**
 * The decision itself, for callers that have validated their input (the check-in verifier):
 * `site.country` must be a valid alpha-2 code. Several measurements of one landmark: the minimum RTT.
 */
export function locateMeasured(
  site: Site,
  measurements: readonly PlacedMeasurement[],
  processingMinMs: number,
): LocateResult {
  const fastest = new Map<string, PlacedMeasurement>();
  for (const m of measurements) {
    const seen = fastest.get(m.landmarkId);
    if (!seen || m.rttMs < seen.rttMs) fastest.set(m.landmarkId, m);
  }
  const bounds: LocationBound[] = [];
  const caps: Cap[] = [];
  let inconsistent = false;
  for (const m of fastest.values()) {
    const bound = maxDistanceKm(m.rttMs, processingMinMs);
    const siteDistance = greatCircleKm(m.lat, m.lon, site.lat, site.lon);
    bounds.push({
      landmarkId: m.landmarkId,
      // Rounded to metres for output, the bound upwards so that it stays a bound.
      maxDistanceKm: Math.ceil(bound * 1000 - 1e-6) / 1000,
      siteDistanceKm: Math.round(siteDistance * 1000) / 1000,
    });
    const allowed = bound * (1 + DISTANCE_TOLERANCE_RELATIVE);
    if (siteDistance > allowed + SITE_TOLERANCE_KM) inconsistent = true;
    const widened = cap(m.lat, m.lon, allowed + BORDER_MARGIN_KM);
    if (widened) caps.push(widened);
  }
  const result = (verdict: LocationVerdict, reason: LocationReason): LocateResult => ({
    verdict,
    bounds,
    reason,
  });
  if (inconsistent) return result('SITE_INCONSISTENT', 'site-outside-bound');
  if (bounds.length === 0) return result('INCONCLUSIVE', 'no-measurements');
  if (caps.length === 0) return result('INCONCLUSIVE', 'no-constraining-bound');
  if (!hasBorderData(site.country)) return result('INCONCLUSIVE', 'no-border-data');
  if (!siteInCountry(site)) return result('INCONCLUSIVE', 'site-outside-country-outline');
  if (capsMeetBoundary(site.country, caps)) return result('INCONCLUSIVE', 'region-crosses-border');
  return result('PASS', 'inside-country');
}

// Sites do not move, and an exact point-in-polygon test on a large country costs tens of µs.
const siteMemo = new Map<string, boolean>();
function siteInCountry(site: Site): boolean {
  const key = `${site.country}:${site.lat}:${site.lon}`;
  let inside = siteMemo.get(key);
  if (inside === undefined) {
    if (siteMemo.size >= 100_000) siteMemo.clear();
    inside = pointInCountry(site.country, site.lat, site.lon);
    siteMemo.set(key, inside);
  }
  return inside;
}

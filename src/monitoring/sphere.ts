/**
 * Geometry on a spherical Earth: great-circle distance, unit vectors and spherical caps ("disks").
 *
 * The sphere has the IUGG mean radius R1 = (2a + b) / 3 = 6371.0088 km of the GRS 80 / WGS 84
 * ellipsoid (H. Moritz, "Geodetic Reference System 1980", Journal of Geodesy 74 (2000) 128–133).
 * Great-circle distances on that sphere differ from geodesics on the ellipsoid by at most about
 * 0.5 % (the flattening is 1/298.257), which is why location decisions carry a relative
 * tolerance (`DISTANCE_TOLERANCE_RELATIVE` in geo.ts).
 */

export const MEAN_EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

/**
 * Great-circle distance in km by the haversine formula (R. W. Sinnott, Sky & Telescope 68 (1984) 159),
 * in its atan2 form, which stays accurate near antipodes where asin(√h) loses digits.
 */
export function greatCircleKm(latA: number, lonA: number, latB: number, lonB: number): number {
  const dLat = (latB - latA) * DEG;
  const dLon = (lonB - lonA) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(latA * DEG) * Math.cos(latB * DEG) * Math.sin(dLon / 2) ** 2;
  const clamped = Math.min(1, h);
  return 2 * MEAN_EARTH_RADIUS_KM * Math.atan2(Math.sqrt(clamped), Math.sqrt(1 - clamped));
}

/** The point `distanceKm` from (lat, lon) along the initial bearing `bearingDeg` (clockwise from north). */
export function destination(
  lat: number,
  lon: number,
  bearingDeg: number,
  distanceKm: number,
): { lat: number; lon: number } {
  const delta = distanceKm / MEAN_EARTH_RADIUS_KM;
  const theta = bearingDeg * DEG;
  const phi1 = lat * DEG;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const lambda2 =
    lon * DEG +
    Math.atan2(
      Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
      Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2),
    );
  return { lat: phi2 / DEG, lon: normalizeLongitude(lambda2 / DEG) };
}

export function normalizeLongitude(lon: number): number {
  const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 && lon > 0 ? 180 : wrapped;
}

/**
 * A spherical cap: every point within `radiusKm` (great-circle) of a centre. Caps used for decisions
 * are smaller than a hemisphere, so they are convex and any intersection of them is connected.
 */
export interface Cap {
  readonly lat: number;
  readonly lon: number;
  readonly radiusKm: number;
  /** Centre as a unit vector. */
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** cos(radius / R): a point p is inside when p · centre ≥ cosRadius. */
  readonly cosRadius: number;
}

/** A cap narrower than a hemisphere (radius < πR/2), or null when it would not be convex. */
export function cap(lat: number, lon: number, radiusKm: number): Cap | null {
  const angle = radiusKm / MEAN_EARTH_RADIUS_KM;
  if (!(angle < Math.PI / 2)) return null;
  const phi = lat * DEG;
  const lambda = lon * DEG;
  return {
    lat,
    lon,
    radiusKm,
    x: Math.cos(phi) * Math.cos(lambda),
    y: Math.cos(phi) * Math.sin(lambda),
    z: Math.sin(phi),
    cosRadius: Math.cos(angle),
  };
}

/** Latitude/longitude box holding every point of a cap; longitudes may extend past ±180. */
export interface LatLonBox {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
}

/**
 * The smallest lat/lon box around a cap of angular radius ρ: latitudes φ ± ρ and, unless a pole is
 * inside, longitudes λ ± asin(sin ρ / cos φ) (the tangent meridians). The box may reach past ±180
 * in longitude; `boxesOverlap` handles the wrap.
 */
export function capBox(c: Cap, extraKm = 0): LatLonBox {
  const angle = (c.radiusKm + extraKm) / MEAN_EARTH_RADIUS_KM;
  const rho = angle / DEG;
  const minLat = c.lat - rho;
  const maxLat = c.lat + rho;
  if (minLat <= -90 || maxLat >= 90) {
    return { minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat), minLon: -180, maxLon: 180 };
  }
  const ratio = Math.sin(angle) / Math.cos(c.lat * DEG);
  if (ratio >= 1) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  const dLon = Math.asin(ratio) / DEG;
  return { minLat, maxLat, minLon: c.lon - dLon, maxLon: c.lon + dLon };
}

/** Whether `box` (longitudes possibly past ±180) overlaps a box with longitudes within [-180, 180]. */
export function boxesOverlap(box: LatLonBox, other: LatLonBox): boolean {
  if (box.maxLat < other.minLat || box.minLat > other.maxLat) return false;
  if (box.maxLon - box.minLon >= 360) return true;
  return (
    lonRangesOverlap(box.minLon, box.maxLon, other) ||
    lonRangesOverlap(box.minLon - 360, box.maxLon - 360, other) ||
    lonRangesOverlap(box.minLon + 360, box.maxLon + 360, other)
  );
}

function lonRangesOverlap(minLon: number, maxLon: number, other: LatLonBox): boolean {
  return minLon <= other.maxLon && maxLon >= other.minLon;
}

/**
 * Whether the great-circle arc from unit vector p to unit vector q (shorter than π) has a point
 * inside every cap. Each cap meets the arc in one interval of the arc's angle t (a cap smaller than
 * a hemisphere is convex and the arc is a minimal geodesic), so the arc meets the intersection of
 * the caps exactly when those intervals overlap.
 *
 * On the arc, x(t) = cos t · p + sin t · w with w the unit tangent at p, so x(t) · c = A cos t + B sin t
 * = M cos(t − φ) with A = p · c, B = w · c, M = √(A² + B²), φ = atan2(B, A); it is inside when
 * cos(t − φ) ≥ cos ρ / M, i.e. t ∈ [φ − δ, φ + δ] with δ = acos(cos ρ / M).
 */
export function arcMeetsCaps(
  px: number,
  py: number,
  pz: number,
  qx: number,
  qy: number,
  qz: number,
  caps: readonly Cap[],
): boolean {
  const dot = px * qx + py * qy + pz * qz;
  let wx = qx - dot * px;
  let wy = qy - dot * py;
  let wz = qz - dot * pz;
  const wNorm = Math.sqrt(wx * wx + wy * wy + wz * wz);
  if (wNorm < 1e-15) {
    // p and q coincide (or are antipodal, which ring edges never are): test the point.
    for (const c of caps) if (px * c.x + py * c.y + pz * c.z < c.cosRadius) return false;
    return true;
  }
  wx /= wNorm;
  wy /= wNorm;
  wz /= wNorm;
  const theta = Math.atan2(wNorm, dot);
  let lo = 0;
  let hi = theta;
  for (const c of caps) {
    const a = px * c.x + py * c.y + pz * c.z;
    const b = wx * c.x + wy * c.y + wz * c.z;
    const m = Math.sqrt(a * a + b * b);
    if (m < c.cosRadius) return false;
    const phi = Math.atan2(b, a);
    const delta = Math.acos(Math.min(1, c.cosRadius / m));
    // The interval [φ − δ, φ + δ] lies within (−3π/2, 3π/2) and [0, θ] within [0, π]: only the
    // unshifted interval and the one shifted by +2π can meet it.
    let capLo = Number.POSITIVE_INFINITY;
    let capHi = Number.NEGATIVE_INFINITY;
    for (const centre of [phi, phi + 2 * Math.PI]) {
      const from = Math.max(0, centre - delta);
      const to = Math.min(theta, centre + delta);
      if (from <= to) {
        capLo = Math.min(capLo, from);
        capHi = Math.max(capHi, to);
      }
    }
    lo = Math.max(lo, capLo);
    hi = Math.min(hi, capHi);
    if (lo > hi) return false;
  }
  return true;
}

export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

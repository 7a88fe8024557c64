/**
 * Country borders from Natural Earth (Admin 0 – Countries, version 4.1.0) as redistributed by the
 * maintained npm package `world-atlas` (TopoJSON; ids are ISO 3166-1 numeric codes, mapped to alpha-2
 * by data/iso-numeric.json).
 *
 * Scale choice: 1:10m (`countries-10m.json`, ~545k vertices), not 1:50m. Measured against 1:10m, the
 * 1:50m land borders are within 6 km at the 99th percentile but drop exclaves entirely: Melilla and
 * Ceuta lie up to 161 km inside 1:50m Morocco, Point Roberts 22 km inside 1:50m Canada, and Baikonur
 * is not separated from Kazakhstan. A PASS must hold for the real border, so we take the finer data
 * and add `BORDER_MARGIN_KM` for what 1:10m itself generalizes away (0.5 mm at 1:10,000,000 is 5 km).
 *
 * Loaded lazily, once per process (~0.5 s); point-in-country uses a bounding-box prefilter per polygon
 * before the exact test (@turf/boolean-point-in-polygon, planar in lon/lat like the source data).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import isoNumeric from './data/iso-numeric.json' with { type: 'json' };
import {
  arcMeetsCaps,
  boxesOverlap,
  type Cap,
  capBox,
  greatCircleKm,
  type LatLonBox,
  MEAN_EARTH_RADIUS_KM,
  normalizeLongitude,
  unitVector,
} from './sphere.js';

export const BORDER_SOURCE =
  'Natural Earth 4.1.0 Admin 0 – Countries, 1:10m, via npm world-atlas@2 (countries-10m.json)';

/**
 * Distance by which the true border may differ from the 1:10m line: 0.5 mm at 1:10,000,000 (the usual
 * cartographic generalization tolerance) is 5 km. Disks are widened by this much before the border test.
 */
export const BORDER_MARGIN_KM = 5;

/**
 * Ring edges are densified to at most this length, so the straight lon/lat segment of the source data
 * and the great-circle arc we test stay within L² tan φ / 8R of each other: 0.02 km at 85° latitude,
 * 0.11 km at 89°, far inside BORDER_MARGIN_KM.
 */
const MAX_EDGE_KM = 10;
const EDGES_PER_CHUNK = 32;

interface PolygonPart {
  readonly box: LatLonBox;
  readonly polygon: Polygon;
}

interface CountryRegion {
  readonly code: string;
  readonly box: LatLonBox;
  readonly parts: readonly PolygonPart[];
  boundary?: BoundaryIndex;
}

/** A country's boundary (outer rings and holes), densified, as unit vectors in chunks with boxes. */
interface BoundaryIndex {
  /** x, y, z per vertex; the edges of chunk i join vertices start[i] … start[i] + edges[i]. */
  readonly vectors: Float64Array;
  readonly chunkStart: Int32Array;
  readonly chunkEdges: Int32Array;
  readonly chunkBoxes: readonly LatLonBox[];
  /** Longest edge, as an angle (radians). */
  readonly maxEdgeAngle: number;
}

let regions: Map<string, CountryRegion> | undefined;

function loadRegions(): Map<string, CountryRegion> {
  if (regions) return regions;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const numericToAlpha2 = isoNumeric.numericToAlpha2 as Record<string, string>;
  const polygonsByCode = new Map<string, Polygon[]>();
  for (const f of collection.features) {
    // Territories without an ISO code (Kosovo, Somaliland, N. Cyprus, Baikonur, …) are nobody's
    // country here: their outlines still bound the countries around them.
    const code = f.id === undefined ? undefined : numericToAlpha2[String(f.id)];
    if (!code || !f.geometry) continue;
    const geometry = f.geometry as Polygon | MultiPolygon;
    const list = polygonsByCode.get(code) ?? [];
    if (geometry.type === 'Polygon') list.push(geometry);
    else for (const coordinates of geometry.coordinates) list.push({ type: 'Polygon', coordinates });
    polygonsByCode.set(code, list);
  }
  regions = new Map();
  for (const [code, polygons] of polygonsByCode) {
    const parts = polygons.map((polygon) => {
      const fixed: Polygon = { type: 'Polygon', coordinates: polygon.coordinates.map(unwrapCutVertices) };
      return { polygon: fixed, box: ringsBox(fixed.coordinates) };
    });
    regions.set(code, { code, parts, box: unionBox(parts.map((p) => p.box)) });
  }
  return regions;
}

/** Whether Natural Earth has an outline for this ISO 3166-1 alpha-2 code. */
export function hasBorderData(code: string): boolean {
  return loadRegions().has(code);
}

/** Whether (lat, lon) lies inside (or on the border of) the country's outline. */
export function pointInCountry(code: string, lat: number, lon: number): boolean {
  const region = loadRegions().get(code);
  return region !== undefined && regionContains(region, lat, lon);
}

/** The alpha-2 code of the country whose outline contains the point, or null (sea, unclaimed, no ISO code). */
export function countryAt(lat: number, lon: number): string | null {
  for (const region of loadRegions().values()) {
    if (regionContains(region, lat, lon)) return region.code;
  }
  return null;
}

function regionContains(region: CountryRegion, lat: number, lon: number): boolean {
  if (!inBox(region.box, lat, lon)) return false;
  for (const part of region.parts) {
    if (inBox(part.box, lat, lon) && booleanPointInPolygon([lon, lat], part.polygon)) return true;
  }
  return false;
}

/**
 * Whether the intersection of `caps` touches the country's boundary (any ring: coast, land border,
 * the ±180° cut, or a hole). Exact for the densified great-circle edges; the caller widens the caps
 * by BORDER_MARGIN_KM, which also covers the ≤ 0.11 km between those arcs and the source segments.
 * Only chunks whose box overlaps the smallest cap's box are examined.
 */
export function capsMeetBoundary(code: string, caps: readonly Cap[]): boolean {
  const region = loadRegions().get(code);
  if (!region) throw new Error(`no border data for ${code}`);
  if (caps.length === 0) return true;
  region.boundary ??= buildBoundary(region);
  const boundary = region.boundary;
  let smallest = caps[0]!;
  for (const c of caps) if (c.radiusKm < smallest.radiusKm) smallest = c;
  // A point of an arc lies within maxEdgeAngle of the arc's first vertex, so an arc whose first vertex
  // is farther than ρ + maxEdgeAngle from the smallest cap's centre cannot meet it.
  const quickAngle = smallest.radiusKm / MEAN_EARTH_RADIUS_KM + boundary.maxEdgeAngle;
  const quickCos = quickAngle >= Math.PI ? -1 : Math.cos(quickAngle);
  // +1 km: an arc bulges at most 0.11 km outside its vertices' box.
  const box = capBox(smallest, 1);
  const v = boundary.vectors;
  const { x: cx, y: cy, z: cz } = smallest;
  for (let chunk = 0; chunk < boundary.chunkStart.length; chunk++) {
    if (!boxesOverlap(box, boundary.chunkBoxes[chunk]!)) continue;
    const start = boundary.chunkStart[chunk]!;
    const end = start + boundary.chunkEdges[chunk]!;
    for (let i = start; i < end; i++) {
      const p = 3 * i;
      if (v[p]! * cx + v[p + 1]! * cy + v[p + 2]! * cz < quickCos) continue;
      if (arcMeetsCaps(v[p]!, v[p + 1]!, v[p + 2]!, v[p + 3]!, v[p + 4]!, v[p + 5]!, caps)) return true;
    }
  }
  return false;
}

function buildBoundary(region: CountryRegion): BoundaryIndex {
  const vectors: number[] = [];
  const chunkStart: number[] = [];
  const chunkEdges: number[] = [];
  const chunkBoxes: LatLonBox[] = [];
  let maxEdgeKm = 0;
  for (const part of region.parts) {
    for (const ring of part.polygon.coordinates) {
      const points = densify(ring);
      for (let first = 0; first < points.length - 1; first += EDGES_PER_CHUNK) {
        const last = Math.min(points.length - 1, first + EDGES_PER_CHUNK);
        chunkStart.push(vectors.length / 3);
        chunkEdges.push(last - first);
        const slice = points.slice(first, last + 1);
        chunkBoxes.push(ringsBox([slice]));
        for (let k = 0; k < slice.length; k++) {
          const [lon, lat] = slice[k]!;
          vectors.push(...unitVector(lat!, lon!));
          if (k > 0) {
            const [prevLon, prevLat] = slice[k - 1]!;
            maxEdgeKm = Math.max(maxEdgeKm, greatCircleKm(prevLat!, prevLon!, lat!, lon!));
          }
        }
      }
    }
  }
  return {
    vectors: Float64Array.from(vectors),
    chunkStart: Int32Array.from(chunkStart),
    chunkEdges: Int32Array.from(chunkEdges),
    chunkBoxes,
    maxEdgeAngle: maxEdgeKm / MEAN_EARTH_RADIUS_KM,
  };
}

/** Splits every edge longer than MAX_EDGE_KM, interpolating linearly in lon/lat as the source data means. */
function densify(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i]!;
    if (i > 0) {
      const [prevLon, prevLat] = ring[i - 1]!;
      // Only Antarctica's closing edge still jumps across ±180 after unwrapCutVertices: take the short way.
      const dLon =
        lon! - prevLon! > 180
          ? lon! - prevLon! - 360
          : lon! - prevLon! < -180
            ? lon! - prevLon! + 360
            : lon! - prevLon!;
      const pieces = Math.ceil(greatCircleKm(prevLat!, prevLon!, lat!, lon!) / MAX_EDGE_KM);
      for (let k = 1; k < pieces; k++) {
        const t = k / pieces;
        out.push([normalizeLongitude(prevLon! + dLon * t), prevLat! + (lat! - prevLat!) * t]);
      }
    }
    out.push([lon!, lat!]);
  }
  return out;
}

/**
 * TopoJSON quantization writes some vertices on the ±180° cut with the wrong sign (Russia's ring has
 * an edge from -180 to 179.9 that is really 0.1° long; read as planar, it would span the globe and
 * flip point-in-polygon answers along its latitude). A cut vertex takes the sign of its nearest
 * neighbour that is not on the cut.
 */
function unwrapCutVertices(ring: Position[]): Position[] {
  const n = ring.length - 1; // the last vertex repeats the first
  const out = ring.map((p) => [p[0]!, p[1]!]);
  for (let i = 0; i < n; i++) {
    if (Math.abs(out[i]![0]!) !== 180) continue;
    for (let step = 1; step < n; step++) {
      const neighbour = ring[(i - step + n) % n]![0]!;
      const other = ring[(i + step) % n]![0]!;
      const pick = Math.abs(neighbour) !== 180 ? neighbour : Math.abs(other) !== 180 ? other : undefined;
      if (pick !== undefined) {
        out[i]![0] = pick > 0 ? 180 : -180;
        break;
      }
    }
  }
  out[n] = [out[0]![0]!, out[0]![1]!];
  return out;
}

function ringsBox(rings: readonly Position[][]): LatLonBox {
  let minLat = 90;
  let maxLat = -90;
  let minLon = 180;
  let maxLon = -180;
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      minLat = Math.min(minLat, lat!);
      maxLat = Math.max(maxLat, lat!);
      minLon = Math.min(minLon, lon!);
      maxLon = Math.max(maxLon, lon!);
    }
  }
  return { minLat, maxLat, minLon, maxLon };
}

function unionBox(boxes: readonly LatLonBox[]): LatLonBox {
  return {
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
    minLon: Math.min(...boxes.map((b) => b.minLon)),
    maxLon: Math.max(...boxes.map((b) => b.maxLon)),
  };
}

function inBox(box: LatLonBox, lat: number, lon: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon;
}

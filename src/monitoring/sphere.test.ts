import { describe, expect, it } from 'vitest';
import {
  arcMeetsCaps,
  cap,
  capBox,
  destination,
  greatCircleKm,
  MEAN_EARTH_RADIUS_KM,
  unitVector,
} from './sphere.js';

describe('great-circle distance (haversine, mean radius 6371.0088 km)', () => {
  it('gives the textbook values', () => {
    expect(greatCircleKm(0, 0, 0, 1)).toBeCloseTo((2 * Math.PI * MEAN_EARTH_RADIUS_KM) / 360, 6);
    expect(greatCircleKm(0, 0, 90, 0)).toBeCloseTo((Math.PI * MEAN_EARTH_RADIUS_KM) / 2, 6);
    expect(greatCircleKm(10, 20, -10, -160)).toBeCloseTo(Math.PI * MEAN_EARTH_RADIUS_KM, 3); // antipodes: within 1 m
    expect(greatCircleKm(48.8567, 2.3522, 48.8567, 2.3522)).toBe(0);
  });

  it('matches the research note: Singapore–Shanghai is at least 25.4 ms of RTT at c', () => {
    const km = greatCircleKm(1.3, 103.8, 31.1667, 121.4667);
    expect((2 * km) / 299.792458).toBeGreaterThan(25);
  });

  it('destination() walks the distance it is asked to', () => {
    for (const bearing of [0, 45, 90, 180, 270, 333]) {
      const p = destination(32.8, -96.8, bearing, 1234.5);
      expect(greatCircleKm(32.8, -96.8, p.lat, p.lon)).toBeCloseTo(1234.5, 6);
    }
    expect(destination(0, 179.5, 90, 111.19508).lon).toBeCloseTo(-179.5, 4);
  });
});

describe('spherical caps', () => {
  it('refuses caps of a hemisphere or more (they are not convex)', () => {
    expect(cap(0, 0, 10_000)).not.toBeNull();
    expect(cap(0, 0, (Math.PI * MEAN_EARTH_RADIUS_KM) / 2)).toBeNull();
  });

  it('boxes a cap by its tangent meridians, whole longitudes around a pole', () => {
    const box = capBox(cap(60, 10, 111.19508)!);
    expect(box.minLat).toBeCloseTo(59, 4);
    expect(box.maxLat).toBeCloseTo(61, 4);
    expect(box.maxLon - 10).toBeCloseTo(
      Math.asin(Math.sin(Math.PI / 180) / Math.cos(Math.PI / 3)) * (180 / Math.PI),
      6,
    );
    expect(capBox(cap(89.5, 0, 100)!)).toMatchObject({ minLon: -180, maxLon: 180, maxLat: 90 });
  });

  it('finds where an arc meets the intersection of caps, exactly', () => {
    // An arc along the equator from lon 0 to lon 2 (~222 km).
    const [px, py, pz] = unitVector(0, 0);
    const [qx, qy, qz] = unitVector(0, 2);
    const meets = (...caps: [number, number, number][]) =>
      arcMeetsCaps(
        px,
        py,
        pz,
        qx,
        qy,
        qz,
        caps.map(([lat, lon, r]) => cap(lat, lon, r)!),
      );
    expect(meets([1, 1, 112])).toBe(true); // 111.2 km north of the arc's middle
    expect(meets([1, 1, 110])).toBe(false);
    expect(meets([0, 3, 112])).toBe(true); // reaches the end point from beyond it
    expect(meets([0, 3, 110])).toBe(false);
    // Two caps that each meet the arc, but at different places.
    expect(meets([0, 0.2, 20], [0, 1.8, 20])).toBe(false);
    expect(meets([0, 0.9, 20], [0, 1.1, 20])).toBe(true);
  });
});

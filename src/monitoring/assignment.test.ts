import { describe, expect, it } from 'vitest';
import { assignLandmarks, coverageOf, METRO_RADIUS_KM } from './assignment.js';

const DALLAS = { id: 'lm-dallas', lat: 32.7935, lon: -96.7667 };
const ATLANTA = { id: 'lm-atlanta', lat: 33.7628, lon: -84.422 };
const CHICAGO = { id: 'lm-chicago', lat: 41.8375, lon: -87.6866 };
const HOUSTON = { id: 'lm-houston', lat: 29.7604, lon: -95.3698 };
const SINGAPORE = { id: 'lm-singapore', lat: 1.3521, lon: 103.8198 };
const KUALA_LUMPUR = { id: 'lm-kuala-lumpur', lat: 3.139, lon: 101.6869 };
const DALLAS_SITE = { lat: 32.875, lon: -96.77, country: 'US' };

describe('landmark assignment', () => {
  it('is the k nearest, nearest first, with the metro landmark when within a 2 ms round trip at c', () => {
    expect(METRO_RADIUS_KM).toBeCloseTo(299.792458, 6);
    const a = assignLandmarks(DALLAS_SITE, [CHICAGO, ATLANTA, HOUSTON, DALLAS], 3);
    expect(a.landmarks.map((l) => l.id)).toEqual(['lm-dallas', 'lm-houston', 'lm-atlanta']);
    expect(a.landmarks[0]!.distanceKm).toBe(9.068);
    expect(a.metroLandmarkId).toBe('lm-dallas');
    expect(assignLandmarks(DALLAS_SITE, [CHICAGO, ATLANTA], 3).metroLandmarkId).toBeNull();
    expect(assignLandmarks(DALLAS_SITE, [], 3)).toEqual({ landmarks: [], metroLandmarkId: null });
  });

  it('breaks distance ties by id, so every instance assigns the same list', () => {
    const a = { id: 'lm-b', lat: 10, lon: 10 };
    const b = { id: 'lm-a', lat: 10, lon: 10 };
    expect(assignLandmarks({ lat: 10, lon: 10.5 }, [a, b], 2).landmarks.map((l) => l.id)).toEqual([
      'lm-a',
      'lm-b',
    ]);
  });
});

describe('coverage', () => {
  it('an inland site with a metro landmark can be verified', () => {
    expect(coverageOf(DALLAS_SITE, [DALLAS, ATLANTA, CHICAGO], 3, 0.1)).toMatchObject({
      verifiable: true,
      gaps: [],
      bestCase: { verdict: 'PASS' },
    });
  });

  it('names a site with no landmark in its metro area, and a site with none at all', () => {
    expect(coverageOf(DALLAS_SITE, [ATLANTA, CHICAGO], 3, 0.1).gaps).toContain('no-metro-landmark');
    expect(coverageOf(DALLAS_SITE, [], 3, 0.1).gaps).toEqual(['no-landmarks']);
  });

  it('names a Singapore site that no disk around its landmarks fits, even with one 13 km away', () => {
    const jurong = { lat: 1.3187, lon: 103.7064, country: 'SG' };
    const c = coverageOf(jurong, [SINGAPORE, KUALA_LUMPUR], 3, 0.1);
    expect(c.assignment.metroLandmarkId).toBe('lm-singapore');
    expect(c).toMatchObject({
      verifiable: false,
      gaps: ['no-disk-fits'],
      bestCase: { verdict: 'INCONCLUSIVE' },
    });
  });
});

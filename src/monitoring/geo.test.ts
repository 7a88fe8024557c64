import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { type LocateInput, locate, maxDistanceKm, SPEED_OF_LIGHT_KM_PER_S } from './geo.js';
import { destination, greatCircleKm } from './sphere.js';

const C_KM_PER_MS = SPEED_OF_LIGHT_KM_PER_S / 1000;
/** The RTT at which the vacuum bound is exactly `km`. */
const rttFor = (km: number, processingMs = 0) => (2 * km) / C_KM_PER_MS + processingMs;

const dallas = { id: 'dallas', lat: 32.7935, lon: -96.7667 };
const dallasSite = { lat: 32.875, lon: -96.77, country: 'US' };

function input(overrides: Partial<LocateInput> = {}): LocateInput {
  return {
    site: dallasSite,
    landmarks: [dallas],
    measurements: [{ landmarkId: 'dallas', rttMs: rttFor(20) }],
    processingMinMs: 0,
    ...overrides,
  };
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('the vacuum speed-of-light bound', () => {
  it('is 149.9 km per ms of RTT after the certified minimum processing time', () => {
    expect(maxDistanceKm(1, 0)).toBeCloseTo(149.896229, 6);
    expect(maxDistanceKm(1.2, 0.2)).toBeCloseTo(149.896229, 6);
    expect(maxDistanceKm(0.1, 0.2)).toBe(0); // never negative
    expect(maxDistanceKm(133.6, 0)).toBeGreaterThan(Math.PI * 6371.0088); // past the antipode: constrains nothing
  });
});

describe('locate (spec/contracts.md, "Location check")', () => {
  it('passes a chip whose metro-area landmark proves it is inside the country', () => {
    const result = locate(input());
    expect(result.verdict).toBe('PASS');
    expect(result.bounds).toEqual([{ landmarkId: 'dallas', maxDistanceKm: 20, siteDistanceKm: 9.068 }]);
  });

  it('uses the minimum of several RTTs to one landmark, and subtracts processing', () => {
    const result = locate(
      input({
        measurements: [
          { landmarkId: 'dallas', rttMs: rttFor(5000) },
          { landmarkId: 'dallas', rttMs: rttFor(20, 0.3) },
          { landmarkId: 'dallas', rttMs: rttFor(900) },
        ],
        processingMinMs: 0.3,
      }),
    );
    expect(result.bounds).toHaveLength(1);
    expect(result.bounds[0]!.maxDistanceKm).toBeCloseTo(20, 6);
    expect(result.verdict).toBe('PASS');
  });

  it('is SITE_INCONSISTENT when a bound is shorter than the landmark-to-site distance', () => {
    const result = locate(input({ measurements: [{ landmarkId: 'dallas', rttMs: rttFor(5) }] }));
    expect(result.verdict).toBe('SITE_INCONSISTENT');
    expect(result.reason).toBe('site-outside-bound');
  });

  it('gives the site the benefit of the sphere model (0.5 %) and 1 km for its coordinates', () => {
    const distance = greatCircleKm(dallas.lat, dallas.lon, dallasSite.lat, dallasSite.lon);
    const justShort = locate(
      input({ measurements: [{ landmarkId: 'dallas', rttMs: rttFor(distance - 0.9) }] }),
    );
    expect(justShort.verdict).not.toBe('SITE_INCONSISTENT');
    const tooShort = locate(
      input({ measurements: [{ landmarkId: 'dallas', rttMs: rttFor(distance - 1.1) }] }),
    );
    expect(tooShort.verdict).toBe('SITE_INCONSISTENT');
  });

  it('is INCONCLUSIVE when the possible region reaches past the border', () => {
    const result = locate(input({ measurements: [{ landmarkId: 'dallas', rttMs: rttFor(800) }] }));
    expect(result).toMatchObject({ verdict: 'INCONCLUSIVE', reason: 'region-crosses-border' });
  });

  it('passes on the intersection of disks when no single disk fits in the country', () => {
    const west = destination(dallasSite.lat, dallasSite.lon, 270, 1000);
    const east = destination(dallasSite.lat, dallasSite.lon, 90, 1000);
    const landmarks = [
      { id: 'west', ...west },
      { id: 'east', ...east },
    ];
    const both = locate({
      site: dallasSite,
      landmarks,
      measurements: [
        { landmarkId: 'west', rttMs: rttFor(1010) },
        { landmarkId: 'east', rttMs: rttFor(1010) },
      ],
      processingMinMs: 0,
    });
    expect(both.verdict).toBe('PASS');
    const one = locate({
      site: dallasSite,
      landmarks,
      measurements: [{ landmarkId: 'west', rttMs: rttFor(1010) }],
      processingMinMs: 0,
    });
    expect(one.verdict).toBe('INCONCLUSIVE');
  });

  it('cannot tell Hong Kong from Shenzhen (0.18 ms apart): INCONCLUSIVE, never PASS', () => {
    const result = locate({
      site: { lat: 22.28, lon: 114.16, country: 'HK' },
      landmarks: [{ id: 'shenzhen', lat: 22.535, lon: 114.054 }],
      measurements: [{ landmarkId: 'shenzhen', rttMs: rttFor(32) }],
      processingMinMs: 0,
    });
    expect(result.verdict).toBe('INCONCLUSIVE');
  });

  it('does not pass a site next to an exclave of another country (Nador, beside Melilla)', () => {
    const result = locate({
      site: { lat: 35.17, lon: -2.93, country: 'MA' },
      landmarks: [{ id: 'nador', lat: 35.17, lon: -2.93 }],
      measurements: [{ landmarkId: 'nador', rttMs: rttFor(20) }],
      processingMinMs: 0,
    });
    expect(result.verdict).toBe('INCONCLUSIVE');
  });

  it('explains the other INCONCLUSIVE cases', () => {
    expect(locate(input({ measurements: [] })).reason).toBe('no-measurements');
    expect(locate(input({ measurements: [{ landmarkId: 'dallas', rttMs: 140 }] })).reason).toBe(
      'no-constraining-bound',
    );
    expect(
      locate(
        input({
          site: { lat: 4.93, lon: -52.33, country: 'GF' },
          landmarks: [{ id: 'dallas', lat: 4.93, lon: -52.33 }],
        }),
      ).reason,
    ).toBe('no-border-data');
    expect(locate(input({ site: { ...dallasSite, country: 'CA' } })).reason).toBe(
      'site-outside-country-outline',
    );
  });

  it('accepts lower-case country codes', () => {
    expect(locate(input({ site: { ...dallasSite, country: 'us' } })).verdict).toBe('PASS');
  });

  it('names the field of every bad input', () => {
    const cases: [unknown, (string | number)[], string][] = [
      [{ ...input(), site: { ...dallasSite, lat: 91 } }, ['site', 'lat'], 'too_big'],
      [{ ...input(), landmarks: [{ ...dallas, lon: -181 }] }, ['landmarks', 0, 'lon'], 'too_small'],
      [
        { ...input(), measurements: [{ landmarkId: 'nowhere', rttMs: 1 }] },
        ['measurements', 0, 'landmarkId'],
        'unknown_landmark',
      ],
      [
        { ...input(), measurements: [{ landmarkId: 'dallas', rttMs: -1 }] },
        ['measurements', 0, 'rttMs'],
        'too_small',
      ],
      [{ ...input(), site: { ...dallasSite, country: 'XX' } }, ['site', 'country'], 'invalid_country'],
      [{ ...input(), landmarks: [dallas, dallas] }, ['landmarks', 1, 'id'], 'duplicate_landmark'],
      [
        { ...input(), measurements: [{ landmarkId: 'dallas', rtt: 1 }] },
        ['measurements', 0, 'rtt'],
        'unknown_field',
      ],
      [{ landmarks: [], measurements: [] }, ['site'], 'missing_field'],
    ];
    for (const [bad, path, code] of cases) {
      const error = inputError(() => locate(bad));
      expect(error.issues).toContainEqual(expect.objectContaining({ path, code }));
    }
  });
});

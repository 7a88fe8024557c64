import { describe, expect, it } from 'vitest';
import { capsMeetBoundary, countryAt, hasBorderData, pointInCountry } from './borders.js';
import { cap } from './sphere.js';

describe('country borders (Natural Earth 1:10m via world-atlas)', () => {
  it('locates points in countries, at sea and in holes', () => {
    expect(pointInCountry('US', 32.7935, -96.7667)).toBe(true);
    expect(pointInCountry('MX', 32.7935, -96.7667)).toBe(false);
    expect(countryAt(30, -40)).toBeNull(); // mid-Atlantic
    expect(countryAt(-29.31, 27.48)).toBe('LS'); // Maseru, inside South Africa's outer ring
    expect(pointInCountry('ZA', -29.31, 27.48)).toBe(false);
  });

  it('keeps the exclaves that the 1:50m data drops', () => {
    expect(countryAt(35.2923, -2.9381)).toBe('ES'); // Melilla
    expect(countryAt(48.985, -123.06)).toBe('US'); // Point Roberts
  });

  it('does not let the ±180° cut in Russia claim points around the globe', () => {
    // Russia's ring had a vertex written as -180 next to 179.9 at 65.07°N: read as planar, that edge
    // spanned every longitude at that latitude.
    expect(countryAt(65.06, 25.5)).toBe('FI');
    expect(pointInCountry('RU', 65.06, 25.5)).toBe(false);
    expect(pointInCountry('RU', 66, -172)).toBe(true); // Chukotka, west of the cut
  });

  it('tells whether caps reach a boundary (coast, border or hole)', () => {
    expect(capsMeetBoundary('US', [cap(32.7935, -96.7667, 100)!])).toBe(false);
    expect(capsMeetBoundary('US', [cap(32.7935, -96.7667, 500)!])).toBe(true); // Gulf of Mexico
    expect(capsMeetBoundary('ZA', [cap(-29.31, 27.48, 20)!])).toBe(true); // Lesotho's ring
  });

  it('knows which ISO codes have an outline', () => {
    expect(hasBorderData('US')).toBe(true);
    expect(hasBorderData('GF')).toBe(false); // part of France's outline in Natural Earth
  });
});

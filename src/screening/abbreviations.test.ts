import { describe, expect, it } from 'vitest';
import { expandAbbreviation } from './abbreviations.js';

describe('abbreviations', () => {
  it.each([
    [['tech', 'techn', 'technology', 'technologies'], 'technology'],
    [['intl', 'international'], 'international'],
    [['grp', 'group'], 'group'],
    [['comm', 'communication', 'communications'], 'communication'],
    [['elec', 'electronic', 'electronics'], 'electronics'],
    [['sci', 'science', 'sciences', 'scientific'], 'science'],
    [['ind', 'industry', 'industries'], 'industry'],
    [['inst', 'institute'], 'institute'],
    [['univ', 'university'], 'university'],
    [['dev', 'development'], 'development'],
    [['eng', 'engineering'], 'engineering'],
    [['mfg', 'manufacturing'], 'manufacturing'],
    [['sys', 'system', 'systems'], 'systems'],
    [['equip', 'equipment'], 'equipment'],
    [['res', 'research'], 'research'],
    [['coop', 'cooperative'], 'cooperative'],
  ])('%j → %s', (spellings, canonical) => {
    for (const spelling of spellings) expect(expandAbbreviation(spelling)).toBe(canonical);
  });

  it('leaves other words as they are', () => {
    expect(expandAbbreviation('huawei')).toBe('huawei');
  });
});

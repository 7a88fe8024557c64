import damerauLevenshtein from 'damerau-levenshtein';
import { describe, expect, it } from 'vitest';
import { editSimilarity, osaDistance } from './similarity.js';

describe('osaDistance', () => {
  const words = [
    '',
    'a',
    'ab',
    'ba',
    'abc',
    'acb',
    'ca',
    'kitten',
    'sitting',
    'huawei',
    'huawai',
    'technologies',
    'technolgies',
    'abcdef',
    'badcfe',
  ];

  it('agrees with the damerau-levenshtein package (same OSA definition) within the bound', () => {
    for (const a of words) {
      for (const b of words) {
        const reference = damerauLevenshtein(a, b).steps;
        for (const max of [0, 1, 2, 3, 20]) expect(osaDistance(a, b, max)).toBe(Math.min(reference, max + 1));
      }
    }
  });

  it('treats "?" as any letter only when asked', () => {
    expect(osaDistance('m?ller', 'muller', 2, true)).toBe(0);
    expect(osaDistance('m?ller', 'muller', 2)).toBe(1);
  });
});

describe('editSimilarity', () => {
  it('allows no edit on words of three letters, then one, two and three', () => {
    expect(editSimilarity('abc', 'abd')).toBe(0);
    expect(editSimilarity('huawai', 'huawei')).toBeCloseTo(5 / 6);
    expect(editSimilarity('wong', 'wnoog')).toBe(0);
    expect(editSimilarity('technolgies', 'technologies')).toBeCloseTo(11 / 12);
  });

  it('never rates a wildcard match as certain', () => {
    expect(editSimilarity('m?ller', 'muller')).toBe(0.95);
  });
});

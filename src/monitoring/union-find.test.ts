import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/random.js';
import { UnionFind } from './union-find.js';

describe('UnionFind', () => {
  it('joins sets and tracks their sizes', () => {
    const sets = new UnionFind(6);
    expect(sets.union(0, 1)).toBeGreaterThanOrEqual(0);
    expect(sets.union(2, 3)).toBeGreaterThanOrEqual(0);
    expect(sets.union(1, 0)).toBe(-1);
    const root = sets.union(3, 0);
    expect(sets.sizeOfRoot(root)).toBe(4);
    expect(sets.find(2)).toBe(sets.find(1));
    expect(sets.find(5)).toBe(5);
    expect(sets.sizeOfRoot(5)).toBe(1);
  });

  it('agrees with a naive labelling on random unions', () => {
    const random = seededRandom(42);
    const n = 500;
    const sets = new UnionFind(n);
    const label = Array.from({ length: n }, (_, i) => i);
    for (let k = 0; k < 400; k++) {
      const a = random.int(n);
      const b = random.int(n);
      sets.union(a, b);
      const from = label[b]!;
      const to = label[a]!;
      for (let i = 0; i < n; i++) if (label[i] === from) label[i] = to;
      const i = random.int(n);
      const j = random.int(n);
      expect(sets.find(i) === sets.find(j)).toBe(label[i] === label[j]);
      expect(sets.sizeOfRoot(sets.find(i))).toBe(label.filter((l) => l === label[i]).length);
    }
  });
});

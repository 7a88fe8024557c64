import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/random.js';
import {
  bothEndsReported,
  HIGH_CURRENT,
  kindOf,
  LinkTable,
  LOW_CURRENT,
  LOW_PREVIOUS,
} from './link-table.js';

describe('LinkTable', () => {
  it('records which end reported a link, and keeps the scale-up kind when the ends disagree', () => {
    const table = new LinkTable(4);
    expect(table.report(7, 3, 2)).toBe(HIGH_CURRENT | (2 << 4));
    expect(bothEndsReported(table.get(3, 7))).toBe(false);
    const flags = table.report(3, 7, 0);
    expect(flags & (LOW_CURRENT | HIGH_CURRENT)).toBe(LOW_CURRENT | HIGH_CURRENT);
    expect(kindOf(flags)).toBe(0);
    expect(bothEndsReported(table.get(7, 3))).toBe(true);
    expect(table.get(1, 2)).toBe(0);
  });

  it('ages reports into the previous period and drops links nobody reported for a period', () => {
    const table = new LinkTable(4);
    table.report(1, 2, 0);
    table.report(2, 1, 0);
    table.report(5, 6, 0);
    table.age();
    expect(bothEndsReported(table.get(1, 2))).toBe(true); // still within two periods
    expect(table.get(5, 6) & LOW_PREVIOUS).toBe(LOW_PREVIOUS);
    table.report(1, 2, 0);
    table.age();
    expect(table.get(1, 2) & (LOW_PREVIOUS | HIGH_CURRENT)).toBe(LOW_PREVIOUS);
    expect(table.get(5, 6)).toBe(0);
    expect(table.size).toBe(1);
  });

  it('stays consistent with a Map through growth and deletions (random operations)', () => {
    const random = seededRandom(7);
    const table = new LinkTable(8);
    const reference = new Map<string, number>();
    const key = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
    for (let period = 0; period < 30; period++) {
      for (let k = 0; k < 200; k++) {
        const a = random.int(60);
        const b = (a + 1 + random.int(59)) % 60;
        table.report(a, b, 0);
        const side = a < b ? LOW_CURRENT : HIGH_CURRENT;
        reference.set(key(a, b), (reference.get(key(a, b)) ?? 0) | side);
      }
      table.age();
      for (const [k, flags] of reference) {
        const aged = (flags & 3) << 2;
        if (aged === 0) reference.delete(k);
        else reference.set(k, aged);
      }
      expect(table.size).toBe(reference.size);
      for (const [k, flags] of reference) {
        const [a, b] = k.split('-').map(Number) as [number, number];
        expect(table.get(a, b) & 15).toBe(flags);
      }
      let visited = 0;
      table.forEach(() => {
        visited++;
      });
      expect(visited).toBe(reference.size);
    }
  });
});

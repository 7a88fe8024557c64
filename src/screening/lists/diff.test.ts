import { describe, expect, it } from 'vitest';
import type { ListSnapshot } from '../types.js';
import { diffSnapshots, entryChange } from './diff.js';
import { importList } from './import.js';

const csv = (rows: string) =>
  importList(new TextEncoder().encode(`name,country,entity_number,remarks\n${rows}`), 'csv', {
    importedAt: '2026-08-01T00:00:00Z',
  });

describe('entry changes between snapshots', () => {
  const before: ListSnapshot = csv('Alpha Trading,AE,1,\nBeta Electronics,CN,2,\nGamma Ltd,HK,3,\n');
  const after: ListSnapshot = csv('Alpha Trading,AE,1,\nBeta Electronics,"CN;HK",2,\nDelta Corp,RU,4,\n');

  it('says whether one entry is unchanged, changed, added or removed', () => {
    expect(entryChange(before, after, 'INTERNAL-1')).toBe('unchanged');
    expect(entryChange(before, after, 'INTERNAL-2')).toBe('changed');
    expect(entryChange(before, after, 'INTERNAL-3')).toBe('removed');
    expect(entryChange(before, after, 'INTERNAL-4')).toBe('added');
    expect(entryChange(before, after, 'INTERNAL-9')).toBe('absent');
  });

  it('lists every id added, removed and changed', () => {
    expect(diffSnapshots(before, after)).toEqual({
      added: ['INTERNAL-4'],
      removed: ['INTERNAL-3'],
      changed: ['INTERNAL-2'],
    });
  });

  it('does not count a change of snapshot (import time, bytes) as a change of entry', () => {
    const reimported = importList(
      new TextEncoder().encode('name,entity_number,country,remarks\nAlpha Trading,1,AE,\n'),
      'csv',
      {
        importedAt: '2027-01-01T00:00:00Z',
      },
    );
    expect(reimported.version).not.toBe(before.version);
    expect(entryChange(before, reimported, 'INTERNAL-1')).toBe('unchanged');
  });
});

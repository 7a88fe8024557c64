import { describe, expect, it } from 'vitest';
import { CslBaseline } from './baseline.js';
import { importList } from './lists/import.js';

describe('CSL-style baseline (Damerau–Levenshtein ≤ 2 on whole names)', () => {
  const list = importList(
    new TextEncoder().encode(
      'name,alt_names,entity_number\nHuawei Technologies Co. Ltd.,Huawei,1\nZTE Corporation,,2\n',
    ),
    'csv',
    { importedAt: '2026-08-01T00:00:00Z' },
  );
  const baseline = new CslBaseline(list);

  it('hits within two edits of a name or alt name, case-insensitively', () => {
    expect(baseline.screen('HUAWEI TECHNOLOGIES CO LTD')).toEqual({
      decision: 'potential-match',
      entityIds: ['INTERNAL-1'],
    });
    expect(baseline.screen('Hauwei').entityIds).toEqual(['INTERNAL-1']);
    expect(baseline.screen('ZTE Corp.').decision).toBe('clear');
  });

  it('misses what the matcher is for: word order, legal forms, other scripts', () => {
    expect(baseline.screen('Technologies Huawei Co. Ltd.').decision).toBe('clear');
    expect(baseline.screen('Huawei Technologies Company Limited').decision).toBe('clear');
    expect(baseline.screen('华为').decision).toBe('clear');
  });
});

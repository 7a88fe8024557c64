import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultList } from '../src/screening/default-list.js';
import { Screener } from '../src/screening/matcher.js';
import type { ListSnapshot } from '../src/screening/types.js';
import { HELD_OUT_MANGLINGS, MANGLINGS, mangle, mangleHeldOut, seededRandom } from './screening-mangle.js';
import {
  buildNegatives,
  buildPersonNames,
  buildPositives,
  listedKeys,
  type NegativeSources,
  readNegativeSources,
} from './screening-sets.js';

const NEGATIVES =
  process.env.CHIPEXPORT_NEGATIVES ?? resolve(process.cwd(), '..', 'shared', 'data', 'negatives');

describe('manglings', () => {
  it('alter a name, reproducibly for a seed', () => {
    const name = 'Huawei Technologies Co., Ltd.';
    const once = mangle(name, seededRandom(7));
    expect(once).not.toBeNull();
    expect(once!.name).not.toBe(name);
    expect(mangle(name, seededRandom(7))).toEqual(once);
  });

  it('each apply to a name made for it', () => {
    const rng = seededRandom(1);
    const samples: Record<string, string> = {
      '? for non-ASCII': 'Müller Markt',
      'dropped non-ASCII': 'Müller Markt',
      'dropped diacritics': 'Müller Markt',
      'double to single letter': 'Müller Markt',
      'surname first': 'RIM, Ryong Nam',
      'legal form changed': 'Acme Co., Ltd.',
      abbreviation: 'Acme Technology Group',
    };
    for (const [mangling, apply] of Object.entries(MANGLINGS)) {
      const input = samples[mangling] ?? 'Huawei Technologies Research';
      const output = apply(input, rng);
      expect(output, mangling).not.toBeNull();
      expect(output, mangling).not.toBe(input);
    }
  });
});

describe('held-out manglings', () => {
  it('each apply to a name made for it, and differ from the name', () => {
    const rng = seededRandom(2);
    const name = 'Voronezh Aircraft Public Joint Stock Company';
    for (const [mangling, apply] of Object.entries(HELD_OUT_MANGLINGS)) {
      const output = apply(name, rng);
      expect(output, mangling).not.toBeNull();
      expect(output, mangling).not.toBe(name);
    }
    expect(HELD_OUT_MANGLINGS['glued tokens']('Abdul Aziz', rng)).toBe('AbdulAziz');
    expect(HELD_OUT_MANGLINGS['reordered legal form']('Huawei', rng)).toBeNull();
    const once = mangleHeldOut(name, seededRandom(9));
    expect(once).toEqual(mangleHeldOut(name, seededRandom(9)));
  });
});

describe.skipIf(!existsSync(NEGATIVES))('benchmark sets (../shared/data/negatives)', () => {
  let snapshot: ListSnapshot;
  let screener: Screener;
  let keys: ReturnType<typeof listedKeys>;
  let sources: NegativeSources;
  beforeAll(() => {
    snapshot = loadDefaultList();
    screener = new Screener(snapshot);
    keys = listedKeys(snapshot);
    sources = readNegativeSources(NEGATIVES);
  });

  it('builds 2,500 positives from distinct listed names, each altered', () => {
    const positives = buildPositives(snapshot, keys, 2500, 20260731);
    expect(positives).toHaveLength(2500);
    expect(new Set(positives.map((positive) => positive.original)).size).toBe(2500);
    const ids = new Set(snapshot.entries.map((entry) => entry.id));
    for (const positive of positives) {
      expect(positive.query).not.toBe(positive.original);
      expect(positive.manglings.length).toBeGreaterThanOrEqual(1);
      expect([...positive.entityIds].every((id) => ids.has(id))).toBe(true);
    }
  });

  it('builds a held-out set apart from the tuning set', () => {
    const tuning = buildPositives(snapshot, keys, 500, 11);
    const originals = new Set(tuning.map((positive) => positive.original));
    const heldOut = buildPositives(snapshot, keys, 500, 12, { mangle: mangleHeldOut, exclude: originals });
    expect(heldOut).toHaveLength(500);
    expect(heldOut.some((positive) => originals.has(positive.original))).toBe(false);
    const options = { universities: 200, persons: 200, seed: 13, strictThreshold: 0.95 };
    const first = buildNegatives(sources, keys, screener, { ...options, part: 0 });
    const second = buildNegatives(sources, keys, screener, {
      ...options,
      part: 1,
      exclude: new Set(first.negatives.map((negative) => negative.query)),
    });
    const firstNames = new Set(first.negatives.map((negative) => negative.query));
    expect(second.negatives.some((negative) => firstNames.has(negative.query))).toBe(false);
    for (const kind of ['company', 'university', 'person']) {
      expect(second.negatives.filter((negative) => negative.kind === kind).length, kind).toBeGreaterThan(150);
    }
  });

  it('builds 2,000 distinct person names from common forenames and surnames', () => {
    const names = buildPersonNames(sources, 2000, seededRandom(3));
    expect(names).toHaveLength(2000);
    expect(new Set(names).size).toBe(2000);
    expect(names.every((name) => name.split(' ').length >= 2)).toBe(true);
  });

  it('keeps real unlisted names as negatives and removes the ones really listed', () => {
    const { negatives, removed } = buildNegatives(sources, keys, screener, {
      universities: 300,
      persons: 2000,
      seed: 5,
      strictThreshold: 0.95,
    });
    const kinds = (kind: string) => negatives.filter((negative) => negative.kind === kind).length;
    expect(kinds('company')).toBeGreaterThan(2000);
    expect(kinds('university')).toBeGreaterThan(280);
    expect(kinds('person')).toBeGreaterThan(1900);
    expect(removed.map((entry) => entry.query)).toEqual(
      expect.arrayContaining(['China Mobile', 'Hikvision']),
    );
    const kept = new Set(negatives.map((negative) => negative.query));
    expect(removed.some((entry) => kept.has(entry.query))).toBe(false);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseRequest, loadGoldenFile } from '../../test/support/golden.js';
import { parseExportRequest } from '../domain/request.js';
import { registry } from '../frameworks/registry.js';
import { determine } from './determine.js';
import { toDeterminationJson } from './render.js';
import { BIBLIOGRAPHY, readableCitation, sourcesOfCitation } from './sources.js';

const here = join(import.meta.dirname, '..', 'frameworks');

/** Every determination of every golden case, as the contract's JSON. */
function allGoldenDeterminations() {
  const out = [];
  for (const id of registry.ids()) {
    const file = loadGoldenFile(join(here, id, 'golden.yaml'));
    for (const c of file.cases) {
      if (c.expect.error) continue;
      out.push({
        name: `${id}: ${c.name}`,
        json: toDeterminationJson(determine(registry.get(id), parseExportRequest(caseRequest(file, c)))),
      });
    }
  }
  return out;
}

describe('sources: the bibliography behind citations', () => {
  const dets = allGoldenDeterminations();

  it('finds a source a reader can open for every citation of every golden determination', () => {
    const unmatched = new Set<string>();
    for (const { json } of dets) {
      for (const citation of json.citations)
        if (sourcesOfCitation(citation).length === 0) unmatched.add(citation);
      expect(json.sources.length).toBeGreaterThan(0);
    }
    expect([...unmatched]).toEqual([]);
  });

  it('never shows a seed file name outside `citations` and the sources’ ids', () => {
    for (const { name, json } of dets) {
      const { citations: _c, trace: _t, sources, ...shown } = json;
      expect(JSON.stringify(shown), name).not.toMatch(/seeds? \d{3}_[0-9a-f]{16}/);
      for (const s of sources) expect(`${s.title} ${s.publisher}`, name).not.toMatch(/\.txt/);
    }
  });

  it('cites each seed as the report it reproduces', () => {
    expect(
      readableCitation('15 CFR 740.29, 90 FR 4544; seed 002_1f029dfe555180ab.txt (notification only)'),
    ).toBe('15 CFR 740.29, 90 FR 4544; AnewZ / Benzinga, reporting Reuters, 2025-04-29 (notification only)');
    expect(readableCitation('seeds 000_af86b0d64553dd15.txt, 001_d7314c7397f87934.txt')).toBe(
      'News analysis of the Reuters report of 2026-03-05, 2026-03-05; Reuters, 2026-03-05',
    );
    const seeds = BIBLIOGRAPHY.filter((e) => e.id.startsWith('seed '));
    expect(seeds.map((e) => e.id.slice(5, 8))).toEqual(['000', '001', '002', '003', '004']);
    for (const s of seeds) expect(s.publisher.length).toBeGreaterThan(3);
  });
});

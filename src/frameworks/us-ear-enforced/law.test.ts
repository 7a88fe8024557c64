import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseRequest, loadGoldenFile } from '../../../test/support/golden.js';
import { parseExportRequest } from '../../domain/request.js';
import { determine } from '../../rules/determine.js';
import { sourcesFor } from '../../rules/sources.js';
import { registry } from '../registry.js';
import { GROUP_MEMBERSHIP } from './groups.js';
import { LAW, lawHeadings } from './law.js';

const here = import.meta.dirname;
const headings = lawHeadings(join(here, 'law.md'));
const framework = registry.get('us-ear-enforced');

/** A citation is good when it is a law.md key or starts with one ("key: detail"). */
const keyOf = (citation: string) => headings.find((h) => citation.startsWith(h));

describe('us-ear-enforced law.md', () => {
  it('holds an excerpt for every key the code uses', () => {
    expect(Object.values(LAW).filter((key) => !headings.includes(key))).toEqual([]);
  });

  it('every rule cites a key of law.md', () => {
    const rules = [...framework.decisions.chips.rules, ...framework.decisions.modelWeights.rules];
    expect(rules.filter((r) => !keyOf(r.citation)).map((r) => `${r.id}: ${r.citation}`)).toEqual([]);
  });

  it('every parameter value and every group membership cites a key of law.md', () => {
    const bad: string[] = [];
    for (const p of framework.parameters.values()) {
      for (const r of p.readings)
        if (!headings.some((h) => r.source.startsWith(h))) bad.push(`${p.id}: ${r.source}`);
    }
    // Memberships come from the shared country data: each names one of the keys in its source.
    for (const m of GROUP_MEMBERSHIP) {
      if (!headings.some((h) => m.source.includes(h))) bad.push(`${m.group} ${m.code}: ${m.source}`);
    }
    expect(bad).toEqual([]);
  });

  it('every section names a source a reader can open', () => {
    const text = readFileSync(join(here, 'law.md'), 'utf8');
    // Each keyed section, up to the next heading.
    const sections = text.split(/\n(?=#{2,3} )/).filter((s) => /^#{2,3} `/.test(s));
    expect(sections.length).toBe(lawHeadings(join(here, 'law.md')).length);
    expect(sections.filter((s) => !/Source: https:\/\//.test(s)).map((s) => s.split('\n')[0])).toEqual([]);
  });

  it('every requirement and open reading in the golden determinations cites a key of law.md', () => {
    const file = loadGoldenFile(join(here, 'golden.yaml'));
    const bad = new Set<string>();
    for (const c of file.cases) {
      if (c.expect.error) continue;
      const det = determine(framework, parseExportRequest(caseRequest(file, c)));
      for (const r of det.requirements) if (!keyOf(r.citation)) bad.add(r.citation);
      for (const u of det.uncertain ?? []) if (!keyOf(u.citation)) bad.add(u.citation);
    }
    expect([...bad]).toEqual([]);
  });

  it('every key of law.md is in the bibliography the determinations list as sources', () => {
    expect(Object.values(LAW).filter((key) => sourcesFor([key]).length === 0)).toEqual([]);
  });

  it('a citation the law does not hold fails the check', () => {
    expect(keyOf('15 CFR 999.99: nothing')).toBeUndefined();
  });
});

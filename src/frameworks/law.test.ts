import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from './registry.js';

/**
 * Each framework folder holds `law.md`: the text each rule implements, one section per key (a
 * heading "## `<citation>`"). A rule's citation must be a key of its framework's law.md, of its
 * base's (for a reform) or of the shared ../law.md — so no rule cites text the repository does
 * not hold — and every key must be cited by some rule.
 */
const here = import.meta.dirname;

function keysOf(path: string): Set<string> {
  const keys = new Set<string>();
  for (const [, key] of readFileSync(path, 'utf8').matchAll(/^## `(.+)`\s*$/gm)) keys.add(key!);
  return keys;
}

const shared = keysOf(join(here, 'law.md'));
const used = new Set<string>();

describe('law.md: the law beside the rules', () => {
  for (const framework of registry.all()) {
    it(`${framework.id}: every rule cites a paragraph the repository holds`, () => {
      const own = join(here, framework.id, 'law.md');
      expect(existsSync(own)).toBe(true);
      const keys = new Set([...keysOf(own), ...shared]);
      if (framework.base) for (const k of keysOf(join(here, framework.base, 'law.md'))) keys.add(k);
      const missing: string[] = [];
      for (const rule of [...framework.decisions.chips.rules, ...framework.decisions.modelWeights.rules]) {
        used.add(rule.citation);
        if (!keys.has(rule.citation)) missing.push(`${rule.id}: ${rule.citation}`);
      }
      expect(missing).toEqual([]);
    });
  }

  it('holds no paragraph that no rule cites', () => {
    for (const framework of registry.all()) {
      for (const rule of [...framework.decisions.chips.rules, ...framework.decisions.modelWeights.rules])
        used.add(rule.citation);
    }
    const files = [join(here, 'law.md'), ...registry.ids().map((id) => join(here, id, 'law.md'))];
    const stale = files.flatMap((f) => [...keysOf(f)].filter((k) => !used.has(k)).map((k) => `${f}: ${k}`));
    expect(stale).toEqual([]);
  });
});

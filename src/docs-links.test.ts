import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The patterns pages name the code that shows each pattern: every path they name must exist. */
describe('docs/patterns', () => {
  const dir = 'docs/patterns';
  for (const page of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    it(`${page} names only files that exist`, () => {
      const text = readFileSync(join(dir, page), 'utf8');
      const paths = [...text.matchAll(/`((?:src|web|bench|test|docs)\/[^`\s]+)`/g)].map((m) => m[1]!);
      const links = [...text.matchAll(/\]\(([^)#]+\.md)\)/g)].map((m) => join(dir, m[1]!));
      expect(paths.length + links.length).toBeGreaterThan(0);
      for (const path of [...paths, ...links]) expect(existsSync(path), path).toBe(true);
    });
  }
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The house rules for imports (.dependency-cruiser.cjs, `npm run lint:deps`): the tree keeps
 * them, and each rule does reject what it names.
 */
const config = resolve('.dependency-cruiser.cjs');
const depcruise = resolve('node_modules/.bin/depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(cwd: string): Violation[] {
  const run = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
  });
  if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('module faces and layers', () => {
  it('the tree has no violation', () => {
    expect(cruise(process.cwd())).toEqual([]);
  }, 60_000);

  describe('a small tree that breaks each rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipexport-arch-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true } }),
      'src/screening/index.ts': "export { match } from './matcher.js';\n",
      'src/screening/matcher.ts': 'export const match = 1;\n',
      'src/screening/uses-ledger.ts':
        "import { LedgerError } from '../ledger/errors.js';\nexport const e = LedgerError;\n",
      'src/ledger/errors.ts': 'export class LedgerError extends Error {}\n',
      'src/ledger/uses-api.ts': "import { route } from '../api/route.js';\nexport const r = route;\n",
      'src/api/route.ts': 'export const route = 1;\n',
      'src/api/through-face.ts': "import { match } from '../screening/index.js';\nexport const m = match;\n",
      'src/api/past-face.ts': "import { match } from '../screening/matcher.js';\nexport const m = match;\n",
      'src/api/uses-cli.ts': "import { main } from '../cli/main.js';\nexport const m = main;\n",
      'src/cli/main.ts': 'export const main = 1;\n',
      'src/domain/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/domain/b.ts': "import type { a } from './a.js';\nexport const b: typeof a | null = null;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const found = () => cruise(dir).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

    it('reports an import that reaches past a face, and only that one of the two', () => {
      const violations = found();
      expect(violations).toContain('faces: src/api/past-face.ts → src/screening/matcher.ts');
      expect(violations.filter((v) => v.includes('through-face'))).toEqual([]);
    }, 60_000);

    it('reports a pure core importing the ledger, the ledger importing a door, the API the CLI, and a circle', () => {
      expect(found().sort()).toEqual(
        [
          'faces: src/api/past-face.ts → src/screening/matcher.ts',
          'layers-api: src/api/uses-cli.ts → src/cli/main.ts',
          'layers-ledger: src/ledger/uses-api.ts → src/api/route.ts',
          'layers-pure-cores: src/screening/uses-ledger.ts → src/ledger/errors.ts',
          'no-circular: src/domain/a.ts → src/domain/b.ts',
        ].sort(),
      );
    }, 60_000);
  });
});

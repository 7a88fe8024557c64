/**
 * The package as a user receives it: `npm pack` (prepack builds dist/), the tarball installed
 * into an empty project elsewhere, then the installed bin run and the library imported, from
 * JavaScript and type-checked from TypeScript. Also: the declared `engines` floor is one every
 * locked dependency supports, and the lock file holds every platform's optional packages (what
 * `npm ci` needs on any machine).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const semver = require('semver') as {
  subset(range: string, superset: string): boolean;
  satisfies(version: string, range: string): boolean;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optionalDependencies?: object }>;
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('engines and lock file', () => {
  it('the running Node satisfies the declared engines', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('every locked package supports every Node version the package declares', () => {
    const narrower: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (path && range && !semver.subset(pkg.engines.node, range)) narrower.push(`${path} (${range})`);
    }
    expect(narrower).toEqual([]);
  });

  it("every package's optional dependencies are in the lock (npm ci on any platform)", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        // Node's resolution: the package's own node_modules, then each enclosing one.
        let base = path;
        let found = false;
        for (;;) {
          if (lock.packages[`${base ? `${base}/` : ''}node_modules/${dep}`]) {
            found = true;
            break;
          }
          if (!base) break;
          const cut = base.lastIndexOf('/node_modules/');
          base = cut < 0 ? '' : base.slice(0, cut);
        }
        if (!found) missing.push(`${path} -> ${dep}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('npm pack, installed elsewhere', () => {
  let dir = '';
  let files: string[] = [];
  let installWarnings = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipexport-pack-'));
    const packed = JSON.parse(
      execFileSync(npm, ['pack', '--json', '--pack-destination', dir], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const tarball = join(dir, packed[0]?.filename ?? '');
    files = (packed[0]?.files ?? []).map((f) => f.path);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    const install = spawnSync(
      npm,
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', tarball],
      { cwd: dir, encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
    installWarnings = install.stderr;
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the build, the licence and the examples, and no test support or tests', () => {
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('dist/web/index.html');
    expect(files).toContain('examples/g42-uae-gb300.json');
    const support = files.filter((f) =>
      /(\.test\.|testing\.|test-nats|test-stores|ledger-fixture|\.reference\.|\.map$)/.test(f),
    );
    expect(support).toEqual([]);
    expect(readFileSync(join(dir, 'node_modules/chipexport/LICENSE'), 'utf8')).toContain('Apache License');
  });

  it('installs without engine warnings but the one docs/decisions.md names', () => {
    // A consumer's install does not get our `overrides`: fastify's light-my-request takes the
    // ESM-only cookie@2 (engines >=22), which Node >= 20.19 loads (require of ESM); the run
    // below proves it on this Node.
    const flagged = [...installWarnings.matchAll(/package: '([^']+)'/g)].map((m) => m[1]);
    expect(flagged.filter((name) => !name?.startsWith('cookie@'))).toEqual([]);
  });

  it('runs the installed bin: check an example, and a bad file exits 2', () => {
    const bin = join(dir, 'node_modules/.bin/chipexport');
    const example = join(dir, 'node_modules/chipexport/examples/g42-uae-gb300.json');
    const ok = spawnSync(bin, ['check', example, '--framework', 'us-ai-diffusion-2025'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('us-ai-diffusion-2025');
    const bad = spawnSync(bin, ['check', join(dir, 'package.json')], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: /);
  });

  it("imports { determine, frameworks } from 'chipexport' (JavaScript and TypeScript)", () => {
    const source = `import { readFileSync } from 'node:fs';
import { determine, frameworks, parseExportRequest } from 'chipexport';
const json = JSON.parse(readFileSync('node_modules/chipexport/examples/g42-uae-gb300.json', 'utf8'));
const det = determine(frameworks.get('us-ai-diffusion-2025'), parseExportRequest(json));
const outcome: string = det.outcome;
console.log(JSON.stringify({ ids: frameworks.ids(), outcome }));
`;
    writeFileSync(join(dir, 'use.ts'), source);
    writeFileSync(join(dir, 'use.mjs'), source.replace(': string', ''));
    const run = spawnSync(process.execPath, ['use.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as { ids: string[]; outcome: string };
    expect(printed.ids).toContain('us-ai-diffusion-2025');
    expect(printed.outcome).toBe('license-required');
    const tsc = spawnSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(root, 'node_modules/@types'),
        'use.ts',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});

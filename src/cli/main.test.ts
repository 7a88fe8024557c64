import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'chipexport-cli-'));
function requestFile(request: unknown, name = `r${Math.random().toString(36).slice(2)}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, typeof request === 'string' ? request : JSON.stringify(request));
  return path;
}

const valid = {
  date: '2025-06-01',
  destination: 'AE',
  items: [{ chip: 'nvidia-h100-sxm', quantity: 500 }],
  endUser: { name: 'Example DC LLC' },
};

describe('chipexport check', () => {
  it('gives one contract-shaped determination per framework with --json', async () => {
    const { code, stdout } = await run('check', requestFile(valid), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.determinations.map((d: { framework: string }) => d.framework)).toEqual([
      'us-ear-enforced',
      'us-ai-diffusion-2025',
      'us-g2g-licensing-2025',
      'us-investment-for-chips-2026',
    ]);
    for (const d of json.determinations) {
      for (const key of [
        'framework',
        'frameworkStatus',
        'asOf',
        'outcome',
        'authorization',
        'licensePolicy',
      ]) {
        expect(d).toHaveProperty(key);
      }
      for (const key of ['requirements', 'quota', 'items', 'citations'])
        expect(Array.isArray(d[key])).toBe(true);
      expect(typeof d.explanation).toBe('string');
      expect(d.trace).toMatchObject({
        rule: d.framework,
        citation: expect.any(String),
        children: expect.any(Array),
      });
    }
  });

  it('gives the bare determination for one --framework, as the contract example shows', async () => {
    const { code, stdout } = await run(
      'check',
      requestFile(valid),
      '--framework',
      'us-ai-diffusion-2025',
      '--json',
    );
    expect(code).toBe(0);
    const d = JSON.parse(stdout);
    expect(d).toMatchObject({
      framework: 'us-ai-diffusion-2025',
      frameworkStatus: 'not-enforced',
      asOf: '2025-06-01',
      outcome: 'license-exception',
      authorization: 'LPP',
      licensePolicy: null,
      requirements: [{ code: 'notification', satisfied: null }],
      quota: [{ pool: 'lpp:consignee:example-dc-llc:ae:2025', tpp: 7920000, limit: 26900000, usedBefore: 0 }],
      items: [
        { index: 0, classification: { class: 'advanced', eccn: '3A090.a', tpp: 15840, pd: 19.46, h100e: 1 } },
      ],
    });
    expect(d.citations).toContain('90 FR 4544');
  });

  it('reads stdin with "-" and honours --as-of over the request date', async () => {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/bin.ts',
        'check',
        '-',
        '--json',
        '--framework',
        'us-ai-diffusion-2025',
        '--as-of',
        '2025-03-01',
      ],
      {
        input: JSON.stringify(valid),
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toMatchObject({ asOf: '2025-03-01', frameworkStatus: 'compliance-deferred' });
  });

  it('prints a side-by-side table for people', async () => {
    const { code, stdout } = await run('check', requestFile(valid));
    expect(code).toBe(0);
    expect(stdout).toContain('us-g2g-licensing-2025');
    expect(stdout).toContain('Outcome');
    expect(stdout.includes(String.fromCharCode(27))).toBe(false); // no colour when not a terminal
  });

  it('answers a what-if with --set on a parameter', async () => {
    const { stdout } = await run(
      'check',
      requestFile(valid),
      '--framework',
      'us-ai-diffusion-2025',
      '--set',
      'lpp.thresholdTpp=5000000',
      '--json',
    );
    expect(JSON.parse(stdout)).toMatchObject({
      outcome: 'license-required',
      licensePolicy: 'presumption-of-approval',
    });
  });

  it.each([
    [
      'unknown chip id',
      { ...valid, items: [{ chip: 'nvidia-h1000', quantity: 1 }] },
      'items[0].chip',
      'unknown chip id',
    ],
    ['bad country code', { ...valid, destination: 'XX' }, 'destination', 'not an ISO 3166-1'],
    ['unknown country name', { ...valid, destination: 'Atlantis' }, 'destination', 'not a known country'],
    [
      'negative quantity',
      { ...valid, items: [{ chip: 'nvidia-h100-sxm', quantity: -5 }] },
      'items[0].quantity',
      'positive',
    ],
    [
      'non-integer quantity',
      { ...valid, items: [{ chip: 'nvidia-h100-sxm', quantity: 2.5 }] },
      'items[0].quantity',
      'whole number',
    ],
    ['impossible date', { ...valid, date: '2025-02-30' }, 'date', 'not a real calendar date'],
    [
      'typo in a field name',
      { ...valid, items: [{ chip: 'nvidia-h100-sxm', quantiy: 5 }] },
      'items[0]',
      'did you mean "quantity"',
    ],
    ['missing date', { ...valid, date: undefined }, 'date', 'is required'],
    ['missing end user', { ...valid, endUser: undefined }, 'endUser', 'is required'],
    [
      'two kinds in one item',
      {
        ...valid,
        items: [{ chip: 'nvidia-h100-sxm', modelWeights: { name: 'm', trainingOps: 1 }, quantity: 1 }],
      },
      'items[0]',
      'one thing',
    ],
    [
      'custom chip needing its die area',
      { ...valid, items: [{ customChip: { name: 'X1', tpp: 3000 }, quantity: 1 }] },
      'items[0].customChip.dieAreaMm2',
      'die area is required',
    ],
  ])('exits 2 naming the field for %s', async (_name, request, field, message) => {
    const { code, stderr, stdout } = await run('check', requestFile(request), '--json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(field);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it.each([
    ['an unknown transaction', { ...valid, transaction: 'resale' }, 'transaction'],
    ['an origin that is not a country', { ...valid, origin: 'Atlantis' }, 'origin'],
    [
      'a custom chip with an impossible availability date',
      {
        ...valid,
        items: [
          {
            customChip: {
              name: 'X1',
              tpp: 15000,
              dieAreaMm2: 800,
              usCommerciallyAvailableSince: '2026-13-01',
            },
            quantity: 1,
          },
        ],
      },
      'items[0].customChip.usCommerciallyAvailableSince',
    ],
  ])('exits 2 naming the field for %s (request model of 2026-12)', async (_name, request, field) => {
    const { code, stderr, stdout } = await run('check', requestFile(request));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(field);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the enforced law first, the CFR text beside it when it differs, and the open readings', async () => {
    const g42 = join(import.meta.dirname, '../../examples/g42-uae-gb300.json');
    const { code, stdout } = await run('check', g42);
    expect(code).toBe(0);
    const head = stdout.split('\n').slice(0, 4).join('\n');
    expect(head.indexOf('us-ear-enforced')).toBeLessThan(head.indexOf('us-ai-diffusion-2025'));
    expect(stdout).toContain('the enforced law on');
    expect(stdout).toContain('what-if');
    expect(stdout).toMatch(/The CFR text\s*│?\s*[^\n]*\n?[^\n]*says/);
    for (const code of ['diffusion-non-enforcement', 'uae-scope', 'review-policy'])
      expect(stdout).toContain(code);
    const json = JSON.parse((await run('check', g42, '--framework', 'us-ear-enforced', '--json')).stdout);
    expect(json).toMatchObject({
      framework: 'us-ear-enforced',
      outcome: 'license-required',
      quota: [],
      cfrText: { framework: 'us-ai-diffusion-2025', outcome: 'license-required' },
    });
    expect(json.uncertain.map((u: { code: string }) => u.code)).toContain('diffusion-non-enforcement');
  });

  it('is what the README shows for the G42 example (the table, verbatim)', async () => {
    const { stdout } = await run('check', join(import.meta.dirname, '../../examples/g42-uae-gb300.json'));
    const table = stdout.slice(0, stdout.indexOf('\n\nus-ear-enforced (the enforced law)'));
    expect(table).toContain('us-ear-enforced');
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(table);
  });

  it('gives no CFR-text row when the CFR text agrees', async () => {
    const { stdout } = await run(
      'check',
      requestFile({ ...valid, destination: 'SA', items: [{ chip: 'nvidia-rtx-5090', quantity: 5 }] }),
    );
    expect(stdout).not.toMatch(/│ The CFR text/);
  });

  it('exits 2 for a missing file, invalid JSON and an unknown framework', async () => {
    expect((await run('check', join(dir, 'nope.json'))).stderr).toContain('no such file');
    const bad = await run('check', requestFile('{"date": '));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not valid JSON');
    const unknown = await run('check', requestFile(valid), '--framework', 'us-made-up');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('framework: unknown framework "us-made-up"');
  });

  it('exits 2 on an unknown option and an unknown --set parameter', async () => {
    expect((await run('check', requestFile(valid), '--frobnicate')).code).toBe(2);
    const set = await run(
      'check',
      requestFile(valid),
      '--framework',
      'us-ai-diffusion-2025',
      '--set',
      'lpp.limit=1',
    );
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('lpp.limit');
  });
});

describe('chipexport classify, frameworks, explain, countries', () => {
  it('classifies a catalog chip and a custom chip', async () => {
    const h20 = JSON.parse((await run('classify', 'nvidia-h20', '--json')).stdout);
    expect(h20).toMatchObject({ class: 'uncontrolled', tpp: 2368 });
    const custom = JSON.parse((await run('classify', '--tpp', '2000', '--die-area', '300', '--json')).stdout);
    expect(custom).toMatchObject({ class: 'advanced', eccn: '3A090.a' });
    const nonDc = JSON.parse(
      (await run('classify', '--tpp', '4000', '--die-area', '300', '--non-datacenter', '--json')).stdout,
    );
    expect(nonDc.class).toBe('uncontrolled');
  });

  it('exits 2 for an unknown chip id, a bad --tpp and a missing die area', async () => {
    const unknown = await run('classify', 'nvidia-h10');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown chip id');
    expect((await run('classify', '--tpp', 'fast')).code).toBe(2);
    const die = await run('classify', '--tpp', '3000');
    expect(die.code).toBe(2);
    expect(die.stderr).toContain('--die-area');
  });

  it('lists frameworks with timelines, sources, parameters and rules', async () => {
    const { frameworks } = JSON.parse((await run('frameworks', '--json')).stdout);
    expect(frameworks).toHaveLength(4);
    expect(frameworks[0].id).toBe('us-ear-enforced');
    const g2g = frameworks.find((f: { id: string }) => f.id === 'us-g2g-licensing-2025');
    expect(g2g).toMatchObject({ kind: 'reform', base: 'us-ai-diffusion-2025' });
    expect(g2g.parameters.find((p: { id: string }) => p.id === 'lpp.thresholdTpp').values[0].value).toBe(
      7916000,
    );
    for (const f of frameworks) {
      expect(f.timeline.length).toBeGreaterThan(0);
      expect(f.sources.length).toBeGreaterThan(0);
      for (const r of f.rules) expect(r.citation).not.toBe('');
      for (const p of f.parameters) for (const v of p.values) expect(v.source).not.toBe('');
    }
  });

  it('explains a determination as a tree with parameters and comparisons', async () => {
    const { code, stdout } = await run('explain', requestFile(valid), '--framework', 'us-ai-diffusion-2025');
    expect(code).toBe(0);
    expect(stdout).toContain('param lpp.thresholdTpp = 26,900,000');
    expect(stdout).toContain('✔ lpp');
    expect(stdout).toContain('In plain words');
  });

  it('accepts country names and codes', async () => {
    const byName = JSON.parse(
      (await run('countries', 'United Arab Emirates', '--as-of', '2025-06-01', '--json')).stdout,
    );
    expect(byName.countries[0]).toMatchObject({ code: 'AE', tier: 2 });
    const hk = JSON.parse((await run('countries', 'HK', '--as-of', '2025-06-01', '--json')).stdout);
    expect(hk.countries[0]).toMatchObject({ code: 'HK', tier: 3, treatedAs: 'CN' });
    const kh = JSON.parse((await run('countries', 'Cambodia', '--as-of', '2026-02-03', '--json')).stdout);
    expect(kh.countries[0]).toMatchObject({ code: 'KH', tier: 2 });
    expect((await run('countries', 'Narnia')).code).toBe(2);
  });
});

describe('chipexport monitor', () => {
  const input = {
    site: { lat: 52.52, lon: 13.405, country: 'DE' },
    landmarks: [{ id: 'ber', lat: 52.5, lon: 13.4 }],
    measurements: [
      { landmarkId: 'ber', rttMs: 0.6 },
      { landmarkId: 'ber', rttMs: 0.4 },
    ],
    processingMinMs: 0.1,
  };

  it('locates by the vacuum bound of the fastest round trip', async () => {
    const { code, stdout } = await run('monitor', 'locate', requestFile(input), '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    // (0.4 − 0.1) ms × c / 2 ≈ 44.97 km: the bound from the minimum RTT, never from fiber speed.
    expect(result.bounds[0].maxDistanceKm).toBeCloseTo(44.969, 2);
    expect(result.verdict).toBe('PASS');
  });

  it('calls a site the measurements rule out SITE_INCONSISTENT, and names bad fields', async () => {
    const far = { ...input, site: { lat: 48.1351, lon: 11.582, country: 'DE' } };
    expect(JSON.parse((await run('monitor', 'locate', requestFile(far), '--json')).stdout).verdict).toBe(
      'SITE_INCONSISTENT',
    );
    const bad = await run(
      'monitor',
      'locate',
      requestFile({ ...input, site: { lat: 95, lon: 0, country: 'DE' } }),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('site.lat');
  });
});

describe('the bin', () => {
  it('exits 2 without a stack trace on bad input', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bin.ts', 'check', requestFile({ ...valid, destination: 'ZZ' })],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('destination');
    expect(result.stderr).not.toContain('    at ');
  });
});

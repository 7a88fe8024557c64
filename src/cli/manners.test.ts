import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ListSnapshot } from '../screening/index.js';
import { readCachedScreener, Screener, writeCachedScreener } from '../screening/index.js';
import { colourEnabled } from './format.js';
import { progressBar } from './progress.js';

/** CLI manners: colour conventions, progress only on a terminal, the screening index cache. */
describe('colour', () => {
  it('follows NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(colourEnabled({}, true)).toBe(true);
    expect(colourEnabled({}, false)).toBe(false);
    expect(colourEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colourEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourEnabled({ TERM: 'dumb' }, true)).toBe(false);
  });
});

describe('progress bar', () => {
  it('draws nothing off a terminal', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progressBar('work', stream);
    bar.update(1, 2);
    bar.stop();
    expect(written).toEqual([]);
  });
});

const entry = (id: string, name: string): ListSnapshot['entries'][number] => ({
  id,
  source: 'Entity List (EL) - Bureau of Industry and Security',
  name,
  altNames: [],
  type: null,
  countries: ['CN'],
  programs: [],
  licenseRequirement: 'For all items subject to the EAR.',
  licensePolicy: 'Presumption of denial.',
  federalRegisterNotice: null,
  remarks: null,
  sourceListUrl: null,
});

describe('screening index cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipexport-index-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back a screener that screens exactly as the one built, for its version only', () => {
    const snapshot = {
      version: 'v-test-1',
      entries: [entry('e1', 'Huawei Technologies Co., Ltd.'), entry('e2', 'Shenzhen Widget Works')],
    } as unknown as ListSnapshot;
    const built = new Screener(snapshot);
    writeCachedScreener(dir, 'v-test-1', built);
    const read = readCachedScreener(dir, 'v-test-1');
    expect(read).toBeInstanceOf(Screener);
    for (const name of ['Huawei Technologies', 'Shenzen Widget Works Ltd', 'Nobody At All']) {
      expect(read!.screen({ name })).toEqual(built.screen({ name }));
    }
    expect(readCachedScreener(dir, 'v-test-2')).toBeNull();
  });
});

describe('chipexport screen, one-shot, on the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chipexport-screen-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, CHIPEXPORT_DATA_DIR: dataDir, DATABASE_URL: '', NO_COLOR: '1' },
    });
  const NAME = 'Quillfeather Lantern Holdings';

  it('screens from the cached index after the first run, and a list import invalidates it', () => {
    const first = cli('screen', NAME, '--json');
    expect(first.status).toBe(0);
    const v1 = JSON.parse(first.stdout) as { listVersion: string; decision: string };
    expect(v1.decision).toBe('clear');
    expect(existsSync(join(dataDir, 'screening-index', 'current.json'))).toBe(true);
    const second = cli('screen', NAME, '--json');
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(v1);

    // A new list version: the next screen must use it, not the cached index.
    const csv = join(dataDir, 'internal.csv');
    writeFileSync(csv, `name,alt_names,country,type,source\n${NAME},,GB,entity,Internal watch list\n`);
    const imported = cli('lists', 'import', csv, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const third = cli('screen', NAME, '--json');
    expect(third.status).toBe(0);
    const v2 = JSON.parse(third.stdout) as { listVersion: string; decision: string };
    expect(v2.listVersion).not.toBe(v1.listVersion);
    expect(v2.decision).not.toBe('clear');
  }, 300_000);

  it('compares a portfolio CSV (CSV out), and a bad row exits 2 naming its line', () => {
    const csv = join(dataDir, 'portfolio.csv');
    writeFileSync(
      csv,
      'destination,chip,quantity,end_user,end_user_headquarters,veu,date,installation_chips,exporter_monitoring,anti_clustering_software\n' +
        'AE,nvidia-gb300,5000,G42,AE,none,2025-06-01,0,yes,yes\n',
    );
    const ok = cli('portfolio', csv, '--framework', 'us-ai-diffusion-2025');
    expect(ok.status).toBe(0);
    // The enforced law is the comparison's baseline row; the framework asked for follows it.
    const rows = ok.stdout.split('\n');
    expect(rows[1]).toMatch(/^2,AE,nvidia-gb300,5000,G42,us-ear-enforced,license-required,/);
    expect(rows).toContainEqual(
      expect.stringMatching(/^2,AE,nvidia-gb300,5000,G42,us-ai-diffusion-2025,license-required,/),
    );
    writeFileSync(csv, 'destination,chip,quantity\nAE,nvidia-gb300,-5\n');
    const bad = cli('portfolio', csv);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: csv\[/);
  }, 120_000);

  it('answers --version and --help without loading the commands', () => {
    const version = cli('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('screen');
  });
});

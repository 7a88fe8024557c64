import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * `npm run bench:screen-oneshot [-- --runs 3 --json]` (after `npm run build`)
 *
 * One-shot `chipexport screen NAME` as a user runs it, a new process each time, on the embedded
 * store with the shipped CSL (25,917 entries). Baseline, in the same run: the same command with
 * the screening index cache off (CHIPEXPORT_SCREENING_CACHE=off, i.e. the index built on every
 * call, as before the cache). Each process's CPU time (user + sys) and peak memory come from
 * /usr/bin/time; wall time is printed too but on a shared machine it measures the neighbours.
 * The first call of each mode (which creates the store) is not counted.
 */
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const runs = Number(args.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/bin.js');
if (!existsSync(bin)) throw new Error('run `npm run build` first: the benchmark runs the built CLI');

interface Sample {
  cpuS: number;
  wallS: number;
  rssMb: number;
}

function once(dataDir: string, cache: boolean): Sample {
  const started = performance.now();
  const res = spawnSync(
    '/usr/bin/time',
    ['-f', '%U %S %M', process.execPath, bin, 'screen', 'Huawei Technologies'],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        CHIPEXPORT_DATA_DIR: dataDir,
        DATABASE_URL: '',
        CHIPEXPORT_SCREENING_CACHE: cache ? 'on' : 'off',
      },
    },
  );
  const wallS = (performance.now() - started) / 1000;
  if (res.status !== 0) throw new Error(`screen failed: ${res.stderr}`);
  const [user, sys, rssKb] = res.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { cpuS: user! + sys!, wallS, rssMb: rssKb! / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function mode(cache: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chipexport-bench-screen-'));
  try {
    once(dataDir, cache); // creates the store (and, with the cache, the index)
    const samples = Array.from({ length: runs }, () => once(dataDir, cache));
    return {
      cpuS: median(samples.map((s) => s.cpuS)),
      wallS: median(samples.map((s) => s.wallS)),
      rssMb: median(samples.map((s) => s.rssMb)),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const baseline = mode(false);
const cached = mode(true);
const result = {
  runs,
  baseline_cpu_s: +baseline.cpuS.toFixed(2),
  cached_cpu_s: +cached.cpuS.toFixed(2),
  cpu_ratio: +(cached.cpuS / baseline.cpuS).toFixed(3),
  baseline_wall_s: +baseline.wallS.toFixed(2),
  cached_wall_s: +cached.wallS.toFixed(2),
  baseline_rss_mb: Math.round(baseline.rssMb),
  cached_rss_mb: Math.round(cached.rssMb),
  cores: cpus().length,
  load_average: +loadavg()[0]!.toFixed(1),
  node: process.version,
};
console.log(
  `one-shot screen, median of ${runs}: index built every call ${result.baseline_cpu_s} s CPU, ${result.baseline_rss_mb} MB; ` +
    `cached index ${result.cached_cpu_s} s CPU, ${result.cached_rss_mb} MB; ratio ${result.cpu_ratio} (load ${result.load_average})`,
);
if (args.json) console.log(JSON.stringify(result));

import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CslBaseline } from '../src/screening/baseline.js';
import { loadDefaultList } from '../src/screening/default-list.js';
import { DEFAULT_THRESHOLD, Screener } from '../src/screening/matcher.js';
import { clearNearWordCache } from '../src/screening/query-plan.js';
import type { Mangling } from './screening-mangle.js';
import { buildNegatives, buildPositives, listedKeys, readNegativeSources } from './screening-sets.js';

/**
 * `npm run bench:screening [-- --json --positives 2500 --persons 2500 --universities 4000]`
 *
 * Restricted-party screening quality and speed against the shipped CSL (25,917 entries):
 * positives are real listed names altered by one or two manglings (screening-mangle.ts),
 * negatives real unlisted companies and universities and person names built from common
 * forenames and surnames, minus those really listed (screening-sets.ts). Every query goes
 * through the matcher (src/screening/matcher.ts) at its default threshold and through the
 * CSL-style baseline (Damerau–Levenshtein ≤ 2 on whole names, full scan) in the same run;
 * both timed single-threaded. With --json the last line of stdout is one JSON object; with
 * --sweep, recall and false-positive rate at thresholds around the default are printed too.
 */

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    positives: { type: 'string', default: '2500' },
    persons: { type: 'string', default: '2500' },
    universities: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '20260731' },
    threshold: { type: 'string' },
    strict: { type: 'string', default: '0.95' },
    data: { type: 'string', default: fileURLToPath(new URL('../../shared/data/negatives', import.meta.url)) },
    examples: { type: 'string', default: '12' },
    sweep: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const seed = Number(args.seed);
const threshold = args.threshold === undefined ? DEFAULT_THRESHOLD : Number(args.threshold);
const examples = Number(args.examples);

const log = (line = '') => (args.json ? process.stderr.write(`${line}\n`) : console.log(line));
const now = () => process.hrtime.bigint();
const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

let started = now();
const snapshot = loadDefaultList();
const loadMs = ms(now() - started);
started = now();
const screener = new Screener(snapshot);
const indexMs = ms(now() - started);
const baseline = new CslBaseline(snapshot);
log(
  `list ${snapshot.version}: ${snapshot.entryCount.toLocaleString('en-US')} entries, loaded in ${loadMs.toFixed(0)} ms, indexed in ${indexMs.toFixed(0)} ms`,
);

const keys = listedKeys(snapshot);
const positives = buildPositives(snapshot, keys, Number(args.positives), seed);
const { negatives, removed } = buildNegatives(readNegativeSources(args.data), keys, screener, {
  universities: Number(args.universities),
  persons: Number(args.persons),
  seed: seed + 1,
  strictThreshold: Number(args.strict),
});
const count = (kind: string) => negatives.filter((negative) => negative.kind === kind).length;
log(
  `positives ${positives.length}; negatives ${negatives.length} (companies ${count('company')}, universities ${count('university')}, persons ${count('person')}); ` +
    `removed as really listed ${removed.length} (same name ${removed.filter((r) => r.reason === 'same name').length}, strict match ≥ ${args.strict} ${removed.filter((r) => r.reason === 'strict match').length})`,
);

const queries = [...positives.map((p) => p.query), ...negatives.map((n) => n.query)];

// Warm-up (JIT) on other names, untimed; then the word cache is emptied, so the timed run
// gains only from words its own queries share.
for (const positive of buildPositives(snapshot, keys, 1000, seed + 7))
  screener.screen({ name: positive.query }, { threshold });
clearNearWordCache(screener.index);

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const latencies = new Float64Array(queries.length);
const flagged = new Uint8Array(queries.length);
const inTop5 = new Uint8Array(positives.length);
started = now();
let cpuStarted = process.cpuUsage();
for (let k = 0; k < queries.length; k++) {
  const t0 = now();
  const result = screener.screen({ name: queries[k]! }, { threshold });
  latencies[k] = ms(now() - t0);
  flagged[k] = result.decision === 'potential-match' ? 1 : 0;
  if (k < positives.length) {
    const wanted = positives[k]!.entityIds;
    inTop5[k] = result.hits.slice(0, 5).some((hit) => wanted.has(hit.entityId)) ? 1 : 0;
  }
}
const matcherSeconds = ms(now() - started) / 1000;
const matcherCpuSeconds = cpuMs(process.cpuUsage(cpuStarted)) / 1000;

const baselineFlagged = new Uint8Array(queries.length);
started = now();
cpuStarted = process.cpuUsage();
for (let k = 0; k < queries.length; k++) {
  baselineFlagged[k] = baseline.screen(queries[k]!).decision === 'potential-match' ? 1 : 0;
}
const baselineSeconds = ms(now() - started) / 1000;
const baselineCpuSeconds = cpuMs(process.cpuUsage(cpuStarted)) / 1000;

const P = positives.length;
const sum = (array: Uint8Array, from: number, to: number) => {
  let total = 0;
  for (let k = from; k < to; k++) total += array[k]!;
  return total;
};
const sorted = [...latencies].sort((a, b) => a - b);
const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const result = {
  recall: sum(flagged, 0, P) / P,
  false_positive_rate: sum(flagged, P, queries.length) / negatives.length,
  top5_recall: sum(inTop5, 0, P) / P,
  baseline_recall: sum(baselineFlagged, 0, P) / P,
  baseline_false_positive_rate: sum(baselineFlagged, P, queries.length) / negatives.length,
  queries_per_s: Math.round(queries.length / matcherSeconds),
  baseline_queries_per_s: Math.round(queries.length / baselineSeconds),
  p99_ms: Number(quantile(0.99).toFixed(3)),
  queries_per_cpu_s: Math.round(queries.length / matcherCpuSeconds),
  baseline_queries_per_cpu_s: Math.round(queries.length / baselineCpuSeconds),
  p50_ms: Number(quantile(0.5).toFixed(3)),
  max_ms: Number(sorted.at(-1)!.toFixed(3)),
  threshold,
  positives: P,
  negatives: negatives.length,
  negatives_removed_as_listed: removed.length,
  list_version: snapshot.version,
  list_entries: snapshot.entryCount,
  index_build_ms: Math.round(indexMs),
  seed,
  nproc: cpus().length,
  node: process.version,
  load_average_1m: Number(loadavg()[0]!.toFixed(2)),
};

log('');
log(`threshold ${threshold}`);
log('                        matcher      CSL-style baseline');
log(`recall                  ${pct(result.recall).padEnd(12)} ${pct(result.baseline_recall)}`);
log(`top-5 recall            ${pct(result.top5_recall).padEnd(12)} -`);
log(
  `false-positive rate     ${pct(result.false_positive_rate).padEnd(12)} ${pct(result.baseline_false_positive_rate)}`,
);
log(`queries/s (one core)    ${String(result.queries_per_s).padEnd(12)} ${result.baseline_queries_per_s}`);
log(
  `queries per CPU-second   ${String(result.queries_per_cpu_s).padEnd(12)} ${result.baseline_queries_per_cpu_s}`,
);
log(`latency p50 / p99 / max ${result.p50_ms} / ${result.p99_ms} / ${result.max_ms} ms`);

log('');
log('recall by mangling          n     matcher  baseline');
const byMangling = new Map<Mangling, number[]>();
positives.forEach((positive, k) => {
  for (const mangling of positive.manglings)
    byMangling.set(mangling, [...(byMangling.get(mangling) ?? []), k]);
});
for (const [mangling, ks] of [...byMangling].sort()) {
  const hit = ks.filter((k) => flagged[k]).length / ks.length;
  const base = ks.filter((k) => baselineFlagged[k]).length / ks.length;
  log(
    `  ${mangling.padEnd(24)} ${String(ks.length).padStart(5)}  ${pct(hit).padStart(8)}  ${pct(base).padStart(8)}`,
  );
}
log('false positives by kind     n     matcher  baseline');
for (const kind of ['company', 'university', 'person']) {
  const ks = negatives.flatMap((negative, k) => (negative.kind === kind ? [P + k] : []));
  const fp = ks.filter((k) => flagged[k]).length / ks.length;
  const base = ks.filter((k) => baselineFlagged[k]).length / ks.length;
  log(
    `  ${kind.padEnd(24)} ${String(ks.length).padStart(5)}  ${pct(fp).padStart(8)}  ${pct(base).padStart(8)}`,
  );
}

log('');
log(`removed from the negatives as really listed (${removed.length}), for example:`);
for (const r of removed.slice(0, examples)) log(`  [${r.kind}] ${r.query}  →  ${r.listed} (${r.reason})`);
log('missed positives, for example:');
let shown = 0;
for (let k = 0; k < P && shown < examples; k++) {
  if (flagged[k]) continue;
  shown++;
  const positive = positives[k]!;
  const found = screener
    .screen({ name: positive.query }, { threshold: 0.3, limit: 50 })
    .hits.find((hit) => positive.entityIds.has(hit.entityId));
  const scored = found ? found.score.toFixed(3) : 'below 0.3';
  log(`  ${positive.query}  ←  ${positive.original}  [${positive.manglings.join(', ')}] scored ${scored}`);
}
log('false positives, for example:');
shown = 0;
for (let k = P; k < queries.length && shown < examples; k++) {
  if (!flagged[k]) continue;
  shown++;
  const top = screener.screen({ name: queries[k]! }, { threshold }).hits[0]!;
  log(`  [${negatives[k - P]!.kind}] ${queries[k]}  →  ${top.matchedName} (${top.score})`);
}

if (args.sweep) {
  log('');
  log('threshold   recall    false-positive rate');
  for (const t of [0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9]) {
    const hit = (query: string) =>
      screener.screen({ name: query }, { threshold: t }).decision === 'potential-match';
    const recall = positives.filter((positive) => hit(positive.query)).length / P;
    const falsePositives = negatives.filter((negative) => hit(negative.query)).length / negatives.length;
    log(`  ${t.toFixed(2)}      ${pct(recall).padStart(8)}  ${pct(falsePositives).padStart(8)}`);
  }
}

log('');
log(
  `machine: ${cpus()[0]?.model ?? 'unknown'}, nproc ${result.nproc}, node ${result.node}, load average ${result.load_average_1m}`,
);

if (args.json) console.log(JSON.stringify(result));

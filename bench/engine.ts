import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { ExportRequest } from '../src/domain/request.js';
import { registry } from '../src/frameworks/registry.js';
import { determine } from '../src/rules/determine.js';
import { toDeterminationJson } from '../src/rules/render.js';
import { agreementOf, type Verdict } from './agreement.js';
import { handWritten } from './baselines/hand-written.js';
import { buildEngine, jsonRulesEngineDetermine } from './baselines/json-rules-engine.js';
import { answerableByAll, BASELINE, frameworksSideBySide } from './frameworks.js';
import { generatePortfolio } from './portfolio.js';

/**
 * `npm run bench:engine [-- --n 100000 --seed 20250113 --json]`
 *
 * Determinations per second under us-ai-diffusion-2025 for (a) the engine — `determine` with
 * the full trace recorded as its op log — (b) the same rules in json-rules-engine and (c) a
 * hand-written decision function with no trace, on one seeded portfolio, plus the engine's
 * per-call latency and the cost of rendering the trace tree and explanation on demand.
 * With --json the last line of stdout is one JSON object.
 */

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20250113' },
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    'jre-rounds': { type: 'string', default: '1' },
  },
  allowPositionals: true,
});
const n = Number(args.n);
const seed = Number(args.seed);
const rounds = Math.max(1, Number(args.rounds));
const jreRounds = Math.max(1, Number(args['jre-rounds']));
if (!Number.isInteger(n) || n <= 0) throw new Error(`--n must be a positive whole number, got ${args.n}`);

const RENDER_SUBSET = Math.min(10_000, n);
const WARMUP = Math.min(20_000, n);

const framework = registry.get('us-ai-diffusion-2025');
const jre = buildEngine();

const log = (line: string) => {
  if (!args.json) console.log(line);
  else process.stderr.write(`${line}\n`);
};

log(`generating ${n.toLocaleString('en-US')} requests (seed ${seed}) …`);
const requests: ExportRequest[] = generatePortfolio(n, seed);
const warm: ExportRequest[] = generatePortfolio(WARMUP, seed + 1);

const now = () => process.hrtime.bigint();
const seconds = (ns: bigint) => Number(ns) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Verdicts of one timed pass, kept in preallocated arrays (a store per call, no objects). */
class Verdicts {
  readonly outcome: string[] = new Array(n);
  readonly policy: (string | null)[] = new Array(n);
  readonly authorization: (string | null)[] = new Array(n);
  list(): Verdict[] {
    return this.outcome.map((outcome, i) => ({
      outcome,
      licensePolicy: this.policy[i]!,
      authorization: this.authorization[i]!,
    }));
  }
}

// ---- warm-up: every implementation on a separate portfolio, then once over the measured one,
// so the JIT has seen every path and every request object has been touched once ----
for (let r = 0; r < 2; r++) {
  for (const request of warm) determine(framework, request);
  for (const request of warm) handWritten(request);
}
for (const request of warm.slice(0, Math.min(5_000, WARMUP))) await jsonRulesEngineDetermine(jre, request);
for (const request of warm.slice(0, Math.min(2_000, WARMUP)))
  toDeterminationJson(determine(framework, request));
for (const request of requests) determine(framework, request);
for (const request of requests) handWritten(request);

// ---- timed passes. Each round goes through the portfolio in chunks of CHUNK requests, the engine
// and the hand-written function taking turns on each chunk (in alternating order), so that both
// see the same machine at the same moment. A figure is the median chunk rate over all rounds —
// robust to other work on a shared machine; a chunk is long enough to include the collector's
// share — and the whole-pass rate (all requests ÷ all time) is reported beside it. ----
const CHUNK = Math.min(10_000, n);
const engineVerdicts = new Verdicts();
const handVerdicts = new Verdicts();
const engineChunkRates: number[] = [];
const handChunkRates: number[] = [];
const renderRates: number[] = [];
let engineTotalS = 0;
let handTotalS = 0;
let renderedChars = 0;

function engineChunk(from: number, to: number): number {
  const t0 = now();
  for (let i = from; i < to; i++) {
    const det = determine(framework, requests[i]!);
    engineVerdicts.outcome[i] = det.outcome;
    engineVerdicts.policy[i] = det.licensePolicy;
    engineVerdicts.authorization[i] = det.authorization;
  }
  return seconds(now() - t0);
}

function handChunk(from: number, to: number): number {
  const t0 = now();
  for (let i = from; i < to; i++) {
    const result = handWritten(requests[i]!);
    handVerdicts.outcome[i] = result.outcome;
    handVerdicts.policy[i] = result.licensePolicy;
    handVerdicts.authorization[i] = result.authorization;
  }
  return seconds(now() - t0);
}

let turn = 0;
for (let r = 0; r < rounds; r++) {
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    let e: number;
    let h: number;
    if (turn++ % 2 === 0) {
      e = engineChunk(from, to);
      h = handChunk(from, to);
    } else {
      h = handChunk(from, to);
      e = engineChunk(from, to);
    }
    engineChunkRates.push((to - from) / e);
    handChunkRates.push((to - from) / h);
    engineTotalS += e;
    handTotalS += h;
  }

  // (a') the engine with the trace tree and explanation rendered, on a subset
  const t0 = now();
  for (let i = 0; i < RENDER_SUBSET; i++) {
    const json = toDeterminationJson(determine(framework, requests[i]!));
    renderedChars += json.explanation.length;
  }
  renderRates.push(RENDER_SUBSET / seconds(now() - t0));
}
const enginePerS = median(engineChunkRates);
const handPerS = median(handChunkRates);
const engineWholePassPerS = (n * rounds) / engineTotalS;
const handWholePassPerS = (n * rounds) / handTotalS;
const engineWithRenderPerS = median(renderRates);

// Per-call latency of the engine: a separate pass, each call timed on its own.
const latencies = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const t0 = now();
  determine(framework, requests[i]!);
  latencies[i] = Number(now() - t0);
}
latencies.sort();
const pct = (p: number) => latencies[Math.min(n - 1, Math.floor(p * n))]! / 1000;
const p50 = pct(0.5);
const p99 = pct(0.99);

// (b) json-rules-engine: slower by far, so fewer passes (--jre-rounds); the same chunk medians.
const jreVerdicts = new Verdicts();
const jreChunkRates: number[] = [];
let jreTotalS = 0;
for (let r = 0; r < jreRounds; r++) {
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    const t0 = now();
    for (let i = from; i < to; i++) {
      const result = await jsonRulesEngineDetermine(jre, requests[i]!);
      jreVerdicts.outcome[i] = result.outcome;
      jreVerdicts.policy[i] = result.licensePolicy;
      jreVerdicts.authorization[i] = result.authorization;
    }
    const t = seconds(now() - t0);
    jreChunkRates.push((to - from) / t);
    jreTotalS += t;
  }
}
const jrePerS = median(jreChunkRates);
const jreWholePassPerS = (n * jreRounds) / jreTotalS;

// ---- agreement ----
const report = agreementOf(requests, engineVerdicts.list(), jreVerdicts.list(), handVerdicts.list());

const outcomes = new Map<string, number>();
for (const o of engineVerdicts.outcome) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);

const round = (x: number, digits = 0) => Number(x.toFixed(digits));
const result = {
  n,
  seed,
  rounds,
  jre_rounds: jreRounds,
  engine_per_s: round(enginePerS),
  engine_with_render_per_s: round(engineWithRenderPerS),
  json_rules_engine_per_s: round(jrePerS),
  hand_written_per_s: round(handPerS),
  engine_whole_pass_per_s: round(engineWholePassPerS),
  json_rules_engine_whole_pass_per_s: round(jreWholePassPerS),
  hand_written_whole_pass_per_s: round(handWholePassPerS),
  chunk: CHUNK,
  engine_vs_json_rules_engine: round(enginePerS / jrePerS, 2),
  hand_written_vs_engine: round(handPerS / enginePerS, 2),
  p50_us: round(p50, 2),
  p99_us: round(p99, 2),
  agreement: report.agreement,
  authorization_agreement: report.authorizationAgreement,
  render_subset: RENDER_SUBSET,
  node: process.version,
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
};

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const rows: [string, string, string, string][] = [
  [
    'engine (determine, full trace as op log)',
    fmt(enginePerS),
    fmt(engineWholePassPerS),
    `p50 ${p50.toFixed(2)} µs, p99 ${p99.toFixed(2)} µs per call`,
  ],
  [
    'engine + trace tree and explanation rendered',
    fmt(engineWithRenderPerS),
    '',
    `first ${RENDER_SUBSET.toLocaleString('en-US')} requests, median of rounds`,
  ],
  [
    'json-rules-engine',
    fmt(jrePerS),
    fmt(jreWholePassPerS),
    `engine ÷ this = ${result.engine_vs_json_rules_engine} (target ≥ 20)`,
  ],
  [
    'hand-written, no trace',
    fmt(handPerS),
    fmt(handWholePassPerS),
    `this ÷ engine = ${result.hand_written_vs_engine} (target ≤ 3)`,
  ],
];
const width = Math.max(...rows.map((r) => r[0].length));
log('');
log(
  `us-ai-diffusion-2025: ${n.toLocaleString('en-US')} requests (seed ${seed}), ${rounds} rounds ` +
    `(json-rules-engine ${jreRounds}), chunks of ${CHUNK.toLocaleString('en-US')}; ` +
    `${process.version}, ${result.cores} cores`,
);
log(
  `  ${'determinations per second'.padEnd(width)}  ${'median chunk'.padStart(12)}  ${'whole pass'.padStart(12)}`,
);
for (const [name, rate, whole, note] of rows) {
  log(`  ${name.padEnd(width)}  ${rate.padStart(12)}  ${whole.padStart(12)}   ${note}`);
}
log('');
log(
  `agreement (outcome and licensePolicy, all three): ${report.agreement}` +
    `   with authorization too: ${report.authorizationAgreement}`,
);
log(`engine outcomes: ${[...outcomes].map(([o, c]) => `${o} ${c}`).join(', ')}`);
log(
  `targets: engine/json-rules-engine ${result.engine_vs_json_rules_engine} (≥ 20) ${result.engine_vs_json_rules_engine >= 20 ? 'met' : 'MISSED'}; ` +
    `hand-written/engine ${result.hand_written_vs_engine} (≤ 3) ${result.hand_written_vs_engine <= 3 ? 'met' : 'MISSED'}; ` +
    `p99 ${result.p99_us} µs (< 50) ${result.p99_us < 50 ? 'met' : 'MISSED'}`,
);
if (report.disagreements.length > 0) {
  log('');
  log(`first ${report.disagreements.length} disagreeing requests:`);
  for (const d of report.disagreements) {
    log(
      JSON.stringify({
        index: d.index,
        engine: d.engine,
        jsonRulesEngine: d.jsonRulesEngine,
        handWritten: d.handWritten,
      }),
    );
    log(`  request: ${JSON.stringify(d.request)}`);
  }
}
if (renderedChars === 0) log('(no explanation rendered)');

// ---- every registered framework on the same portfolio, side by side (bench/frameworks.ts) ----
const common = answerableByAll(requests);
const side = frameworksSideBySide(common.requests, { rounds, chunk: CHUNK });
log('');
log(
  `every framework, full trace, same ${common.requests.length.toLocaleString('en-US')} requests and rounds ` +
    `(baseline ${BASELINE} in the same run; ${common.excluded} requests left out that some framework ` +
    'refuses as bad input, e.g. a custom chip to China without the DRAM bandwidth its H200 test needs):',
);
const sideWidth = Math.max(...side.map((f) => f.id.length));
for (const f of side) {
  log(
    `  ${f.id.padEnd(sideWidth)}  ${fmt(f.perS).padStart(12)} /s  ×${f.vsBaseline.toFixed(2)} of ${BASELINE}` +
      `   p50 ${f.p50Us.toFixed(2)} µs, p99 ${f.p99Us.toFixed(2)} µs` +
      `${f.id === 'us-ear-enforced' ? '   (includes the CFR text: the Diffusion rules run too)' : ''}`,
  );
}
const byFramework = Object.fromEntries(
  side.map((f) => [
    f.id,
    {
      per_s: round(f.perS),
      vs_baseline: round(f.vsBaseline, 2),
      p50_us: round(f.p50Us, 2),
      p99_us: round(f.p99Us, 2),
      outcomes: f.outcomes,
    },
  ]),
);
if (args.json)
  console.log(
    JSON.stringify({
      ...result,
      frameworks: byFramework,
      frameworks_n: common.requests.length,
      frameworks_excluded: common.excluded,
    }),
  );
if (report.agreement !== 1) process.exitCode = 1;

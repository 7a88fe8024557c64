import { InputError } from '../src/domain/errors.js';
import type { ExportRequest } from '../src/domain/request.js';
import { registry } from '../src/frameworks/registry.js';
import { determine } from '../src/rules/determine.js';

/**
 * Every registered framework side by side on the same portfolio in the same run: the engine's
 * rate with the full trace recorded (`determine`, as the service calls it) and its per-call
 * latency. The named baseline is us-ai-diffusion-2025 measured in the same rounds; chunks of the
 * portfolio go to each framework in turn (rotating the order), so every framework sees the same
 * machine at the same moment. A us-ear-enforced determination also carries the CFR text's answer
 * (spec/frameworks.md §8), so each one runs the Diffusion rules as well: its rate includes that.
 */
export interface FrameworkRate {
  readonly id: string;
  readonly perS: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** This framework's rate ÷ the baseline's. */
  readonly vsBaseline: number;
  readonly outcomes: Record<string, number>;
}

export const BASELINE = 'us-ai-diffusion-2025';

const now = () => process.hrtime.bigint();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The requests every framework can answer: a request some framework refuses as bad input (a
 * custom chip without the DRAM bandwidth its H200 test needs, say) is left out for all, so that
 * every framework runs over the same requests; `excluded` counts them.
 */
export function answerableByAll(requests: readonly ExportRequest[]): {
  requests: ExportRequest[];
  excluded: number;
} {
  const frameworks = registry.all();
  const kept = requests.filter((request) => {
    try {
      for (const fw of frameworks) determine(fw, request);
      return true;
    } catch (error) {
      if (error instanceof InputError) return false;
      throw error;
    }
  });
  return { requests: kept, excluded: requests.length - kept.length };
}

export function frameworksSideBySide(
  requests: readonly ExportRequest[],
  options: { rounds: number; chunk: number },
): FrameworkRate[] {
  const frameworks = registry.all();
  // Warm every framework on every request once.
  for (const fw of frameworks) for (const request of requests) determine(fw, request);
  const rates = new Map<string, number[]>(frameworks.map((f) => [f.id, []]));
  const outcomes = new Map<string, Map<string, number>>(frameworks.map((f) => [f.id, new Map()]));
  let turn = 0;
  for (let r = 0; r < options.rounds; r++) {
    for (let from = 0; from < requests.length; from += options.chunk) {
      const to = Math.min(requests.length, from + options.chunk);
      const order = frameworks.map((_, i) => frameworks[(i + turn) % frameworks.length]!);
      turn++;
      for (const fw of order) {
        const counts = outcomes.get(fw.id)!;
        const t0 = now();
        for (let i = from; i < to; i++) {
          const det = determine(fw, requests[i]!);
          if (r === 0) counts.set(det.outcome, (counts.get(det.outcome) ?? 0) + 1);
        }
        rates.get(fw.id)!.push((to - from) / (Number(now() - t0) / 1e9));
      }
    }
  }
  const baseline = median(rates.get(BASELINE)!);
  return frameworks.map((fw) => {
    const latencies = new Float64Array(requests.length);
    for (let i = 0; i < requests.length; i++) {
      const t0 = now();
      determine(fw, requests[i]!);
      latencies[i] = Number(now() - t0);
    }
    latencies.sort();
    const pct = (p: number) =>
      latencies[Math.min(requests.length - 1, Math.floor(p * requests.length))]! / 1000;
    const perS = median(rates.get(fw.id)!);
    return {
      id: fw.id,
      perS,
      p50Us: pct(0.5),
      p99Us: pct(0.99),
      vsBaseline: perS / baseline,
      outcomes: Object.fromEntries(outcomes.get(fw.id)!),
    };
  });
}

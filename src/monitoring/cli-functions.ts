/**
 * Pure functions behind `chipexport monitor locate FILE --json` and `chipexport monitor simulate`:
 * the CLI reads the file or flags, calls these, and prints the result. Bad input is an InputError
 * naming the field or flag (exit code 2).
 */
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { CLUSTER_LIMIT } from './fleet.js';
import { type LocateResult, locate } from './geo.js';
import { ATTACKS, type Attack, type SimulationSummary, simulateFleet } from './simulate.js';

/** `chipexport monitor locate FILE --json`: the contract's location check (spec/contracts.md). */
export function runLocate(input: unknown): LocateResult {
  return locate(input);
}

export interface SimulateFlags {
  readonly devices?: string | number;
  readonly sites?: string | number;
  /** One attack, or "all" for `runSimulateAll`. */
  readonly attack?: string;
  readonly seed?: string | number;
}

const count = (max: number) => z.coerce.number().int().min(1).max(max);
const SimulateFlagsSchema = z.object({
  devices: count(50_000).default(1000),
  sites: count(10_000).default(10),
  attack: z.enum([...ATTACKS, 'all']).default('none'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
});

function parseFlags(flags: SimulateFlags) {
  const parsed = SimulateFlagsSchema.safeParse(flags);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        code: issue.code,
        path: issue.path.map((p) => `--${String(p)}`),
        message: issue.message,
      })),
    );
  }
  if (parsed.data.sites > parsed.data.devices) {
    throw InputError.single('invalid_argument', ['--sites'], 'cannot exceed --devices');
  }
  if (
    (parsed.data.attack === 'cluster' || parsed.data.attack === 'all') &&
    parsed.data.devices <= CLUSTER_LIMIT
  ) {
    throw InputError.single(
      'invalid_argument',
      ['--devices'],
      `the cluster attack needs more devices than the licensed limit (${CLUSTER_LIMIT})`,
    );
  }
  return parsed.data;
}

/**
 * `chipexport monitor simulate --devices N --sites S --attack A --seed K --json`: one object with
 * attack, attacked, detected, detection_rate, honest, false_alarms, false_alarm_rate,
 * inconclusive_rate_near_landmark. Deterministic for a given seed. ~3 ms per check-in (9 signatures
 * made and verified), 3 check-ins per device.
 */
export function runSimulate(flags: SimulateFlags): SimulationSummary {
  const { devices, sites, attack, seed } = parseFlags(flags);
  if (attack === 'all') {
    throw InputError.single('invalid_argument', ['--attack'], 'use runSimulateAll for "all"');
  }
  return simulateFleet({ devices, sites, attack, seed }).summary;
}

/** Every attack in turn on the same fleet and seed (for the table people read). */
export function runSimulateAll(flags: Omit<SimulateFlags, 'attack'>): SimulationSummary[] {
  const { devices, sites, seed } = parseFlags({ ...flags, attack: 'all' });
  return ATTACKS.map((attack: Attack) => simulateFleet({ devices, sites, attack, seed }).summary);
}

/** A plain-text table of simulation summaries. */
export function formatSimulationTable(summaries: readonly SimulationSummary[]): string {
  const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
  const rows = [
    ['attack', 'attacked', 'detected', 'detection', 'honest', 'false alarms', 'inconclusive (≤ 500 km)'],
    ...summaries.map((s) => [
      s.attack,
      String(s.attacked),
      String(s.detected),
      percent(s.detection_rate),
      String(s.honest),
      `${s.false_alarms} (${percent(s.false_alarm_rate)})`,
      percent(s.inconclusive_rate_near_landmark),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

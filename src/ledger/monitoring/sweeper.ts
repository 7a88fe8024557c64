/**
 * The periodic sweep that `chipexport serve` runs: MISSING after two silent intervals, then
 * `location-unverified` for devices still checking in without a PASS for two intervals. Every `everyMs` (default a tenth of the check-in interval, so a silence is flagged
 * within 2.1 intervals); a sweep never overlaps the previous one.
 */
import type { LedgerContext } from '../context.js';
import { sweepMissing, sweepUnverified } from './alerts.js';
import { monitoringSettings } from './settings.js';

export interface Sweeper {
  stop(): Promise<void>;
}

export function startMissingSweep(
  ctx: LedgerContext,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): Sweeper {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweepMissing(ctx)
        .then(() => sweepUnverified(ctx))
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => void next());
    }, ms);
    timer.unref();
  };
  const next = async () => {
    const every = options.everyMs ?? (await monitoringSettings(ctx.db)).intervalMs / 10;
    schedule(every);
  };
  schedule(0);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

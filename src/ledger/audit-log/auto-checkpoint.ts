import { InputError } from '../../domain/errors.js';
import type { Db } from '../../store/store.js';
import type { AuditLog } from './log.js';
import { type AuditSigner, checkpoint } from './signer.js';

/**
 * Signs (and exports) a checkpoint whenever the log has grown, every `intervalMs`: the entries
 * not yet under a signed checkpoint are at most one interval old, so a rewrite of recent entries
 * in the table is caught too (the next signing refuses, and `audit verify` names it against the
 * exported checkpoint). CHIPEXPORT_CHECKPOINT_INTERVAL_MS sets the interval for `serve`
 * (default 5000; 0 turns it off).
 */
export interface AutoCheckpointer {
  /** Signs now if the log has grown; resolves when done. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5000;

export function checkpointIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['CHIPEXPORT_CHECKPOINT_INTERVAL_MS'];
  if (text === undefined || text === '') return DEFAULT_CHECKPOINT_INTERVAL_MS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    throw InputError.single(
      'invalid_setting',
      ['CHIPEXPORT_CHECKPOINT_INTERVAL_MS'],
      `must be a whole number of milliseconds, got "${text}"`,
    );
  }
  return n;
}

export function startAutoCheckpoint(
  db: Db,
  log: AuditLog,
  signer: AuditSigner,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): AutoCheckpointer {
  let lastSigned = -1;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const { size } = await log.head();
        if (size === lastSigned) return;
        await checkpoint(db, log, signer);
        lastSigned = size;
      } catch (error) {
        options.onError?.(error);
      }
    });
    return running;
  };
  const timer = options.intervalMs > 0 ? setInterval(() => void tick(), options.intervalMs) : undefined;
  timer?.unref();
  return {
    tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

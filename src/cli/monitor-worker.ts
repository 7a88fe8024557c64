import { openLedger } from '../ledger/ledger.js';
import { SignaturePool } from '../monitoring/index.js';
import { leasesFor } from '../stream/leases.js';
import { ledgerHandler } from '../stream/ledger-handler.js';
import {
  ackWaitMs,
  checkPartitions,
  createPartitions,
  natsUrl,
  partitionList,
  streamName,
} from '../stream/options.js';
import { formatStats, formatWorkerEvent, openStream } from '../stream/runtime.js';
import { CheckInWorker } from '../stream/worker.js';
import type { Output } from './io.js';

export interface MonitorWorkerOptions {
  nats?: string;
  partitions?: string;
  stream?: string;
  createPartitions?: string;
  ackWait?: string;
}

/** Seconds between summary lines while check-ins flow. */
const SUMMARY_EVERY_MS = 10_000;

/**
 * `chipexport monitor worker`: consumes check-ins from the NATS JetStream stream into the ledger
 * until SIGINT / SIGTERM (or `until` settles, for tests), then drains: the check-in in hand on
 * each partition is committed and acknowledged before the process exits. Opens the ledger like
 * `serve` does. Several worker processes need PostgreSQL (DATABASE_URL); the embedded store
 * belongs to one process, so with it run `serve --nats --worker` instead of a separate worker.
 */
export async function runMonitorWorker(
  options: MonitorWorkerOptions,
  io: Output,
  until: Promise<unknown> = stopSignal(),
): Promise<void> {
  const url = natsUrl(options.nats) ?? 'nats://127.0.0.1:4222';
  const stream = streamName(options.stream);
  const wanted = partitionList(options.partitions);
  const create = createPartitions(options.createPartitions);
  const ackWait = ackWaitMs(options.ackWait);
  const connection = await openStream(url, stream, create, 'chipexport-monitor-worker');
  const { layout } = connection;
  let ledger: Awaited<ReturnType<typeof openLedger>> | undefined;
  let worker: CheckInWorker | undefined;
  // Each batch's signatures are checked on every core (src/monitoring/signature-pool.ts).
  const signatures = new SignaturePool();
  try {
    checkPartitions(wanted, layout.partitions, layout.stream);
    ledger = await openLedger(undefined, {
      audit: { onError: (error) => io.err(`audit integrator: ${(error as Error).message}`) },
    });
    worker = await CheckInWorker.start(connection.nc, {
      layout,
      partitions: wanted,
      batchHandler: ledgerHandler(ledger.ctx, { verifier: signatures }),
      leases: leasesFor(ledger.store),
      ...(ackWait ? { ackWaitMs: ackWait } : {}),
      onEvent: (event) => {
        const line = formatWorkerEvent(event);
        if (line) io.out(line);
      },
    });
    const store =
      ledger.store.kind === 'postgres'
        ? 'PostgreSQL'
        : `embedded store in ${ledger.store.dataDir} (one process only: use PostgreSQL via DATABASE_URL for several workers)`;
    io.out(
      `chipexport monitor worker: ${layout.stream} at ${url}, partitions ${worker.partitions.join(',')} of ${layout.partitions}; ledger: ${store}`,
    );
    let reported = '';
    const timer = setInterval(() => {
      const line = formatStats(worker!.stats);
      if (line !== reported) io.out(line);
      reported = line;
    }, SUMMARY_EVERY_MS);
    await until;
    clearInterval(timer);
    io.out('stopping: finishing the check-ins in hand');
  } finally {
    await worker?.stop();
    await connection.close().catch(() => undefined);
    await ledger?.close();
    await signatures.close();
  }
  io.out(`stopped: ${formatStats(worker.stats)}`);
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

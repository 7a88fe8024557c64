/**
 * `chipexport serve --nats URL [--worker]`: the server publishes check-ins to the stream
 * (buildServer's `checkinPublisher`); with --worker it also consumes them into its own ledger.
 */
import { InputError } from '../domain/errors.js';
import type { LedgerContext } from '../ledger/context.js';
import type { CheckInIntake } from '../ledger/monitoring/index.js';
import { SignaturePool } from '../monitoring/index.js';
import { natsCheckInIntake } from './intake.js';
import { consumerName } from './layout.js';
import { leasesFor } from './leases.js';
import { ledgerHandler } from './ledger-handler.js';
import { manager } from './nats.js';
import { createPartitions, natsUrl, streamName } from './options.js';
import { NatsCheckInPublisher } from './publisher.js';
import { formatWorkerEvent, openStream } from './runtime.js';
import { CheckInWorker, type WorkerEvent } from './worker.js';

export interface ServeStreamOptions {
  nats?: string;
  worker?: boolean;
  stream?: string;
  createPartitions?: string;
}

export interface ServeStream {
  readonly publisher: NatsCheckInPublisher;
  /** POST /v1/checkins over the stream: admitted here, queued with the caller. */
  readonly intake: CheckInIntake;
  /** Messages not yet processed per partition (pending + unacknowledged), for GET /metrics. */
  lag(): Promise<ReadonlyMap<number, number>>;
  /** One line for the start-up banner. */
  readonly summary: string;
  stop(): Promise<void>;
}

/**
 * The options checked (InputError naming the option, exit 2), before anything is opened;
 * undefined without --nats and CHIPEXPORT_NATS_URL: check-ins are then processed in-process.
 */
export function serveStreamSettings(
  options: ServeStreamOptions,
): { url: string; stream: string; createPartitions: number | undefined } | undefined {
  const url = natsUrl(options.nats);
  if (url === undefined) {
    if (options.worker) {
      throw InputError.single(
        'missing_nats',
        ['--worker'],
        'runs a check-in worker and needs --nats URL (or CHIPEXPORT_NATS_URL)',
      );
    }
    if (options.stream !== undefined || options.createPartitions !== undefined) {
      throw InputError.single(
        'missing_nats',
        [options.stream !== undefined ? '--stream' : '--create-partitions'],
        'needs --nats URL (or CHIPEXPORT_NATS_URL)',
      );
    }
    return undefined;
  }
  return {
    url,
    stream: streamName(options.stream),
    createPartitions: createPartitions(options.createPartitions),
  };
}

/** Connects, creates the streams when missing, starts the worker with --worker. */
export async function startServeStream(
  options: ServeStreamOptions,
  ctx: LedgerContext,
  log: (line: string) => void,
  store: { readonly kind: 'pglite' | 'postgres'; readonly databaseUrl?: string },
  onEvent?: (event: WorkerEvent) => void,
): Promise<ServeStream | undefined> {
  const settings = serveStreamSettings(options);
  if (!settings) return undefined;
  const { url } = settings;
  const connection = await openStream(url, settings.stream, settings.createPartitions, 'chipexport-serve');
  const { layout } = connection;
  let worker: CheckInWorker | undefined;
  let signatures: SignaturePool | undefined;
  try {
    if (options.worker) {
      signatures = new SignaturePool();
      worker = await CheckInWorker.start(connection.nc, {
        layout,
        batchHandler: ledgerHandler(ctx, { verifier: signatures }),
        leases: leasesFor(store),
        onEvent: (event) => {
          onEvent?.(event);
          const line = formatWorkerEvent(event);
          if (line) log(`check-in worker: ${line}`);
        },
      });
    }
  } catch (error) {
    await signatures?.close();
    await connection.close();
    throw error;
  }
  const lag = async () => {
    const jsm = await manager(connection.nc);
    const result = new Map<number, number>();
    for (let k = 0; k < layout.partitions; k++) {
      const info = await jsm.consumers.info(layout.stream, consumerName(layout, k)).catch(() => undefined);
      // A partition no worker has consumed yet has no consumer: everything on it is waiting.
      if (info) result.set(k, info.num_pending + info.num_ack_pending);
    }
    return result;
  };
  return {
    lag,
    publisher: new NatsCheckInPublisher(connection.nc, layout),
    intake: natsCheckInIntake(ctx, connection.nc, layout),
    summary: `check-ins queued on NATS ${url}, stream ${layout.stream} (${layout.partitions} partitions)${worker ? ', with a worker in this process' : store.kind === 'pglite' ? '; nothing processes them: the embedded store belongs to this process, so add --worker (separate workers need PostgreSQL)' : '; run chipexport monitor worker to process them'}`,
    stop: async () => {
      await worker?.stop();
      await signatures?.close();
      await connection.close().catch(() => undefined);
    },
  };
}

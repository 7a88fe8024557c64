/**
 * Opening the stream for `serve --nats` and `monitor worker`, and the worker's progress lines.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { InputError } from '../domain/errors.js';
import type { StreamLayout } from './layout.js';
import { connectNats, ensureStreams, manager, NatsUnreachableError, StreamLayoutError } from './nats.js';
import type { WorkerEvent, WorkerStats } from './worker.js';

export interface StreamConnection {
  readonly nc: NatsConnection;
  readonly layout: StreamLayout;
  /** Drains the connection: pending publishes and acknowledgements are flushed first. */
  close(): Promise<void>;
}

/** Connects and makes sure the check-in streams exist (created with `createPartitions`, default 8). */
export async function openStream(
  url: string,
  stream: string,
  createPartitions: number | undefined,
  clientName: string,
): Promise<StreamConnection> {
  const nc = await connectNats(url, clientName);
  try {
    if (!nc.info?.jetstream)
      throw new NatsUnreachableError(url, 'the server has no JetStream (start nats-server with -js)');
    let layout: StreamLayout;
    try {
      layout = await ensureStreams(await manager(nc), stream, { partitions: createPartitions });
    } catch (error) {
      if (error instanceof StreamLayoutError) {
        throw InputError.single(
          'stream_layout',
          [createPartitions === undefined ? '--stream' : '--create-partitions'],
          error.message,
        );
      }
      throw error;
    }
    return { nc, layout, close: () => nc.drain() };
  } catch (error) {
    await nc.close();
    throw error;
  }
}

/** One line for the events worth a line (retries, dead letters, rejected check-ins, alerts). */
export function formatWorkerEvent(event: WorkerEvent): string | undefined {
  switch (event.kind) {
    case 'processed': {
      const o = event.outcome;
      const where = `partition ${event.partition} #${event.streamSeq}`;
      if (o.duplicate) return undefined;
      if (!o.accepted || o.alertIds.length > 0) {
        const problems = o.problems.length ? ` problems: ${o.problems.join(', ')}` : '';
        const alerts = o.alertIds.length ? ` alerts: ${o.alertIds.join(', ')}` : '';
        return `${where}: ${o.deviceId} #${o.sequence} ${o.accepted ? 'accepted' : 'rejected'}${problems}${alerts}`;
      }
      return undefined;
    }
    case 'retry':
      return `partition ${event.partition} #${event.streamSeq}: attempt ${event.deliveryCount} failed (${event.error}); retrying in ${event.delayMs} ms`;
    case 'dead-letter':
      return `partition ${event.partition} #${event.streamSeq}: dead-lettered (${event.reason}): ${event.detail}`;
    case 'error':
      return `partition ${event.partition}: consumer stopped: ${event.error}`;
  }
}

export function formatStats(stats: WorkerStats): string {
  return `processed ${stats.processed} (duplicates ${stats.duplicates}), retried ${stats.retried}, dead-lettered ${stats.deadLettered}`;
}

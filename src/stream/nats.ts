/**
 * NATS connection and the check-in streams (docs/monitoring-protocol.md, "Scale-out").
 *
 * Two streams per layout:
 * - `<stream>`: the check-ins, one subject filter per partition, work-queue retention (a check-in
 *   is removed once its partition's consumer has acknowledged it, i.e. once the ledger has
 *   committed it), file storage, a duplicate window for Nats-Msg-Id.
 * - `<stream>_DEAD`: dead letters, `<prefix>.dead.<partition>`, kept (limits retention): messages
 *   the workers gave up on, each with the reason in its headers.
 */
import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  deadLetterStream,
  layoutFromSubjects,
  type StreamLayout,
  streamLayout,
  streamSubjects,
} from './layout.js';

/** Environment variable for the NATS URL (`serve --nats`, `monitor worker --nats`). */
export const NATS_URL_ENV = 'CHIPEXPORT_NATS_URL';
/** JetStream's default; long enough for a client's retries after a lost publish acknowledgement. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

/** NATS does not answer at the URL: the CLI prints the message, no stack. */
export class NatsUnreachableError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`cannot reach NATS at ${url}: ${reason}`);
    this.name = 'NatsUnreachableError';
  }
}

export async function connectNats(url: string, name = 'chipexport'): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name, timeout: 5000, maxReconnectAttempts: -1 });
  } catch (error) {
    const e = error as Error & { code?: string; cause?: { code?: string; message?: string } };
    const reason = e.cause?.code ?? e.code ?? e.cause?.message ?? e.message;
    throw new NatsUnreachableError(url, String(reason));
  }
}

/** The stream does not exist, or exists with a different layout. */
export class StreamLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamLayoutError';
  }
}

function notFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

/**
 * The layout recorded in an existing stream, or undefined when there is no such stream. A stream
 * of that name that is not a check-in stream is an error.
 */
export async function readLayout(jsm: JetStreamManager, stream: string): Promise<StreamLayout | undefined> {
  try {
    const info = await jsm.streams.info(stream);
    const layout = layoutFromSubjects(stream, info.config.subjects ?? []);
    if (!layout) {
      throw new StreamLayoutError(
        `stream ${stream} exists but its subjects (${(info.config.subjects ?? []).join(', ')}) are not a check-in layout`,
      );
    }
    return layout;
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

export interface EnsureOptions {
  /** P for a new stream; for an existing one, checked against the recorded P when given. */
  partitions?: number;
  subjectPrefix?: string;
  duplicateWindowMs?: number;
}

/**
 * The check-in stream and its dead-letter stream, created when missing. An existing stream keeps
 * its P: asking for another one is an error, because moving installations between partitions
 * would break per-installation ordering for check-ins already queued (see the protocol doc).
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  stream: string,
  options: EnsureOptions = {},
): Promise<StreamLayout> {
  const existing = await readLayout(jsm, stream);
  if (existing) {
    if (options.partitions !== undefined && options.partitions !== existing.partitions) {
      throw new StreamLayoutError(
        `stream ${stream} was created with ${existing.partitions} partitions, not ${options.partitions}; ` +
          'drain it and create a new stream to change the partition count',
      );
    }
    if (options.subjectPrefix !== undefined && options.subjectPrefix !== existing.subjectPrefix) {
      throw new StreamLayoutError(
        `stream ${stream} uses the subjects ${existing.subjectPrefix}.*, not ${options.subjectPrefix}.*`,
      );
    }
    await ensureDeadLetterStream(jsm, existing, options.duplicateWindowMs);
    return existing;
  }
  const layout = streamLayout({
    stream,
    partitions: options.partitions,
    subjectPrefix: options.subjectPrefix,
  });
  const window = nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS);
  try {
    await jsm.streams.add({
      name: layout.stream,
      description: `chipexport check-ins: ${layout.partitions} partitions by installation (${layout.subjectPrefix}.<partition>.<installation>)`,
      subjects: streamSubjects(layout),
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.New,
      duplicate_window: window,
    });
  } catch (error) {
    // Another process created it first: use what it recorded.
    const raced = await readLayout(jsm, stream);
    if (!raced) throw error;
    return ensureStreams(jsm, stream, options);
  }
  await ensureDeadLetterStream(jsm, layout, options.duplicateWindowMs);
  return layout;
}

async function ensureDeadLetterStream(
  jsm: JetStreamManager,
  layout: StreamLayout,
  duplicateWindowMs = DEFAULT_DUPLICATE_WINDOW_MS,
): Promise<void> {
  const name = deadLetterStream(layout);
  try {
    await jsm.streams.info(name);
    return;
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      description: `chipexport check-ins the workers of ${layout.stream} gave up on, with the reason`,
      subjects: [`${layout.subjectPrefix}.dead.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: nanos(duplicateWindowMs),
    });
  } catch (error) {
    // Created by another process in between.
    await jsm.streams.info(name).catch(() => {
      throw error;
    });
  }
}

/** Deletes both streams (tests, and re-partitioning once drained). */
export async function deleteStreams(jsm: JetStreamManager, layout: StreamLayout): Promise<void> {
  for (const name of [layout.stream, deadLetterStream(layout)]) {
    await jsm.streams.delete(name).catch((error: unknown) => {
      if (!notFound(error)) throw error;
    });
  }
}

export async function manager(nc: NatsConnection): Promise<JetStreamManager> {
  return jetstreamManager(nc);
}

function nanos(ms: number): number {
  return ms * 1_000_000;
}

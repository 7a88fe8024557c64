/**
 * Check-in workers: one durable pull consumer per partition, shared by every worker process.
 *
 * Ordering within an installation. All of an installation's check-ins are on one partition, and
 * each partition's consumer has `max_ack_pending: 1`: the server hands out the partition's next
 * message only once the previous one is acknowledged or terminated. A nak'd message stays
 * pending until its redelivery, so nothing overtakes it either. That holds however many worker
 * processes pull from the consumer — they take turns, never run a partition in parallel — and it
 * needs no ownership protocol: a process that dies mid-message loses its turn after `ack_wait`
 * and the message is redelivered to whoever pulls next. The price is one message in flight per
 * partition, so throughput scales with the number of partitions (P), not of processes beyond P.
 * (The alternative, one owner process per partition, would need leases and hand-over; the
 * ledger's per-device row lock already makes concurrent check-ins of one device safe, but the
 * verdicts depend on the order — a late sequence number is a replay — so order is kept here.)
 *
 * Batches (issue 16 item 2). A process holds at most one message per partition, and it commits
 * all it holds together: the messages pulled while the previous batch committed form the next
 * batch, so a batch holds many installations and never two check-ins of one partition, and the
 * order within each partition is the server's. With P partitions a batch holds up to P check-ins
 * (across processes, P in all): P is what sets the batch size, so a stream for a fleet has
 * hundreds (`--create-partitions`). A batch that fails as a whole (the store, a deadlock that
 * outlasted the ledger's retries) is split in halves down to single messages, so one bad message
 * cannot hold the others back, and nothing is half-applied: the ledger commits a batch in one
 * transaction or not at all.
 *
 * Delivery is at least once: a message is acknowledged after the ledger has committed it, so a
 * crash between commit and ack redelivers it, and the ledger's ingestCheckIn answers a check-in it
 * already holds with the stored outcome (`duplicate: true`) and changes nothing.
 *
 * Failures: a message that is not a check-in (not JSON, not an object, refused by the schema or
 * by the ledger as bad input) goes straight to the dead-letter stream and is terminated —
 * recorded once, never retried. Anything else (the store unreachable, a timeout) is nak'd with a
 * growing delay, up to `maxAttempts` deliveries; then it is dead-lettered with the last error.
 * A message whose dead letter cannot be written is nak'd, not terminated: nothing is dropped.
 */

import type { ConsumerMessages } from '@nats-io/jetstream';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { InputError } from '../domain/errors.js';
import { LedgerError } from '../ledger/errors.js';
import { consumerName, deadLetterSubject, partitionFilter, type StreamLayout } from './layout.js';

/** What the ledger returns for a check-in (the contract's CheckInOutcome, the fields the worker reports). */
export interface HandledCheckIn {
  readonly deviceId: string;
  readonly sequence: number;
  readonly duplicate: boolean;
  readonly accepted: boolean;
  readonly problems: readonly string[];
  readonly alertIds: readonly string[];
}

export interface MessageContext {
  readonly partition: number;
  readonly streamSeq: number;
  readonly deliveryCount: number;
  readonly subject: string;
}

/** Processes one check-in and resolves once the ledger has committed it. */
export type CheckInHandler = (raw: unknown, context: MessageContext) => Promise<HandledCheckIn>;

/** One message of a batch as the handler sees it: the parsed body, where it came from, its headers. */
export interface BatchItem {
  readonly raw: unknown;
  readonly context: MessageContext;
  /** The message's headers (the publisher's: device, installation, organization, caller). */
  readonly header: (name: string) => string | undefined;
}

/**
 * Processes a batch and resolves once the ledger has committed it, with one answer per item in
 * order: its outcome, or the error that refused it alone (bad input, an unknown device). A throw
 * means the batch as a whole failed and nothing of it was kept: the worker splits it and tries the
 * halves, down to single messages, which then go through the usual retries.
 */
export type BatchHandler = (items: readonly BatchItem[]) => Promise<(HandledCheckIn | Error)[]>;

export type DeadLetterReason = 'malformed' | 'rejected' | 'failed';

export type WorkerEvent =
  | ({ kind: 'processed'; outcome: HandledCheckIn } & MessageContext)
  | ({ kind: 'retry'; delayMs: number; error: string } & MessageContext)
  | ({ kind: 'dead-letter'; reason: DeadLetterReason; detail: string } & MessageContext)
  | { kind: 'error'; partition: number; error: string };

export interface WorkerOptions {
  readonly layout: StreamLayout;
  /** Partitions to consume (default: all). */
  readonly partitions?: readonly number[];
  /** One message at a time (each partition's messages in order): the handler or batchHandler. */
  readonly handler?: CheckInHandler;
  /**
   * Batches: every message in hand across this process's partitions — one per partition, as each
   * has one in flight — is handed over together, and the next batch is gathered while one commits.
   */
  readonly batchHandler?: BatchHandler;
  /** Most messages in one batch (default 512). */
  readonly batchMax?: number;
  /**
   * How long a batch waits for more messages before it commits (default 5 ms): after a commit
   * the partitions' next messages arrive over a few milliseconds, and without the wait the first
   * of them would go alone.
   */
  readonly lingerMs?: number;
  /** Deliveries of a failing message before it is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** Delay before the n-th redelivery (the last value repeats). */
  readonly backoffMs?: readonly number[];
  /** How long a delivered message may go unacknowledged before it is redelivered (default 30 s). */
  readonly ackWaitMs?: number;
  readonly onEvent?: (event: WorkerEvent) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BATCH_MAX = 512;
export const DEFAULT_LINGER_MS = 5;
export const DEFAULT_BACKOFF_MS: readonly number[] = [1_000, 5_000, 15_000, 60_000];
export const DEFAULT_ACK_WAIT_MS = 30_000;
/** How long one pull request stays open at the server (the client renews it). */
export const PULL_EXPIRES_MS = 2_000;

/** Dead-letter headers (the original message's headers are kept as well). */
export const DEAD_REASON = 'Chipexport-Dead-Reason';
export const DEAD_DETAIL = 'Chipexport-Dead-Detail';
export const DEAD_SOURCE_SEQ = 'Chipexport-Source-Seq';
export const DEAD_SOURCE_SUBJECT = 'Chipexport-Source-Subject';
export const DEAD_DELIVERIES = 'Chipexport-Deliveries';

export interface WorkerStats {
  processed: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  /** Batches handed to the handler (a split batch counts each part). */
  batches: number;
}

export class CheckInWorker {
  readonly stats: WorkerStats = {
    processed: 0,
    duplicates: 0,
    retried: 0,
    deadLettered: 0,
    batches: 0,
  };
  private readonly handle: BatchHandler;
  /** Messages pulled and waiting for the next batch. */
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private stopping = false;

  private constructor(
    private readonly js: JetStreamClient,
    private readonly options: WorkerOptions,
    readonly partitions: readonly number[],
  ) {
    const { handler, batchHandler } = options;
    if (batchHandler) this.handle = batchHandler;
    else if (handler) this.handle = oneByOne(handler);
    else throw new TypeError('a worker needs a handler or a batchHandler');
  }

  /** Creates (or reuses) the partitions' durable consumers and starts pulling. */
  static async start(nc: NatsConnection, options: WorkerOptions): Promise<CheckInWorker> {
    const { layout } = options;
    const partitions = options.partitions ?? Array.from({ length: layout.partitions }, (_, k) => k);
    for (const k of partitions) {
      if (!Number.isInteger(k) || k < 0 || k >= layout.partitions) {
        throw new RangeError(
          `partition ${k} does not exist: ${layout.stream} has partitions 0–${layout.partitions - 1}`,
        );
      }
    }
    const jsm = await jetstreamManager(nc);
    const ackWait = (options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS) * 1_000_000;
    for (const k of partitions) {
      const durable = consumerName(layout, k);
      await jsm.consumers.info(layout.stream, durable).catch(() =>
        jsm.consumers.add(layout.stream, {
          durable_name: durable,
          description: `chipexport check-ins of partition ${k}, in order (one message in flight)`,
          filter_subject: partitionFilter(layout, k),
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          max_ack_pending: 1,
          ack_wait: ackWait,
          // Unlimited at the server: the worker counts deliveries itself and dead-letters a message
          // after maxAttempts, so nothing is skipped silently by the server.
          max_deliver: -1,
        }),
      );
    }
    const worker = new CheckInWorker(jetstream(nc), options, partitions);
    for (const k of partitions) {
      const consumer = await worker.js.consumers.get(layout.stream, consumerName(layout, k));
      // One message per pull: with max_ack_pending 1 there is never more than one to have. Pulls
      // expire quickly: a pull still open at the server when a worker stops would be handed the
      // partition's next check-in, which then waits for ack_wait before another worker gets it.
      const messages = await consumer.consume({ max_messages: 1, expires: PULL_EXPIRES_MS });
      worker.subscriptions.push(messages);
      worker.loops.push(worker.run(k, messages));
    }
    return worker;
  }

  private async run(partition: number, messages: ConsumerMessages): Promise<void> {
    try {
      for await (const m of messages) {
        if (this.stopping) {
          // Pulled as the worker stopped: hand it straight back rather than hold it for ack_wait.
          m.nak();
          break;
        }
        await this.take(partition, m);
      }
    } catch (error) {
      this.emit({ kind: 'error', partition, error: (error as Error).message });
    }
  }

  /** Checks a pulled message and queues it for the next batch; resolves once it is settled. */
  private take(partition: number, m: JsMsg): Promise<void> {
    const context: MessageContext = {
      partition,
      streamSeq: m.seq,
      deliveryCount: m.info.deliveryCount,
      subject: m.subject,
    };
    let raw: unknown;
    try {
      raw = JSON.parse(m.string());
    } catch (error) {
      return this.deadLetter(m, context, 'malformed', `not JSON: ${(error as Error).message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return this.deadLetter(m, context, 'malformed', 'not a JSON object');
    }
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (context.deliveryCount > maxAttempts) {
      // Earlier deliveries ended without a verdict (a worker died or timed out on it).
      return this.deadLetter(
        m,
        context,
        'failed',
        `delivered ${context.deliveryCount} times without an outcome`,
      );
    }
    return new Promise<void>((settled) => {
      this.waiting.push({
        m,
        item: { raw, context, header: (name) => m.headers?.get(name) || undefined },
        settled,
      });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  /** Commits the waiting messages in batches until none waits. */
  private async flush(): Promise<void> {
    const batchMax = this.options.batchMax ?? DEFAULT_BATCH_MAX;
    const lingerMs = this.options.lingerMs ?? DEFAULT_LINGER_MS;
    while (this.waiting.length > 0) {
      // Gathers what else arrives meanwhile, then commits it as one batch.
      if (this.waiting.length < batchMax) await new Promise((go) => setTimeout(go, lingerMs));
      const batch = this.waiting.slice(0, batchMax);
      this.waiting = this.waiting.slice(batch.length);
      // A slow commit (lock waits, a busy store) must not look like a dead worker: while the
      // batch runs, tell the server every third of ack_wait that its messages are still in hand,
      // so none is redelivered to another process and judged twice at once.
      const ackWaitMs = this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
      const inProgress = setInterval(
        () => {
          for (const w of batch) w.m.working();
        },
        Math.max(ackWaitMs / 3, 100),
      );
      try {
        await this.commit(batch);
      } finally {
        clearInterval(inProgress);
      }
    }
    this.flushing = undefined;
  }

  /** One batch: each message acknowledged, retried or dead-lettered; a failed batch is split. */
  private async commit(batch: readonly Waiting[]): Promise<void> {
    this.stats.batches++;
    let answers: (HandledCheckIn | Error)[];
    try {
      answers = await this.handle(batch.map((w) => w.item));
      if (answers.length !== batch.length) {
        throw new Error(`the handler answered ${answers.length} of ${batch.length} messages`);
      }
    } catch (error) {
      if (batch.length > 1) {
        // Nothing of it was kept: find the message that fails by halves, the rest commits.
        const half = Math.ceil(batch.length / 2);
        await this.commit(batch.slice(0, half));
        await this.commit(batch.slice(half));
        return;
      }
      answers = [error instanceof Error ? error : new Error(String(error))];
    }
    await Promise.all(
      batch.map(async (w, k) => {
        await this.settle(w.m, w.item.context, answers[k]!);
        w.settled();
      }),
    );
  }

  private async settle(m: JsMsg, context: MessageContext, answer: HandledCheckIn | Error): Promise<void> {
    if (answer instanceof Error) {
      const detail = describe(answer);
      if (answer instanceof InputError) return this.deadLetter(m, context, 'malformed', detail);
      if (answer instanceof LedgerError && answer.status < 500)
        return this.deadLetter(m, context, 'rejected', detail);
      const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (context.deliveryCount >= maxAttempts) {
        return this.deadLetter(m, context, 'failed', `${context.deliveryCount} attempts; last: ${detail}`);
      }
      return this.retry(m, context, detail);
    }
    m.ack();
    this.stats.processed++;
    if (answer.duplicate) this.stats.duplicates++;
    this.emit({ kind: 'processed', outcome: answer, ...context });
  }

  private retry(m: JsMsg, context: MessageContext, error: string): void {
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    const delayMs = backoff[Math.min(context.deliveryCount - 1, backoff.length - 1)] ?? 0;
    m.nak(delayMs);
    this.stats.retried++;
    this.emit({ kind: 'retry', delayMs, error, ...context });
  }

  /**
   * Records the message in the dead-letter stream, then terminates it. The dead letter's
   * Nats-Msg-Id is the source stream and sequence, so a redelivery (a lost term) is recorded once.
   */
  private async deadLetter(m: JsMsg, context: MessageContext, reason: DeadLetterReason, detail: string) {
    const { layout } = this.options;
    const h = headers();
    for (const [key, values] of m.headers ?? []) {
      if (key.toLowerCase() === 'nats-msg-id') continue;
      for (const value of values) h.append(key, value);
    }
    h.set(DEAD_REASON, reason);
    h.set(DEAD_DETAIL, headerValue(detail));
    h.set(DEAD_SOURCE_SEQ, String(m.seq));
    h.set(DEAD_SOURCE_SUBJECT, m.subject);
    h.set(DEAD_DELIVERIES, String(context.deliveryCount));
    try {
      await this.js.publish(deadLetterSubject(layout, context.partition), m.data, {
        msgID: `${layout.stream}:${m.seq}`,
        headers: h,
      });
    } catch (error) {
      // Not recorded: keep the message and try again later.
      return this.retry(m, context, `dead letter not written (${describe(error)}); ${detail}`);
    }
    // No reason argument: servers before 2.11 take "+TERM <reason>" for an unknown ack and leave
    // the message pending until ack_wait. The reason is in the dead letter.
    m.term();
    this.stats.deadLettered++;
    this.emit({ kind: 'dead-letter', reason, detail, ...context });
  }

  private emit(event: WorkerEvent): void {
    this.options.onEvent?.(event);
  }

  /**
   * Graceful stop: no new pulls; the message in hand on each partition is finished (committed and
   * acknowledged, or nak'd) before this resolves. Undelivered messages stay in the stream.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.subscriptions.map((s) => s.close()));
    await Promise.all(this.loops);
  }
}

interface Waiting {
  readonly m: JsMsg;
  readonly item: BatchItem;
  readonly settled: () => void;
}

/** A one-message handler as a batch handler: each message alone, in order, its failure its own. */
function oneByOne(handler: CheckInHandler): BatchHandler {
  return async (items) => {
    const out: (HandledCheckIn | Error)[] = [];
    for (const item of items) {
      try {
        out.push(await handler(item.raw, item.context));
      } catch (error) {
        out.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return out;
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Header values are one line of printable text. */
function headerValue(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 1000);
}

/**
 * Check-in workers: one durable pull consumer per partition, each consumed by one worker process
 * at a time, which commits what it holds across its partitions in batches.
 *
 * Ordering within an installation. All of an installation's check-ins are on one partition. A
 * worker consumes a partition only while it holds the partition's lease (leases.ts: an advisory
 * lock in PostgreSQL, which every worker of a fleet shares; within one process, a lock in memory),
 * so no two processes ever run one partition at once, and it commits the partition's messages in
 * stream order: a batch may hold many of them, judged in order in one transaction. Up to
 * `window` messages of a partition are in flight (the consumer's `max_ack_pending`), so one large
 * installation is not held to one check-in per commit. A worker that cannot take a partition (held
 * by another) stands by and takes it when it is freed: workers split a stream by `partitions`, and
 * a spare takes over from one that stops. A partition taken over while the server still counts
 * messages in flight (its previous holder died holding them) is consumed only after `ack_wait`,
 * once those are due for redelivery: the server hands out redeliveries before newer messages, so
 * the dead worker's check-ins are not overtaken.
 *
 * Batches (issue 16 item 2): the messages that arrive while a batch commits, and within
 * `lingerMs` after, form the next batch (up to `batchMax`). A batch that fails as a whole (the
 * store, a deadlock that outlasted the ledger's retries) is split in halves down to single
 * messages, so one bad message cannot hold the others back, and nothing is half-applied: the
 * ledger commits a batch in one transaction or not at all.
 *
 * Delivery is at least once: a message is acknowledged after the ledger has committed it, so a
 * crash between commit and ack redelivers it, and the ledger answers a check-in it already holds
 * with the stored outcome (`duplicate: true`) and changes nothing.
 *
 * Failures: a message that is not a check-in (not JSON, not an object, refused by the schema or
 * by the ledger as bad input or an unknown device) goes straight to the dead-letter stream and is
 * terminated — recorded once, never retried. Anything else (the store unreachable, a timeout) is
 * retried here after a growing delay while the partition's later messages wait behind it (nothing
 * overtakes it), up to `maxAttempts` attempts; then it is dead-lettered with the last error and
 * the partition moves on. A message whose dead letter cannot be written is retried the same way:
 * nothing is dropped. `context.deliveryCount` counts attempts: the server's deliveries plus the
 * retries here.
 */

import type { ConsumerMessages } from '@nats-io/jetstream';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { InputError } from '../domain/errors.js';
import { LedgerError } from '../ledger/errors.js';
import { consumerName, deadLetterSubject, partitionFilter, type StreamLayout } from './layout.js';
import { type PartitionLeases, processLeases } from './leases.js';

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
  /** Batches of messages across this worker's partitions, each partition's in order. */
  readonly batchHandler?: BatchHandler;
  /** Most messages in one batch (default 512). */
  readonly batchMax?: number;
  /** Most messages of one partition in flight (the consumer's max_ack_pending; default 256). */
  readonly window?: number;
  /**
   * How long a batch waits for more messages before it commits (default 5 ms): after a commit
   * the partitions' next messages arrive over a few milliseconds, and without the wait the first
   * of them would go alone.
   */
  readonly lingerMs?: number;
  /** Who may consume which partition (default: a lock in this process; PostgreSQL for a fleet). */
  readonly leases?: PartitionLeases;
  /** How often a worker tries again to take the partitions others hold (default 2 s). */
  readonly leaseRetryMs?: number;
  /** Attempts at a failing message before it is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** Delay before the n-th retry (the last value repeats). */
  readonly backoffMs?: readonly number[];
  /** How long a delivered message may go unacknowledged before it is redelivered (default 30 s). */
  readonly ackWaitMs?: number;
  readonly onEvent?: (event: WorkerEvent) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BATCH_MAX = 512;
export const DEFAULT_WINDOW = 256;
export const DEFAULT_LINGER_MS = 5;
export const DEFAULT_LEASE_RETRY_MS = 2_000;
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

/** A message in hand: queued for a batch, or held behind a failed one of its partition. */
interface Waiting {
  readonly m: JsMsg;
  readonly partition: number;
  /** Attempts made here so far (a redelivered message starts at the server's count). */
  attempts: number;
  lastError?: string;
  readonly raw: unknown;
}

/** A partition this worker consumes. */
interface Owned {
  readonly messages: ConsumerMessages;
  readonly loop: Promise<void>;
  /** Messages behind a failed one, in order; the failed one first. Empty: the partition flows. */
  held: Waiting[];
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
  private readonly leases: PartitionLeases;
  private readonly owned = new Map<number, Owned>();
  /** Messages pulled and waiting for the next batch, each partition's in order. */
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private claimTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Messages in hand (waiting, committing or held), for a stop to wait on. */
  private inHand = 0;
  private drained: (() => void) | undefined;

  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: WorkerOptions,
    readonly partitions: readonly number[],
  ) {
    const { handler, batchHandler } = options;
    if (batchHandler) this.handle = batchHandler;
    else if (handler) this.handle = oneByOne(handler);
    else throw new TypeError('a worker needs a handler or a batchHandler');
    this.leases = options.leases ?? processLeases();
    this.leases.onLost((error) => {
      this.emit({ kind: 'error', partition: -1, error: `partition leases lost: ${error.message}` });
      void this.stop();
    });
  }

  /** Creates (or reuses) the partitions' durable consumers, takes the free ones and starts pulling. */
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
    const window = options.window ?? DEFAULT_WINDOW;
    for (const k of partitions) {
      const durable = consumerName(layout, k);
      const info = await jsm.consumers.info(layout.stream, durable).catch(() => undefined);
      if (!info) {
        await jsm.consumers.add(layout.stream, {
          durable_name: durable,
          description: `chipexport check-ins of partition ${k}, in order (one worker at a time)`,
          filter_subject: partitionFilter(layout, k),
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          max_ack_pending: window,
          ack_wait: ackWait,
          // Unlimited at the server: the worker counts attempts itself and dead-letters a message
          // after maxAttempts, so nothing is skipped silently by the server.
          max_deliver: -1,
        });
      } else if (info.config.max_ack_pending !== window || info.config.ack_wait !== ackWait) {
        // A consumer of an earlier version (one message in flight) or of other settings.
        await jsm.consumers.update(layout.stream, durable, { max_ack_pending: window, ack_wait: ackWait });
      }
    }
    const worker = new CheckInWorker(jetstream(nc), jsm, options, partitions);
    await worker.claim();
    return worker;
  }

  /** The partitions this worker consumes now (others hold the rest of `partitions`). */
  get consuming(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  /** Takes every free partition of ours; tries again later for those others hold. */
  private async claim(): Promise<void> {
    const { layout } = this.options;
    let missing = 0;
    for (const k of this.partitions) {
      if (this.stopping) return;
      if (this.owned.has(k)) continue;
      let taken = false;
      try {
        taken = await this.leases.tryAcquire(layout.stream, k);
      } catch (error) {
        this.emit({ kind: 'error', partition: k, error: `lease not taken: ${describe(error)}` });
      }
      if (!taken) {
        missing++;
        continue;
      }
      await this.consume(k);
    }
    if (missing > 0 && !this.stopping) {
      this.claimTimer = setTimeout(() => {
        this.claimTimer = undefined;
        void this.claim();
      }, this.options.leaseRetryMs ?? DEFAULT_LEASE_RETRY_MS);
    }
  }

  private async consume(k: number): Promise<void> {
    const { layout } = this.options;
    const durable = consumerName(layout, k);
    const info = await this.jsm.consumers.info(layout.stream, durable);
    if (info.num_ack_pending > 0) {
      // Messages in flight at a previous holder that is gone: they come back after ack_wait,
      // before anything newer, so wait that long rather than overtake them.
      await this.sleep(this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS);
      if (this.stopping) {
        await this.leases.release(layout.stream, k).catch(() => undefined);
        return;
      }
    }
    const consumer = await this.js.consumers.get(layout.stream, durable);
    // Pulls expire quickly: a pull still open at the server when a worker stops would be handed
    // the partition's next check-ins, which then wait for ack_wait before another worker gets them.
    const messages = await consumer.consume({
      max_messages: this.options.window ?? DEFAULT_WINDOW,
      expires: PULL_EXPIRES_MS,
    });
    const owned: Owned = { messages, loop: Promise.resolve(), held: [] };
    this.owned.set(k, owned);
    (owned as { loop: Promise<void> }).loop = this.run(k, messages);
  }

  private async run(partition: number, messages: ConsumerMessages): Promise<void> {
    try {
      for await (const m of messages) {
        if (this.stopping) {
          // Pulled as the worker stopped: hand it straight back rather than hold it for ack_wait.
          m.nak();
          continue;
        }
        this.take(partition, m);
      }
    } catch (error) {
      this.emit({ kind: 'error', partition, error: (error as Error).message });
    }
  }

  /** Checks a pulled message and queues it (or holds it behind a failed one of its partition). */
  private take(partition: number, m: JsMsg): void {
    const context = this.contextOf(partition, m, m.info.deliveryCount);
    let raw: unknown;
    try {
      raw = JSON.parse(m.string());
    } catch (error) {
      void this.track(this.deadLetter(m, context, 'malformed', `not JSON: ${(error as Error).message}`));
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      void this.track(this.deadLetter(m, context, 'malformed', 'not a JSON object'));
      return;
    }
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (context.deliveryCount > maxAttempts) {
      // Earlier deliveries ended without a verdict (a worker died or timed out on it).
      void this.track(
        this.deadLetter(m, context, 'failed', `delivered ${context.deliveryCount} times without an outcome`),
      );
      return;
    }
    const w: Waiting = { m, partition, attempts: m.info.deliveryCount, raw };
    this.inHand++;
    const owned = this.owned.get(partition);
    if (owned && owned.held.length > 0) owned.held.push(w);
    else this.enqueue([w]);
  }

  private contextOf(partition: number, m: JsMsg, attempt: number): MessageContext {
    return { partition, streamSeq: m.seq, deliveryCount: attempt, subject: m.subject };
  }

  private enqueue(ws: readonly Waiting[], front = false): void {
    this.waiting = front ? [...ws, ...this.waiting] : [...this.waiting, ...ws];
    if (!this.flushing) this.flushing = this.flush();
  }

  /** Commits the waiting messages in batches until none waits. */
  private async flush(): Promise<void> {
    const batchMax = this.options.batchMax ?? DEFAULT_BATCH_MAX;
    const lingerMs = this.options.lingerMs ?? DEFAULT_LINGER_MS;
    while (this.waiting.length > 0) {
      // Gathers what else arrives meanwhile, then commits it as one batch.
      if (this.waiting.length < batchMax && lingerMs > 0) await new Promise((go) => setTimeout(go, lingerMs));
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

  /**
   * One batch: each message acknowledged, retried or dead-lettered; a batch that failed as a
   * whole is split. A message of a partition that has a failed one waiting for its retry is not
   * committed before it: it joins the partition's held messages.
   */
  private async commit(input: readonly Waiting[]): Promise<void> {
    const batch: Waiting[] = [];
    for (const w of input) {
      const held = this.owned.get(w.partition)?.held;
      if (held && held.length > 0) held.push(w);
      else batch.push(w);
    }
    if (batch.length === 0) return;
    this.stats.batches++;
    let answers: (HandledCheckIn | Error)[];
    try {
      answers = await this.handle(
        batch.map((w) => ({
          raw: w.raw,
          context: this.contextOf(w.partition, w.m, w.attempts),
          header: (name: string) => w.m.headers?.get(name) || undefined,
        })),
      );
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
    for (const [k, w] of batch.entries()) {
      // In order: a failure holds the partition's later messages of this batch too.
      const held = this.owned.get(w.partition)?.held;
      if (held && held.length > 0) {
        held.push(w);
        continue;
      }
      const answer = answers[k]!;
      if (answer instanceof NotAttempted) {
        // Its partition's failed message was dead-lettered after its last attempt: go on.
        this.enqueue([w], true);
        continue;
      }
      await this.settle(w, answer);
    }
  }

  private async settle(w: Waiting, answer: HandledCheckIn | Error): Promise<void> {
    const context = this.contextOf(w.partition, w.m, w.attempts);
    if (answer instanceof Error) {
      const detail = describe(answer);
      if (answer instanceof InputError)
        return this.done(w, this.deadLetter(w.m, context, 'malformed', detail));
      if (answer instanceof LedgerError && answer.status < 500)
        return this.done(w, this.deadLetter(w.m, context, 'rejected', detail));
      return this.retry(w, detail);
    }
    w.m.ack();
    this.stats.processed++;
    if (answer.duplicate) this.stats.duplicates++;
    this.emit({ kind: 'processed', outcome: answer, ...context });
    this.release(w);
  }

  /**
   * A failed attempt: after the backoff, the message and the partition's messages held behind it
   * go first into the next batch; after the last attempt it is dead-lettered and the rest flows.
   */
  private async retry(w: Waiting, error: string): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const context = this.contextOf(w.partition, w.m, w.attempts);
    if (w.attempts >= maxAttempts) {
      const dead = await this.deadLetter(
        w.m,
        context,
        'failed',
        `${w.attempts} attempts; last: ${error}`,
        false,
      );
      if (dead) return this.done(w, Promise.resolve());
      // Not recorded: keep trying to record it.
    }
    const owned = this.owned.get(w.partition);
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    const delayMs = backoff[Math.min(w.attempts - 1, backoff.length - 1)] ?? 0;
    w.lastError = error;
    this.stats.retried++;
    this.emit({ kind: 'retry', delayMs, error, ...context });
    if (!owned || this.stopping) {
      // Stopping (or the partition gone): the server redelivers it to whoever consumes next.
      this.handBack(w);
      return;
    }
    owned.held.unshift(w);
    const keepAlive = setInterval(
      () => {
        for (const h of owned.held) h.m.working();
      },
      Math.max((this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS) / 3, 100),
    );
    this.timers.add(keepAlive);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      clearInterval(keepAlive);
      this.timers.delete(keepAlive);
      const again = owned.held.splice(0);
      again[0]!.attempts++;
      if (this.stopping) {
        for (const h of again) this.handBack(h);
        return;
      }
      this.enqueue(again, true);
    }, delayMs);
    this.timers.add(timer);
  }

  private async done(w: Waiting, settled: Promise<unknown>): Promise<void> {
    await settled;
    this.release(w);
  }

  /** A message settled: one fewer in hand. */
  private release(_w: Waiting): void {
    this.inHand--;
    if (this.inHand === 0) this.drained?.();
  }

  /** Stopping: gives a message back to the server for redelivery. */
  private handBack(w: Waiting): void {
    w.m.nak();
    this.release(w);
  }

  private async track(p: Promise<unknown>): Promise<void> {
    this.inHand++;
    try {
      await p;
    } finally {
      this.inHand--;
      if (this.inHand === 0) this.drained?.();
    }
  }

  /**
   * Records the message in the dead-letter stream, then terminates it; false when the dead letter
   * could not be written (then the message is kept). The dead letter's Nats-Msg-Id is the source
   * stream and sequence, so a redelivery (a lost term) is recorded once.
   */
  private async deadLetter(
    m: JsMsg,
    context: MessageContext,
    reason: DeadLetterReason,
    detail: string,
    retryIfUnwritten = true,
  ): Promise<boolean> {
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
    } catch {
      if (retryIfUnwritten) {
        // Not recorded: the server redelivers it after a while.
        m.nak(this.options.backoffMs?.[0] ?? DEFAULT_BACKOFF_MS[0]);
        this.stats.retried++;
      }
      return false;
    }
    // No reason argument: servers before 2.11 take "+TERM <reason>" for an unknown ack and leave
    // the message pending until ack_wait. The reason is in the dead letter.
    m.term();
    this.stats.deadLettered++;
    this.emit({ kind: 'dead-letter', reason, detail, ...context });
    return true;
  }

  private emit(event: WorkerEvent): void {
    this.options.onEvent?.(event);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /**
   * Graceful stop: no new pulls; the messages in hand are finished (committed and acknowledged)
   * or, when held for a retry, handed back; then the leases are released. Undelivered messages
   * stay in the stream.
   */
  async stop(): Promise<void> {
    if (this.stopping) return this.stopped;
    this.stopping = true;
    this.stopped = (async () => {
      if (this.claimTimer) clearTimeout(this.claimTimer);
      const owned = [...this.owned.entries()];
      await Promise.all(owned.map(([, o]) => o.messages.close()));
      await Promise.all(owned.map(([, o]) => o.loop));
      // Retries not yet due: hand their messages back.
      for (const timer of this.timers) {
        clearTimeout(timer);
        clearInterval(timer);
      }
      this.timers.clear();
      for (const [, o] of owned) for (const h of o.held.splice(0)) this.handBack(h);
      await this.flushing;
      if (this.inHand > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      for (const [k] of owned)
        await this.leases.release(this.options.layout.stream, k).catch(() => undefined);
      this.owned.clear();
      await this.leases.close();
    })();
    return this.stopped;
  }
  private stopped: Promise<void> = Promise.resolve();
}

/** The answer for a message not tried because one before it in its partition failed. */
class NotAttempted extends Error {}

/** Refused for good (dead-lettered), as opposed to failed for now (retried). */
function final(error: Error): boolean {
  return error instanceof InputError || (error instanceof LedgerError && error.status < 500);
}

/**
 * A one-message handler as a batch handler: each message alone, in order, its failure its own —
 * but after a message that failed for now, its partition's later ones are not tried: they wait
 * for its retry.
 */
function oneByOne(handler: CheckInHandler): BatchHandler {
  return async (items) => {
    const out: (HandledCheckIn | Error)[] = [];
    const stalled = new Set<number>();
    for (const item of items) {
      if (stalled.has(item.context.partition)) {
        out.push(new NotAttempted());
        continue;
      }
      try {
        out.push(await handler(item.raw, item.context));
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        if (!final(e)) stalled.add(item.context.partition);
        out.push(e);
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

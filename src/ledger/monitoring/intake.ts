/**
 * Check-in intake (issue 16 item 2): the one door a signed check-in enters the ledger by, whether
 * it is processed in this process or queued for the monitor workers. Admission — an exporter, and
 * a device of the caller's own organization — is decided here, not in the HTTP route, so both
 * implementations refuse alike:
 *
 * - `InProcessCheckInIntake` commits check-ins in batches (group commit): the check-ins that
 *   arrive while one batch commits form the next, so under load many callers share one
 *   transaction, and alone a caller waits for nothing but its own commit.
 * - `QueuedCheckInIntake` hands the admitted check-in to a queue (NATS JetStream:
 *   src/stream/publisher.ts) with the caller, whom the worker then names in the audit entry.
 *
 * Both pass one suite (intake.suite.ts, run in intake.test.ts and src/stream/intake.test.ts).
 */
import {
  type CheckIn,
  inlineVerifier,
  parseCheckIn,
  type SignatureVerifier,
} from '../../monitoring/index.js';
import { authorize, authorizeObject, noSuch } from '../access.js';
import type { LedgerContext } from '../context.js';
import type { Principal } from '../principal.js';
import { type CheckInOutcome, type CheckInResult, ingestCheckIns } from './checkins.js';
import { deviceRoute } from './devices.js';

/** Where a check-in is routed: the stream is partitioned by installation. */
export interface CheckInRoute {
  installationId: string;
  organizationId: string;
}

/** What the intake did with a check-in: stored it (its outcome) or queued it (where). */
export type IntakeAnswer =
  | { readonly kind: 'stored'; readonly outcome: CheckInOutcome }
  | { readonly kind: 'queued'; readonly stream: string; readonly seq: number; readonly duplicate: boolean };

export interface CheckInIntake {
  /**
   * Admits a check-in from `principal` and stores or queues it. Refuses bad input (InputError
   * naming the field), a caller that is not an exporter (forbidden) and a device that is not the
   * caller's (not_found: another organization's devices are not disclosed).
   */
  submit(principal: Principal, raw: unknown): Promise<IntakeAnswer>;
  /** Resolves when the intake can take check-ins (GET /readyz). */
  ready(): Promise<void>;
  /** Finishes what it holds; takes nothing after. */
  close(): Promise<void>;
}

/**
 * Hands a received check-in to a queue (NATS JetStream) instead of processing it in-process.
 * `duplicate`: the queue already held this check-in (its de-duplication window saw the same
 * message id). `principal` is the admitted caller, carried with the message.
 */
export interface CheckInPublisher {
  publish(
    raw: unknown,
    route: CheckInRoute,
    principal?: Principal,
  ): Promise<{ stream: string; seq: number; duplicate: boolean }>;
  ready?(): Promise<void>;
}

/** The admission both intakes apply: parsed, an exporter, its own device. */
export async function admitCheckIn(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<{ checkIn: CheckIn; route: CheckInRoute }> {
  const checkIn = parseCheckIn(raw);
  authorize(principal, 'checkin.submit');
  const route = await deviceRoute(ctx, checkIn.deviceId);
  const device = route && { organization_id: route.organizationId };
  authorizeObject(principal, 'checkin.submit', device, noSuch('device', checkIn.deviceId, ['deviceId']));
  return { checkIn, route: route! };
}

export interface InProcessIntakeOptions {
  /** Where signatures are checked (default: this thread; `serve` passes a SignaturePool). */
  readonly verifier?: SignatureVerifier;
  /** Most check-ins in one transaction (default 256). */
  readonly batchMax?: number;
}

interface Waiting {
  readonly principal: Principal;
  readonly raw: unknown;
  /** Resolves true when admitted; false when refused (the caller has been told). */
  readonly admitted: Promise<boolean>;
  resolve(answer: IntakeAnswer): void;
  reject(error: unknown): void;
}

export class InProcessCheckInIntake implements CheckInIntake {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly ctx: LedgerContext,
    private readonly options: InProcessIntakeOptions = {},
  ) {}

  /**
   * Takes its place in the queue at once, in the order of the calls, and is admitted while it
   * waits: a caller's check-ins are committed in the order it submitted them.
   */
  submit(principal: Principal, raw: unknown): Promise<IntakeAnswer> {
    if (this.closed) return Promise.reject(new Error('the check-in intake is closed'));
    return new Promise<IntakeAnswer>((resolve, reject) => {
      const admitted = admitCheckIn(this.ctx, principal, raw).then(
        () => true,
        (error: unknown) => {
          reject(error);
          return false;
        },
      );
      this.waiting.push({ principal, raw, admitted, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  async ready(): Promise<void> {}

  /** Commits the waiting check-ins, a batch at a time, until none waits. */
  private async flush(): Promise<void> {
    // Let the callers of this turn of the event loop join the first batch.
    await new Promise((go) => setImmediate(go));
    const batchMax = this.options.batchMax ?? 256;
    while (this.waiting.length > 0) {
      const taken = this.waiting.slice(0, batchMax);
      this.waiting = this.waiting.slice(taken.length);
      const admitted = await Promise.all(taken.map((w) => w.admitted));
      const batch = taken.filter((_, k) => admitted[k]);
      if (batch.length > 0) await this.commit(batch);
    }
    this.flushing = undefined;
  }

  /** One batch in one transaction; a batch that fails as a whole is split so each caller learns its own fate. */
  private async commit(batch: readonly Waiting[]): Promise<void> {
    let results: CheckInResult[];
    try {
      results = await ingestCheckIns(
        this.ctx,
        batch.map((w) => ({ principal: w.principal, raw: w.raw })),
        { verifier: this.options.verifier ?? inlineVerifier },
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.commit(batch.slice(0, half));
      await this.commit(batch.slice(half));
      return;
    }
    for (const [k, w] of batch.entries()) {
      const r = results[k]!;
      if (r.ok) w.resolve({ kind: 'stored', outcome: r.outcome });
      else w.reject(r.error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
  }
}

/**
 * Admits, then queues for the monitor workers (`serve --nats`: the queue is JetStream). One
 * device's check-ins are published in the order they were submitted to this intake.
 */
export class QueuedCheckInIntake implements CheckInIntake {
  /** Per device, the last submission still being admitted or published. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: LedgerContext,
    private readonly publisher: CheckInPublisher,
  ) {}

  async submit(principal: Principal, raw: unknown): Promise<IntakeAnswer> {
    const { deviceId } = parseCheckIn(raw);
    const before = this.tails.get(deviceId) ?? Promise.resolve();
    const mine = before
      .catch(() => undefined)
      .then(async (): Promise<IntakeAnswer> => {
        const { route } = await admitCheckIn(this.ctx, principal, raw);
        const queued = await this.publisher.publish(raw, route, principal);
        return { kind: 'queued', ...queued };
      });
    this.tails.set(deviceId, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(deviceId) === mine) this.tails.delete(deviceId);
    }
  }

  async ready(): Promise<void> {
    await this.publisher.ready?.();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.tails.values());
  }
}

import { type QueryCreator, sql } from 'kysely';
import {
  type AuditSubject,
  encodeLeaf,
  leafHash,
  MerkleTree,
  NO_SUBJECT,
  verifyConsistency,
} from '../../audit/index.js';
import type { Database } from '../../store/schema.js';
import type { Db, Tx } from '../../store/store.js';
import { leavesInRange } from './entries.js';

/** Who did it, when, what, before → after: one leaf of the audit log. */
export interface AuditRecord {
  readonly who: { readonly organizationId: string; readonly role: string; readonly keyId: string | null };
  readonly when: string;
  readonly action: string;
  readonly entity: string;
  readonly id: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Whom the record concerns: decides who may read the entry's bytes (see leaf.ts). */
  readonly subject?: AuditSubject;
}

/** A record as it waits for the integrator: its leaf (format 2, leaf.ts) and whom it concerns. */
function pendingRow(record: AuditRecord) {
  const { subject = NO_SUBJECT, ...content } = record;
  return {
    leaf: encodeLeaf(content, subject),
    subject_org: subject.organizationId,
    subject_country: subject.country,
  };
}

interface PendingRow {
  seq: number;
  leaf: Uint8Array;
  subject_org: string | null;
  subject_country: string | null;
  age: number;
}

/** How the integrator batches (see `AuditLog`). */
export interface AuditLogOptions {
  /**
   * Upper bound, in milliseconds, between a committed entry and the signed checkpoint that
   * includes it, while an integrator runs (default 500; at most 1,000 is the design target,
   * as with Certificate Transparency's maximum merge delay, scaled down). The integrator
   * wakes every `delayMs / 2`, so an entry waits at most one period plus one batch.
   */
  readonly delayMs?: number;
  /** Most entries given indices in one integration transaction (default 5,000). */
  readonly batchMax?: number;
  /** Signs a checkpoint of each tree the integrator produces; stored in the same transaction. */
  readonly sign?: (size: number, root: Uint8Array) => string;
  /**
   * Checks a stored checkpoint's signature and returns what it signed; with it, the integrator
   * signs only a tree that a consistency proof shows extends the newest stored checkpoint (the
   * check `checkpoint()` in signer.ts makes), and otherwise fails the batch.
   */
  readonly verifyNote?: (note: string) => { size: number; rootHash: Uint8Array };
  /** Called with each checkpoint the integrator signed, after its batch committed (export). */
  readonly signed?: (size: number, note: string) => void;
  /** Told about each integrated batch and each failure (metrics, logs). */
  readonly onBatch?: (batch: IntegratedBatch) => void;
  readonly onError?: (error: unknown) => void;
}

export interface IntegratedBatch {
  readonly entries: number;
  readonly size: number;
  /** Age in milliseconds of the oldest entry in the batch when it was integrated. */
  readonly maxDelayMs: number;
}

/** Delay (ms) the integrator keeps by default: CHIPEXPORT_AUDIT_DELAY_MS or 500. */
export function auditDelayFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['CHIPEXPORT_AUDIT_DELAY_MS'];
  if (raw === undefined || raw === '') return 500;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 10 || n > 60_000) {
    throw new Error(
      `CHIPEXPORT_AUDIT_DELAY_MS must be a whole number of milliseconds from 10 to 60000 (got "${raw}")`,
    );
  }
  return n;
}

/**
 * The advisory lock only one integrator holds at a time, per schema (test runs share one
 * database with a schema each; each schema is its own log).
 */
const INTEGRATOR_LOCK = sql`hashtext('chipexport.audit-integrator:' || current_schema())`;

/**
 * The audit log over the `audit_entries` table: an RFC 6962 Merkle tree of canonical-JSON
 * leaves, built the way Trillian's sequencer and Tessera's batched appends do it.
 *
 * Writers: `append` inserts the leaf into `audit_pending` inside the caller's transaction, so
 * a state change and its audit entry commit together or not at all. It takes no lock that
 * another writer waits for (a sequence number and a row of its own), so writers no longer
 * queue on one row for the length of their transactions.
 *
 * Integrator: `integrate` takes a transaction-scoped advisory lock (one integrator across
 * every process sharing the database), reads the committed pending rows in sequence order,
 * gives them the next indices, records each one's root after it (which lets `verify` name
 * the first entry that was edited, deleted or reordered), moves them to `audit_entries`,
 * advances `audit_head` and stores a signed checkpoint, all in one transaction. Every
 * process that opens the ledger runs the loop (`start`); whichever gets the lock does the
 * work, so a crashed integrator's entries are taken up by the next. An entry has an index,
 * and so an inclusion proof, once integrated.
 *
 * Order: one transaction's entries keep their order (ascending sequence numbers, visible
 * together at commit). An entry committed before another transaction began has a lower
 * sequence number, so it is never given a later index than that transaction's entries.
 */
export class AuditLog {
  private tree = new MerkleTree();
  /** Serializes changes to the in-memory tree; nobody waits on the database while holding it. */
  private mutex: Promise<void> = Promise.resolve();
  /** One integration at a time in this process (the advisory lock covers other processes). */
  private integrating: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastBatchFull = false;
  readonly delayMs: number;
  private readonly batchMax: number;
  private readonly listeners = new Set<(batch: IntegratedBatch) => void>();
  /** What the integrator did last (read by GET /metrics). */
  readonly stats = { integrated: 0, batches: 0, lastDelayMs: 0, lastBatchAt: 0, failures: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: AuditLogOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 500;
    this.batchMax = options.batchMax ?? 5000;
    if (!Number.isInteger(this.delayMs) || this.delayMs < 1)
      throw new Error('audit delayMs must be a positive integer');
    if (!Number.isInteger(this.batchMax) || this.batchMax < 1)
      throw new Error('audit batchMax must be a positive integer');
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.mutex.then(fn);
    this.mutex = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Adds a leaf in `tx`, to be integrated after `tx` commits; returns its sequence number
   * (not its index: the integrator assigns that).
   */
  async append(tx: Tx, record: AuditRecord): Promise<number> {
    const row = await this.appendQuery(tx, record).returning('seq').executeTakeFirstOrThrow();
    return Number(row.seq);
  }

  /**
   * The insert `append` runs, not yet run: a writer that makes its state change in one
   * statement puts it in as a data-modifying CTE (`tx.with('entry', (db) => audit.appendQuery(db,
   * record))`), so the change and its entry are one statement and one round trip. It must run in
   * the transaction of the change it records, as `append` does.
   */
  appendQuery(db: QueryCreator<Database>, record: AuditRecord) {
    return db.insertInto('audit_pending').values(pendingRow(record));
  }

  /** Calls `listener` after each batch this process integrates; returns the unsubscribe. */
  onBatch(listener: (batch: IntegratedBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Seconds the oldest committed entry not yet integrated has waited (0 when none). */
  async oldestPendingSeconds(): Promise<number> {
    const row = await this.db
      .selectFrom('audit_pending')
      .select(sql<number | null>`extract(epoch from clock_timestamp() - min(created_at))`.as('age'))
      .executeTakeFirst();
    return Math.max(0, Number(row?.age ?? 0));
  }

  /** Adds several leaves in `tx` with one statement, in order (a batch's entries). */
  async appendMany(tx: Tx, records: readonly AuditRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += 5000) {
      await tx
        .insertInto('audit_pending')
        .values(records.slice(i, i + 5000).map(pendingRow))
        .execute();
    }
  }

  /** Runs the integrator every `delayMs / 2` until `stop`. */
  start(): void {
    if (this.timer || this.stopped) return;
    const period = Math.max(1, Math.floor(this.delayMs / 2));
    const tick = () => {
      this.running = this.drain(false)
        .catch((error) => {
          this.stats.failures++;
          this.options.onError?.(error);
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, period).unref();
        });
    };
    this.timer = setTimeout(tick, period).unref();
  }

  /** Stops the loop and integrates what is pending (best effort: a closed store is no error). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await this.sync().catch((error) => this.options.onError?.(error));
  }

  /**
   * Integrates every entry committed before the call (waiting for another process's
   * integrator if it holds the lock). Readers that must see their own writes call it: the
   * checkpoint, proof and history commands, and tests.
   */
  sync(): Promise<void> {
    return this.drain(true);
  }

  /** Number of committed entries still waiting for an index. */
  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('audit_pending')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  private async drain(wait: boolean): Promise<void> {
    for (;;) {
      const n = await this.integrate(wait);
      // Another batch only when this one was cut at batchMax: under a steady load a sync
      // returns once what was committed before it is in, not when writers pause.
      if (n === 0 || !this.lastBatchFull) return;
    }
  }

  /**
   * One batch: up to `batchMax` committed pending entries get indices, roots and a signed
   * checkpoint in one transaction. Returns how many (0 also when another process's integrator
   * holds the lock and `wait` is false).
   */
  integrate(wait = true): Promise<number> {
    const run = this.integrating.then(() => this.integrateBatch(wait));
    this.integrating = run.catch(() => undefined);
    return run;
  }

  private async integrateBatch(wait: boolean): Promise<number> {
    let touched = false;
    let note: string | undefined;
    try {
      const result = await this.db.transaction().execute(async (tx) => {
        if (wait) {
          await sql`select pg_advisory_xact_lock(${INTEGRATOR_LOCK})`.execute(tx);
        } else {
          const got = await sql<{
            ok: boolean;
          }>`select pg_try_advisory_xact_lock(${INTEGRATOR_LOCK}) as ok`.execute(tx);
          if (!got.rows[0]?.ok) return undefined;
        }
        const pending = await this.readBatch(tx);
        if (pending.length === 0) return undefined;
        const head = await tx
          .selectFrom('audit_head')
          .select('size')
          .where('id', '=', 1)
          .forUpdate()
          .executeTakeFirstOrThrow();
        touched = true;
        const rows = await this.exclusive(async () => {
          if (this.tree.size > head.size) this.tree = new MerkleTree();
          await this.catchUp(tx, head.size);
          return pending.map((p) => {
            const idx = this.tree.append(leafHash(p.leaf));
            return {
              idx,
              leaf: p.leaf,
              root_after: this.tree.rootHash(),
              subject_org: p.subject_org,
              subject_country: p.subject_country,
            };
          });
        });
        const size = head.size + rows.length;
        const root = rows[rows.length - 1]!.root_after;
        // Parameters per statement stay far below PostgreSQL's 65,535.
        for (let i = 0; i < rows.length; i += 2000) {
          await tx
            .insertInto('audit_entries')
            .values(rows.slice(i, i + 2000))
            .execute();
        }
        const seqs = pending.map((p) => Number(p.seq));
        for (let i = 0; i < seqs.length; i += 10_000) {
          await tx
            .deleteFrom('audit_pending')
            .where('seq', 'in', seqs.slice(i, i + 10_000))
            .execute();
        }
        await tx.updateTable('audit_head').set({ size }).where('id', '=', 1).execute();
        if (this.options.sign) {
          if (this.options.verifyNote) await this.checkExtends(tx, size, root);
          note = this.options.sign(size, root);
          await tx
            .insertInto('audit_checkpoints')
            .values({ size, root, note })
            .onConflict((oc) => oc.column('size').doNothing())
            .execute();
        }
        return {
          entries: rows.length,
          size,
          maxDelayMs: Math.max(0, ...pending.map((p) => Number(p.age))),
        } satisfies IntegratedBatch;
      });
      if (!result) return 0;
      if (note) {
        try {
          this.options.signed?.(result.size, note);
        } catch (error) {
          this.options.onError?.(error); // the batch and its checkpoint are committed
        }
      }
      this.stats.integrated += result.entries;
      this.stats.batches++;
      this.stats.lastDelayMs = result.maxDelayMs;
      this.stats.lastBatchAt = Date.now();
      this.options.onBatch?.(result);
      for (const listener of this.listeners) listener(result);
      return result.entries;
    } catch (error) {
      // Leaves appended to the in-memory tree by a batch that did not commit must not serve a
      // later root or proof.
      if (touched) await this.invalidate();
      throw error;
    }
  }

  /**
   * The next batch of committed entries: whole transactions, each ordered by its first
   * sequence number, its entries in sequence order (so they stay adjacent and in order). A
   * transaction is never split across batches, or one committed meanwhile could land inside
   * it; a single transaction larger than `batchMax` is taken whole.
   */
  private async readBatch(tx: Tx): Promise<PendingRow[]> {
    const { rows } = await sql<PendingRow & { xact: number; n: number }>`
      select seq, xact, leaf, subject_org, subject_country, age, n from (
        select seq, xact, leaf, subject_org, subject_country,
          extract(epoch from clock_timestamp() - created_at) * 1000 as age,
          min(seq) over (partition by xact) as first,
          count(*) over (partition by xact) as n
        from audit_pending
      ) p order by first, seq limit ${this.batchMax}`.execute(tx);
    this.lastBatchFull = rows.length >= this.batchMax;
    if (rows.length < this.batchMax || rows.length === 0) return rows;
    const last = rows[rows.length - 1]!;
    const inBatch = rows.filter((r) => r.xact === last.xact).length;
    if (inBatch === Number(last.n)) return rows;
    const whole = rows.filter((r) => r.xact !== last.xact);
    if (whole.length > 0) return whole;
    const { rows: one } = await sql<PendingRow>`
      select seq, leaf, subject_org, subject_country, extract(epoch from clock_timestamp() - created_at) * 1000 as age
      from audit_pending where xact = ${last.xact} order by seq`.execute(tx);
    return one;
  }

  /**
   * Before signing the tree of `size` entries: the newest stored checkpoint verifies, is not
   * larger, and the tree extends it (RFC 9162 consistency proof from the in-memory tree, which
   * holds exactly what was integrated). Runs under the integrator's lock, so no other
   * integrator signs meanwhile.
   */
  private async checkExtends(tx: Tx, size: number, root: Uint8Array): Promise<void> {
    const stored = await tx
      .selectFrom('audit_checkpoints')
      .select(['size', 'note'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!stored) return;
    const refuse = (why: string) =>
      new Error(`audit integrator refuses to sign: ${why}; run "chipexport audit verify"`);
    let previous: { size: number; rootHash: Uint8Array };
    try {
      previous = this.options.verifyNote!(stored.note);
    } catch (error) {
      throw refuse(
        `the stored checkpoint at size ${stored.size} does not verify (${(error as Error).message})`,
      );
    }
    if (previous.size > size)
      throw refuse(`the stored checkpoint covers ${previous.size} entries, the tree ${size}`);
    if (previous.size === 0) return;
    const ok = await this.exclusive(() =>
      verifyConsistency(
        previous.size,
        size,
        previous.rootHash,
        root,
        this.tree.consistencyProof(previous.size, size),
      ),
    );
    if (!ok)
      throw refuse(`the tree of ${size} entries does not extend the checkpoint at size ${previous.size}`);
  }

  /** Forgets the in-memory tree (it is rebuilt from the table on next use). */
  invalidate(): Promise<void> {
    return this.exclusive(() => {
      this.tree = new MerkleTree();
    });
  }

  /** The integrated size and root. */
  async head(): Promise<{ size: number; root: Uint8Array }> {
    const { size } = await this.db
      .selectFrom('audit_head')
      .select('size')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    await this.ensure(size);
    return { size, root: this.tree.rootHash(size) };
  }

  async entry(index: number): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('audit_entries')
      .select('leaf')
      .where('idx', '=', index)
      .executeTakeFirst();
    return row?.leaf;
  }

  /** The leaf hash of entry `index` as this process's tree holds it (for checks before signing). */
  async leafHashAt(index: number): Promise<Uint8Array> {
    await this.ensure(index + 1);
    return this.tree.leafHash(index);
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    await this.ensure(size);
    return this.tree.inclusionProof(index, size);
  }

  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    await this.ensure(to);
    return this.tree.consistencyProof(from, to);
  }

  /**
   * Makes the tree hold at least `size` integrated leaves, for readers. The tree only grows
   * (an integrated leaf never changes), so a smaller size is served from what is there. Leaves
   * are read before taking the in-memory lock, and appended under it if still missing.
   */
  private async ensure(size: number): Promise<void> {
    const have = this.tree.size;
    if (have >= size) return;
    const rows = await leavesInRange(this.db, have, size);
    await this.exclusive(() => {
      for (const row of rows) if (row.idx === this.tree.size) this.tree.append(leafHash(row.leaf));
      if (this.tree.size < size) {
        throw new Error(
          `audit log entry ${this.tree.size} is missing from the table: run "chipexport audit verify"`,
        );
      }
    });
  }

  /** Under the lock, inside the integrating transaction: load integrated leaves the tree lacks. */
  private async catchUp(tx: Tx, size: number): Promise<void> {
    if (this.tree.size === size) return;
    const rows = await leavesInRange(tx, this.tree.size, size);
    for (const row of rows) {
      if (row.idx !== this.tree.size) {
        throw new Error(
          `audit log entry ${this.tree.size} is missing from the table: run "chipexport audit verify"`,
        );
      }
      this.tree.append(leafHash(row.leaf));
    }
    if (this.tree.size !== size)
      throw new Error(`audit log has ${this.tree.size} entries but its head says ${size}`);
  }
}

// Verification lives in verify.ts (re-exported here for existing imports).
export { auditRowCount, type VerifyProblem, type VerifyResult, verifyAuditLog } from './verify.js';

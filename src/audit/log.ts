import type { Db, Tx } from '../store/store.js';
import { type AuditSubject, encodeLeaf, NO_SUBJECT } from './leaf.js';
import { leafHash, MerkleTree } from './merkle.js';

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

/**
 * The audit log over the `audit_entries` table: an RFC 6962 Merkle tree of canonical-JSON
 * leaves. Appends happen inside the caller's transaction, serialized by a row lock on
 * `audit_head`, so a state change and its audit entry commit together or not at all. Each
 * row also records the tree root after it, which lets `verify` name the first entry that
 * was edited, deleted or reordered; signed checkpoints anchor those roots.
 */
export class AuditLog {
  private tree = new MerkleTree();
  /** Serializes changes to the in-memory tree; nobody waits on the database while holding it. */
  private mutex: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.mutex.then(fn);
    this.mutex = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Appends a leaf in `tx`; returns its index. The row lock on `audit_head` makes appends
   * one at a time across processes; inside it, `tx` already holds its connection, so the
   * in-memory lock is never held while waiting for another.
   */
  async append(tx: Tx, record: AuditRecord): Promise<number> {
    const head = await tx
      .selectFrom('audit_head')
      .select('size')
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const { subject = NO_SUBJECT, ...content } = record;
    const leaf = encodeLeaf(content, subject);
    const { index, rootAfter } = await this.exclusive(async () => {
      if (this.tree.size > head.size) this.tree = new MerkleTree();
      await this.catchUp(tx, head.size);
      const index = this.tree.append(leafHash(leaf));
      return { index, rootAfter: this.tree.rootHash() };
    });
    await tx
      .insertInto('audit_entries')
      .values({
        idx: index,
        leaf,
        root_after: rootAfter,
        subject_org: subject.organizationId,
        subject_country: subject.country,
      })
      .execute();
    await tx
      .updateTable('audit_head')
      .set({ size: index + 1 })
      .where('id', '=', 1)
      .execute();
    return index;
  }

  /**
   * Forgets the in-memory tree: called when a transaction that may have appended rolls back,
   * so a leaf that never committed cannot serve a later root or proof.
   */
  invalidate(): Promise<void> {
    return this.exclusive(() => {
      this.tree = new MerkleTree();
    });
  }

  /** The committed size and root. */
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
   * Makes the tree hold at least `size` committed leaves, for readers. The tree only grows
   * (a committed leaf never changes), so a smaller size is served from what is there. Leaves
   * are read before taking the in-memory lock, and appended under it if still missing.
   */
  private async ensure(size: number): Promise<void> {
    const have = this.tree.size;
    if (have >= size) return;
    const rows = await this.db
      .selectFrom('audit_entries')
      .select(['idx', 'leaf'])
      .where('idx', '>=', have)
      .where('idx', '<', size)
      .orderBy('idx')
      .execute();
    await this.exclusive(() => {
      for (const row of rows) if (row.idx === this.tree.size) this.tree.append(leafHash(row.leaf));
      if (this.tree.size < size) {
        throw new Error(
          `audit log entry ${this.tree.size} is missing from the table: run "chipexport audit verify"`,
        );
      }
    });
  }

  /** Under the lock, inside an appending transaction: load committed leaves the tree lacks. */
  private async catchUp(tx: Tx, size: number): Promise<void> {
    if (this.tree.size === size) return;
    const rows = await tx
      .selectFrom('audit_entries')
      .select(['idx', 'leaf'])
      .where('idx', '>=', this.tree.size)
      .where('idx', '<', size)
      .orderBy('idx')
      .execute();
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

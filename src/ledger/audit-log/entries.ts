import { type AuditSubject, leafHash, leafSubject } from '../../audit/index.js';
import type { Db, Tx } from '../../store/store.js';

/** One stored entry with the subject kept beside it. */
export interface StoredEntry {
  readonly index: number;
  readonly leaf: Uint8Array;
  /** The copy in the table (what access control reads); `leafSubject(leaf)` is what the leaf commits to. */
  readonly subject: AuditSubject | null;
}

export async function storedEntry(db: Db, index: number): Promise<StoredEntry | undefined> {
  const row = await db
    .selectFrom('audit_entries')
    .select(['idx', 'leaf', 'subject_org', 'subject_country'])
    .where('idx', '=', index)
    .executeTakeFirst();
  if (!row) return undefined;
  // A version 1 leaf has no subject: regulator and auditors only.
  const committed = leafSubject(row.leaf);
  const subject = committed && {
    organizationId: row.subject_org,
    country: row.subject_country,
  };
  return { index: Number(row.idx), leaf: row.leaf, subject };
}

/** The integrated entries `start`..`end - 1` (index and leaf bytes), in index order. */
export function leavesInRange(db: Db | Tx, start: number, end: number) {
  return db
    .selectFrom('audit_entries')
    .select(['idx', 'leaf'])
    .where('idx', '>=', start)
    .where('idx', '<', end)
    .orderBy('idx')
    .execute();
}

/** The public part of entries `start`..`end - 1`: leaf hashes only, for any key. */
export async function leafHashes(db: Db, start: number, end: number): Promise<Uint8Array[]> {
  return (await leavesInRange(db, start, end)).map((r) => leafHash(r.leaf));
}

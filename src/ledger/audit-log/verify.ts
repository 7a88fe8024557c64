import { sql } from 'kysely';
import { emptyRootHash, leafHash, leafSubject, MerkleTree } from '../../audit/index.js';
import type { Db } from '../../store/store.js';

export type VerifyProblemKind =
  | 'edited-or-reordered'
  | 'deleted'
  | 'root-record-altered'
  | 'head-mismatch'
  | 'checkpoint-mismatch'
  /** A signed checkpoint (stored, exported or given) covers more entries than the table holds. */
  | 'truncated'
  /** The subject kept beside a leaf differs from the one the leaf commits to (widens who reads it). */
  | 'subject-altered'
  /** A ledger table row differs from the state the log's entries describe (a direct SQL edit). */
  | 'ledger-mismatch';

export interface VerifyProblem {
  readonly index: number;
  readonly problem: VerifyProblemKind;
  readonly detail: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly size: number;
  readonly root: Uint8Array;
  readonly checkpointsChecked: number;
  /** The largest tree size a verified signed checkpoint covers (0 if none). */
  readonly anchoredSize: number;
  readonly firstProblem: VerifyProblem | null;
  /** Every problem found (at most MAX_PROBLEMS), in the order found. */
  readonly problems: readonly VerifyProblem[];
}

/** A signed checkpoint to check the log against, and where it came from (for messages). */
export interface CheckpointSource {
  readonly source: string;
  readonly note: string;
}

export interface VerifyOptions {
  /** Checkpoints kept outside the database: files, witnesses, evidence bundles. */
  readonly external?: readonly CheckpointSource[];
  /** Further checks over the recomputed log (the ledger's tables against its entries). */
  readonly extra?: (leaves: readonly Uint8Array[]) => Promise<VerifyProblem[]>;
}

const MAX_PROBLEMS = 100;
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The log recomputed from the table: its tree, each prefix root, and the leaves. */
export interface Recomputed {
  readonly tree: MerkleTree;
  readonly roots: readonly Uint8Array[];
  readonly leaves: readonly Uint8Array[];
  readonly headSize: number;
  readonly problems: VerifyProblem[];
}

/**
 * Recomputes the tree from the table and names what no longer matches: a gap in the indexes
 * (deleted), a leaf whose recomputed root differs from the root recorded when it was appended
 * (edited, or swapped with another), a subject column that differs from the leaf's, and a head
 * that disagrees with the table.
 */
export async function recomputeLog(db: Db): Promise<Recomputed> {
  const { size: headSize } = await db
    .selectFrom('audit_head')
    .select('size')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const tree = new MerkleTree();
  const roots: Uint8Array[] = [];
  const leaves: Uint8Array[] = [];
  const problems: VerifyProblem[] = [];
  const add = (p: VerifyProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
  let edited = false;
  const rows = await db
    .selectFrom('audit_entries')
    .select(['idx', 'leaf', 'root_after', 'subject_org', 'subject_country'])
    .orderBy('idx')
    .execute();
  for (const row of rows) {
    const idx = Number(row.idx);
    if (idx !== tree.size) {
      add({
        index: tree.size,
        problem: 'deleted',
        detail: `entry ${tree.size} is missing (the next row is ${idx})`,
      });
    }
    tree.append(leafHash(row.leaf));
    leaves.push(row.leaf);
    const root = tree.rootHash();
    roots.push(root);
    // After the first mismatch every later root differs too: name the first only.
    if (!edited && !equal(root, row.root_after)) {
      edited = true;
      add({
        index: idx,
        problem: 'edited-or-reordered',
        detail: `entry ${idx} does not hash to the root recorded when it was appended`,
      });
    }
    const subject = leafSubject(row.leaf);
    if (subject && (subject.organizationId !== row.subject_org || subject.country !== row.subject_country)) {
      add({
        index: idx,
        problem: 'subject-altered',
        detail: `entry ${idx}: the subject kept beside the leaf (${row.subject_org}, ${row.subject_country}) is not the one the leaf commits to (${subject.organizationId}, ${subject.country})`,
      });
    }
  }
  if (tree.size !== headSize) {
    add({
      index: Math.min(tree.size, headSize),
      problem: tree.size < headSize ? 'deleted' : 'head-mismatch',
      detail: `the table holds ${tree.size} entries but the log's head says ${headSize}`,
    });
  }
  return { tree, roots, leaves, headSize, problems };
}

/**
 * Checks one signed checkpoint against the recomputed log: its signature (by `verifyNote`), and
 * that its root is the recomputed root at its size. A checkpoint larger than the table means
 * entries were removed from its end.
 */
export function checkCheckpoint(
  log: Pick<Recomputed, 'roots' | 'tree'>,
  cp: CheckpointSource,
  verifyNote: (note: string) => { size: number; root: Uint8Array },
): { problem: VerifyProblem | null; size: number } {
  let signed: { size: number; root: Uint8Array };
  try {
    signed = verifyNote(cp.note);
  } catch (error) {
    return {
      size: 0,
      problem: {
        index: 0,
        problem: 'checkpoint-mismatch',
        detail: `${cp.source}: ${(error as Error).message}`,
      },
    };
  }
  if (signed.size > log.tree.size) {
    return {
      size: signed.size,
      problem: {
        index: log.tree.size,
        problem: 'truncated',
        detail: `${cp.source} is signed for ${signed.size} entries but the table holds ${log.tree.size}: entries ${log.tree.size}–${signed.size - 1} are gone`,
      },
    };
  }
  const recomputed = signed.size === 0 ? emptyRootHash() : log.roots[signed.size - 1]!;
  if (!equal(recomputed, signed.root)) {
    return {
      size: signed.size,
      problem: {
        index: signed.size - 1,
        problem: 'checkpoint-mismatch',
        detail: `${cp.source} (size ${signed.size}) does not match the entries now in the table`,
      },
    };
  }
  return { size: signed.size, problem: null };
}

/** The signed checkpoints kept in the database, as sources. */
export async function storedCheckpoints(db: Db): Promise<CheckpointSource[]> {
  const rows = await db.selectFrom('audit_checkpoints').select(['size', 'note']).orderBy('size').execute();
  return rows.map((r) => ({ source: `stored checkpoint at size ${r.size}`, note: r.note }));
}

/**
 * Verifies the whole log: recomputes it from the table, checks every signed checkpoint (stored,
 * and those kept outside the database), then the extra checks. Without `verifyCheckpointNote`
 * only the table's internal consistency is checked.
 */
export async function verifyAuditLog(
  db: Db,
  verifyCheckpointNote?: (note: string) => { size: number; root: Uint8Array },
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const log = await recomputeLog(db);
  const problems = [...log.problems];
  let checkpointsChecked = 0;
  let anchoredSize = 0;
  if (verifyCheckpointNote) {
    for (const cp of [...(await storedCheckpoints(db)), ...(options.external ?? [])]) {
      checkpointsChecked++;
      const { problem, size } = checkCheckpoint(log, cp, verifyCheckpointNote);
      if (problem) {
        if (problems.length < MAX_PROBLEMS) problems.push(problem);
      } else anchoredSize = Math.max(anchoredSize, size);
    }
  }
  if (options.extra) problems.push(...(await options.extra(log.leaves)).slice(0, MAX_PROBLEMS));
  return {
    ok: problems.length === 0,
    size: log.tree.size,
    root: log.tree.rootHash(),
    checkpointsChecked,
    anchoredSize,
    firstProblem: problems[0] ?? null,
    problems,
  };
}

/** Used by tests and the CLI to read the raw table. */
export async function auditRowCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

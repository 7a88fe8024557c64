import { leafSubject, NO_SUBJECT } from '../audit/index.js';
import type { Db } from '../store/store.js';
import { authorize, authorizeObject } from './access.js';
import type { CheckpointSource, VerifyResult } from './audit-log/index.js';
import { type AuditSigner, storedEntry, verifyWithSigner } from './audit-log/index.js';
import type { LedgerContext } from './context.js';
import { LedgerError } from './errors.js';
import { ledgerStateProblems } from './log-state.js';
import type { Principal } from './principal.js';

/**
 * Everything `audit verify` checks: the log recomputed from its table, every signed checkpoint
 * (stored, exported to the checkpoint directory, and any given), and the ledger's tables against
 * the state the log's entries describe.
 */
export function verifyLedgerAudit(
  db: Db,
  signer: AuditSigner,
  external: readonly CheckpointSource[] = [],
): Promise<VerifyResult> {
  return verifyWithSigner(db, signer, { external, extra: (leaves) => ledgerStateProblems(db, leaves) });
}

/**
 * Recomputes the whole audit log and checks it against every signed checkpoint and the ledger's
 * tables. It reads every entry, so only the regulator and auditors may run it.
 */
export async function verifyAudit(ctx: LedgerContext, principal: Principal, signer: AuditSigner) {
  authorize(principal, 'audit.verify');
  const result = await verifyLedgerAudit(ctx.db, signer);
  return {
    ok: result.ok,
    size: result.size,
    root: Buffer.from(result.root).toString('base64'),
    checkpointsChecked: result.checkpointsChecked,
    anchoredSize: result.anchoredSize,
    firstProblem: result.firstProblem,
    problems: result.problems,
  };
}

/**
 * One entry's leaf bytes, for whoever may read its subject (the access table's `audit.read`). Both
 * the subject kept beside the leaf and the one the leaf commits to must allow it: an edited
 * column cannot widen access. Refused openly (403): the leaf hash is public anyway.
 */
export async function readAuditEntry(
  ctx: LedgerContext,
  principal: Principal,
  index: number,
): Promise<Uint8Array> {
  const entry = await storedEntry(ctx.db, index);
  if (!entry) {
    const { size } = await ctx.audit.head();
    throw new LedgerError('not_found', `no audit entry ${index}; the log has ${size} entries`, ['index']);
  }
  const refusal = {
    message: `audit entry ${index} is about another organization; its leaf hash is public at /v1/audit/entries/${index}/hash`,
    path: ['index'],
  };
  // No subject (a version 1 leaf): the regulator's and auditors' only.
  const asStored = entry.subject ?? NO_SUBJECT;
  const asCommitted = leafSubject(entry.leaf) ?? NO_SUBJECT;
  authorizeObject(principal, 'audit.read', asStored, refusal, (subject) => subject);
  authorizeObject(principal, 'audit.read', asCommitted, refusal, (subject) => subject);
  return entry.leaf;
}

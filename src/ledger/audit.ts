import { type AuditSigner, verifyWithSigner } from '../audit/signer.js';
import type { CheckpointSource, VerifyResult } from '../audit/verify.js';
import type { Db } from '../store/store.js';
import type { LedgerContext } from './context.js';
import { ledgerStateProblems } from './log-state.js';
import { type Principal, requireRole } from './principal.js';

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
  requireRole(principal, 'regulator', 'auditor');
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

import { type AuditSigner, verifyWithSigner } from '../audit/signer.js';
import type { LedgerContext } from './context.js';
import { type Principal, requireRole } from './principal.js';

/**
 * Recomputes the whole audit log and checks it against every stored signed checkpoint. It
 * reads every entry, so only the regulator and auditors may run it.
 */
export async function verifyAudit(ctx: LedgerContext, principal: Principal, signer: AuditSigner) {
  requireRole(principal, 'regulator', 'auditor');
  const result = await verifyWithSigner(ctx.db, signer);
  return {
    ok: result.ok,
    size: result.size,
    root: Buffer.from(result.root).toString('base64'),
    checkpointsChecked: result.checkpointsChecked,
    firstProblem: result.firstProblem,
  };
}

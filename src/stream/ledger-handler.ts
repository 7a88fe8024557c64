/**
 * The worker's handler over the ledger: a batch of check-ins through ingestCheckIns, each recorded
 * in the audit log as the caller who submitted it (the principal the publisher put in the message's
 * headers after admitting it at POST /v1/checkins: src/stream/intake.ts). It resolves after the
 * ledger's transaction has committed, so the worker acknowledges only committed check-ins; a
 * redelivered check-in comes back from the ledger as `duplicate: true` and changes nothing.
 */
import type { LedgerContext } from '../ledger/context.js';
import { ingestCheckIns } from '../ledger/monitoring/index.js';
import type { SignatureVerifier } from '../monitoring/index.js';
import { principalFromHeaders } from './principal-headers.js';
import type { BatchHandler } from './worker.js';

export function ledgerHandler(
  ctx: LedgerContext,
  options: { verifier?: SignatureVerifier } = {},
): BatchHandler {
  return async (items) => {
    const results = await ingestCheckIns(
      ctx,
      items.map((item) => ({ principal: principalFromHeaders(item.header), raw: item.raw })),
      options,
    );
    return results.map((r) => (r.ok ? r.outcome : r.error));
  };
}

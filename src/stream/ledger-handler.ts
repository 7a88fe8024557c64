/**
 * The worker's handler over the ledger: a batch of check-ins through ingestCheckIns, each recorded
 * in the audit log as the caller who submitted it (the principal the publisher put in the message's
 * headers after admitting it at POST /v1/checkins: src/stream/intake.ts). It resolves after the
 * ledger's transaction has committed, so the worker acknowledges only committed check-ins; a
 * redelivered check-in comes back from the ledger as `duplicate: true` and changes nothing.
 */
import type { LedgerContext } from '../ledger/context.js';
import { ingestCheckIns } from '../ledger/monitoring/index.js';
import type { Principal } from '../ledger/principal.js';
import type { SignatureVerifier } from '../monitoring/index.js';
import { principalFromHeaders } from './principal-headers.js';
import type { BatchHandler, HandledCheckIn } from './worker.js';

export function ledgerHandler(
  ctx: LedgerContext,
  options: { verifier?: SignatureVerifier } = {},
): BatchHandler {
  return async (items) => {
    // A message whose caller headers are bad is refused alone (dead-lettered as malformed).
    const answers: (HandledCheckIn | Error | undefined)[] = new Array(items.length);
    const admitted: { index: number; principal: Principal; raw: unknown }[] = [];
    for (const [index, item] of items.entries()) {
      try {
        admitted.push({ index, principal: principalFromHeaders(item.header), raw: item.raw });
      } catch (error) {
        answers[index] = error as Error;
      }
    }
    const results = await ingestCheckIns(ctx, admitted, options);
    for (const [k, { index }] of admitted.entries()) {
      const r = results[k]!;
      answers[index] = r.ok ? r.outcome : r.error;
    }
    return answers as (HandledCheckIn | Error)[];
  };
}

/**
 * The worker's handler over the ledger: ingestCheckIn as the system principal (ownership of the
 * device was checked where the check-in entered, at POST /v1/checkins). It resolves after the
 * ledger's transaction has committed, so the worker acknowledges only committed check-ins; a
 * redelivered check-in comes back from the ledger as `duplicate: true` and changes nothing.
 */
import type { LedgerContext } from '../ledger/context.js';
import { ingestCheckIn } from '../ledger/monitoring/checkins.js';
import { SYSTEM } from '../ledger/principal.js';
import type { CheckInHandler } from './worker.js';

export function ledgerHandler(ctx: LedgerContext): CheckInHandler {
  return (raw) => ingestCheckIn(ctx, SYSTEM, raw);
}

/**
 * The NATS implementation of the ledger's CheckInIntake: admitted in the API process, queued on
 * the installation's partition with the caller in the headers, committed in batches by the
 * monitor workers (worker.ts, ledger-handler.ts). The in-process implementation is
 * InProcessCheckInIntake in src/ledger/monitoring/intake.ts; both pass one suite.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { LedgerContext } from '../ledger/context.js';
import { QueuedCheckInIntake } from '../ledger/monitoring/index.js';
import type { StreamLayout } from './layout.js';
import { NatsCheckInPublisher } from './publisher.js';

export function natsCheckInIntake(
  ctx: LedgerContext,
  nc: NatsConnection,
  layout: StreamLayout,
): QueuedCheckInIntake {
  return new QueuedCheckInIntake(ctx, new NatsCheckInPublisher(nc, layout));
}

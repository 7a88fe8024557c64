/**
 * The NATS CheckInIntake against the shared intake suite, on the real NATS server and both
 * stores: admitted and queued by the intake, committed in batches by a worker.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe } from 'vitest';
import { checkInIntakeSuite, type IntakeHarness } from '../../test/support/check-in-intake-suite.js';
import { type MonitoredInstallation, monitoredInstallation } from '../../test/support/ledger-fixture.js';
import {
  dropStreams,
  eventually,
  freshStreams,
  natsSkipReason,
  TEST_NATS_URL,
} from '../../test/support/nats.js';
import { storeVariants } from '../../test/support/stores.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import { SignaturePool } from '../monitoring/index.js';
import type { StoreOptions } from '../store/store.js';
import { natsCheckInIntake } from './intake.js';
import type { StreamLayout } from './layout.js';
import { ledgerHandler } from './ledger-handler.js';
import { connectNats } from './nats.js';
import { CheckInWorker } from './worker.js';

const skip = await natsSkipReason();
const variants = await storeVariants();
const T0 = Date.UTC(2026, 0, 5, 8);

for (const variant of variants) {
  describe.skipIf(skip !== undefined || !variant.available)(
    `the NATS check-in intake on ${variant.name} ${variant.skipReason}`,
    () => {
      let nc: NatsConnection;
      let ledger: Ledger;
      let options: StoreOptions;
      let fixture: MonitoredInstallation;
      let layout: StreamLayout;
      let worker: CheckInWorker;
      let harness: IntakeHarness;
      const pool = new SignaturePool(2);
      const clock = { now: T0 };
      beforeAll(async () => {
        nc = await connectNats(TEST_NATS_URL);
        options = variant.options();
        ledger = await openLedger(options, { now: () => new Date(clock.now) });
        fixture = await monitoredInstallation(ledger, clock);
        layout = await freshStreams(nc, 4);
        worker = await CheckInWorker.start(nc, {
          layout,
          batchHandler: ledgerHandler(ledger.ctx, { verifier: pool }),
          backoffMs: [50],
        });
        const intake = natsCheckInIntake(ledger.ctx, nc, layout);
        harness = {
          intake,
          stored: async (answer, deviceId, sequence) => {
            if (answer.kind !== 'queued') throw new Error('the NATS intake stored a check-in itself');
            let row: { accepted: boolean; problems: unknown; alert_ids: unknown } | undefined;
            await eventually(async () => {
              row = await ledger.ctx.db
                .selectFrom('checkins')
                .select(['accepted', 'problems', 'alert_ids'])
                .where('device_id', '=', deviceId)
                .where('sequence', '=', sequence)
                .executeTakeFirst();
              return row !== undefined;
            }, `check-in ${deviceId}#${sequence} committed by the worker`);
            return {
              accepted: row!.accepted,
              problems: row!.problems as string[],
              alertIds: row!.alert_ids as string[],
            };
          },
        };
      });
      afterAll(async () => {
        await worker?.stop();
        if (layout) await dropStreams(nc, layout);
        await nc?.close();
        await pool.close();
        await ledger?.close();
        await variant.cleanup(options);
      });
      checkInIntakeSuite({ ledger: () => ledger, fixture: () => fixture, harness: () => harness });
    },
  );
}

/** The in-process CheckInIntake against the shared intake suite, on both stores. */
import { afterAll, beforeAll, describe } from 'vitest';
import { checkInIntakeSuite, type IntakeHarness } from '../../../test/support/check-in-intake-suite.js';
import { type MonitoredInstallation, monitoredInstallation } from '../../../test/support/ledger-fixture.js';
import { storeVariants } from '../../../test/support/stores.js';
import { SignaturePool } from '../../monitoring/index.js';
import type { StoreOptions } from '../../store/store.js';
import { type Ledger, openLedger } from '../ledger.js';
import { InProcessCheckInIntake } from './intake.js';

const variants = await storeVariants();
const T0 = Date.UTC(2026, 0, 5, 8);

for (const variant of variants) {
  describe.skipIf(!variant.available)(
    `the in-process check-in intake on ${variant.name} ${variant.skipReason}`,
    () => {
      let ledger: Ledger;
      let options: StoreOptions;
      let fixture: MonitoredInstallation;
      let harness: IntakeHarness;
      // The signatures on worker threads, as `serve` checks them.
      const pool = new SignaturePool(2);
      const clock = { now: T0 };
      beforeAll(async () => {
        options = variant.options();
        ledger = await openLedger(options, { now: () => new Date(clock.now) });
        fixture = await monitoredInstallation(ledger, clock);
        const intake = new InProcessCheckInIntake(ledger.ctx, { verifier: pool, batchMax: 5 });
        harness = {
          intake,
          stored: async (answer) => {
            if (answer.kind !== 'stored') throw new Error('the in-process intake queued a check-in');
            return answer.outcome;
          },
        };
      });
      afterAll(async () => {
        await harness?.intake.close();
        await pool.close();
        await ledger?.close();
        await variant.cleanup(options);
      });
      checkInIntakeSuite({ ledger: () => ledger, fixture: () => fixture, harness: () => harness });
    },
  );
}

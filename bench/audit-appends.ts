import { inTransaction } from '../src/ledger/context.js';
import type { Ledger } from '../src/ledger/ledger.js';
import { SYSTEM } from '../src/ledger/principal.js';

/**
 * Audit entries per second from `writers` concurrent writers, `perTx` entries per transaction
 * (one statement), timed until the integrator has given every entry its index
 * (`bench:ledger`, `bench:ingest`).
 */
export async function auditAppends(
  ledger: Ledger,
  writers: number,
  seconds: number,
  perTx = 1,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  const start = process.hrtime.bigint();
  let appended = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        if (perTx === 1) {
          await inTransaction(ledger.ctx, SYSTEM, (_tx, record) =>
            record('bench.append', 'bench', `c${c}-${i}`, null, { c, i }),
          );
        } else {
          await ledger.ctx.db.transaction().execute((tx) =>
            ledger.ctx.audit.appendMany(
              tx,
              Array.from({ length: perTx }, (_, k) => ({
                who: { organizationId: 'system', role: 'system', keyId: null },
                when: new Date().toISOString(),
                action: 'bench.append',
                entity: 'bench',
                id: `c${c}-${i}-${k}`,
                before: null,
                after: { c, i, k },
              })),
            ),
          );
        }
        appended += perTx;
      }
    }),
  );
  await ledger.ctx.audit.sync();
  return appended / (Number(process.hrtime.bigint() - start) / 1e9);
}

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../../test/support/stores.js';
import { mulberry32 } from '../../domain/random.js';
import type { StoreOptions } from '../../store/store.js';
import { inTransaction } from '../context.js';
import { type Ledger, openLedger } from '../ledger.js';
import { SYSTEM } from '../principal.js';
import { checkpoint, verifyWithSigner } from './signer.js';

const variants = await storeVariants();
const ENTRIES = 60;

for (const variant of variants) {
  describe.skipIf(!variant.available)(
    `audit verify names tampering on ${variant.name} ${variant.skipReason}`,
    () => {
      let ledger: Ledger;
      let options: StoreOptions;

      beforeAll(async () => {
        options = variant.options();
        // No background integrator: checkpoints are signed only where the test asks for them.
        ledger = await openLedger(options, { integrator: false });
        for (let i = 0; i < ENTRIES; i++) {
          await inTransaction(ledger.ctx, SYSTEM, (_tx, record) =>
            record('test.event', 'thing', `t${i}`, { n: i }, { n: i + 1 }),
          );
          if (i % 20 === 19) await checkpoint(ledger.ctx.db, ledger.ctx.audit, ledger.signer);
        }
      });
      afterAll(async () => {
        await ledger?.close();
        await variant.cleanup(options);
      });

      /** Runs a mutation in a transaction that is rolled back after `verify` has looked at it. */
      async function underMutation(mutate: (db: Ledger['ctx']['db']) => Promise<void>) {
        const db = ledger.ctx.db;
        let result: Awaited<ReturnType<typeof verifyWithSigner>> | undefined;
        try {
          await db.transaction().execute(async (tx) => {
            await mutate(tx as unknown as Ledger['ctx']['db']);
            result = await verifyWithSigner(tx as unknown as Ledger['ctx']['db'], ledger.signer);
            throw new Rollback();
          });
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
        }
        return result!;
      }
      class Rollback extends Error {}

      it('passes on the untouched log', async () => {
        const result = await verifyWithSigner(ledger.ctx.db, ledger.signer);
        expect(result).toMatchObject({ ok: true, size: ENTRIES, checkpointsChecked: 3, firstProblem: null });
      });

      const random = mulberry32(20261122);
      for (let round = 0; round < 8; round++) {
        const i = Math.floor(random() * ENTRIES);
        const j = (i + 1 + Math.floor(random() * (ENTRIES - 1))) % ENTRIES;

        it(`names entry ${i} when its leaf is edited in SQL`, async () => {
          const result = await underMutation(async (db) => {
            await sql`update audit_entries set leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"n":', '"n": '), 'UTF8') where idx = ${i}`.execute(
              db,
            );
          });
          expect(result.ok).toBe(false);
          expect(result.firstProblem).toMatchObject({ index: i, problem: 'edited-or-reordered' });
        });

        it(`names entry ${i} when it is deleted`, async () => {
          const result = await underMutation(async (db) => {
            await sql`delete from audit_entries where idx = ${i}`.execute(db);
          });
          expect(result.ok).toBe(false);
          expect(result.firstProblem).toMatchObject({ index: i, problem: 'deleted' });
        });

        it(`names entry ${Math.min(i, j)} when entries ${i} and ${j} are swapped`, async () => {
          const result = await underMutation(async (db) => {
            await sql`update audit_entries set idx = -1 where idx = ${i}`.execute(db);
            await sql`update audit_entries set idx = ${i} where idx = ${j}`.execute(db);
            await sql`update audit_entries set idx = ${j} where idx = -1`.execute(db);
          });
          expect(result.ok).toBe(false);
          expect(result.firstProblem?.index).toBe(Math.min(i, j));
        });
      }

      it('catches a rewrite that also recomputes the recorded roots, through the signed checkpoints', async () => {
        const result = await underMutation(async (db) => {
          // Edit entry 5 and rewrite every root_after from it on, as a careful attacker would.
          const { MerkleTree, leafHash } = await import('../../audit/index.js');
          await sql`update audit_entries set leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"n":', '"n": '), 'UTF8') where idx = 5`.execute(
            db,
          );
          const rows = await db.selectFrom('audit_entries').select(['idx', 'leaf']).orderBy('idx').execute();
          const tree = new MerkleTree();
          for (const row of rows) {
            tree.append(leafHash(row.leaf));
            await db
              .updateTable('audit_entries')
              .set({ root_after: tree.rootHash() })
              .where('idx', '=', row.idx)
              .execute();
          }
        });
        expect(result.ok).toBe(false);
        expect(result.firstProblem).toMatchObject({ problem: 'checkpoint-mismatch', index: 19 });
      });
    },
  );
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../../test/support/stores.js';
import { inTransaction } from '../context.js';
import { openLedger } from '../ledger.js';
import { SYSTEM } from '../principal.js';
import { AuditLog } from './log.js';
import { checkpoint, exportedCheckpoints, loadAuditSigner, verifyWithSigner } from './signer.js';

/** Nothing is signed over a tree not checked against the previous signed checkpoint (issue 14, item 3). */
const variants = await storeVariants();

for (const variant of variants) {
  describe.skipIf(!variant.available)(`signing a checkpoint on ${variant.name} ${variant.skipReason}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipexport-signing-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses over a rewritten entry (in this process or a fresh one) and exports what it signs', async () => {
      const options = variant.options();
      const signer = loadAuditSigner('memory://', { checkpointDir: join(dir, variant.name) });
      // No background integrator: batches (and so checkpoints) only where the test syncs.
      const ledger = await openLedger(options, { signer, integrator: false });
      try {
        const append = (i: number) =>
          inTransaction(ledger.ctx, SYSTEM, (_tx, record) =>
            record('test.event', 'thing', `t${i}`, null, { n: i }),
          );
        for (let i = 0; i < 5; i++) await append(i);
        const first = await checkpoint(ledger.ctx.db, ledger.ctx.audit, signer);
        expect(exportedCheckpoints(signer).map((c) => c.note)).toContain(first);
        for (let i = 5; i < 8; i++) await append(i);
        // The batched log integrates entries and signs their tree in one transaction, so no
        // integrated entry is ever outside a signed checkpoint. An entry rewritten in the table
        // after that: this process's tree holds the truth, so what it signs again is the true
        // root (not the table's), and verification names the rewritten entry.
        await ledger.ctx.audit.sync();
        const signed = await ledger.ctx.db
          .selectFrom('audit_checkpoints')
          .select('note')
          .where('size', '=', 8)
          .executeTakeFirstOrThrow();
        expect(exportedCheckpoints(signer).map((c) => c.note)).toContain(signed.note);
        await sql`update audit_entries set leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"n":6', '"n":60'), 'UTF8') where idx = 6`.execute(
          ledger.ctx.db,
        );
        expect(await checkpoint(ledger.ctx.db, ledger.ctx.audit, signer)).toBe(signed.note);
        const verified = await verifyWithSigner(ledger.ctx.db, signer);
        expect(verified.ok).toBe(false);
        expect(verified.firstProblem?.index).toBe(6);
        // An older entry rewritten and the stored checkpoints deleted: a fresh process (tree loaded
        // from the table) finds it inconsistent with the exported checkpoint.
        await sql`update audit_entries set leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"n":60', '"n":6'), 'UTF8') where idx = 6`.execute(
          ledger.ctx.db,
        );
        await sql`update audit_entries set leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"n":2', '"n":20'), 'UTF8') where idx = 2`.execute(
          ledger.ctx.db,
        );
        await ledger.ctx.db.deleteFrom('audit_checkpoints').execute();
        const fresh = new AuditLog(ledger.ctx.db);
        await expect(checkpoint(ledger.ctx.db, fresh, signer)).rejects.toMatchObject({
          code: 'audit_integrity',
          // The newest exported checkpoint is at the tree's size (8): its root differs.
          message: expect.stringMatching(/consistency proof fails|is not the one/),
        });
        expect(exportedCheckpoints(signer).map((c) => c.note)).toEqual([first, signed.note]);
      } finally {
        await ledger.close();
        await variant.cleanup(options);
      }
    }, 60_000);
  });
}

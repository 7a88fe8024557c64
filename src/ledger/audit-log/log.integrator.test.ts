import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../../test/support/stores.js';
import {
  leafHash,
  parseCheckpoint,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../audit/index.js';
import type { StoreOptions } from '../../store/store.js';
import { inTransaction } from '../context.js';
import { type Ledger, openLedger } from '../ledger.js';
import { SYSTEM } from '../principal.js';
import { AuditLog } from './log.js';
import { verifyWithSigner } from './signer.js';

/**
 * The batched log: concurrent writers append without waiting for one another, rolled-back
 * entries never reach the tree, one transaction's entries stay together and in order, the
 * integrator (one at a time, even with several instances on one database) signs checkpoints
 * that are each consistent with the one before.
 */
const variants = await storeVariants();
const WRITERS = 16;
const PER_WRITER = 25;

for (const variant of variants) {
  describe.skipIf(!variant.available)(`batched audit log on ${variant.name} ${variant.skipReason}`, () => {
    let ledger: Ledger;
    let options: StoreOptions;
    /** A second integrator on the same database, as another process would run. */
    let other: AuditLog;

    beforeAll(async () => {
      options = { ...variant.options(), poolSize: WRITERS + 4 };
      ledger = await openLedger(options, { audit: { delayMs: 20, batchMax: 37 } });
      other = new AuditLog(ledger.ctx.db, { delayMs: 15, batchMax: 23, sign: ledger.signer.sign });
      other.start();
    });
    afterAll(async () => {
      await other?.stop();
      await ledger?.close();
      await variant.cleanup(options);
    });

    it('integrates concurrent writers exactly once, each transaction in order, rollbacks never', async () => {
      const writer = async (w: number) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const fail = i % 5 === 4;
          await inTransaction(ledger.ctx, SYSTEM, async (_tx, record) => {
            await record('test.first', 'thing', `w${w}-${i}`, null, { w, i, part: 1 });
            await record('test.second', 'thing', `w${w}-${i}`, null, { w, i, part: 2 });
            if (fail) throw new Error('rolled back');
          }).catch((error: Error) => {
            if (error.message !== 'rolled back') throw error;
          });
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await ledger.ctx.audit.sync();
      const committed = WRITERS * PER_WRITER * (4 / 5) * 2;
      expect(await ledger.ctx.audit.pending()).toBe(0);
      const result = await verifyWithSigner(ledger.ctx.db, ledger.signer);
      expect(result).toMatchObject({ ok: true, size: committed, firstProblem: null });
      expect(result.checkpointsChecked).toBeGreaterThan(1);

      const rows = await ledger.ctx.db
        .selectFrom('audit_entries')
        .select(['idx', 'leaf'])
        .orderBy('idx')
        .execute();
      const records = rows.map((r) => JSON.parse(Buffer.from(r.leaf).toString('utf8')));
      const seen = new Set<string>();
      for (let k = 0; k < records.length; k += 2) {
        // A transaction's two entries are adjacent and in the order it wrote them.
        expect(records[k].action).toBe('test.first');
        expect(records[k + 1].action).toBe('test.second');
        expect(records[k + 1].id).toBe(records[k].id);
        expect(seen.has(records[k].id)).toBe(false);
        seen.add(records[k].id);
        expect(records[k].after.i % 5).not.toBe(4);
      }
      // Each writer's transactions keep their commit order.
      for (let w = 0; w < WRITERS; w++) {
        const mine = records.filter((r) => r.after.w === w && r.after.part === 1).map((r) => r.after.i);
        expect(mine).toEqual([...mine].sort((a, b) => a - b));
      }
    });

    it('signs checkpoints that each extend the one before, with proofs for every entry', async () => {
      const notes = await ledger.ctx.db
        .selectFrom('audit_checkpoints')
        .select(['size', 'note'])
        .orderBy('size')
        .execute();
      expect(notes.length).toBeGreaterThan(1);
      const head = await ledger.ctx.audit.head();
      let previous: { size: number; rootHash: Uint8Array } | undefined;
      for (const { note } of notes) {
        const cp = verifyCheckpoint(note, ledger.signer.verifierKey, { origin: ledger.signer.origin });
        if (previous) {
          const proof = await ledger.ctx.audit.consistencyProof(previous.size, cp.size);
          expect(verifyConsistency(previous.size, cp.size, previous.rootHash, cp.rootHash, proof)).toBe(true);
        }
        previous = cp;
      }
      expect(previous!.size).toBe(head.size);
      for (const index of [0, 1, Math.floor(head.size / 2), head.size - 1]) {
        const leaf = (await ledger.ctx.audit.entry(index))!;
        const proof = await ledger.ctx.audit.inclusionProof(index, head.size);
        expect(verifyInclusion(leafHash(leaf), index, head.size, proof, head.root)).toBe(true);
      }
    });

    it('integrates on its own within the delay, without a sync', async () => {
      const before = (await ledger.ctx.audit.head()).size;
      await inTransaction(ledger.ctx, SYSTEM, (_tx, record) =>
        record('test.late', 'thing', 'late', null, {}),
      );
      const deadline = Date.now() + 15_000;
      let size = before;
      while (size === before && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        size = (await ledger.ctx.audit.head()).size;
      }
      expect(size).toBe(before + 1);
      const latest = await ledger.ctx.db
        .selectFrom('audit_checkpoints')
        .select('note')
        .orderBy('size', 'desc')
        .executeTakeFirstOrThrow();
      expect(parseCheckpoint(latest.note).size).toBe(before + 1);
    });
  });
}

describe('the integrator refuses to sign a tree that does not extend the signed one', () => {
  it('fails the batch, keeps the entries pending, and integrates once the checkpoint is genuine again', async () => {
    const ledger = await openLedger({ dataDir: 'memory://' }, { integrator: false });
    try {
      const write = (n: number) =>
        inTransaction(ledger.ctx, SYSTEM, (_tx, record) =>
          record('test.event', 'thing', `t${n}`, null, { n }),
        );
      for (let n = 0; n < 5; n++) await write(n);
      await ledger.ctx.audit.sync();
      const genuine = await ledger.ctx.db
        .selectFrom('audit_checkpoints')
        .select(['size', 'note'])
        .orderBy('size', 'desc')
        .executeTakeFirstOrThrow();
      // A rewritten history: a checkpoint, correctly signed, over a different tree of that size.
      const forged = ledger.signer.sign(genuine.size, new Uint8Array(32).fill(7));
      await ledger.ctx.db
        .updateTable('audit_checkpoints')
        .set({ note: forged })
        .where('size', '=', genuine.size)
        .execute();
      await write(5);
      await expect(ledger.ctx.audit.integrate()).rejects.toThrow(/does not extend the checkpoint at size 5/);
      expect(await ledger.ctx.audit.pending()).toBe(1);
      expect((await ledger.ctx.audit.head()).size).toBe(5);

      await ledger.ctx.db
        .updateTable('audit_checkpoints')
        .set({ note: genuine.note })
        .where('size', '=', genuine.size)
        .execute();
      expect(await ledger.ctx.audit.integrate()).toBe(1);
      expect((await ledger.ctx.audit.head()).size).toBe(6);
    } finally {
      await ledger.close();
    }
  });
});

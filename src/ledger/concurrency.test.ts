import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../test/support/stores.js';
import type { StoreOptions } from '../store/store.js';
import { LedgerError } from './errors.js';
import { type Ledger, openLedger } from './ledger.js';
import { createAgreement, decideRequest, recordShipment } from './licensing/index.js';
import { createApiKey, createOrganization } from './organizations.js';
import { authenticate, type Principal } from './principal.js';
import { submitRequest } from './requests/index.js';

/**
 * Never over-allocated: 64 concurrent clients race for the last units of a license and of
 * a country allocation, round after round. On the PostgreSQL server the transactions really
 * run in parallel on 64 connections; on PGlite they are serialized by the driver.
 */
const variants = await storeVariants();
const CLIENTS = 64;
const GB300_TPP = 58_484;

for (const variant of variants) {
  // 50 rounds of 64-way races on the server (3,200 racing transactions; CHIPEXPORT_RACE_ROUNDS
  // for a longer soak). Headroom for a loaded 2-core CI machine: a round takes ~0.1 s idle and
  // ~0.9 s at a load average of 17; allow 4 s each, on top of a minute for setup.
  const rounds = Number(process.env['CHIPEXPORT_RACE_ROUNDS'] ?? (variant.name === 'postgres' ? 50 : 15));
  const budget = 60_000 + rounds * 4_000;
  describe.skipIf(!variant.available)(
    `never over-allocated on ${variant.name} (${rounds} rounds) ${variant.skipReason}`,
    () => {
      let ledger: Ledger;
      let options: StoreOptions;
      let exporter: Principal;
      let regulator: Principal;

      beforeAll(async () => {
        options = { ...variant.options(), poolSize: CLIENTS };
        ledger = await openLedger(options);
        for (const [name, role, country] of [
          ['Racer Inc', 'exporter', 'US'],
          ['Regulator', 'regulator', 'US'],
          ['UAE', 'host-government', 'AE'],
        ] as const) {
          await createOrganization(ledger.ctx, { name, role, country });
        }
        const key = async (name: string) =>
          authenticate(ledger.ctx.db, (await createApiKey(ledger.ctx, name)).key);
        exporter = await key('Racer Inc');
        regulator = await key('Regulator');
        await createAgreement(ledger.ctx, await key('UAE'), {
          country: 'AE',
          framework: 'us-ai-diffusion-2025',
        });
      });
      afterAll(async () => {
        await ledger?.close();
        await variant.cleanup(options);
      });

      async function license(chips: number): Promise<string> {
        const request = {
          date: '2025-06-01',
          destination: 'AE',
          items: [{ chip: 'nvidia-gb300', quantity: chips }],
          endUser: { name: 'Racing DC' },
        };
        const submitted = await submitRequest(ledger.ctx, exporter, {
          framework: 'us-ai-diffusion-2025',
          request,
        });
        return (await decideRequest(ledger.ctx, regulator, submitted.id, { decision: 'approve' })).licenseId!;
      }

      /** Fires CLIENTS shipments of one chip at once; returns how many succeeded. Every refusal must be a 409. */
      async function race(licenseId: string): Promise<number> {
        const results = await Promise.allSettled(
          Array.from({ length: CLIENTS }, () =>
            recordShipment(ledger.ctx, exporter, { licenseId, chips: 1 }),
          ),
        );
        for (const r of results) {
          if (r.status === 'rejected') {
            expect(r.reason).toBeInstanceOf(LedgerError);
            expect((r.reason as LedgerError).status).toBe(409);
          }
        }
        return results.filter((r) => r.status === 'fulfilled').length;
      }

      it('gives the last units of a license to exactly as many clients as it has units', {
        timeout: budget,
      }, async () => {
        for (let round = 0; round < rounds; round++) {
          // A fixture, not a ledger operation: start each round with the allocation empty, so
          // only the license limits the race. 500 GB300 is above LPP, so a license is needed.
          await ledger.ctx.db.updateTable('quota_pools').set({ used_tpp: 0 }).execute();
          const last = 1 + (round % 10);
          const id = await license(500 + last);
          await recordShipment(ledger.ctx, exporter, { licenseId: id, chips: 500 });
          expect(await race(id)).toBe(last);
          const row = await ledger.ctx.db
            .selectFrom('licenses')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          expect(row).toMatchObject({ used_chips: 500 + last, limit_chips: 500 + last, status: 'exhausted' });
        }
      });

      it('gives the last room in a country allocation to exactly as many shipments as fit', {
        timeout: budget,
      }, async () => {
        await ledger.ctx.db.updateTable('quota_pools').set({ used_tpp: 0 }).execute();
        const id = await license(CLIENTS * rounds + 10);
        const pool = 'country-allocation:AE';
        // Make sure the pool row exists before squeezing it.
        await recordShipment(ledger.ctx, exporter, { licenseId: id, chips: 1 });
        for (let round = 0; round < rounds; round++) {
          const room = 1 + (round % 7);
          await ledger.ctx.db
            .updateTable('quota_pools')
            .set({ used_tpp: sql<number>`limit_tpp - ${room * GB300_TPP}` })
            .where('pool', '=', pool)
            .execute();
          expect(await race(id)).toBe(room);
          const row = await ledger.ctx.db
            .selectFrom('quota_pools')
            .selectAll()
            .where('pool', '=', pool)
            .executeTakeFirstOrThrow();
          expect(row.used_tpp).toBe(row.limit_tpp);
        }
      });

      it('keeps every total equal to the sum of its parts', async () => {
        // One statement, so one snapshot: the licences' totals and the shipments' sums are read
        // at the same instant (two reads could straddle a commit and disagree by one).
        const rows = await ledger.ctx.db
          .selectFrom('licenses as l')
          .leftJoin(
            (eb) =>
              eb
                .selectFrom('shipments')
                .select(['license_id', sql<string>`sum(chips)::bigint`.as('n')])
                .groupBy('license_id')
                .as('s'),
            (join) => join.onRef('s.license_id', '=', 'l.id'),
          )
          .select(['l.id', 'l.used_chips', 'l.limit_chips', 's.n'])
          .execute();
        expect(rows.length).toBeGreaterThan(0);
        for (const l of rows) {
          expect({ id: l.id, shipped: Number(l.n ?? 0) }).toEqual({ id: l.id, shipped: l.used_chips });
          expect(l.used_chips).toBeLessThanOrEqual(l.limit_chips);
        }
      });
    },
  );
}

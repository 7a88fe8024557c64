import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../../test/support/stores.js';
import { leafSubject } from '../../audit/index.js';
import type { StoreOptions } from '../../store/store.js';
import { auditSubject } from '../audit-subject.js';
import { LedgerError } from '../errors.js';
import { type Ledger, openLedger } from '../ledger.js';
import { createApiKey, createOrganization } from '../organizations.js';
import { authenticate, type Principal } from '../principal.js';
import { submitRequest } from '../requests/index.js';
import { createAgreement } from './agreements.js';
import { decideRequest } from './licenses.js';
import { recordShipment } from './shipments.js';

/**
 * A shipment reads its audit entry's subject with the license row instead of asking
 * `auditSubject` after the insert: the two must name the same organization and country, or the
 * entry's bytes would be served to the wrong readers.
 */
for (const variant of await storeVariants()) {
  describe.skipIf(!variant.available)(
    `a shipment's audit entry on ${variant.name} ${variant.skipReason}`,
    () => {
      let ledger: Ledger;
      let options: StoreOptions;
      let exporter: Principal;
      let other: Principal;
      let licenseId: string;

      beforeAll(async () => {
        options = variant.options();
        ledger = await openLedger(options, { now: () => new Date('2025-07-01T00:00:00Z') });
        for (const [name, role, country] of [
          ['Shipper Inc', 'exporter', 'US'],
          ['Other Inc', 'exporter', 'US'],
          ['Regulator', 'regulator', 'US'],
          ['UAE', 'host-government', 'AE'],
        ] as const) {
          await createOrganization(ledger.ctx, { name, role, country });
        }
        const key = async (name: string) =>
          authenticate(ledger.ctx.db, (await createApiKey(ledger.ctx, name)).key);
        exporter = await key('Shipper Inc');
        other = await key('Other Inc');
        const regulator = await key('Regulator');
        await createAgreement(ledger.ctx, await key('UAE'), {
          country: 'AE',
          framework: 'us-ai-diffusion-2025',
        });
        const submitted = await submitRequest(ledger.ctx, exporter, {
          framework: 'us-ai-diffusion-2025',
          request: {
            date: '2025-06-01',
            destination: 'IN',
            items: [{ chip: 'nvidia-gb300', quantity: 5000 }],
            endUser: { name: 'Data centre, Pune' },
          },
        });
        licenseId =
          submitted.licenseId ??
          (await decideRequest(ledger.ctx, regulator, submitted.id, { decision: 'approve' })).licenseId!;
      });
      afterAll(async () => {
        await ledger?.close();
        await variant.cleanup(options);
      });

      it('names the subject auditSubject finds: the request’s organization and destination', async () => {
        const shipment = await recordShipment(ledger.ctx, exporter, { licenseId, chips: 3 });
        expect(shipment.draws).toEqual([{ pool: 'country-allocation:IN', tpp: shipment.tpp }]);
        await ledger.ctx.audit.sync();
        const leaves = await ledger.ctx.db.selectFrom('audit_entries').select('leaf').execute();
        const entry = leaves
          .map((row) => ({ row, record: JSON.parse(Buffer.from(row.leaf).toString('utf8')) }))
          .find(({ record }) => record.action === 'shipment.recorded' && record.id === shipment.id);
        expect(entry).toBeDefined();
        const expected = await ledger.ctx.db
          .transaction()
          .execute((tx) => auditSubject(tx, 'shipment', shipment.id, null, null));
        expect(expected).toEqual({ organizationId: exporter.organizationId, country: 'IN' });
        expect(leafSubject(entry!.row.leaf)).toEqual(expected);
        const stored = await ledger.ctx.db
          .selectFrom('audit_entries')
          .select(['subject_org', 'subject_country'])
          .where('leaf', '=', entry!.row.leaf)
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ subject_org: expected.organizationId, subject_country: expected.country });
      });

      it('writes nothing, and draws on no pool, for a license of another organization', async () => {
        const pool = () =>
          ledger.ctx.db
            .selectFrom('quota_pools')
            .select('used_tpp')
            .where('pool', '=', 'country-allocation:IN')
            .executeTakeFirstOrThrow();
        const before = await pool();
        const shipments = async () =>
          (await ledger.ctx.db.selectFrom('shipments').select('id').execute()).length;
        const count = await shipments();
        const refused = await recordShipment(ledger.ctx, other, { licenseId, chips: 1 }).catch(
          (e: unknown) => e,
        );
        expect(refused).toBeInstanceOf(LedgerError);
        expect((refused as LedgerError).code).toBe('not_found');
        expect(await pool()).toEqual(before);
        expect(await shipments()).toBe(count);
      });
    },
  );
}

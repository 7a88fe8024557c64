import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, gb300, startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { leafSubject, verifyInclusion } from '../audit/index.js';
import { createInstallation } from '../ledger/installations.js';
import { decideRequest, recordShipment } from '../ledger/licensing/index.js';
import { submitRequest } from '../ledger/requests/index.js';

/**
 * Private records, public proofs (issue 14, finding 4: exporter B read 314 entries about other
 * organizations). Every key reads leaf hashes and proofs; an entry's bytes only its subject's
 * readers.
 */
const variants = await storeVariants();
const DIFFUSION = 'us-ai-diffusion-2025';
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

for (const variant of variants) {
  describe.skipIf(!variant.available)(
    `audit entries are private on ${variant.name} ${variant.skipReason}`,
    () => {
      let api: TestApi;
      let size = 0;

      beforeAll(async () => {
        api = await startTestApi(variant);
        const { ctx } = api.ledger;
        const p = api.principals;
        await createInstallation(ctx, p.exporter, {
          name: 'Campus',
          country: 'AE',
          operator: 'G42',
          lat: 24,
          lon: 54,
        });
        const r = await submitRequest(ctx, p.exporter, { framework: DIFFUSION, request: gb300(1000) });
        const { licenseId } = await decideRequest(ctx, p.regulator, r.id, {
          decision: 'approve',
          note: 'ok',
        });
        await recordShipment(ctx, p.exporter, { licenseId: licenseId!, chips: 10 });
        await submitRequest(ctx, p.otherExporter, {
          framework: DIFFUSION,
          request: { ...gb300(500), destination: 'SA', endUser: { name: 'Humain', headquarters: 'SA' } },
        });
        await ctx.audit.sync(); // the entries above, integrated (they wait for the integrator otherwise)
        size = (await ctx.audit.head()).size;
      });
      afterAll(async () => {
        await api?.close();
      });

      it('no key reads the bytes of an entry about another organization or country', async () => {
        let readByOthers = 0;
        for (let i = 0; i < size; i++) {
          const full = await api.call('regulator', 'GET', `/v1/audit/entries/${i}`);
          expect(full.statusCode).toBe(200);
          const subject = leafSubject(full.rawPayload);
          expect(subject, `entry ${i} is a version 2 leaf`).not.toBeNull();
          for (const actor of ACTORS) {
            const res = await api.call(actor, 'GET', `/v1/audit/entries/${i}`);
            const me = api.principals[actor];
            const mine =
              me.role === 'regulator' ||
              me.role === 'auditor' ||
              subject!.organizationId === me.organizationId ||
              (me.role === 'host-government' && subject!.country === me.country);
            expect(res.statusCode, `${actor} reads entry ${i} about ${JSON.stringify(subject)}`).toBe(
              mine ? 200 : 403,
            );
            if (res.statusCode === 200 && !mine) readByOthers++;
          }
        }
        expect(readByOthers).toBe(0);
      });

      it('the exporter reads its own request, licence and shipment entries; the other exporter none of them', async () => {
        const own = await api.ledger.ctx.db
          .selectFrom('audit_entries')
          .select(['idx', 'subject_country'])
          .where('subject_org', '=', api.principals.exporter.organizationId)
          .execute();
        expect(own.length).toBeGreaterThanOrEqual(4);
        expect(own.filter((e) => e.subject_country === 'AE').length).toBeGreaterThanOrEqual(4);
        for (const { idx, subject_country } of own) {
          expect((await api.call('exporter', 'GET', `/v1/audit/entries/${idx}`)).statusCode).toBe(200);
          expect((await api.call('otherExporter', 'GET', `/v1/audit/entries/${idx}`)).statusCode).toBe(403);
          // The UAE government reads what concerns the UAE; Saudi Arabia's does not.
          expect((await api.call('hostGov', 'GET', `/v1/audit/entries/${idx}`)).statusCode).toBe(
            subject_country === 'AE' ? 200 : 403,
          );
          expect((await api.call('otherHostGov', 'GET', `/v1/audit/entries/${idx}`)).statusCode).toBe(403);
        }
      });

      it('any key gets every leaf hash and proves it against the signed checkpoint (RFC 6962 intact)', async () => {
        const note = (await api.call('otherExporter', 'GET', '/v1/audit/checkpoint')).body;
        const [, sizeLine, rootLine] = note.split('\n');
        const treeSize = Number(sizeLine);
        const root = new Uint8Array(Buffer.from(rootLine!, 'base64'));
        const range = (
          await api.call('otherExporter', 'GET', `/v1/audit/leaf-hashes?start=0&end=${treeSize}`)
        ).json();
        expect(range.hashes).toHaveLength(treeSize);
        for (let i = 0; i < treeSize; i++) {
          const single = (await api.call('otherHostGov', 'GET', `/v1/audit/entries/${i}/hash`)).json();
          expect(single.leafHash).toBe(range.hashes[i]);
          const bytes = (await api.call('auditor', 'GET', `/v1/audit/entries/${i}`)).rawPayload;
          const recomputed = createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest();
          expect(b64(recomputed)).toBe(single.leafHash);
          const proof = (
            await api.call('otherExporter', 'GET', `/v1/audit/proof/inclusion?index=${i}&size=${treeSize}`)
          ).json();
          const hashes = proof.hashes.map((h: string) => new Uint8Array(Buffer.from(h, 'base64')));
          expect(
            verifyInclusion(
              new Uint8Array(Buffer.from(single.leafHash, 'base64')),
              i,
              treeSize,
              hashes,
              root,
            ),
          ).toBe(true);
        }
      });

      it('two entries with the same record have different, unguessable leaf hashes (salted)', async () => {
        const rows = await api.ledger.ctx.db.selectFrom('audit_entries').select('leaf').execute();
        for (const { leaf } of rows) {
          const salt = JSON.parse(Buffer.from(leaf).toString('utf8')).salt as string;
          expect(Buffer.from(salt, 'base64')).toHaveLength(16);
        }
        expect(new Set(rows.map((r) => JSON.parse(Buffer.from(r.leaf).toString('utf8')).salt)).size).toBe(
          rows.length,
        );
      });

      it('an edited subject column does not widen access: the leaf itself must allow the reader', async () => {
        const { idx } = await api.ledger.ctx.db
          .selectFrom('audit_entries')
          .select('idx')
          .where('subject_org', '=', api.principals.exporter.organizationId)
          .executeTakeFirstOrThrow();
        await sql`update audit_entries set subject_org = ${api.principals.otherExporter.organizationId} where idx = ${idx}`.execute(
          api.ledger.ctx.db,
        );
        try {
          expect((await api.call('otherExporter', 'GET', `/v1/audit/entries/${idx}`)).statusCode).toBe(403);
        } finally {
          await sql`update audit_entries set subject_org = ${api.principals.exporter.organizationId} where idx = ${idx}`.execute(
            api.ledger.ctx.db,
          );
        }
      });
    },
  );
}

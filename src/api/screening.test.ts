import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { importListVersion } from '../ledger/clearances.js';
import { DEFAULT_LIST_FILE } from '../screening/index.js';

/**
 * The screening workflow end to end through the API: a potential match puts a request on
 * hold; decisions clear or confirm each hit; a confirmed Entity List entry sets the license
 * requirement; a new list version that changes a cleared entry invalidates the clearance
 * and puts the request back on hold.
 */
const variants = await storeVariants();

const huaweiRequest = {
  date: '2025-06-01',
  destination: 'CN',
  items: [{ chip: 'nvidia-h20', quantity: 100 }],
  endUser: { name: 'Huawei Technologies Co., Ltd.', country: 'CN', headquarters: 'CN' },
};

interface Hit {
  entityId: string;
  name: string;
  source: string;
  status: string;
}

for (const variant of variants) {
  describe.skipIf(!variant.available)(`screening workflow on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(variant);
    });
    afterAll(async () => {
      await api?.close();
    });

    const screeningOf = async (id: string) => {
      const res = await api.call('exporter', 'GET', `/v1/requests/${id}/screening`);
      expect(res.statusCode).toBe(200);
      return res.json() as {
        status: string;
        screening: { parties: { name: string; hits: Hit[] }[]; blocking: number };
      };
    };

    it('screens ad hoc with an explanation', async () => {
      const res = await api.call('auditor', 'POST', '/v1/screenings', { name: 'Huawei Technologies' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.decision).toBe('potential-match');
      expect(body.hits[0].source).toContain('Entity List');
      expect(body.hits[0].explanation.text).toContain('huawei');
      const bad = await api.call('auditor', 'POST', '/v1/screenings', { name: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.path).toEqual(['name']);
    });

    let heldId = '';
    it('holds a request whose party is a potential match, and lists it among the holds', async () => {
      const res = await api.call('exporter', 'POST', '/v1/requests', {
        framework: 'us-ai-diffusion-2025',
        request: huaweiRequest,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.status).toBe('held');
      expect(body.licenseId).toBeNull();
      heldId = body.id;
      const holds = (await api.call('exporter', 'GET', '/v1/holds')).json().holds as { id: string }[];
      expect(holds.map((h) => h.id)).toContain(heldId);
      expect((await api.call('otherExporter', 'GET', '/v1/holds')).json().holds).toEqual([]);
      expect((await api.call('otherExporter', 'GET', `/v1/requests/${heldId}/screening`)).statusCode).toBe(
        404,
      );
      // A held request cannot be decided.
      const decide = await api.call('regulator', 'POST', `/v1/requests/${heldId}/decision`, {
        decision: 'approve',
      });
      expect(decide.statusCode).toBe(422);
    });

    it('confirms the Entity List entry, clears the rest, and determines under the Entity List', async () => {
      const { screening } = await screeningOf(heldId);
      const hits = screening.parties[0]!.hits;
      const exact = hits.find(
        (h) => h.name.startsWith('Huawei Technologies Co., Ltd.') && h.source.includes('Entity List'),
      )!;
      expect(exact).toBeDefined();
      const party = 'Huawei Technologies Co., Ltd.';
      const missingNote = await api.call('exporter', 'POST', `/v1/requests/${heldId}/clearances`, {
        party,
        entityId: exact.entityId,
        decision: 'confirmed',
      });
      expect(missingNote.statusCode).toBe(400);
      expect(missingNote.json().error.path).toEqual(['note']);
      const confirm = await api.call('exporter', 'POST', `/v1/requests/${heldId}/clearances`, {
        party,
        entityId: exact.entityId,
        decision: 'confirmed',
        note: 'same name, address in Shenzhen matches the Entity List entry',
        reasonCode: 'confirmed-match',
      });
      expect(confirm.statusCode).toBe(200);
      for (const hit of hits.filter((h) => h.entityId !== exact.entityId)) {
        const clearance = {
          party,
          entityId: hit.entityId,
          decision: 'false-positive',
          note: `different entity: ${hit.name}`,
          reasonCode: 'different-address',
        };
        // Four eyes: the exporter that submitted the request cannot clear its hits.
        const own = await api.call('exporter', 'POST', `/v1/requests/${heldId}/clearances`, clearance);
        expect(own.statusCode).toBe(403);
        const res = await api.call('regulator', 'POST', `/v1/requests/${heldId}/clearances`, clearance);
        expect(res.statusCode).toBe(200);
      }
      const after = await screeningOf(heldId);
      expect(after.status).toBe('determined');
      const request = (await api.call('exporter', 'GET', `/v1/requests/${heldId}`)).json();
      // The H20 alone is not controlled by the framework; the Entity List requires a license anyway.
      expect(request.determination).toMatchObject({
        outcome: 'license-required',
        licensePolicy: 'presumption-of-denial',
      });
      expect(request.determination.items[0].rule).toBe('entity-list');
    });

    it('re-holds the request when a new list version changes a cleared entry', async () => {
      const { screening } = await screeningOf(heldId);
      const cleared = screening.parties[0]!.hits.find((h) => h.status === 'cleared')!;
      // The shipped list with one cleared entry's Federal Register notices changed.
      const compact = JSON.parse(gunzipSync(readFileSync(DEFAULT_LIST_FILE)).toString('utf8'));
      const entry = compact.entries.find((e: { n: string }) => e.n === cleared.name);
      expect(entry).toBeDefined();
      entry.fr = `${entry.fr ?? ''}, 91 FR 12345`;
      const bytes = Buffer.from(JSON.stringify(compact));
      const result = await importListVersion(api.ledger.ctx, api.principals.regulator, bytes, 'csl-compact', {
        sourceDate: '2026-08-01',
      });
      expect(result.changed).toBeGreaterThanOrEqual(1);
      expect(result.clearancesInvalidated).toBeGreaterThanOrEqual(1);
      const again = await screeningOf(heldId);
      expect(again.status).toBe('held');
      expect(again.screening.parties[0]!.hits.find((h) => h.entityId === cleared.entityId)?.status).toBe(
        'open',
      );
      const versions = (await api.call('auditor', 'GET', '/v1/lists')).json().versions;
      expect(versions[0]).toMatchObject({ version: result.version, current: true });
    });

    it('imports a small internal list over HTTP (regulator only)', async () => {
      const content =
        'name,alt_names,country,type,source,entity_number,remarks\nAcme Diversion Trading LLC,,AE,entity,Internal watch list,W-1,\n';
      expect((await api.call('exporter', 'POST', '/v1/lists', { format: 'csv', content })).statusCode).toBe(
        403,
      );
      const res = await api.call('regulator', 'POST', '/v1/lists', { format: 'csv', content });
      expect(res.statusCode).toBe(201);
      const hit = (
        await api.call('exporter', 'POST', '/v1/screenings', { name: 'ACME Diversion Trading' })
      ).json();
      expect(hit.decision).toBe('potential-match');
      expect(hit.listVersion).toBe(res.json().inForce);
    });
  });
}

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { DEFAULT_LIST_FILE } from '../screening/index.js';

/**
 * Issue 14, finding 1: the README's one-line internal CSV became the whole list in force (25,917
 * entries → 1); the re-screen released a request held on an exact Entity List match and an
 * authorization was issued. Now each list is versioned on its own, an internal list adds to the
 * CSL, and an import that would remove more than 10% of a list's entries needs `replace`.
 */
const variants = await storeVariants();
const HUAWEI = 'Huawei Technologies (Thailand) Co.';
const README_CSV =
  'name,alt_names,country,type,source,entity_number,remarks\nAcme Diversion Trading LLC,,AE,entity,Internal watch list,W-1,\n';

for (const variant of variants) {
  describe.skipIf(!variant.available)(`lists by source on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    let heldId = '';
    const status = async () => (await api.call('exporter', 'GET', `/v1/requests/${heldId}`)).json();

    beforeAll(async () => {
      api = await startTestApi(variant);
      const res = await api.call('exporter', 'POST', '/v1/requests', {
        framework: 'us-ai-diffusion-2025',
        request: {
          date: '2025-06-01',
          destination: 'TH',
          items: [{ chip: 'nvidia-h20', quantity: 10 }],
          endUser: { name: HUAWEI, country: 'TH', headquarters: 'CN' },
        },
      });
      expect(res.json().status).toBe('held');
      heldId = res.json().id;
    });
    afterAll(async () => {
      await api?.close();
    });

    it('the README’s example internal list adds to the CSL: the Entity List hold stays', async () => {
      const res = await api.call('regulator', 'POST', '/v1/lists', { format: 'csv', content: README_CSV });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ list: 'internal', entryCount: 1, removed: 0 });
      const after = await status();
      expect(after.status).toBe('held');
      expect(after.licenseId ?? null).toBeNull();
      const screened = (await api.call('exporter', 'POST', '/v1/screenings', { name: HUAWEI })).json();
      expect(screened.hits[0].source).toContain('Entity List');
      expect(screened.listVersion).toBe(res.json().inForce);
      const acme = (
        await api.call('exporter', 'POST', '/v1/screenings', { name: 'Acme Diversion Trading' })
      ).json();
      expect(acme.decision).toBe('potential-match');
      // Both lists current, each with its own version.
      const current = (await api.call('auditor', 'GET', '/v1/lists'))
        .json()
        .versions.filter((v: { current: boolean }) => v.current);
      expect(current.map((v: { list: string }) => v.list).sort()).toEqual(['csl', 'internal']);
      expect(current.find((v: { list: string }) => v.list === 'csl').entryCount).toBeGreaterThan(20_000);
    });

    it('an import removing more than 10% of a list says what it would remove and changes nothing without replace', async () => {
      const compact = JSON.parse(gunzipSync(readFileSync(DEFAULT_LIST_FILE)).toString('utf8'));
      compact.entries = compact.entries.slice(0, 1);
      const content = JSON.stringify(compact);
      const refused = await api.call('regulator', 'POST', '/v1/lists', { format: 'csl-compact', content });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.path).toEqual(['replace']);
      expect(refused.json().error.message).toMatch(/would remove \d+ of the \d+ entries of the list "csl"/);
      expect((await status()).status).toBe('held');
      const screened = (await api.call('exporter', 'POST', '/v1/screenings', { name: HUAWEI })).json();
      expect(screened.hits[0].source).toContain('Entity List');

      // The same for an internal list: a second version dropping its only entry.
      const emptied =
        'name,alt_names,country,type,source,entity_number,remarks\nOther Co,,AE,entity,Internal watch list,W-2,\n';
      const internal = await api.call('regulator', 'POST', '/v1/lists', { format: 'csv', content: emptied });
      expect(internal.statusCode).toBe(409);
      expect(internal.json().error.message).toContain('Acme Diversion Trading LLC');
      const replaced = await api.call('regulator', 'POST', '/v1/lists', {
        format: 'csv',
        content: emptied,
        replace: true,
      });
      expect(replaced.statusCode).toBe(201);
      expect(replaced.json()).toMatchObject({
        list: 'internal',
        removed: 1,
        removedEntries: [expect.stringContaining('Acme')],
      });
      // Replacing an internal list never touches the CSL's hold.
      expect((await status()).status).toBe('held');
    });

    it('a second internal list is versioned on its own', async () => {
      const res = await api.call('regulator', 'POST', '/v1/lists', {
        format: 'csv',
        list: 'under-review',
        content: 'name,country\nZeta Review Holdings,AE\n',
      });
      expect(res.statusCode).toBe(201);
      const current = (await api.call('auditor', 'GET', '/v1/lists'))
        .json()
        .versions.filter((v: { current: boolean }) => v.current)
        .map((v: { list: string }) => v.list)
        .sort();
      expect(current).toEqual(['csl', 'internal', 'under-review']);
      const bad = await api.call('regulator', 'POST', '/v1/lists', {
        format: 'csv',
        list: 'csl',
        content: README_CSV,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.path).toEqual(['list']);
    });
  });
}

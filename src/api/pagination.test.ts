import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, gb300, startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { decideRequest, recordShipment } from '../ledger/licensing/index.js';
import { submitRequest } from '../ledger/requests/index.js';

const variants = await storeVariants();
const DIFFUSION = 'us-ai-diffusion-2025';

for (const variant of variants) {
  describe.skipIf(!variant.available)(`pagination on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    const submit = async (actor: Actor, quantity: number) =>
      (
        await submitRequest(api.ledger.ctx, api.principals[actor], {
          framework: DIFFUSION,
          request: gb300(quantity),
        })
      ).id;

    /** Every page of a list, following nextCursor. */
    async function allPages(actor: Actor, url: string, key: string) {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const sep = url.includes('?') ? '&' : '?';
        const res = await api.call(
          actor,
          'GET',
          `${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        ids.push(...body[key].map((r: { id: string }) => r.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      return { ids, pages };
    }

    beforeAll(async () => {
      api = await startTestApi(variant);
      for (let i = 1; i <= 7; i++) await submit('exporter', 1000 + i);
      for (let i = 1; i <= 2; i++) await submit('otherExporter', 10);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('pages through every visible request once, newest first, with the total', async () => {
      const first = (await api.call('exporter', 'GET', '/v1/requests?limit=3')).json();
      expect(first.requests).toHaveLength(3);
      expect(first.total).toBe(7);
      expect(first.nextCursor).toEqual(expect.any(String));
      const { ids, pages } = await allPages('exporter', '/v1/requests?limit=3', 'requests');
      expect(pages).toBe(3);
      expect(new Set(ids).size).toBe(7);
      const unpaged = (await api.call('exporter', 'GET', '/v1/requests')).json();
      expect(unpaged.requests.map((r: { id: string }) => r.id)).toEqual(ids);
      expect(unpaged.nextCursor).toBeNull();
      const created = unpaged.requests.map((r: { createdAt: string }) => r.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
      // The regulator sees both organizations'.
      const all = await allPages('regulator', '/v1/requests?limit=4', 'requests');
      expect(all.ids).toHaveLength(9);
      expect((await api.call('regulator', 'GET', '/v1/requests?limit=4')).json().total).toBe(9);
    });

    it('is stable under inserts: a page read after new requests continues where the last ended', async () => {
      const before = (await allPages('exporter', '/v1/requests?limit=50', 'requests')).ids;
      const first = (await api.call('exporter', 'GET', '/v1/requests?limit=4')).json();
      await submit('exporter', 2001);
      await submit('exporter', 2002);
      const second = (
        await api.call('exporter', 'GET', `/v1/requests?limit=4&cursor=${first.nextCursor}`)
      ).json();
      const read = [...first.requests, ...second.requests].map((r: { id: string }) => r.id);
      expect(read).toEqual(before.slice(0, 8));
      expect(second.total).toBe(before.length + 2);
    });

    it('filters by status, and a cursor of one list is refused by another', async () => {
      const page = (await api.call('exporter', 'GET', '/v1/requests?status=determined&limit=2')).json();
      expect(page.requests.every((r: { status: string }) => r.status === 'determined')).toBe(true);
      for (const url of [
        `/v1/requests?cursor=${page.nextCursor}`,
        `/v1/requests?status=approved&cursor=${page.nextCursor}`,
        `/v1/licenses?cursor=${page.nextCursor}`,
      ]) {
        const res = await api.call('exporter', 'GET', url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'bad_request', path: ['cursor'] });
      }
    });

    it('refuses altered cursors and bad limits with a 400 naming the field', async () => {
      const { nextCursor } = (await api.call('exporter', 'GET', '/v1/requests?limit=2')).json();
      const [list, at, id, sum] = JSON.parse(Buffer.from(nextCursor, 'base64url').toString());
      const forged = (parts: string[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
      const cursors = [
        'not-a-cursor',
        nextCursor.slice(0, -3),
        forged([list, at, 'req_0000000000000000', sum]),
        forged([list, '1970-01-01T00:00:00.000000Z', id, sum]),
        forged([list, "x'); drop table requests; --", id, sum]),
        forged([list, at, id]),
      ];
      for (const cursor of cursors) {
        const res = await api.call(
          'exporter',
          'GET',
          `/v1/requests?limit=2&cursor=${encodeURIComponent(cursor)}`,
        );
        expect(res.statusCode, cursor).toBe(400);
        expect(res.json().error.path).toEqual(['cursor']);
      }
      for (const limit of ['0', '501', '-1', '1.5', 'ten']) {
        const res = await api.call('exporter', 'GET', `/v1/requests?limit=${limit}`);
        expect(res.statusCode, limit).toBe(400);
        expect(res.json().error.path).toEqual(['limit']);
      }
      // Nothing was lost or changed.
      expect((await api.call('regulator', 'GET', '/v1/requests')).json().total).toBe(11);
    });

    it('pages licenses and shipments the same way', async () => {
      const { ctx } = api.ledger;
      const requestId = await submit('exporter', 5000);
      const { licenseId } = await decideRequest(ctx, api.principals.regulator, requestId, {
        decision: 'approve',
      });
      for (let i = 0; i < 5; i++)
        await recordShipment(ctx, api.principals.exporter, { licenseId: licenseId!, chips: 1 });
      const licenses = await allPages('exporter', '/v1/licenses?limit=1', 'licenses');
      expect(licenses.ids).toContain(licenseId);
      expect(new Set(licenses.ids).size).toBe(licenses.ids.length);
      expect((await api.call('exporter', 'GET', '/v1/licenses?limit=1')).json().total).toBe(
        licenses.ids.length,
      );
      const shipments = await allPages(
        'exporter',
        `/v1/shipments?licenseId=${licenseId}&limit=2`,
        'shipments',
      );
      expect(shipments).toMatchObject({ pages: 3 });
      expect(new Set(shipments.ids).size).toBe(5);
      const other = (await api.call('otherExporter', 'GET', '/v1/shipments?limit=2')).json();
      expect(other).toMatchObject({ shipments: [], total: 0, nextCursor: null });
      const wrongList = (await api.call('exporter', 'GET', `/v1/shipments?limit=2`)).json().nextCursor;
      const res = await api.call(
        'exporter',
        'GET',
        `/v1/shipments?licenseId=${licenseId}&cursor=${wrongList}`,
      );
      expect(res.statusCode).toBe(400);
    });
  });
}

import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gb300, startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { LIMITS } from '../domain/limits.js';
import { buildServer } from './server.js';

/**
 * HTTP hygiene (issue 17 item 3, issue 14 item 6): compression, security headers, bounded input
 * with errors naming the field, the role checked before a large body is read, readiness, and
 * per-key rate limits. Every bound is also tried where it must refuse.
 */
const variants = await storeVariants();

const request = (overrides: Record<string, unknown> = {}) => ({
  framework: 'us-ai-diffusion-2025',
  request: {
    date: '2025-06-01',
    destination: 'AE',
    items: [{ chip: 'nvidia-gb300', quantity: 10 }],
    endUser: { name: 'Limits DC', country: 'AE' },
    ...overrides,
  },
});

for (const variant of variants) {
  describe.skipIf(!variant.available)(`HTTP hygiene on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(variant);
    });
    afterAll(async () => {
      await api?.close();
    });

    const stored = async () =>
      (
        await api.ledger.ctx.db
          .selectFrom('requests')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n;

    it('compresses what the client accepts, and not what it does not', async () => {
      const gz = await api.call(null, 'GET', '/openapi.json', undefined, { 'accept-encoding': 'gzip' });
      expect(gz.statusCode).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      const document = JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'));
      expect(document.openapi).toBe('3.1.0');
      expect(gz.rawPayload.length).toBeLessThan(JSON.stringify(document).length / 4);
      const plain = await api.call(null, 'GET', '/openapi.json', undefined, {
        'accept-encoding': 'identity',
      });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.json().openapi).toBe('3.1.0');
    });

    it('sends security headers with a Content Security Policy on every response', async () => {
      for (const url of ['/healthz', '/v1/requests', '/nope']) {
        const res = await api.call(url === '/v1/requests' ? 'exporter' : null, 'GET', url);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
      }
    });

    it('lets only the API documentation page apply inline styles', async () => {
      const docs = await api.call(null, 'GET', '/docs/');
      const csp = String(docs.headers['content-security-policy']);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    });

    it('answers /readyz when the store does, and 503 naming what failed', async () => {
      const ready = await api.call(null, 'GET', '/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ ready: true, checks: { store: 'ok' } });
      const app = await buildServer(api.ledger, {
        webRoot: null,
        readiness: [
          {
            name: 'nats',
            check: async () => {
              throw new Error('connection refused');
            },
          },
        ],
      });
      try {
        const down = await app.inject({ method: 'GET', url: '/readyz' });
        expect(down.statusCode).toBe(503);
        expect(down.json().error).toMatchObject({
          code: 'not_ready',
          message: expect.stringContaining('nats'),
        });
      } finally {
        await app.close();
      }
    });

    it('refuses an over-long name with 400 naming the field, and stores nothing', async () => {
      const before = await stored();
      const res = await api.call(
        'exporter',
        'POST',
        '/v1/requests',
        request({ endUser: { name: 'x'.repeat(900_000) } }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.path).toEqual(['request', 'endUser', 'name']);
      const long = await api.call(
        'exporter',
        'POST',
        '/v1/requests',
        request({ endUser: { name: 'x'.repeat(LIMITS.nameChars + 1) } }),
      );
      expect(long.statusCode).toBe(400);
      expect(long.json().error).toMatchObject({
        path: ['request', 'endUser', 'name'],
        message: expect.stringContaining(`at most ${LIMITS.nameChars} characters`),
      });
      expect(await stored()).toBe(before);
    });

    it('refuses a body over the limit with 413', async () => {
      const res = await api.call(
        'exporter',
        'POST',
        '/v1/requests',
        request({ endUser: { name: 'x'.repeat(1_100_000) } }),
      );
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('payload_too_large');
    });

    it('refuses NUL and lone surrogates with 400 naming the field, in any field', async () => {
      for (const name of ['Acme\u0000Corp', 'Acme \ud800 Corp', 'Acme \udc00']) {
        const res = await api.call('exporter', 'POST', '/v1/requests', request({ endUser: { name } }));
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({
          path: ['request', 'endUser', 'name'],
          message: expect.stringContaining('NUL or unpaired surrogate'),
        });
      }
      // A pair is text (an emoji), accepted as far as its characters go.
      const pair = await api.call('exporter', 'POST', '/v1/screenings', { name: 'Acme 😀 Corp' });
      expect(pair.statusCode).toBe(200);
      const note = await api.call('regulator', 'POST', '/v1/requests/nope/decision', {
        decision: 'deny',
        note: 'bad\u0000note',
      });
      expect(note.statusCode).toBe(400);
      expect(note.json().error.path).toEqual(['note']);
    });

    it('bounds numbers: 1e308 dollars and absurd quantities are refused, naming the field', async () => {
      const cases: [Record<string, unknown>, (string | number)[]][] = [
        [
          { items: [{ chip: 'nvidia-gb300', quantity: 10, unitPriceUsd: 1e308 }] },
          ['items', 0, 'unitPriceUsd'],
        ],
        [{ items: [{ chip: 'nvidia-gb300', quantity: 1e12 }] }, ['items', 0, 'quantity']],
        [{ assurances: { usInvestmentUsd: 1e300 } }, ['assurances', 'usInvestmentUsd']],
        [
          { items: [{ customChip: { name: 'X', tpp: 1e200 }, quantity: 1 }] },
          ['items', 0, 'customChip', 'tpp'],
        ],
      ];
      for (const [overrides, path] of cases) {
        const res = await api.call('exporter', 'POST', '/v1/determinations', {
          request: request(overrides).request,
        });
        expect(res.statusCode, JSON.stringify(path)).toBe(400);
        expect(res.json().error.path).toEqual(['request', ...path]);
      }
    });

    it('bounds the items of a request and of a what-if call', async () => {
      const items = Array.from({ length: LIMITS.itemsPerRequest + 1 }, () => ({
        chip: 'nvidia-gb300',
        quantity: 1,
      }));
      for (const [url, body] of [
        ['/v1/determinations', { request: request({ items }).request }],
        ['/v1/requests', request({ items })],
      ] as const) {
        const started = Date.now();
        const res = await api.call('exporter', 'POST', url, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({
          path: ['request', 'items'],
          message: expect.stringContaining(`at most ${LIMITS.itemsPerRequest} items`),
        });
        expect(Date.now() - started).toBeLessThan(10_000);
      }
      const most = await api.call('exporter', 'POST', '/v1/determinations', {
        request: request({ items: items.slice(1) }).request,
      });
      expect(most.statusCode).toBe(200);
    });

    it('refuses impossible dates: a clearance expiry and a list source date', async () => {
      const clearance = await api.call('exporter', 'POST', '/v1/requests/nope/clearances', {
        party: 'X',
        entityId: 'E1',
        decision: 'false-positive',
        note: 'n',
        expiresAt: '2026-02-30',
      });
      expect(clearance.statusCode).toBe(400);
      expect(clearance.json().error.path).toEqual(['expiresAt']);
      const list = await api.call('regulator', 'POST', '/v1/lists', {
        format: 'csv',
        content: 'name\nAcme\n',
        sourceDate: '2026-13-01',
      });
      expect(list.statusCode).toBe(400);
      expect(list.json().error.path).toEqual(['sourceDate']);
    });

    it('checks the role before reading a list import body', async () => {
      // 20 MB that is not even JSON: an exporter is refused for its role, not for its body.
      const res = await api.app.inject({
        method: 'POST',
        url: '/v1/lists',
        headers: { authorization: `Bearer ${api.keys.exporter}`, 'content-type': 'application/json' },
        payload: `{"content": "${'x'.repeat(20 * 1024 * 1024)}`,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    });

    it('limits calls per key when configured, with 429 and the key next to it unaffected', async () => {
      const app = await buildServer(api.ledger, { webRoot: null, rateLimit: { max: 3, windowMs: 60_000 } });
      try {
        const call = (key: string) =>
          app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } });
        for (let i = 0; i < 3; i++) expect((await call(api.keys.exporter)).statusCode).toBe(200);
        const limited = await call(api.keys.exporter);
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.code).toBe('too_many_requests');
        expect((await call(api.keys.auditor)).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('keeps a well-formed request working', async () => {
      const res = await api.call('exporter', 'POST', '/v1/requests', {
        framework: 'us-ai-diffusion-2025',
        request: gb300(10),
      });
      expect(res.statusCode).toBe(201);
    });
  });
}

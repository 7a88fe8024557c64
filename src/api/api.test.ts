import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gb300, registeredRoutes, startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { leafHash, verifyCheckpoint, verifyConsistency, verifyInclusion } from '../audit/index.js';
import { registry } from '../frameworks/registry.js';
import { openLedger } from '../ledger/ledger.js';
import { frameworkJson } from '../rules/framework-json.js';
import { buildServer } from './server.js';

const variants = await storeVariants();

const listed0 = (res: { json(): unknown }) =>
  (res.json() as { requests: Record<string, unknown>[] }).requests;
const row0 = (rows: Record<string, unknown>[], id: string) => rows.find((r) => r['id'] === id);
const DIFFUSION = 'us-ai-diffusion-2025';

const fromBase64 = (hashes: string[]) => hashes.map((h) => new Uint8Array(Buffer.from(h, 'base64')));

/** Every error body has exactly this shape, and never a stack trace. */
function expectErrorShape(body: string) {
  const parsed = JSON.parse(body);
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error).toEqual(
    expect.objectContaining({
      code: expect.any(String),
      message: expect.any(String),
      path: expect.any(Array),
    }),
  );
  expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return parsed.error as { code: string; message: string; path: (string | number)[]; issues?: unknown[] };
}

for (const variant of variants) {
  describe.skipIf(!variant.available)(`HTTP API on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi(variant);
    });
    afterAll(async () => {
      await api?.close();
    });

    const requestCount = async () =>
      (
        await api.ledger.ctx.db
          .selectFrom('requests')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n;

    it('answers /healthz without a key and unknown routes with a 404 in the error shape', async () => {
      const health = await api.call(null, 'GET', '/healthz');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ ok: true, store: variant.name });

      for (const url of ['/nope', '/v1/nope']) {
        const res = await api.call('exporter', 'GET', url);
        expect(res.statusCode).toBe(404);
        expect(expectErrorShape(res.body)).toMatchObject({ code: 'not_found', path: [] });
      }
      const wrongMethod = await api.call('exporter', 'POST', '/v1/frameworks', {});
      expect(wrongMethod.statusCode).toBe(404);
      expectErrorShape(wrongMethod.body);
    });

    it('takes a request from submission through a license to shipments and quota draws', async () => {
      const submitted = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(1000),
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const sub = submitted.json();
      expect(sub).toMatchObject({
        id: expect.stringMatching(/^req_/),
        status: 'determined',
        licenseId: null,
        determination: { framework: DIFFUSION, outcome: 'license-required', asOf: '2025-06-01' },
      });
      expect(sub.determination.explanation).toEqual(expect.any(String));
      expect(sub.determination.trace).toBeTruthy();

      const got = await api.call('exporter', 'GET', `/v1/requests/${sub.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ id: sub.id, status: 'determined', framework: DIFFUSION });
      expect(got.json().determination.trace).toEqual(sub.determination.trace);
      // One request in full: who asked, and the request as determined (the date it was given).
      expect(got.json().organizationName).toBe(api.principals.exporter.organizationName);
      expect(got.json().request).toMatchObject({ date: '2025-06-01' });
      expect(row0(listed0(await api.call('exporter', 'GET', '/v1/requests')), sub.id)).not.toHaveProperty(
        'request',
      );
      const listed = await api.call('exporter', 'GET', '/v1/requests?status=determined');
      expect(listed.json().requests.map((r: { id: string }) => r.id)).toContain(sub.id);
      // Lists leave the trace out; everything else of the determination is there.
      const row = listed.json().requests.find((r: { id: string }) => r.id === sub.id);
      expect(row.determination.trace).toBeUndefined();
      const { trace: _trace, ...rest } = sub.determination;
      expect(row.determination).toEqual(rest);
      const approvedBefore = await api.call('exporter', 'GET', '/v1/requests?status=approved');
      expect(approvedBefore.json().requests.map((r: { id: string }) => r.id)).not.toContain(sub.id);

      // Only the regulator decides.
      const byExporter = await api.call('exporter', 'POST', `/v1/requests/${sub.id}/decision`, {
        decision: 'approve',
      });
      expect(byExporter.statusCode).toBe(403);
      expect(expectErrorShape(byExporter.body).code).toBe('forbidden');

      const decided = await api.call('regulator', 'POST', `/v1/requests/${sub.id}/decision`, {
        decision: 'approve',
        conditions: ['quarterly reports'],
        note: 'ok',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const { licenseId } = decided.json();
      expect(decided.json()).toEqual({
        id: sub.id,
        status: 'approved',
        licenseId: expect.stringMatching(/^lic_/),
      });
      const again = await api.call('regulator', 'POST', `/v1/requests/${sub.id}/decision`, {
        decision: 'deny',
      });
      expect(again.statusCode).toBe(422);

      // The audit trail: submission, then the decision and the license it issued, in log order,
      // each entry the one stored at its index.
      const trail = await api.call('auditor', 'GET', `/v1/requests/${sub.id}/history`);
      expect(trail.statusCode, trail.body).toBe(200);
      const entries = trail.json().entries as { index: number; action: string; id: string }[];
      const actions = entries.map((e) => e.action);
      expect(actions[0]).toMatch(/^request\./);
      expect(entries.some((e) => e.id === licenseId)).toBe(true);
      expect(entries.map((e) => e.index)).toEqual([...entries.map((e) => e.index)].sort((a, b) => a - b));
      const stored = await api.call('auditor', 'GET', `/v1/audit/entries/${entries[0]!.index}`);
      expect(JSON.parse(stored.body)).toMatchObject({ id: sub.id, action: actions[0] });
      expect((await api.call('otherExporter', 'GET', `/v1/requests/${sub.id}/history`)).statusCode).toBe(404);

      const license = await api.call('exporter', 'GET', `/v1/licenses/${licenseId}`);
      expect(license.statusCode).toBe(200);
      expect(license.json()).toMatchObject({
        id: licenseId,
        requestId: sub.id,
        status: 'active',
        limits: { chips: 1000, tpp: 58_484_000 },
        used: { chips: 0, tpp: 0 },
        conditions: { imposed: ['quarterly reports'], note: 'ok' },
        validUntil: '2029-06-01',
      });
      expect((await api.call('otherExporter', 'GET', `/v1/licenses/${licenseId}`)).statusCode).toBe(404);
      const licenses = await api.call('exporter', 'GET', '/v1/licenses');
      expect(licenses.json().licenses.map((l: { id: string }) => l.id)).toContain(licenseId);

      const first = await api.call('exporter', 'POST', '/v1/shipments', { licenseId, chips: 400 });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ id: expect.stringMatching(/^shp_/), chips: 400, tpp: 23_393_600 });
      const elsewhere = await api.call('otherExporter', 'POST', '/v1/shipments', { licenseId, chips: 1 });
      expect(elsewhere.statusCode).toBe(404);
      expect(expectErrorShape(elsewhere.body).path).toEqual(['licenseId']);

      const tooMany = await api.call('exporter', 'POST', '/v1/shipments', { licenseId, chips: 601 });
      expect(tooMany.statusCode).toBe(409);
      expect(expectErrorShape(tooMany.body)).toMatchObject({ code: 'license_exhausted', path: ['chips'] });
      const last = await api.call('exporter', 'POST', '/v1/shipments', { licenseId, chips: 600 });
      expect(last.statusCode).toBe(201);
      expect(last.json().licenseStatus).toBe('exhausted');
      const afterEnd = await api.call('exporter', 'POST', '/v1/shipments', { licenseId, chips: 1 });
      expect(afterEnd.statusCode).toBe(409);

      const used = await api.call('exporter', 'GET', `/v1/licenses/${licenseId}`);
      expect(used.json()).toMatchObject({ status: 'exhausted', used: { chips: 1000, tpp: 58_484_000 } });
      const shipments = await api.call('exporter', 'GET', `/v1/shipments?licenseId=${licenseId}`);
      expect(
        shipments
          .json()
          .shipments.map((s: { chips: number }) => s.chips)
          .sort(),
      ).toEqual([400, 600]);
      const othersView = await api.call('otherExporter', 'GET', `/v1/shipments?licenseId=${licenseId}`);
      expect(othersView.json()).toEqual({ shipments: [], nextCursor: null, total: 0 });

      const quotas = await api.call('auditor', 'GET', `/v1/quotas?framework=${DIFFUSION}`);
      expect(quotas.statusCode).toBe(200);
      const pool = quotas.json().pools.find((p: { pool: string }) => p.pool === 'country-allocation:AE');
      expect(pool).toEqual({
        framework: DIFFUSION,
        pool: 'country-allocation:AE',
        kind: 'country-allocation',
        // 790 M TPP: no government-to-government agreement with the UAE on record yet.
        limitTpp: 790_000_000,
        usedTpp: 58_484_000,
        remainingTpp: 790_000_000 - 58_484_000,
      });
      const unknownFramework = await api.call('auditor', 'GET', '/v1/quotas?framework=nope');
      expect(unknownFramework.statusCode).toBe(400);
      expect(expectErrorShape(unknownFramework.body).path).toEqual(['framework']);

      // The next request sees the allocation already drawn.
      const next = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(500),
      });
      expect(next.json().determination.quota).toEqual([
        expect.objectContaining({ pool: 'country-allocation:AE', usedBefore: 58_484_000 }),
      ]);

      const replay = await api.call('exporter', 'GET', `/v1/requests/${sub.id}/replay`);
      expect(replay.statusCode).toBe(200);
      expect(replay.json()).toMatchObject({ id: sub.id, changed: false, differences: [] });
    });

    it('records a license exception with its authorization and lets it be shipped against', async () => {
      const res = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: {
          date: '2025-06-01',
          destination: 'MY',
          items: [{ chip: 'nvidia-h100-sxm', quantity: 1000 }],
          endUser: { name: 'Example Cloud Sdn Bhd' },
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        determination: { outcome: 'license-exception', authorization: 'LPP' },
        licenseId: expect.stringMatching(/^auth_/),
      });
      const ship = await api.call('exporter', 'POST', '/v1/shipments', {
        licenseId: res.json().licenseId,
        chips: 1000,
      });
      expect(ship.statusCode).toBe(201);
    });

    it('lets an agreement recorded by the host government change later determinations', async () => {
      const before = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        // The requester's claim of an agreement is not taken: the ledger's record is.
        request: gb300(20_000, { assurances: { g2gAgreement: true } }),
      });
      expect(before.json().determination.licensePolicy).toBe('presumption-of-denial');

      const notTheirs = await api.call('otherHostGov', 'POST', '/v1/agreements', {
        country: 'AE',
        framework: DIFFUSION,
      });
      expect(notTheirs.statusCode).toBe(403);
      expect(expectErrorShape(notTheirs.body).path).toEqual(['country']);
      const agreement = await api.call('hostGov', 'POST', '/v1/agreements', {
        country: 'United Arab Emirates',
        framework: DIFFUSION,
        g2gAssurances: true,
        usInvestmentCommittedUsd: 1e9,
        note: 'MoU',
      });
      expect(agreement.statusCode, agreement.body).toBe(201);
      expect(agreement.json()).toMatchObject({
        country: 'AE',
        createdBy: api.principals.hostGov.organizationId,
        assurances: { g2gAgreement: true, g2gAssurances: true },
        usInvestment: { committedUsd: 1e9, disbursedUsd: 0 },
      });

      const after = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(20_000),
      });
      expect(after.json().determination.licensePolicy).toBe('presumption-of-approval');

      const id = agreement.json().id;
      const paid = await api.call('hostGov', 'POST', `/v1/agreements/${id}/disbursements`, {
        amountUsd: 2.5e8,
        date: '2025-05-30',
      });
      expect(paid.statusCode).toBe(201);
      expect(
        (
          await api.call('otherHostGov', 'POST', `/v1/agreements/${id}/disbursements`, {
            amountUsd: 1,
            date: '2025-05-30',
          })
        ).statusCode,
      ).toBe(404);
      const listed = await api.call('hostGov', 'GET', '/v1/agreements');
      expect(listed.json().agreements).toEqual([
        expect.objectContaining({ id, usInvestment: { committedUsd: 1e9, disbursedUsd: 2.5e8 } }),
      ]);
      expect((await api.call('otherHostGov', 'GET', '/v1/agreements')).json()).toEqual({ agreements: [] });
    });

    it('counts chips already at an installation, and keeps installations to their organization', async () => {
      const site = await api.call('exporter', 'POST', '/v1/installations', {
        name: 'Campus',
        country: 'AE',
        operator: 'G42',
        lat: 24.4,
        lon: 54.6,
        baselineChips: 950,
      });
      expect(site.statusCode, site.body).toBe(201);
      const installationId = site.json().id;
      const body = {
        framework: 'us-investment-for-chips-2026',
        installationId,
        request: gb300(60, { date: '2026-03-06' }),
      };
      const r = await api.call('exporter', 'POST', '/v1/requests', body);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().determination.items[0].rule).toBe('installation-license');
      const other = await api.call('otherExporter', 'POST', '/v1/requests', body);
      expect(other.statusCode).toBe(404);
      expect(expectErrorShape(other.body).path).toEqual(['installationId']);
      const mine = await api.call('exporter', 'GET', '/v1/installations');
      expect(mine.json().installations.map((i: { id: string }) => i.id)).toEqual([installationId]);
      expect((await api.call('otherExporter', 'GET', '/v1/installations')).json()).toEqual({
        installations: [],
      });
    });

    it('answers what-if determinations under every framework, storing nothing', async () => {
      const before = await requestCount();
      const all = await api.call('auditor', 'POST', '/v1/determinations', { request: gb300(5) });
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json().determinations.map((d: { framework: string }) => d.framework)).toEqual(
        registry.ids(),
      );
      const one = await api.call('hostGov', 'POST', '/v1/determinations', {
        request: gb300(5),
        frameworks: ['us-g2g-licensing-2025'],
      });
      expect(one.json().determinations).toHaveLength(1);
      expect(one.json().determinations[0]).toMatchObject({
        framework: 'us-g2g-licensing-2025',
        asOf: '2025-06-01',
      });
      const unknown = await api.call('auditor', 'POST', '/v1/determinations', {
        request: gb300(5),
        frameworks: [DIFFUSION, 'nope'],
      });
      expect(unknown.statusCode).toBe(400);
      expect(expectErrorShape(unknown.body)).toMatchObject({
        code: 'invalid_input',
        path: ['frameworks', 1],
      });
      const badDate = await api.call('auditor', 'POST', '/v1/determinations', {
        request: gb300(5, { date: '2025-02-30' }),
      });
      expect(badDate.statusCode).toBe(400);
      expect(expectErrorShape(badDate.body).path).toEqual(['request', 'date']);
      expect(await requestCount()).toBe(before);
    });

    it('determines under the enforced law when the request names no framework, and replays under it', async () => {
      const res = await api.call('exporter', 'POST', '/v1/requests', {
        request: gb300(100, { endUser: { name: 'G42 Default', headquarters: 'AE' } }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const det = res.json().determination;
      expect(det).toMatchObject({
        framework: 'us-ear-enforced',
        frameworkStatus: 'in-force',
        outcome: 'license-required',
        quota: [],
        cfrText: { framework: DIFFUSION, outcome: 'license-exception', authorization: 'LPP' },
      });
      expect(det.uncertain.map((u: { code: string }) => u.code)).toEqual(
        expect.arrayContaining(['diffusion-non-enforcement', 'uae-scope', 'review-policy']),
      );
      const lpp = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(100, { endUser: { name: 'G42 Replayed', headquarters: 'AE' } }),
      });
      const replay = await api.call(
        'exporter',
        'GET',
        `/v1/requests/${lpp.json().id}/replay?framework=us-ear-enforced`,
      );
      expect(replay.statusCode, replay.body).toBe(200);
      expect(replay.json()).toMatchObject({ replayedUnder: 'us-ear-enforced', changed: true });
      const bad = await api.call('exporter', 'GET', `/v1/requests/${lpp.json().id}/replay?framework=nope`);
      expect(bad.statusCode).toBe(400);
      expect(expectErrorShape(bad.body).path).toEqual(['framework']);
    });

    it('lists the frameworks as the CLI does', async () => {
      const res = await api.call('auditor', 'GET', '/v1/frameworks');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(
        JSON.parse(JSON.stringify({ frameworks: registry.all().map(frameworkJson) })),
      );
    });

    it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
      const before = await requestCount();
      const submit = (body: unknown) => api.call('exporter', 'POST', '/v1/requests', body);
      const cases: { body: unknown; path: (string | number)[]; message: RegExp }[] = [
        {
          body: {
            framework: DIFFUSION,
            request: { ...gb300(5), items: [{ chip: 'nvidia-gb300', quantiy: 5 }] },
          },
          path: ['request', 'items', 0, 'quantiy'],
          message: /unknown field "quantiy" \(did you mean "quantity"\?\)/,
        },
        {
          body: { framework: DIFFUSION, request: gb300(5), installationID: 'x' },
          path: ['installationID'],
          message: /unknown field "installationID" \(did you mean "installationId"\?\)/,
        },
        {
          body: { framework: DIFFUSION, request: gb300(-5) },
          path: ['request', 'items', 0, 'quantity'],
          message: /positive whole number/,
        },
        {
          body: { framework: DIFFUSION, request: gb300(2.5) },
          path: ['request', 'items', 0, 'quantity'],
          message: /whole number/,
        },
        {
          body: { framework: DIFFUSION, request: { ...gb300(5), destination: 'XX' } },
          path: ['request', 'destination'],
          message: /"XX" is not an ISO 3166-1 alpha-2 country code/,
        },
        {
          body: {
            framework: DIFFUSION,
            request: { ...gb300(5), items: [{ chip: 'nvidia-gb300', quantity: '5' }] },
          },
          path: ['request', 'items', 0, 'quantity'],
          message: /must be a number, not string "5"/,
        },
        {
          body: {
            framework: DIFFUSION,
            request: { ...gb300(5), items: [{ chip: 'nvidia-gb3000', quantity: 5 }] },
          },
          path: ['request', 'items', 0, 'chip'],
          message: /unknown chip id "nvidia-gb3000"/,
        },
        {
          body: { framework: DIFFUSION, request: gb300(5, { date: '2025-02-30' }) },
          path: ['request', 'date'],
          message: /not a real calendar date/,
        },
        {
          body: {
            framework: DIFFUSION,
            request: { destination: 'AE', items: [{ chip: 'nvidia-gb300', quantity: 5 }] },
          },
          path: ['request', 'endUser'],
          message: /is required/,
        },
        {
          body: { framework: 'nope', request: gb300(5) },
          path: ['framework'],
          message: /unknown framework "nope"/,
        },
        // No framework is not an error: the enforced law is the default (tested above).
        {
          body: { request: gb300(5, { transaction: 'resale' }) },
          path: ['request', 'transaction'],
          message: /export/,
        },
        {
          body: { request: gb300(5, { origin: 'Atlantis' }) },
          path: ['request', 'origin'],
          message: /Atlantis/,
        },
        { body: [], path: [], message: /must be an object/ },
      ];
      for (const c of cases) {
        const res = await submit(c.body);
        expect(res.statusCode, JSON.stringify(c.body)).toBe(400);
        const error = expectErrorShape(res.body);
        expect(error.path, res.body).toEqual(c.path);
        expect(error.message).toMatch(c.message);
      }

      const noBody = await api.call('exporter', 'POST', '/v1/requests');
      expect(noBody.statusCode).toBe(400);
      expect(expectErrorShape(noBody.body).path).toEqual([]);
      const badJson = await api.call('exporter', 'POST', '/v1/requests', '{"framework": ', {
        'content-type': 'application/json',
      });
      expect(badJson.statusCode).toBe(400);
      expect(expectErrorShape(badJson.body).code).toBe('invalid_json');
      const text = await api.call('exporter', 'POST', '/v1/requests', 'hello', {
        'content-type': 'text/plain',
      });
      expect(text.statusCode).toBe(415);
      expectErrorShape(text.body);

      // Several problems: all reported, the first one's path on top.
      const several = await submit({ framework: DIFFUSION, request: { ...gb300(-1), destination: 7 } });
      expect(several.statusCode).toBe(400);
      const error = expectErrorShape(several.body);
      expect(error.issues).toHaveLength(2);
      expect(error.message).toMatch(
        /destination: .*; request\.items\[0\]\.quantity: |quantity: .*; request\.destination/,
      );

      expect(await requestCount()).toBe(before);

      // Other routes: negative chips, bad country, wrong type, bad date, unknown query field.
      const others: [string, string, unknown, (string | number)[]][] = [
        ['POST', '/v1/shipments', { licenseId: 'lic_x', chips: -3 }, ['chips']],
        ['POST', '/v1/shipments', { licenseId: 'lic_x', chips: '3' }, ['chips']],
        ['POST', '/v1/shipments', { licenseId: 'lic_x', chips: 3, colour: 'red' }, ['colour']],
        ['POST', '/v1/installations', { name: 'A', country: 'Atlantis', operator: 'B' }, ['country']],
        ['POST', '/v1/installations', { name: 'A', country: 'AE', operator: 'B', lat: 91 }, ['lat']],
        ['GET', '/v1/requests?stauts=approved', undefined, ['stauts']],
        ['GET', '/v1/requests?status=pending', undefined, ['status']],
      ];
      for (const [method, url, body, path] of others) {
        const res = await api.call('exporter', method as 'GET' | 'POST', url, body);
        expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
        expect(expectErrorShape(res.body).path).toEqual(path);
      }
      const regulatorCases: [string, unknown, (string | number)[]][] = [
        ['/v1/requests/req_x/decision', { decision: 'maybe' }, ['decision']],
        ['/v1/requests/req_x/decision', { decision: 'approve', validUntil: '2029-13-01' }, ['validUntil']],
        ['/v1/licenses/lic_x/status', { status: 'paused' }, ['status']],
        ['/v1/agreements', { country: 'XX', framework: DIFFUSION }, ['country']],
        ['/v1/agreements', { country: 'AE', framework: DIFFUSION, capTpp: 1.5 }, ['capTpp']],
      ];
      for (const [url, body, path] of regulatorCases) {
        const res = await api.call('regulator', 'POST', url, body);
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(expectErrorShape(res.body).path).toEqual(path);
      }
    });

    it('refuses callers without a valid key before looking at their input', async () => {
      const headerSets: Record<string, string>[] = [
        {},
        { authorization: 'Bearer cx_nope' },
        { authorization: 'Basic dXNlcjpwYXNz' },
      ];
      for (const headers of headerSets) {
        const res = await api.call(null, 'POST', '/v1/requests', { nonsense: true }, headers);
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(expectErrorShape(res.body).code).toBe('unauthenticated');
      }
    });

    it('publishes an OpenAPI 3 document listing every route, and its docs page', async () => {
      const res = await api.call(null, 'GET', '/openapi.json');
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info).toMatchObject({ title: 'chipexport API', version: expect.any(String) });
      expect(doc.components.securitySchemes.bearerAuth).toEqual(
        expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      );
      expect(doc.security).toEqual([{ bearerAuth: [] }]);
      const documented = new Set<string>();
      for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        for (const [method, operation] of Object.entries(operations)) {
          documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
          const op = operation as { responses: Record<string, { description: string }>; summary?: string };
          expect(op.summary, `${method} ${path}`).toEqual(expect.any(String));
          expect(
            Object.keys(op.responses).some((s) => s.startsWith('2')),
            `${method} ${path}`,
          ).toBe(true);
          for (const [status, response] of Object.entries(op.responses)) {
            expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
          }
        }
      }
      const served = [...registeredRoutes(api.app, '/')].filter(
        // The API docs themselves and the dashboard's routes (hidden from the document): its
        // sign-in helper, and its built files when dist/web exists (one route per file).
        (r) => !/^GET \/(docs|openapi\.json|demo\/accounts$|$|assets\/|index\.html$)/.test(r),
      );
      expect(served.length).toBeGreaterThan(20);
      expect([...documented].sort()).toEqual(served.sort());
      expect(doc.paths['/healthz'].get.security).toEqual([]);
      expect(
        doc.paths['/v1/requests'].post.requestBody.content['application/json'].schema.properties.request,
      ).toEqual({
        $ref: '#/components/schemas/ExportRequestInput',
      });
      expect(doc.components.schemas.ExportRequestInput.additionalProperties).toBe(false);
      expect(Object.keys(doc.paths['/v1/audit/checkpoint'].get.responses['200'].content)).toEqual([
        'text/plain',
      ]);
      expect(Object.keys(doc.paths['/v1/audit/checkpoint'].get.responses['401'].content)).toEqual([
        'application/json',
      ]);

      const docs = await api.call(null, 'GET', '/docs');
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-type']).toMatch(/text\/html/);
    });

    it('serves verifiable checkpoints, entries and inclusion and consistency proofs', async () => {
      const key = await api.call('auditor', 'GET', '/v1/audit/key');
      expect(key.statusCode).toBe(200);
      expect(key.headers['content-type']).toMatch(/^text\/plain/);
      expect(key.body).toBe(api.ledger.signer.verifierKey);
      expect(key.body).toMatch(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/);

      const first = await api.call('exporter', 'GET', '/v1/audit/checkpoint');
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/^text\/plain/);
      const cp1 = verifyCheckpoint(first.body, key.body, { origin: api.ledger.signer.origin });
      expect(cp1.size).toBeGreaterThan(20);

      for (const index of [0, Math.floor(cp1.size / 2), cp1.size - 1]) {
        const entry = await api.call('auditor', 'GET', `/v1/audit/entries/${index}`);
        expect(entry.statusCode).toBe(200);
        expect(entry.headers['content-type']).toBe('application/octet-stream');
        const bytes = new Uint8Array(entry.rawPayload);
        expect(JSON.parse(entry.rawPayload.toString('utf8'))).toMatchObject({ action: expect.any(String) });
        const proof = await api.call(
          'auditor',
          'GET',
          `/v1/audit/proof/inclusion?index=${index}&size=${cp1.size}`,
        );
        expect(proof.statusCode).toBe(200);
        const hashes = fromBase64(proof.json().hashes);
        expect(verifyInclusion(leafHash(bytes), index, cp1.size, hashes, cp1.rootHash)).toBe(true);
        // The proof is for this entry: altered bytes do not verify.
        const altered = new Uint8Array(bytes);
        altered[altered.length - 2] = altered[altered.length - 2]! ^ 1;
        expect(verifyInclusion(leafHash(altered), index, cp1.size, hashes, cp1.rootHash)).toBe(false);
      }

      // More entries, a second checkpoint, and a proof that the first is a prefix of it.
      const more = await api.call('exporter', 'POST', '/v1/installations', {
        name: 'Site 2',
        country: 'SA',
        operator: 'X',
      });
      expect(more.statusCode).toBe(201);
      const second = await api.call('regulator', 'GET', '/v1/audit/checkpoint');
      const cp2 = verifyCheckpoint(second.body, key.body);
      expect(cp2.size).toBeGreaterThan(cp1.size);
      const consistency = await api.call(
        'auditor',
        'GET',
        `/v1/audit/proof/consistency?from=${cp1.size}&to=${cp2.size}`,
      );
      expect(consistency.statusCode).toBe(200);
      const proof = fromBase64(consistency.json().hashes);
      expect(verifyConsistency(cp1.size, cp2.size, cp1.rootHash, cp2.rootHash, proof)).toBe(true);
      expect(verifyConsistency(cp1.size, cp2.size, cp2.rootHash, cp2.rootHash, proof)).toBe(false);

      // A proof for an older size, after the tree grew, still verifies against the old checkpoint.
      const old = await api.call('auditor', 'GET', `/v1/audit/proof/inclusion?index=1&size=${cp1.size}`);
      const entry1 = await api.call('auditor', 'GET', '/v1/audit/entries/1');
      expect(
        verifyInclusion(
          leafHash(new Uint8Array(entry1.rawPayload)),
          1,
          cp1.size,
          fromBase64(old.json().hashes),
          cp1.rootHash,
        ),
      ).toBe(true);

      const verify = await api.call('auditor', 'GET', '/v1/audit/verify');
      expect(verify.statusCode).toBe(200);
      expect(verify.json()).toMatchObject({ ok: true, firstProblem: null });
      expect(verify.json().size).toBeGreaterThanOrEqual(cp2.size);
      expect(verify.json().checkpointsChecked).toBeGreaterThanOrEqual(2);
      expect((await api.call('exporter', 'GET', '/v1/audit/verify')).statusCode).toBe(403);

      const size = cp2.size;
      const bad: [string, string][] = [
        [`/v1/audit/proof/inclusion?index=${size}&size=${size}`, 'index'],
        [`/v1/audit/proof/inclusion?index=0&size=${size + 1000}`, 'size'],
        ['/v1/audit/proof/inclusion?index=0&size=0', 'size'],
        ['/v1/audit/proof/inclusion?index=1.5&size=3', 'index'],
        ['/v1/audit/proof/inclusion?index=-1&size=3', 'index'],
        ['/v1/audit/proof/inclusion?index=0&size=abc', 'size'],
        ['/v1/audit/proof/inclusion?index=0', 'size'],
        [`/v1/audit/proof/consistency?from=${size}&to=${size - 1}`, 'from'],
        [`/v1/audit/proof/consistency?from=1&to=${size + 1000}`, 'to'],
        ['/v1/audit/proof/consistency?from=0&to=3', 'from'],
        ['/v1/audit/proof/consistency?from=1&to=2&extra=1', 'extra'],
        ['/v1/audit/entries/-1', 'index'],
        ['/v1/audit/entries/one', 'index'],
      ];
      for (const [url, field] of bad) {
        const res = await api.call('auditor', 'GET', url);
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(expectErrorShape(res.body).path).toEqual([field]);
      }
      const past = await api.call('auditor', 'GET', `/v1/audit/entries/${size + 1000}`);
      expect(past.statusCode).toBe(404);
      expect(expectErrorShape(past.body)).toMatchObject({ code: 'not_found', path: ['index'] });
    });

    it('serves checkpoints and proofs to concurrent callers while the log grows', async () => {
      const calls = Array.from({ length: 20 }, (_, i) => [
        api.call('exporter', 'POST', '/v1/installations', {
          name: `Concurrent ${i}`,
          country: 'AE',
          operator: 'X',
        }),
        api.call('auditor', 'GET', `/v1/audit/proof/inclusion?index=0&size=${2 + (i % 7)}`),
        api.call('auditor', 'GET', `/v1/audit/proof/consistency?from=${1 + (i % 3)}&to=${5 + (i % 4)}`),
        api.call('regulator', 'GET', '/v1/audit/checkpoint'),
      ]).flat();
      const results = await Promise.all(calls);
      for (const res of results) expect(res.statusCode, res.body).toBeLessThan(300);
      const key = api.ledger.signer.verifierKey;
      const notes = results.filter((r) => r.headers['content-type']?.toString().startsWith('text/plain'));
      for (const note of notes) {
        const cp = verifyCheckpoint(note.body, key);
        const leaf = await api.call('auditor', 'GET', '/v1/audit/entries/0');
        const proof = await api.call('auditor', 'GET', `/v1/audit/proof/inclusion?index=0&size=${cp.size}`);
        expect(
          verifyInclusion(
            leafHash(new Uint8Array(leaf.rawPayload)),
            0,
            cp.size,
            fromBase64(proof.json().hashes),
            cp.rootHash,
          ),
        ).toBe(true);
      }
      const verify = await api.call('regulator', 'GET', '/v1/audit/verify');
      expect(verify.json()).toMatchObject({ ok: true, firstProblem: null });
    });

    it('never lets concurrent shipments over-draw a license', async () => {
      const sub = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(1000),
      });
      const { licenseId } = (
        await api.call('regulator', 'POST', `/v1/requests/${sub.json().id}/decision`, { decision: 'approve' })
      ).json();
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.call('exporter', 'POST', '/v1/shipments', { licenseId, chips: 150 }),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 409, 409, 409, 409]);
      const license = await api.call('exporter', 'GET', `/v1/licenses/${licenseId}`);
      expect(license.json().used.chips).toBe(900);
    });
  });
}

describe('internal errors', () => {
  it('are a 500 internal_error with no detail, and /healthz says the store is down', async () => {
    const ledger = await openLedger({ dataDir: 'memory://' });
    const app = await buildServer(ledger);
    await ledger.close();
    const res = await app.inject({
      method: 'GET',
      url: '/v1/quotas',
      headers: { authorization: 'Bearer cx_x' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'internal_error', message: 'internal error; it has been logged', path: [] },
    });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json().error.code).toBe('store_unavailable');
    await app.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gb300, startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { createInstallation } from '../ledger/installations.js';
import { decideRequest } from '../ledger/licensing/index.js';
import { linkTo, seededKey, signedCheckIn } from '../ledger/monitoring/index.js';
import { submitRequest } from '../ledger/requests/index.js';
import { buildServer, type CheckInRoute } from './server.js';

const variants = await storeVariants();
const SITE = { lat: 23.68, lon: 53.7 };
const LANDMARK = {
  id: 'lm-mz',
  name: 'Madinat Zayed',
  lat: 23.7,
  lon: 53.72,
  key: seededKey('ed25519', 'lm-mz'),
};

for (const variant of variants) {
  describe.skipIf(!variant.available)(`monitoring API on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    let licenseId: string;
    let installationId: string;

    const enroll = (id: string, algorithm: 'ed25519' | 'ecdsa-p384' = 'ed25519') =>
      api.call('exporter', 'POST', '/v1/devices', {
        id,
        model: 'nvidia-gb300',
        algorithm,
        publicKey: seededKey(algorithm, id).publicKeySpki,
        licenseId,
        installationId,
      });

    async function checkIn(
      deviceId: string,
      sequence: number,
      algorithm: 'ed25519' | 'ecdsa-p384' = 'ed25519',
    ) {
      const res = await api.call('exporter', 'POST', '/v1/checkins/nonce', { deviceId });
      expect(res.statusCode).toBe(200);
      return signedCheckIn({
        deviceId,
        key: seededKey(algorithm, deviceId),
        at: SITE,
        nonce: res.json().nonce,
        sequence,
        issuedAt: Date.parse('2025-06-02T12:00:00Z'),
        landmarks: [LANDMARK],
        links: [linkTo(null, 3, Date.parse('2025-06-01T00:00:00Z'))],
      });
    }

    beforeAll(async () => {
      api = await startTestApi(variant);
      const { ctx } = api.ledger;
      installationId = (
        await createInstallation(ctx, api.principals.exporter, {
          name: 'Al Dhafra',
          country: 'AE',
          operator: 'Op',
          ...SITE,
        })
      ).id;
      const r = await submitRequest(ctx, api.principals.exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(1000),
      });
      licenseId = (await decideRequest(ctx, api.principals.regulator, r.id, { decision: 'approve' }))
        .licenseId!;
      const lm = await api.call('regulator', 'POST', '/v1/landmarks', {
        id: LANDMARK.id,
        name: LANDMARK.name,
        lat: LANDMARK.lat,
        lon: LANDMARK.lon,
        operator: 'BIS',
        publicKey: LANDMARK.key.publicKeySpki,
      });
      expect(lm.statusCode).toBe(201);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('answers bad input with 400 naming the field', async () => {
      const cases: [string, string, unknown, (string | number)[]][] = [
        [
          'POST',
          '/v1/devices',
          { id: 'd', model: 'm', algorithm: 'rsa', publicKey: 'AA==', licenseId, installationId },
          ['algorithm'],
        ],
        [
          'POST',
          '/v1/devices',
          { id: 'd 1', model: 'm', algorithm: 'ed25519', publicKey: 'AA==', licenseId, installationId },
          ['id'],
        ],
        [
          'POST',
          '/v1/devices',
          { id: 'd1', model: 'm', algorithm: 'ed25519', publicKey: 'AAAA', licenseId, installationId },
          ['publicKey'],
        ],
        [
          'POST',
          '/v1/landmarks',
          { id: 'l', name: 'n', lat: 91, lon: 0, operator: 'o', publicKey: 'AA==' },
          ['lat'],
        ],
        ['POST', '/v1/checkins', { protocol: 'chipexport-monitoring/2' }, ['deviceId']],
        ['POST', '/v1/checkins', { protocol: 'chipexport-monitoring/1', deviceId: 'd1' }, ['protocol']],
        ['POST', '/v1/checkins/nonce', { deviceId: '' }, ['deviceId']],
        ['PATCH', '/v1/monitoring/settings', { intervalMs: 1.5 }, ['intervalMs']],
        ['PATCH', '/v1/monitoring/settings', { landmarksPerCheckIn: 17 }, ['landmarksPerCheckIn']],
        ['PATCH', '/v1/monitoring/settings', { nonceKey: 'x' }, ['nonceKey']],
      ];
      // One code for every kind of bad input, whichever endpoint and whichever layer finds it
      // (the route's schema, the ledger's key import, the report's date order).
      for (const [method, url, body, path] of cases) {
        const actor = url === '/v1/landmarks' || url.startsWith('/v1/monitoring') ? 'regulator' : 'exporter';
        const res = await api.call(actor, method as 'POST', url, body);
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'invalid_input', path });
      }
      const q = await api.call('regulator', 'GET', '/v1/alerts?status=closed');
      expect(q.statusCode).toBe(400);
      expect(q.json().error).toMatchObject({ code: 'invalid_input', path: ['status'] });
      const r = await api.call('regulator', 'GET', '/v1/monitoring/report?from=2025-02-30');
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'invalid_input', path: ['from'] });
      const order = await api.call('regulator', 'GET', '/v1/monitoring/report?from=2025-03-02&to=2025-03-01');
      expect(order.statusCode).toBe(400);
      expect(order.json().error).toMatchObject({ code: 'invalid_input', path: ['from'] });
      const badKey = await api.call('regulator', 'POST', '/v1/landmarks', {
        id: 'lm-bad-key',
        name: 'n',
        lat: 1,
        lon: 1,
        operator: 'o',
        publicKey: 'AAAA',
      });
      expect(badKey.statusCode).toBe(400);
      expect(badKey.json().error).toMatchObject({ code: 'invalid_input', path: ['publicKey'] });
      const notJson = await api.call('exporter', 'POST', '/v1/checkins', 'not json', {
        'content-type': 'application/json',
      });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json().error.code).toBe('invalid_json');
    });

    it('processes a check-in in-process (200) and returns the stored outcome for a redelivery', async () => {
      expect((await enroll('api-1')).statusCode).toBe(201);
      expect((await enroll('api-p384', 'ecdsa-p384')).statusCode).toBe(201);
      const c = await checkIn('api-1', 1);
      const first = await api.call('exporter', 'POST', '/v1/checkins', c);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        accepted: true,
        verdict: 'PASS',
        duplicate: false,
        findings: [{ type: 'opaque-port', deviceId: 'api-1', localPort: 3 }],
      });
      const again = await api.call('exporter', 'POST', '/v1/checkins', c);
      expect(again.json()).toEqual({ ...first.json(), duplicate: true });
      const p = await api.call(
        'exporter',
        'POST',
        '/v1/checkins',
        await checkIn('api-p384', 1, 'ecdsa-p384'),
      );
      expect(p.json()).toMatchObject({ accepted: true, verdict: 'PASS' });
      const device = await api.call('hostGov', 'GET', '/v1/devices/api-1');
      expect(device.json().monitoring).toMatchObject({ status: 'PASS', lastSequence: 1, openAlerts: 0 });
    });

    it('moves alerts through their lifecycle and refuses illegal transitions with 422', async () => {
      expect((await enroll('api-2')).statusCode).toBe(201);
      const c = await checkIn('api-2', 1);
      const forged = await api.call('exporter', 'POST', '/v1/checkins', {
        ...c,
        signature: Buffer.alloc(64, 1).toString('base64'),
      });
      expect(forged.json()).toMatchObject({ accepted: false, problems: ['forged'] });
      const [alertId] = forged.json().alertIds as string[];
      const list = await api.call('hostGov', 'GET', '/v1/alerts?kind=forged&status=open');
      expect(list.json().alerts.map((a: { id: string }) => a.id)).toContain(alertId);
      expect((await api.call('exporter', 'POST', `/v1/alerts/${alertId}/acknowledge`, {})).statusCode).toBe(
        200,
      );
      const twice = await api.call('regulator', 'POST', `/v1/alerts/${alertId}/acknowledge`, {});
      expect(twice.statusCode).toBe(422);
      const noNote = await api.call('regulator', 'POST', `/v1/alerts/${alertId}/resolve`, {
        resolution: 'remediated',
      });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error.path).toEqual(['note']);
      const done = await api.call('regulator', 'POST', `/v1/alerts/${alertId}/resolve`, {
        resolution: 'remediated',
        note: 'key rotated',
      });
      expect(done.json()).toMatchObject({
        status: 'resolved',
        resolution: 'remediated',
        note: 'key rotated',
      });
      expect(
        (
          await api.call('regulator', 'POST', `/v1/alerts/${alertId}/resolve`, {
            resolution: 'referred',
            note: 'x',
          })
        ).statusCode,
      ).toBe(422);
      expect((await api.call('exporter', 'POST', `/v1/alerts/${alertId}/acknowledge`, {})).statusCode).toBe(
        422,
      );
    });

    it('serves the report as JSON and as CSV', async () => {
      const json = await api.call('auditor', 'GET', '/v1/monitoring/report?from=2025-06-01&to=2025-06-30');
      expect(json.statusCode).toBe(200);
      expect(json.json()).toMatchObject({ from: '2025-06-01', to: '2025-06-30', counts: { tampering: 1 } });
      const csv = await api.call(
        'regulator',
        'GET',
        '/v1/monitoring/report?from=2025-06-01&to=2025-06-30&format=csv',
      );
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'category,alertId,kind,status,organizationId,licenseId,installationId,deviceIds,openedAt,summary',
      );
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^tampering,alr_\w+,forged,resolved,/);
    });

    // After the report test: the forged check-in below opens an alert of its own.
    it('counts in-process check-ins and verification failures by kind in GET /metrics', async () => {
      expect((await enroll('api-metrics')).statusCode).toBe(201);
      const c = await checkIn('api-metrics', 1);
      await api.call('exporter', 'POST', '/v1/checkins', c);
      await api.call('exporter', 'POST', '/v1/checkins', c);
      await api.call('exporter', 'POST', '/v1/checkins', {
        ...(await checkIn('api-metrics', 2)),
        signature: Buffer.alloc(64, 7).toString('base64'),
      });
      const text = (await api.call(null, 'GET', '/metrics')).body;
      const value = (line: string) =>
        Number(
          text
            .split('\n')
            .find((l) => l.startsWith(line))
            ?.split(' ')
            .pop(),
        );
      expect(
        value('chipexport_checkins_ingested_total{path="in-process",result="accepted"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(
        value('chipexport_checkins_ingested_total{path="in-process",result="duplicate"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(
        value('chipexport_checkins_ingested_total{path="in-process",result="rejected"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(value('chipexport_checkin_verification_failures_total{kind="forged"}')).toBeGreaterThanOrEqual(
        1,
      );
    });

    it('queues check-ins (202) when the server has a check-in publisher', async () => {
      const published: { raw: unknown; route: CheckInRoute }[] = [];
      const app = await buildServer(api.ledger, {
        webRoot: null,
        checkinPublisher: {
          publish: async (raw, route) => {
            published.push({ raw, route });
            return { stream: 'CHECKINS', seq: published.length, duplicate: false };
          },
        },
      });
      try {
        expect((await enroll('api-3')).statusCode).toBe(201);
        const c = await checkIn('api-3', 1);
        const res = await app.inject({
          method: 'POST',
          url: '/v1/checkins',
          headers: { authorization: `Bearer ${api.keys.exporter}` },
          payload: c,
        });
        expect(res.statusCode).toBe(202);
        expect(res.json()).toEqual({ queued: true, stream: 'CHECKINS', seq: 1, duplicate: false });
        expect(published[0]!.route).toEqual({
          installationId,
          organizationId: api.principals.exporter.organizationId,
        });
        expect(published[0]!.raw).toEqual(c);
        // Not processed yet: the worker will.
        const device = await api.call('exporter', 'GET', '/v1/devices/api-3');
        expect(device.json().monitoring.lastSequence).toBeNull();
        // Another organization's device is refused before anything is queued.
        const foreign = await app.inject({
          method: 'POST',
          url: '/v1/checkins',
          headers: { authorization: `Bearer ${api.keys.otherExporter}` },
          payload: c,
        });
        expect(foreign.statusCode).toBe(404);
        expect(published).toHaveLength(1);
      } finally {
        await app.close();
      }
    });
  });
}

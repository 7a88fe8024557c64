/**
 * Landmark assignment end to end, with a device and landmarks written only from
 * docs/monitoring-protocol.md: their side uses node:crypto and nothing of this project (its own
 * canonical JSON, its own keys, its own round trips). Over HTTP, on both stores, with check-ins
 * judged in-process (200) and through NATS JetStream and a worker (202): the nonce assigns ≥ 3
 * landmarks; an honest check-in with their receipts PASSes; a check-in naming another assignment is
 * refused; two check-ins without receipts raise `location-unverified` (one per device); a PASS
 * closes it; two intervals without a PASS raise it on one check-in; the regulator's settings
 * change is audited and bad input is `invalid_input` naming the field.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropStreams,
  eventually,
  freshStreams,
  natsSkipReason,
  TEST_NATS_URL,
} from '../../test/support/nats.js';
import { storeVariants } from '../../test/support/stores.js';
import { buildServer } from '../api/server.js';
import { createInstallation } from '../ledger/installations.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import { decideRequest } from '../ledger/licensing/index.js';
import { createApiKey, createOrganization } from '../ledger/organizations.js';
import { authenticate } from '../ledger/principal.js';
import { submitRequest } from '../ledger/requests/index.js';
import type { StoreOptions } from '../store/store.js';
import type { StreamLayout } from './layout.js';
import { ledgerHandler } from './ledger-handler.js';
import { connectNats } from './nats.js';
import { NatsCheckInPublisher } from './publisher.js';
import { CheckInWorker, type WorkerEvent } from './worker.js';

// ---------------------------------------------------------------------------------------------
// The device and landmark side: node:crypto only, from the document.

/** RFC 8785 for the values of the protocol (ASCII strings, finite numbers, arrays, objects, null). */
function jcs(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An Ed25519 key from 32 seed bytes (RFC 8410 PKCS#8 prefix). */
function ed25519(label: string): { privateKey: KeyObject; spki: string } {
  const seed = createHash('sha256').update(`independent signer\0${label}`).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  return { privateKey, spki };
}
const signed = (key: KeyObject, text: string) =>
  sign(null, Buffer.from(text, 'utf8'), key).toString('base64');

/** Great-circle km on the mean-radius sphere. */
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** An honest round trip: fiber (c / 1.468) along a route 1.3× the great circle, 0.12 ms processing. */
const honestRtt = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  Math.round(((2 * km(a, b) * 1.3) / (299.792458 / 1.468) + 0.12) * 1000) / 1000;

const SITE = { lat: 23.68, lon: 53.7 }; // Al Dhafra, inland Abu Dhabi
const LANDMARKS = [
  { id: 'lm-madinat-zayed', name: 'Madinat Zayed', lat: 23.7, lon: 53.72 },
  { id: 'lm-abu-dhabi', name: 'Abu Dhabi', lat: 24.4667, lon: 54.3667 },
  { id: 'lm-dubai', name: 'Dubai', lat: 25.2048, lon: 55.2708 },
  { id: 'lm-riyadh', name: 'Riyadh', lat: 24.6877, lon: 46.7219 },
].map((l) => ({ ...l, key: ed25519(l.id) }));

interface Nonce {
  nonce: string;
  expiresAt: number;
  landmarks: { id: string; lat: number; lon: number }[];
  metroLandmarkId: string | null;
}

/** A check-in as a device makes it: a receipt from each landmark in `answer`, the assignment signed. */
function deviceCheckIn(
  device: { id: string; key: KeyObject },
  n: Nonce,
  sequence: number,
  issuedAt: number,
  options: { answer?: string[]; assignment?: string[] } = {},
) {
  const assignment = options.assignment ?? n.landmarks.map((l) => l.id);
  const receipts = (options.answer ?? assignment).map((id, k) => {
    const landmark = LANDMARKS.find((l) => l.id === id)!;
    const challenge = Buffer.concat([
      Buffer.from(n.nonce, 'base64'),
      createHash('sha256').update(`${id}\0${sequence}\0${k}`).digest(),
    ]).toString('base64');
    const deviceSignature = signed(
      device.key,
      jcs({
        landmarkId: id,
        nonce: challenge,
        protocol: 'chipexport-monitoring/2',
        purpose: 'landmark-challenge',
      }),
    );
    const rtt = honestRtt(SITE, landmark);
    const samples = [rtt + 0.02, rtt, rtt + 0.01];
    const body = { deviceSignature, landmarkId: id, nonce: challenge, rttMs: rtt, samples };
    return { ...body, landmarkSignature: signed(landmark.key.privateKey, jcs(body)) };
  });
  const unsigned = {
    protocol: 'chipexport-monitoring/2',
    deviceId: device.id,
    sequence,
    issuedAt,
    nonce: n.nonce,
    assignment,
    receipts,
    links: [],
  };
  return { ...unsigned, signature: signed(device.key, jcs(unsigned)) };
}

// ---------------------------------------------------------------------------------------------

const variants = await storeVariants();
const natsSkip = await natsSkipReason();
const T0 = Date.UTC(2026, 0, 5, 8);
const MINUTE = 60_000;

for (const variant of variants) {
  for (const transport of ['in-process', 'nats'] as const) {
    const skip = !variant.available || (transport === 'nats' && natsSkip !== undefined);
    describe.skipIf(skip)(
      `landmark assignment with an independent signer on ${variant.name}, ${transport} ${variant.skipReason}`,
      () => {
        const clock = { now: T0 };
        let ledger: Ledger;
        let options: StoreOptions;
        let app: FastifyInstance;
        let nc: NatsConnection | undefined;
        let layout: StreamLayout | undefined;
        let worker: CheckInWorker | undefined;
        const events: WorkerEvent[] = [];
        const keys: Record<'exporter' | 'regulator', string> = { exporter: '', regulator: '' };
        let licenseId = '';
        let installationId = '';

        const call = async (
          who: 'exporter' | 'regulator',
          method: 'GET' | 'POST' | 'PATCH',
          url: string,
          body?: unknown,
        ) =>
          app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${keys[who]}` },
            ...(body === undefined ? {} : { payload: body as object }),
          });

        beforeAll(async () => {
          options = variant.options();
          ledger = await openLedger(options, { now: () => new Date(clock.now) });
          for (const [who, role] of [
            ['exporter', 'exporter'],
            ['regulator', 'regulator'],
          ] as const) {
            await createOrganization(ledger.ctx, { name: who, role, country: 'US' });
            keys[who] = (await createApiKey(ledger.ctx, who)).key;
          }
          const exporter = await authenticate(ledger.ctx.db, keys.exporter);
          const regulator = await authenticate(ledger.ctx.db, keys.regulator);
          installationId = (
            await createInstallation(ledger.ctx, exporter, {
              name: 'Al Dhafra',
              country: 'AE',
              operator: 'Op',
              ...SITE,
            })
          ).id;
          const request = await submitRequest(ledger.ctx, exporter, {
            framework: 'us-ai-diffusion-2025',
            installationId,
            request: {
              date: '2025-06-01',
              destination: 'AE',
              items: [{ chip: 'nvidia-gb300', quantity: 1000 }],
              endUser: { name: 'G42', headquarters: 'AE' },
            },
          });
          licenseId =
            request.licenseId ??
            (await decideRequest(ledger.ctx, regulator, request.id, { decision: 'approve' })).licenseId!;
          if (transport === 'nats') {
            nc = await connectNats(TEST_NATS_URL);
            layout = await freshStreams(nc, 2);
            worker = await CheckInWorker.start(nc, {
              layout,
              batchHandler: ledgerHandler(ledger.ctx),
              backoffMs: [50],
              onEvent: (e) => events.push(e),
            });
          }
          app = await buildServer(ledger, {
            webRoot: null,
            ...(nc && layout ? { checkinPublisher: new NatsCheckInPublisher(nc, layout) } : {}),
          });
          for (const l of LANDMARKS) {
            const res = await call('regulator', 'POST', '/v1/landmarks', {
              id: l.id,
              name: l.name,
              lat: l.lat,
              lon: l.lon,
              operator: 'BIS landmark network',
              publicKey: l.key.spki,
            });
            expect(res.statusCode).toBe(201);
          }
        });

        afterAll(async () => {
          await worker?.stop();
          if (nc && layout) await dropStreams(nc, layout);
          await nc?.close();
          await app?.close();
          await ledger?.close();
          await variant.cleanup(options);
        });

        async function enroll(id: string) {
          const key = ed25519(id);
          const res = await call('exporter', 'POST', '/v1/devices', {
            id,
            model: 'nvidia-gb300',
            algorithm: 'ed25519',
            publicKey: key.spki,
            licenseId,
            installationId,
          });
          expect(res.statusCode).toBe(201);
          return { id, key: key.privateKey, sequence: 0 };
        }

        async function nonceFor(deviceId: string): Promise<Nonce> {
          clock.now += 1000;
          const res = await call('exporter', 'POST', '/v1/checkins/nonce', { deviceId });
          expect(res.statusCode).toBe(200);
          return res.json() as Nonce;
        }

        /** Sends a check-in and returns the ledger's outcome (through the worker with NATS). */
        async function send(body: ReturnType<typeof deviceCheckIn>) {
          clock.now += 500;
          const res = await call('exporter', 'POST', '/v1/checkins', body);
          if (transport === 'in-process') {
            expect(res.statusCode).toBe(200);
            return res.json() as {
              accepted: boolean;
              problems: string[];
              verdict: string | null;
              alertIds: string[];
            };
          }
          expect(res.statusCode).toBe(202);
          const match = (e: WorkerEvent) =>
            e.kind === 'processed' &&
            e.outcome.deviceId === body.deviceId &&
            e.outcome.sequence === body.sequence;
          await eventually(() => events.some(match), `check-in ${body.deviceId}#${body.sequence}`);
          const event = events.find(match)!;
          return (event as Extract<WorkerEvent, { kind: 'processed' }>).outcome as unknown as {
            accepted: boolean;
            problems: string[];
            verdict: string | null;
            alertIds: string[];
          };
        }

        async function unverifiedAlerts(deviceId: string) {
          const res = await call('regulator', 'GET', '/v1/alerts?kind=location-unverified');
          expect(res.statusCode).toBe(200);
          return (
            res.json() as {
              alerts: {
                id: string;
                status: string;
                deviceIds: string[];
                resolution: string | null;
                evidence: Record<string, unknown>;
              }[];
            }
          ).alerts.filter((a) => a.deviceIds.includes(deviceId));
        }

        it('the regulator sets the interval and k (audited); bad input names the field; exporters may not', async () => {
          const bad = await call('regulator', 'PATCH', '/v1/monitoring/settings', { landmarksPerCheckIn: 2 });
          expect(bad.statusCode).toBe(400);
          expect(bad.json().error).toMatchObject({ code: 'invalid_input', path: ['landmarksPerCheckIn'] });
          const empty = await call('regulator', 'PATCH', '/v1/monitoring/settings', {});
          expect(empty.statusCode).toBe(400);
          expect(empty.json().error.code).toBe('invalid_input');
          expect(
            (await call('exporter', 'PATCH', '/v1/monitoring/settings', { intervalMs: MINUTE })).statusCode,
          ).toBe(403);
          const ok = await call('regulator', 'PATCH', '/v1/monitoring/settings', {
            intervalMs: 10 * MINUTE,
            landmarksPerCheckIn: 3,
          });
          expect(ok.statusCode).toBe(200);
          expect(ok.json()).toMatchObject({
            intervalMs: 10 * MINUTE,
            landmarksPerCheckIn: 3,
            metroRadiusKm: 299.792,
          });
          await ledger.ctx.audit.sync(); // entries reach audit_entries once integrated
          const leaves = await ledger.ctx.db
            .selectFrom('audit_entries')
            .select('leaf')
            .orderBy('idx')
            .execute();
          const changes = leaves
            .map((r) => Buffer.from(r.leaf).toString('utf8'))
            .filter((text) => text.includes('"action":"monitoring.settings"'));
          expect(changes).toHaveLength(1);
          expect(changes[0]).toContain('"intervalMs":3600000');
          expect(changes[0]).toContain('"intervalMs":600000');
        });

        it('assigns ≥ 3 landmarks with the nonce, the metro one first; an honest check-in answering them PASSes', async () => {
          const device = await enroll('gpu-honest');
          const n = await nonceFor(device.id);
          expect(n.landmarks.length).toBeGreaterThanOrEqual(3);
          expect(n.landmarks.map((l) => l.id)).toEqual(['lm-madinat-zayed', 'lm-abu-dhabi', 'lm-dubai']);
          expect(n.metroLandmarkId).toBe('lm-madinat-zayed');
          expect(n.expiresAt).toBe(clock.now + 60_000);
          const outcome = await send(deviceCheckIn(device, n, ++device.sequence, clock.now));
          expect(outcome).toMatchObject({ accepted: true, problems: [], verdict: 'PASS' });
        });

        it('refuses a check-in that names another assignment than its nonce carried', async () => {
          const device = await enroll('gpu-reassigned');
          const n = await nonceFor(device.id);
          const far = ['lm-abu-dhabi', 'lm-dubai', 'lm-riyadh'];
          const outcome = await send(deviceCheckIn(device, n, 1, clock.now, { assignment: far }));
          expect(outcome).toMatchObject({ accepted: false, problems: ['stale-nonce'], verdict: null });
        });

        it('two check-ins without the assigned receipts raise location-unverified once; a PASS closes it', async () => {
          const device = await enroll('gpu-quiet');
          const pass = await send(
            deviceCheckIn(device, await nonceFor(device.id), ++device.sequence, clock.now),
          );
          expect(pass.verdict).toBe('PASS');

          const first = await send(
            deviceCheckIn(device, await nonceFor(device.id), ++device.sequence, clock.now, { answer: [] }),
          );
          expect(first).toMatchObject({
            accepted: true,
            problems: ['missing-receipts'],
            verdict: 'INCONCLUSIVE',
            alertIds: [],
          });
          expect(await unverifiedAlerts(device.id)).toEqual([]);
          // Still a liveness signal: the device is seen.
          const seen = (await call('regulator', 'GET', `/v1/devices/${device.id}`)).json();
          expect(seen.monitoring).toMatchObject({ status: 'INCONCLUSIVE', lastSequence: 2 });

          // The second in a row: only the far landmarks answered.
          const second = await send(
            deviceCheckIn(device, await nonceFor(device.id), ++device.sequence, clock.now, {
              answer: ['lm-abu-dhabi', 'lm-dubai'],
            }),
          );
          expect(second).toMatchObject({
            accepted: true,
            problems: ['missing-receipts'],
            verdict: 'INCONCLUSIVE',
          });
          const [open] = await unverifiedAlerts(device.id);
          expect(open).toMatchObject({ status: 'open', evidence: { checkInsWithoutPass: 2 } });
          expect(second.alertIds).toEqual([open!.id]);

          const third = await send(
            deviceCheckIn(device, await nonceFor(device.id), ++device.sequence, clock.now, { answer: [] }),
          );
          expect(third.alertIds).toEqual([open!.id]);
          expect(await unverifiedAlerts(device.id)).toHaveLength(1);

          const back = await send(
            deviceCheckIn(device, await nonceFor(device.id), ++device.sequence, clock.now),
          );
          expect(back.verdict).toBe('PASS');
          expect(await unverifiedAlerts(device.id)).toEqual([
            expect.objectContaining({ id: open!.id, status: 'resolved', resolution: 'remediated' }),
          ]);
        });

        it('raises location-unverified on one check-in after two intervals without a PASS', async () => {
          const device = await enroll('gpu-rare');
          expect((await send(deviceCheckIn(device, await nonceFor(device.id), 1, clock.now))).verdict).toBe(
            'PASS',
          );
          clock.now += 20 * MINUTE; // two 10-minute intervals
          const late = await send(
            deviceCheckIn(device, await nonceFor(device.id), 2, clock.now, { answer: [] }),
          );
          expect(late.problems).toEqual(['missing-receipts']);
          const [open] = await unverifiedAlerts(device.id);
          expect(open).toMatchObject({ status: 'open', evidence: { checkInsWithoutPass: 1 } });
        });
      },
    );
  }
}

/**
 * The stream into the ledger, on the real NATS server and both stores: redelivery made idempotent
 * by ingestCheckIn, a reused sequence number reaching the ledger as a replay, and the whole path
 * HTTP POST /v1/checkins → 202 → JetStream → worker → ledger → alert.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MonitoredInstallation, monitoredInstallation } from '../../test/support/ledger-fixture.js';
import {
  dropStreams,
  eventually,
  freshStreams,
  natsSkipReason,
  TEST_NATS_URL,
} from '../../test/support/nats.js';
import { storeVariants } from '../../test/support/stores.js';
import { buildServer } from '../api/server.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import { getDevice, ingestCheckIn, listAlerts } from '../ledger/monitoring/index.js';
import { SYSTEM } from '../ledger/principal.js';
import type { StoreOptions } from '../store/store.js';
import type { StreamLayout } from './layout.js';
import { ledgerHandler } from './ledger-handler.js';
import { connectNats } from './nats.js';
import { NatsCheckInPublisher } from './publisher.js';
import { type BatchHandler, CheckInWorker, type WorkerEvent } from './worker.js';

const skip = await natsSkipReason();
const variants = await storeVariants();
const T0 = Date.UTC(2026, 0, 5, 8);

for (const variant of variants) {
  describe.skipIf(skip !== undefined || !variant.available)(
    `check-ins through NATS into the ledger on ${variant.name} ${variant.skipReason}`,
    () => {
      let nc: NatsConnection;
      let ledger: Ledger;
      let options: StoreOptions;
      let fixture: MonitoredInstallation;
      let layout: StreamLayout | undefined;
      const clock = { now: T0 };
      const workers: CheckInWorker[] = [];

      beforeAll(async () => {
        nc = await connectNats(TEST_NATS_URL);
        options = variant.options();
        ledger = await openLedger(options, { now: () => new Date(clock.now) });
        fixture = await monitoredInstallation(ledger, clock);
      });
      afterAll(async () => {
        await nc?.close();
        await ledger?.close();
        await variant.cleanup(options);
      });
      afterEach(async () => {
        await Promise.all(workers.splice(0).map((w) => w.stop()));
        if (layout) await dropStreams(nc, layout);
        layout = undefined;
      });

      async function startWorker(batchHandler: BatchHandler, events: WorkerEvent[]) {
        const worker = await CheckInWorker.start(nc, {
          layout: layout!,
          batchHandler,
          backoffMs: [50],
          onEvent: (e) => events.push(e),
        });
        workers.push(worker);
        return worker;
      }

      const storedCheckIns = async (deviceId: string) =>
        (
          await ledger.ctx.db
            .selectFrom('checkins')
            .select('sequence')
            .where('device_id', '=', deviceId)
            .execute()
        ).length;

      it('stores a check-in once when the worker fails after the ledger committed it', async () => {
        layout = await freshStreams(nc, 2);
        await fixture.enroll('gpu-redeliver');
        const events: WorkerEvent[] = [];
        let failed = false;
        const ingest = ledgerHandler(ledger.ctx);
        await startWorker(async (items) => {
          const outcomes = await ingest(items);
          if (!failed) {
            failed = true; // committed, then the acknowledgement is lost
            throw new Error('connection reset before the acknowledgement');
          }
          return outcomes;
        }, events);
        const publisher = new NatsCheckInPublisher(nc, layout);
        await publisher.publish(await fixture.checkIn('gpu-redeliver', 1), fixture.route);
        await eventually(() => events.some((e) => e.kind === 'processed'), 'the redelivery');
        const processed = events.filter((e) => e.kind === 'processed');
        expect(processed).toHaveLength(1);
        expect(processed[0]).toMatchObject({
          deliveryCount: 2,
          outcome: { deviceId: 'gpu-redeliver', sequence: 1, duplicate: true, accepted: true },
        });
        expect(events.filter((e) => e.kind === 'retry')).toHaveLength(1);
        expect(await storedCheckIns('gpu-redeliver')).toBe(1);
        const device = await getDevice(ledger.ctx, fixture.regulator, 'gpu-redeliver');
        expect(device.monitoring).toMatchObject({ status: 'PASS', lastSequence: 1 });
      });

      it('drops a re-published check-in, and judges another one that reuses its sequence as a replay', async () => {
        layout = await freshStreams(nc, 2);
        await fixture.enroll('gpu-replay');
        const publisher = new NatsCheckInPublisher(nc, layout);
        const first = await fixture.checkIn('gpu-replay', 1);
        const reused = await fixture.checkIn('gpu-replay', 1); // fresh nonce, same sequence
        expect((await publisher.publish(first, fixture.route)).duplicate).toBe(false);
        expect((await publisher.publish(first, fixture.route)).duplicate).toBe(true);
        expect((await publisher.publish(reused, fixture.route)).duplicate).toBe(false);
        const events: WorkerEvent[] = [];
        await startWorker(ledgerHandler(ledger.ctx), events);
        await eventually(() => events.filter((e) => e.kind === 'processed').length === 2, 'both check-ins');
        const outcomes = events.flatMap((e) => (e.kind === 'processed' ? [e.outcome] : []));
        expect(outcomes[0]).toMatchObject({ sequence: 1, accepted: true, duplicate: false });
        expect(outcomes[1]).toMatchObject({ sequence: 1, accepted: false, duplicate: false });
        expect(outcomes[1]?.problems).toContain('out-of-order');
        expect(outcomes[1]?.alertIds).toHaveLength(1);
        const alerts = await listAlerts(ledger.ctx, fixture.regulator, { kind: 'replayed' });
        expect(alerts.filter((a) => a.deviceIds.includes('gpu-replay'))).toHaveLength(1);
        expect(await storedCheckIns('gpu-replay')).toBe(2);
        // Sent again outside the duplicate window (straight to the ledger): the stored outcome.
        expect(await ingestCheckIn(ledger.ctx, SYSTEM, first)).toMatchObject({
          duplicate: true,
          accepted: true,
        });
      });

      it('dead-letters a check-in from a device the ledger does not know, without retrying', async () => {
        layout = await freshStreams(nc, 1);
        await fixture.enroll('gpu-known');
        const stranger = { ...(await fixture.checkIn('gpu-known', 1)), deviceId: 'gpu-unknown' };
        const events: WorkerEvent[] = [];
        await startWorker(ledgerHandler(ledger.ctx), events);
        await new NatsCheckInPublisher(nc, layout).publish(stranger, fixture.route);
        await eventually(() => events.some((e) => e.kind === 'dead-letter'), 'the dead letter');
        expect(events).toEqual([
          expect.objectContaining({ kind: 'dead-letter', reason: 'rejected', deliveryCount: 1 }),
        ]);
      });

      describe('HTTP → NATS → worker → ledger', () => {
        let app: FastifyInstance;
        afterAll(async () => {
          await app?.close();
        });

        it('answers 202, and the worker turns a forged check-in into an alert', async () => {
          layout = await freshStreams(nc, 4);
          app = await buildServer(ledger, {
            webRoot: null,
            checkinPublisher: new NatsCheckInPublisher(nc, layout),
          });
          await fixture.enroll('gpu-http');
          const post = async (body: unknown) =>
            app.inject({
              method: 'POST',
              url: '/v1/checkins',
              headers: { authorization: `Bearer ${fixture.exporterKey}` },
              payload: body as object,
            });
          const honest = await post(await fixture.checkIn('gpu-http', 1));
          expect(honest.statusCode).toBe(202);
          expect(honest.json()).toEqual({ queued: true, stream: layout.stream, seq: 1, duplicate: false });
          const forged = await post(await fixture.checkIn('gpu-http', 2, { forge: true }));
          expect(forged.statusCode).toBe(202);
          expect(forged.json()).toMatchObject({ queued: true, seq: 2, duplicate: false });
          const bad = await post({ deviceId: 'gpu-http' });
          expect(bad.statusCode).toBe(400);

          const events: WorkerEvent[] = [];
          await startWorker(ledgerHandler(ledger.ctx), events);
          await eventually(() => events.filter((e) => e.kind === 'processed').length === 2, 'both check-ins');
          const alerts = await app.inject({
            method: 'GET',
            url: '/v1/alerts?kind=forged',
            headers: { authorization: `Bearer ${fixture.exporterKey}` },
          });
          expect(alerts.statusCode).toBe(200);
          const forgedAlerts = (
            alerts.json() as { alerts: { deviceIds: string[]; status: string }[] }
          ).alerts.filter((a) => a.deviceIds.includes('gpu-http'));
          expect(forgedAlerts).toEqual([expect.objectContaining({ status: 'open' })]);
          const device = await getDevice(ledger.ctx, fixture.regulator, 'gpu-http');
          expect(device.monitoring).toMatchObject({ lastSequence: 1 });
        });
      });
    },
  );
}

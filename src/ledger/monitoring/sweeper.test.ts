import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstallation } from '../installations.js';
import { type Ledger, openLedger } from '../ledger.js';
import { decideRequest } from '../licensing/index.js';
import { createApiKey, createOrganization } from '../organizations.js';
import { authenticate } from '../principal.js';
import { submitRequest } from '../requests/index.js';
import { seededKey, signedCheckIn } from './fleet.js';
import {
  enrollDevice,
  ingestCheckIn,
  issueCheckInNonce,
  listAlerts,
  registerLandmark,
  sweepMissing,
  sweepUnverified,
} from './index.js';
import { startMissingSweep } from './sweeper.js';

describe('the periodic missing-device sweep', () => {
  let ledger: Ledger;
  const clock = { now: Date.UTC(2026, 0, 5, 8) };
  let exporter: Awaited<ReturnType<typeof authenticate>>;
  const LANDMARK = {
    id: 'lm-mz',
    name: 'Madinat Zayed',
    lat: 23.7,
    lon: 53.72,
    key: seededKey('ed25519', 'lm-mz'),
  };

  beforeAll(async () => {
    ledger = await openLedger({ dataDir: 'memory://' }, { now: () => new Date(clock.now) });
    const ctx = ledger.ctx;
    await createOrganization(ctx, { name: 'Exporter', role: 'exporter', country: 'US' });
    await createOrganization(ctx, { name: 'BIS', role: 'regulator', country: 'US' });
    exporter = await authenticate(ctx.db, (await createApiKey(ctx, 'Exporter')).key);
    const bis = await authenticate(ctx.db, (await createApiKey(ctx, 'BIS')).key);
    const site = await createInstallation(ctx, exporter, {
      name: 'Site',
      country: 'AE',
      lat: 23.68,
      lon: 53.7,
      operator: 'Op',
    });
    const r = await submitRequest(ctx, exporter, {
      framework: 'us-ai-diffusion-2025',
      request: {
        date: '2025-06-01',
        destination: 'AE',
        items: [{ chip: 'nvidia-gb300', quantity: 1000 }],
        endUser: { name: 'G42', headquarters: 'AE' },
      },
    });
    const { licenseId } = await decideRequest(ctx, bis, r.id, { decision: 'approve' });
    for (const id of ['silent-1', 'rare-1']) {
      await enrollDevice(ctx, exporter, {
        id,
        model: 'nvidia-gb300',
        algorithm: 'ed25519',
        publicKey: seededKey('ed25519', id).publicKeySpki,
        licenseId,
        installationId: site.id,
      });
    }
    await registerLandmark(ctx, bis, {
      id: LANDMARK.id,
      name: LANDMARK.name,
      lat: LANDMARK.lat,
      lon: LANDMARK.lon,
      operator: 'BIS',
      publicKey: LANDMARK.key.publicKeySpki,
    });
  });

  async function checkIn(deviceId: string, sequence: number, answer: boolean) {
    const { nonce, landmarks } = await issueCheckInNonce(ledger.ctx, exporter, { deviceId });
    return ingestCheckIn(
      ledger.ctx,
      exporter,
      signedCheckIn({
        deviceId,
        key: seededKey('ed25519', deviceId),
        at: { lat: 23.68, lon: 53.7 },
        nonce,
        sequence,
        issuedAt: clock.now,
        landmarks: answer ? [LANDMARK] : [],
        assignment: landmarks.map((l) => l.id),
      }),
    );
  }
  afterAll(async () => {
    await ledger?.close();
  });

  it('raises missing on its own once a device has been silent two intervals, and stops cleanly', async () => {
    const errors: unknown[] = [];
    const sweeper = startMissingSweep(ledger.ctx, { everyMs: 20, onError: (e) => errors.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listAlerts(ledger.ctx, await regulator(), { kind: 'missing' })).toEqual([]);
    clock.now += 2 * 3_600_000;
    let alerts: Awaited<ReturnType<typeof listAlerts>> = [];
    for (let i = 0; i < 50 && alerts.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      alerts = await listAlerts(ledger.ctx, await regulator(), { kind: 'missing' });
    }
    await sweeper.stop();
    expect(errors).toEqual([]);
    // Both enrolled devices have been silent since enrolment, one alert each.
    expect(alerts.map((a) => a.deviceIds[0]).sort()).toEqual(['rare-1', 'silent-1']);
    expect(alerts[0]).toMatchObject({ status: 'open' });
  });

  it('raises location-unverified for a device that checks in but has had no PASS for two intervals', async () => {
    const HOUR = 3_600_000;
    expect((await checkIn('rare-1', 1, true)).verdict).toBe('PASS');
    clock.now += 1.5 * HOUR;
    const quiet = await checkIn('rare-1', 2, false);
    expect(quiet).toMatchObject({ accepted: true, problems: ['missing-receipts'], alertIds: [] });
    clock.now += 0.5 * HOUR; // two intervals since its PASS, half of one since it was seen
    await sweepMissing(ledger.ctx);
    const raised = await sweepUnverified(ledger.ctx);
    expect(raised).toHaveLength(1);
    const alerts = await listAlerts(ledger.ctx, await regulator(), { kind: 'location-unverified' });
    // The silent device is MISSING, not this: only a device still checking in is swept here.
    expect(alerts).toEqual([
      expect.objectContaining({ id: raised[0], deviceIds: ['rare-1'], status: 'open' }),
    ]);
    expect(await sweepUnverified(ledger.ctx)).toEqual([]); // one open per device
    clock.now += 1000;
    expect((await checkIn('rare-1', 3, true)).verdict).toBe('PASS');
    expect(await listAlerts(ledger.ctx, await regulator(), { kind: 'location-unverified' })).toEqual([
      expect.objectContaining({ id: raised[0], status: 'resolved', resolution: 'remediated' }),
    ]);
  });

  const regulator = async () => {
    const { key } = await createApiKey(ledger.ctx, 'BIS');
    return authenticate(ledger.ctx.db, key);
  };
});

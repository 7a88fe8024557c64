import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstallation } from '../installations.js';
import { type Ledger, openLedger } from '../ledger.js';
import { decideRequest } from '../licenses.js';
import { createApiKey, createOrganization } from '../organizations.js';
import { authenticate } from '../principal.js';
import { submitRequest } from '../requests.js';
import { seededKey } from './fleet.js';
import { enrollDevice, listAlerts } from './index.js';
import { startMissingSweep } from './sweeper.js';

describe('the periodic missing-device sweep', () => {
  let ledger: Ledger;
  const clock = { now: Date.UTC(2026, 0, 5, 8) };

  beforeAll(async () => {
    ledger = await openLedger({ dataDir: 'memory://' }, { now: () => new Date(clock.now) });
    const ctx = ledger.ctx;
    await createOrganization(ctx, { name: 'Exporter', role: 'exporter', country: 'US' });
    await createOrganization(ctx, { name: 'BIS', role: 'regulator', country: 'US' });
    const exporter = await authenticate(ctx.db, (await createApiKey(ctx, 'Exporter')).key);
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
    await enrollDevice(ctx, exporter, {
      id: 'silent-1',
      model: 'nvidia-gb300',
      algorithm: 'ed25519',
      publicKey: seededKey('ed25519', 'silent-1').publicKeySpki,
      licenseId,
      installationId: site.id,
    });
  });
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
    for (let i = 0; i < 50 && alerts.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      alerts = await listAlerts(ledger.ctx, await regulator(), { kind: 'missing' });
    }
    await sweeper.stop();
    expect(errors).toEqual([]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ deviceIds: ['silent-1'], status: 'open' });
  });

  const regulator = async () => {
    const { key } = await createApiKey(ledger.ctx, 'BIS');
    return authenticate(ledger.ctx.db, key);
  };
});

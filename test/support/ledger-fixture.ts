/**
 * A monitored installation in a ledger, for the stream tests and bench/stream.ts: an exporter and
 * a regulator (with API keys), an installation at an inland Abu Dhabi site, an active license,
 * landmarks at Madinat Zayed and Dubai, Ed25519 devices with seeded keys, and honest signed
 * check-ins on nonces the ledger issued (src/ledger/monitoring/fleet.ts makes them as a chip and
 * its landmarks would). The ledger's clock must be `clock.now`.
 */
import { createInstallation } from '../../src/ledger/installations.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { decideRequest } from '../../src/ledger/licensing/index.js';
import {
  enrollDevice,
  type FleetLandmark,
  issueCheckInNonce,
  type Position,
  registerLandmark,
  seededKey,
  signedCheckIn,
} from '../../src/ledger/monitoring/index.js';
import { createApiKey, createOrganization } from '../../src/ledger/organizations.js';
import { authenticate, type Principal } from '../../src/ledger/principal.js';
import { submitRequest } from '../../src/ledger/requests/index.js';
import type { CheckIn } from '../../src/monitoring/index.js';

/** Al Dhafra, inland Abu Dhabi: far from coasts and borders, so honest check-ins PASS. */
export const SITE: Position = { lat: 23.68, lon: 53.7 };
export const LANDMARKS: readonly FleetLandmark[] = [
  {
    id: 'lm-madinat-zayed',
    name: 'Madinat Zayed',
    lat: 23.7,
    lon: 53.72,
    key: seededKey('ed25519', 'lm-mz'),
  },
  { id: 'lm-dubai', name: 'Dubai', lat: 25.2048, lon: 55.2708, key: seededKey('ed25519', 'lm-dubai') },
];

export interface Site {
  readonly installationId: string;
  readonly licenseId: string;
  /** Where its check-ins are published. */
  readonly route: { readonly installationId: string; readonly organizationId: string };
}

export interface MonitoredInstallation extends Site {
  readonly exporter: Principal;
  readonly exporterKey: string;
  readonly regulator: Principal;
  /** Another installation of the exporter, with its own license (the first is this fixture's). */
  addSite(): Promise<Site>;
  enroll(deviceId: string, site?: Site): Promise<void>;
  /** The device's check-in `sequence` on a fresh nonce (the clock moves 1 ms); `forge` signs with another key. */
  checkIn(deviceId: string, sequence: number, options?: { forge?: boolean }): Promise<CheckIn>;
}

export async function monitoredInstallation(
  ledger: Ledger,
  clock: { now: number },
  chips = 1000,
): Promise<MonitoredInstallation> {
  const ctx = ledger.ctx;
  const principal = async (name: string, role: Principal['role'], country: string) => {
    await createOrganization(ctx, { name, role, country });
    const { key } = await createApiKey(ctx, name);
    return { principal: await authenticate(ctx.db, key), key };
  };
  const exporter = await principal('Chipmaker Inc', 'exporter', 'US');
  const regulator = await principal('BIS', 'regulator', 'US');
  let sites = 0;
  const addSite = async (): Promise<Site> => {
    sites++;
    const installationId = (
      await createInstallation(ctx, exporter.principal, {
        name: `Al Dhafra campus ${sites}`,
        country: 'AE',
        ...SITE,
        operator: 'Example AI',
      })
    ).id;
    const request = await submitRequest(ctx, exporter.principal, {
      framework: 'us-ai-diffusion-2025',
      installationId,
      request: {
        date: '2025-06-01',
        destination: 'AE',
        items: [{ chip: 'nvidia-gb300', quantity: chips }],
        endUser: { name: 'G42', headquarters: 'AE' },
      },
    });
    const licenseId =
      request.licenseId ??
      (await decideRequest(ctx, regulator.principal, request.id, { decision: 'approve' })).licenseId;
    if (!licenseId) throw new Error('the fixture license was not issued');
    return {
      installationId,
      licenseId,
      route: { installationId, organizationId: exporter.principal.organizationId },
    };
  };
  const first = await addSite();
  for (const l of LANDMARKS) {
    await registerLandmark(ctx, regulator.principal, {
      id: l.id,
      name: l.name,
      lat: l.lat,
      lon: l.lon,
      operator: 'BIS landmark network',
      publicKey: l.key.publicKeySpki,
    });
  }
  return {
    exporter: exporter.principal,
    exporterKey: exporter.key,
    regulator: regulator.principal,
    ...first,
    addSite,
    enroll: async (deviceId, site = first) => {
      await enrollDevice(ctx, exporter.principal, {
        id: deviceId,
        model: 'nvidia-gb300',
        algorithm: 'ed25519',
        publicKey: seededKey('ed25519', deviceId).publicKeySpki,
        licenseId: site.licenseId,
        installationId: site.installationId,
      });
    },
    checkIn: async (deviceId, sequence, options = {}) => {
      clock.now += 1;
      const { nonce, landmarks } = await issueCheckInNonce(ctx, exporter.principal, { deviceId });
      return signedCheckIn({
        deviceId,
        key: seededKey('ed25519', deviceId),
        at: SITE,
        nonce,
        sequence,
        issuedAt: clock.now,
        // An honest chip answers the landmarks its nonce assigned.
        landmarks: landmarks.map((a) => LANDMARKS.find((l) => l.id === a.id)!),
        assignment: landmarks.map((a) => a.id),
        ...(options.forge ? { signWith: seededKey('ed25519', 'not the chip') } : {}),
      });
    },
  };
}

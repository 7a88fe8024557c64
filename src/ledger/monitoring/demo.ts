/**
 * Monitoring in the demonstration ledger: devices enrolled at the demo installations (Ed25519 and
 * ECDSA P-384 keys from fixed seeds), landmarks at real city coordinates, and three hours of real
 * signed check-ins through ingestCheckIn, each answering the landmarks its nonce assigned — honest
 * ones, which PASS, and a few attacks, so that the dashboard and the report have alerts of every kind:
 *
 * - Humain, Riyadh: one chip is diverted to Dubai (`location`); one falls silent after its first
 *   check-in (`missing`, raised by the sweep); one keeps checking in but stops answering its
 *   assigned landmarks (`location-unverified` on its second such check-in).
 * - G42, Al Dhafra: one check-in is signed with a foreign key (`forged`) and one answers a nonce
 *   already used (`replayed`).
 * - Johor (Sedenak): an 8-chip B300 server licensed with a cluster limit of 8 is linked over
 *   InfiniBand to H100s of another authorization at the site, a 10-chip component (`cluster`).
 * - A colocation site in Jurong, Singapore, with no chips yet: the coverage report shows it cannot
 *   be verified with today's landmarks (no disk around a landmark fits inside Singapore from there).
 */
import type { CheckIn, LinkObservation, SignatureAlgorithm } from '../../monitoring/index.js';
import type { LedgerContext } from '../context.js';
import { createInstallation } from '../installations.js';
import { decideRequest } from '../licensing/index.js';
import type { Principal } from '../principal.js';
import { submitRequest } from '../requests/index.js';
import { sweepMissing, sweepUnverified } from './alerts.js';
import { ingestCheckIn } from './checkins.js';
import { enrollDevice } from './devices.js';
import { type FleetLandmark, linkTo, type Position, seededKey, signedCheckIn } from './fleet.js';
import { registerLandmark } from './landmarks.js';
import { issueCheckInNonce } from './nonces.js';

const HOUR = 3_600_000;

/** Landmarks at city coordinates (city centres; operators illustrative). */
const LANDMARKS: readonly (Omit<FleetLandmark, 'key'> & { operator: string })[] = [
  { id: 'lm-riyadh', name: 'Riyadh', lat: 24.6877, lon: 46.7219, operator: 'BIS landmark network' },
  { id: 'lm-jeddah', name: 'Jeddah', lat: 21.5433, lon: 39.1728, operator: 'BIS landmark network' },
  { id: 'lm-dubai', name: 'Dubai', lat: 25.2048, lon: 55.2708, operator: 'BIS landmark network' },
  { id: 'lm-abu-dhabi', name: 'Abu Dhabi', lat: 24.4667, lon: 54.3667, operator: 'BIS landmark network' },
  {
    id: 'lm-madinat-zayed',
    name: 'Madinat Zayed',
    lat: 23.7,
    lon: 53.72,
    operator: 'BIS landmark network',
  },
  { id: 'lm-kulai', name: 'Kulai', lat: 1.6561, lon: 103.6032, operator: 'BIS landmark network' },
  {
    id: 'lm-kuala-lumpur',
    name: 'Kuala Lumpur',
    lat: 3.139,
    lon: 101.6869,
    operator: 'BIS landmark network',
  },
  { id: 'lm-singapore', name: 'Singapore', lat: 1.3521, lon: 103.8198, operator: 'BIS landmark network' },
];

interface Site extends Position {
  readonly id: string;
}

interface DemoDevice {
  readonly id: string;
  readonly algorithm: SignatureAlgorithm;
  readonly owner: Principal;
  readonly licenseId: string;
  readonly site: Site;
  sequence: number;
  links: LinkObservation[];
}

export async function seedMonitoringDemo(
  base: LedgerContext,
  who: { nova: Principal; skyline: Principal; bis: Principal },
  sites: { humain: Site; g42: Site; johor: Site },
  licenses: { humain: string; g42: string; johorLpp: string | null },
): Promise<void> {
  const end = base.now().getTime();
  let clock = end - 3 * HOUR;
  const ctx: LedgerContext = { ...base, now: () => new Date(clock) };

  const landmarks = new Map<string, FleetLandmark>();
  for (const l of LANDMARKS) {
    const landmark = { ...l, key: seededKey('ed25519', l.id) };
    landmarks.set(l.id, landmark);
    await registerLandmark(ctx, who.bis, {
      id: l.id,
      name: l.name,
      lat: l.lat,
      lon: l.lon,
      operator: l.operator,
      publicKey: landmark.key.publicKeySpki,
    });
  }

  // The Johor server: 8 B300s licensed with a cluster limit of 8 (anti-clustering condition).
  const server = await submitRequest(ctx, who.skyline, {
    framework: 'us-investment-for-chips-2026',
    installationId: sites.johor.id,
    request: {
      id: 'SKY-2026-015',
      date: '2026-03-10',
      destination: 'MY',
      items: [{ chip: 'nvidia-b300', quantity: 8, unitPriceUsd: 45000 }],
      endUser: { name: 'Example Cloud Sdn Bhd', country: 'MY', headquarters: 'MY' },
      assurances: { exporterMonitoring: true, antiClusteringSoftware: true },
    },
  });
  const serverLicense =
    server.licenseId ??
    (
      await decideRequest(ctx, who.bis, server.id, {
        decision: 'approve',
        conditions: ['anti-clustering: the 8 chips may not be linked to any other chip'],
        clusterLimit: 8,
      })
    ).licenseId!;

  const devices: DemoDevice[] = [];
  const add = (
    prefix: string,
    count: number,
    algorithm: SignatureAlgorithm,
    owner: Principal,
    licenseId: string,
    site: Site,
  ) => {
    for (let i = 1; i <= count; i++) {
      const id = `${prefix}-${String(i).padStart(4, '0')}`;
      devices.push({ id, algorithm, owner, licenseId, site, sequence: 0, links: [] });
    }
  };
  add('hm-gb300', 4, 'ed25519', who.nova, licenses.humain, sites.humain);
  add('hm-gb300-p384', 2, 'ecdsa-p384', who.nova, licenses.humain, sites.humain);
  add('g42-gb300', 2, 'ed25519', who.skyline, licenses.g42, sites.g42);
  add('g42-gb300-p384', 1, 'ecdsa-p384', who.skyline, licenses.g42, sites.g42);
  add('jhr-b300', 6, 'ed25519', who.skyline, serverLicense, sites.johor);
  if (licenses.johorLpp) add('jhr-h100', 4, 'ecdsa-p384', who.skyline, licenses.johorLpp, sites.johor);
  for (const d of devices) {
    await enrollDevice(ctx, d.owner, {
      id: d.id,
      model: d.id.includes('b300')
        ? 'nvidia-b300'
        : d.id.includes('h100')
          ? 'nvidia-h100-sxm'
          : 'nvidia-gb300',
      algorithm: d.algorithm,
      publicKey: seededKey(d.algorithm, d.id).publicKeySpki,
      licenseId: d.licenseId,
      installationId: d.site.id,
    });
  }

  const byId = new Map(devices.map((d) => [d.id, d] as const));
  const checkIn = async (
    d: DemoDevice,
    options: { at?: Position; answer?: string[]; forge?: boolean; reuse?: CheckIn } = {},
  ) => {
    clock += 1000;
    const issued = options.reuse
      ? { nonce: options.reuse.nonce, landmarks: options.reuse.assignment.map((id) => ({ id })) }
      : await issueCheckInNonce(ctx, d.owner, { deviceId: d.id });
    const assignment = issued.landmarks.map((l) => l.id);
    d.sequence++;
    const signed = signedCheckIn({
      deviceId: d.id,
      key: seededKey(d.algorithm, d.id),
      at: options.at ?? d.site,
      nonce: issued.nonce,
      sequence: d.sequence,
      issuedAt: clock,
      // An honest chip answers every landmark its nonce assigned.
      landmarks: (options.answer ?? assignment).map((id) => landmarks.get(id)!),
      assignment,
      links: d.links,
      ...(options.forge ? { signWith: seededKey('ed25519', `${d.id} (extracted elsewhere)`) } : {}),
    });
    const outcome = await ingestCheckIn(ctx, d.owner, signed);
    if (!outcome.accepted) d.sequence--;
    return { signed, outcome };
  };

  // Round 1 (three hours ago): everyone, honest.
  for (const d of devices) await checkIn(d);

  // Johor: NVLink within the 8-GPU server, then InfiniBand from it to the H100s of the other authorization.
  const t = clock;
  const link = (a: string, b: string, port: number, kind: LinkObservation['kind']) => {
    byId.get(a)?.links.push(linkTo(b, port, t, kind));
    byId.get(b)?.links.push(linkTo(a, port, t, kind));
  };
  for (let i = 1; i < 6; i++) link(`jhr-b300-000${i}`, `jhr-b300-000${i + 1}`, i, 'nvlink');
  if (licenses.johorLpp)
    for (let i = 1; i <= 4; i++) link(`jhr-b300-0006`, `jhr-h100-000${i}`, 10 + i, 'infiniband');

  // Rounds 2 and 3 (an hour ago, and just now); the silent chip stops after round 1.
  for (const round of [2, 3]) {
    clock = end - (round === 2 ? HOUR : 5 * 60_000);
    for (const d of devices) {
      if (d.id === 'hm-gb300-0004') continue;
      if (round === 3 && d.id === 'hm-gb300-0003') {
        // Diverted: the chip now answers the Dubai landmark in a fraction of a millisecond.
        await checkIn(d, { at: { lat: 25.2048, lon: 55.2708 }, answer: ['lm-dubai', 'lm-riyadh'] });
        continue;
      }
      if (d.id === 'hm-gb300-0002') {
        // Checks in on time, signed, but no longer answers its landmarks: no location proof.
        await checkIn(d, { answer: [] });
        continue;
      }
      const { signed } = await checkIn(d);
      if (round === 3 && d.id === 'g42-gb300-0001') await checkIn(d, { forge: true });
      if (round === 3 && d.id === 'g42-gb300-0002') await checkIn(d, { reuse: signed });
    }
  }
  clock = end;
  await sweepMissing(ctx, new Date(end));
  await sweepUnverified(ctx, new Date(end));

  // A colocation site in Singapore with no chips yet, for the coverage report: Jurong is 13 km from
  // the Singapore landmark, and no disk that large around it stays inside Singapore.
  await createInstallation(ctx, who.skyline, {
    name: 'Jurong colocation (planned)',
    country: 'SG',
    lat: 1.3187,
    lon: 103.7064,
    operator: 'Example Cloud Pte Ltd',
  });
}

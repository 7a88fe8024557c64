/**
 * Fleet simulator (issue item 7): honest and attacking chips check in for three intervals through the
 * real protocol — keys, landmark receipts, canonical-JSON signatures, wire parsing — into the real
 * verifier and cluster detector, and we count what is detected.
 *
 * RTTs: great-circle distance × path stretch U(1.2, 2.0) over fiber (group index 1.468, ≈ 2/3 c),
 * there and back, plus processing ≥ the certified minimum and exponential jitter; 5 samples per
 * landmark, the landmark keeps the minimum. Each check-in answers the landmarks its nonce assigns:
 * the 3 nearest the declared site (the first in its metro area; assignment.ts).
 *
 * Attacks (10 % of devices, at least one):
 * - relay: the chip is in another country; an accomplice at the declared site relays the landmarks'
 *   challenges to it, so every path runs landmark → site → chip.
 * - relocate: the chip is in another country and answers the landmarks directly.
 * - cluster: chips are re-cabled out of other pods into a pod by InfiniBand until it is larger than
 *   the licensed limit (64, one honest pod); every device of such a component is attacked.
 * - replay: the third check-in is a copy of the first.
 * - forge: from the second interval on, check-ins are signed with a key that is not the enrolled one.
 * - silent: the chip checks in once, then stops.
 * - skip-landmarks: the chip is in another country and keeps checking in, signed and on time, but
 *   answers none of its assigned landmarks (`missing-receipts`).
 * - far-landmarks-only: the chip has been moved 100–250 km from its site, out of its metro
 *   landmark's reach, and answers only the assigned landmarks beyond the metro radius, whose disks
 *   are large enough to contain its site as well as where it is.
 *
 * An attacked device is detected when any check-in of it is rejected or SITE_INCONSISTENT, when it
 * raises `location-unverified` (two check-ins in a row without PASS), when it is MISSING at the end,
 * when it sits in a confirmed cluster alert, or when a link finding names it. Each of those on an
 * honest device is a false alarm. A single INCONCLUSIVE alone is no alarm; it is counted separately.
 */

import { type Random, seededRandom } from '../domain/random.js';
import { METRO_RADIUS_KM } from './assignment.js';
import { countryAt } from './borders.js';
import { clusterDetectorFor } from './clustering.js';
import { deviceCheckIn } from './device.js';
import {
  buildFleet,
  CITIES,
  type City,
  CLUSTER_LIMIT,
  connect,
  type Fleet,
  type SimDevice,
  type SimLandmark,
} from './fleet.js';
import { greatCircleKm } from './geo.js';
import { type CheckIn, type LinkObservation, parseCheckIn } from './protocol.js';
import { ed25519KeyPairFromSeed } from './signatures.js';
import { destination } from './sphere.js';
import { CheckInVerifier } from './verifier.js';

export const ATTACKS = [
  'none',
  'relay',
  'relocate',
  'cluster',
  'replay',
  'forge',
  'silent',
  'skip-landmarks',
  'far-landmarks-only',
] as const;
export type Attack = (typeof ATTACKS)[number];

/** The contract of `chipexport monitor simulate --json`: exactly these fields. */
export interface SimulationSummary {
  readonly attack: Attack;
  readonly attacked: number;
  readonly detected: number;
  /** detected / attacked; null when nothing was attacked. */
  readonly detection_rate: number | null;
  readonly honest: number;
  readonly false_alarms: number;
  readonly false_alarm_rate: number | null;
  /** Share of honest check-ins INCONCLUSIVE among chips with a landmark within 500 km. */
  readonly inconclusive_rate_near_landmark: number | null;
}

export interface SimulationReport {
  readonly summary: SimulationSummary;
  readonly seed: number;
  readonly devices: number;
  readonly sites: number;
  readonly landmarks: number;
  readonly checkIns: number;
  readonly verdicts: Readonly<Record<'PASS' | 'INCONCLUSIVE' | 'SITE_INCONSISTENT' | 'rejected', number>>;
  readonly alerts: number;
  readonly missing: number;
  readonly linkFindings: number;
  /** Check-ins that raised `location-unverified`. */
  readonly locationUnverified: number;
}

export interface SimulationOptions {
  readonly devices: number;
  readonly sites: number;
  readonly attack: Attack;
  readonly seed: number;
}

export const SIMULATION = {
  intervalMs: 3_600_000,
  nonceTtlMs: 60_000,
  /** Certified minimum processing time, and the real processing spread above it. */
  processingMinMs: 0.1,
  processingSpreadMs: 0.05,
  jitterMeanMs: 0.05,
  samples: 5,
  stretch: [1.2, 2.0] as const,
  /** Light in fiber: c / 1.468 (group index of standard single-mode fiber at 1550 nm). */
  fiberKmPerMs: 299.792458 / 1.468,
  rounds: 3,
  attackShare: 0.1,
  nearLandmarkKm: 500,
} as const;

const START = Date.UTC(2026, 0, 1);

interface DeviceOutcome {
  attacked: boolean;
  flagged: boolean;
  falseAlarm: boolean;
}

export function simulateFleet(options: SimulationOptions): SimulationReport {
  const { devices: deviceCount, sites: siteCount, attack, seed } = options;
  const random = seededRandom(seed);
  const { intervalMs } = SIMULATION;
  const fleet = buildFleet(deviceCount, siteCount, random, START - intervalMs);
  const attacked = chooseAttacked(fleet, attack, random);
  const truth = new Map<number, { lat: number; lon: number }>();
  if (attack === 'relay' || attack === 'relocate' || attack === 'skip-landmarks') {
    for (const index of attacked) truth.set(index, elsewhere(fleet.devices[index]!, random));
  }
  if (attack === 'far-landmarks-only') {
    for (const index of attacked) {
      const site = fleet.devices[index]!.site;
      truth.set(index, destination(site.lat, site.lon, random.uniform(0, 360), random.uniform(100, 250)));
    }
  }
  const attackerKey = ed25519KeyPairFromSeed(random.bytes(32));

  let now = START;
  const verifier = new CheckInVerifier({
    devices: fleet.directory,
    landmarks: fleet.registry,
    now: () => now,
    nonceTtlMs: SIMULATION.nonceTtlMs,
    intervalMs,
    processingMinMs: SIMULATION.processingMinMs,
    nonceKey: random.bytes(32),
  });
  const detector = clusterDetectorFor(fleet.directory, fleet.licenses);
  const outcome: DeviceOutcome[] = fleet.devices.map((d) => ({
    attacked: attacked.has(d.index),
    flagged: false,
    falseAlarm: false,
  }));
  const flag = (index: number, alarm: boolean) => {
    outcome[index]!.flagged = true;
    if (alarm) outcome[index]!.falseAlarm = true;
  };
  const verdicts = { PASS: 0, INCONCLUSIVE: 0, SITE_INCONSISTENT: 0, rejected: 0 };
  let nearHonest = 0;
  let nearHonestInconclusive = 0;
  let alerts = 0;
  let linkFindings = 0;
  let checkIns = 0;
  let locationUnverified = 0;
  const offsets = fleet.devices.map(() => random.uniform(0, intervalMs / 2));
  const order = [...fleet.devices].sort((a, b) => offsets[a.index]! - offsets[b.index]!);
  const firstCheckIns = new Map<number, CheckIn>();

  for (let round = 0; round < SIMULATION.rounds; round++) {
    for (const device of order) {
      const i = device.index;
      const isAttacked = attacked.has(i);
      if (isAttacked && attack === 'silent' && round > 0) continue;
      const t = START + round * intervalMs + Math.floor(offsets[i]!);
      now = t;
      let wire: CheckIn;
      if (isAttacked && attack === 'replay' && round === SIMULATION.rounds - 1) {
        wire = firstCheckIns.get(i)!;
      } else {
        const forged = isAttacked && attack === 'forge' && round > 0;
        const deviceId = device.enrolled.deviceId;
        const assignment = verifier.assignmentOf(deviceId).landmarks.map((l) => l.id);
        const nonce = verifier.issueNonce(deviceId);
        const answered =
          isAttacked && attack === 'skip-landmarks'
            ? []
            : isAttacked && attack === 'far-landmarks-only'
              ? assignment.filter(
                  (id) =>
                    greatCircleKm(...latLon(fleet.registry.get(id)!), ...latLon(device.site)) >
                    METRO_RADIUS_KM,
                )
              : assignment;
        wire = buildCheckIn(fleet, device, nonce, assignment, answered, round + 1, t, random, {
          location: truth.get(i),
          relayed: isAttacked && attack === 'relay',
          signingKey: forged ? attackerKey : device.key,
        });
        if (round === 0) firstCheckIns.set(i, wire);
      }
      now = t + 2_000;
      checkIns++;
      const result = verifier.verify(parseCheckIn(JSON.parse(JSON.stringify(wire))));
      if (!result.accepted) {
        verdicts.rejected++;
        flag(i, true);
        continue;
      }
      const verdict = result.location!.verdict;
      verdicts[verdict]++;
      if (verdict === 'SITE_INCONSISTENT') flag(i, true);
      if (result.locationUnverified) {
        locationUnverified++;
        flag(i, true);
      }
      if (!isAttacked && hasLandmarkWithin(fleet.landmarks, device.site, SIMULATION.nearLandmarkKm)) {
        nearHonest++;
        if (verdict === 'INCONCLUSIVE') nearHonestInconclusive++;
      }
      for (const finding of detector.observe(i, wire.sequence, wire.links)) {
        linkFindings++;
        flag(
          fleet.directory.lookup(finding.type === 'one-sided-link' ? finding.reporter : finding.deviceId)!
            .index,
          true,
        );
      }
    }
    now = START + round * intervalMs + Math.floor(0.9 * intervalMs);
    const rebuild = detector.rebuild();
    alerts += rebuild.alerts.length;
    const alerted = new Set(rebuild.alerts.map((a) => a.componentId));
    if (alerted.size > 0)
      for (const d of fleet.devices) if (alerted.has(detector.componentOf(d.index))) flag(d.index, true);
    for (const finding of rebuild.oneSided) {
      if (finding.type !== 'one-sided-link') continue;
      linkFindings++;
      // The end that did not report is the one omitting a link.
      flag(fleet.directory.lookup(finding.peer)!.index, true);
    }
  }
  const end = START + (SIMULATION.rounds - 1) * intervalMs + Math.floor(0.95 * intervalMs);
  const missing = verifier.missing(end);
  for (const deviceId of missing) flag(fleet.directory.lookup(deviceId)!.index, true);

  const attackedCount = outcome.filter((o) => o.attacked).length;
  const detected = outcome.filter((o) => o.attacked && o.flagged).length;
  const honest = outcome.length - attackedCount;
  const falseAlarms = outcome.filter((o) => !o.attacked && o.falseAlarm).length;
  return {
    summary: {
      attack,
      attacked: attackedCount,
      detected,
      detection_rate: ratio(detected, attackedCount),
      honest,
      false_alarms: falseAlarms,
      false_alarm_rate: ratio(falseAlarms, honest),
      inconclusive_rate_near_landmark: ratio(nearHonestInconclusive, nearHonest),
    },
    seed,
    devices: deviceCount,
    sites: siteCount,
    landmarks: fleet.landmarks.length,
    checkIns,
    verdicts,
    alerts,
    missing: missing.length,
    linkFindings,
    locationUnverified,
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1e6) / 1e6;
}

function chooseAttacked(fleet: Fleet, attack: Attack, random: Random): Set<number> {
  const out = new Set<number>();
  if (attack === 'none') return out;
  const wanted = Math.max(1, Math.round(fleet.devices.length * SIMULATION.attackShare));
  if (attack !== 'cluster') {
    const indices = fleet.devices.map((d) => d.index);
    while (out.size < Math.min(wanted, indices.length)) out.add(random.pick(indices));
    return out;
  }
  // Re-cable: take chips out of other pods (their links there removed) and connect them by
  // InfiniBand to a pod until it is larger than the licensed limit; repeat until enough are attacked.
  const devices = fleet.devices as SimDevice[];
  const pods = fleet.pods.map((pod) => [...pod]);
  for (let i = pods.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [pods[i], pods[j]] = [pods[j]!, pods[i]!];
  }
  while (out.size < wanted && pods.length >= 2) {
    const group = [...pods.shift()!];
    while (group.length <= CLUSTER_LIMIT && pods.length > 0) {
      const donor = pods[0]!;
      const chip = donor.pop()!;
      if (donor.length === 0) pods.shift();
      detach(devices, chip);
      connect(devices, group[random.int(group.length)]!, chip, 'infiniband');
      group.push(chip);
    }
    if (group.length > CLUSTER_LIMIT) for (const index of group) out.add(index);
  }
  if (out.size === 0) throw new Error('the cluster attack needs more devices than the licensed limit');
  return out;
}

function detach(devices: SimDevice[], chip: number): void {
  for (const link of devices[chip]!.links) {
    const peer = devices[link.peer]!;
    peer.links.splice(
      peer.links.findIndex((l) => l.peer === chip),
      1,
    );
  }
  devices[chip]!.links.length = 0;
}

/** A point in a city of another country than the device's declared site. */
function elsewhere(device: SimDevice, random: Random): { lat: number; lon: number } {
  const candidates = CITIES.filter((c: City) => c.country !== device.site.country);
  for (;;) {
    const city = random.pick(candidates);
    const point = destination(city.lat, city.lon, random.uniform(0, 360), random.uniform(0, 25));
    if (countryAt(point.lat, point.lon) !== device.site.country) return point;
  }
}

function hasLandmarkWithin(
  landmarks: readonly SimLandmark[],
  point: { lat: number; lon: number },
  km: number,
): boolean {
  return landmarks.some((l) => greatCircleKm(l.lat, l.lon, point.lat, point.lon) <= km);
}

function latLon(p: { lat: number; lon: number }): [number, number] {
  return [p.lat, p.lon];
}

function buildCheckIn(
  fleet: Fleet,
  device: SimDevice,
  nonce: string,
  assignment: readonly string[],
  answered: readonly string[],
  sequence: number,
  t: number,
  random: Random,
  behaviour: {
    location: { lat: number; lon: number } | undefined;
    relayed: boolean;
    signingKey: SimDevice['key'];
  },
): CheckIn {
  const site = device.site;
  const assigned = answered.map((id) => fleet.landmarks.find((l) => l.id === id)!);
  const chip = behaviour.location ?? site;
  const receipts = assigned.map((landmark) => {
    const stretch = () => random.uniform(SIMULATION.stretch[0], SIMULATION.stretch[1]);
    const pathKm = behaviour.relayed
      ? greatCircleKm(landmark.lat, landmark.lon, site.lat, site.lon) * stretch() +
        greatCircleKm(site.lat, site.lon, chip.lat, chip.lon) * stretch()
      : greatCircleKm(landmark.lat, landmark.lon, chip.lat, chip.lon) * stretch();
    const samples = Array.from(
      { length: SIMULATION.samples },
      () =>
        (2 * pathKm) / SIMULATION.fiberKmPerMs +
        SIMULATION.processingMinMs +
        random.uniform(0, SIMULATION.processingSpreadMs) +
        random.exponential(SIMULATION.jitterMeanMs),
    );
    return { landmark, challenge: random.bytes(32), samples };
  });
  const links: LinkObservation[] = device.links.map((link) => ({
    localPort: link.localPort,
    kind: link.kind,
    state: 'up',
    speedGbps: link.kind === 'nvswitch' ? 900 : 400,
    peerDeviceId: fleet.devices[link.peer]!.enrolled.deviceId,
    firstSeen: START - 30 * 86_400_000,
    lastSeen: t,
  }));
  // The device (never the accomplice: it has no key) answers the challenges and signs.
  return deviceCheckIn(behaviour.signingKey, {
    deviceId: device.enrolled.deviceId,
    sequence,
    issuedAt: t,
    nonce,
    assignment,
    receipts,
    links,
  });
}

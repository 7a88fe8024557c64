/**
 * Test fixtures: a landmark registry, enrolled devices with keys, a verifier on a settable clock, and
 * a function that makes a well-formed signed check-in (through the device simulator,
 * src/monitoring/device.ts). Deterministic keys (fixed seeds) except P-384.
 */

import type { CheckIn, LinkObservation } from '../../src/monitoring/index.js';
import {
  CheckInVerifier,
  deviceCheckIn,
  type EnrolledDevice,
  ed25519KeyPairFromSeed,
  generateKeyPair,
  InMemoryDeviceDirectory,
  type KeyPair,
  landmarkRegistry,
} from '../../src/monitoring/index.js';

export const T0 = Date.UTC(2026, 0, 1);
export const INTERVAL_MS = 3_600_000;
export const NONCE_TTL_MS = 60_000;
export const PROCESSING_MIN_MS = 0.1;

/** Dallas and Atlanta city centres (data/cities.json). */
export const DALLAS = { lat: 32.7935, lon: -96.7667 };
export const ATLANTA = { lat: 33.7628, lon: -84.422 };
/** A site ~9 km north of the Dallas landmark. */
export const DALLAS_SITE = { id: 'site-dallas', lat: 32.875, lon: -96.77, country: 'US' };

const seed = (n: number) => new Uint8Array(32).fill(n);

export interface TestLandmark {
  readonly id: string;
  readonly key: KeyPair;
  readonly lat: number;
  readonly lon: number;
}

export function monitoringFixture() {
  const landmarks: TestLandmark[] = [
    { id: 'lm-dallas', key: ed25519KeyPairFromSeed(seed(1)), ...DALLAS },
    { id: 'lm-atlanta', key: ed25519KeyPairFromSeed(seed(2)), ...ATLANTA },
  ];
  const registry = landmarkRegistry(
    landmarks.map((l) => ({
      id: l.id,
      lat: l.lat,
      lon: l.lon,
      operator: 'regulator',
      publicKey: l.key.publicKeySpki,
    })),
  );
  const directory = new InMemoryDeviceDirectory();
  const keys = new Map<string, KeyPair>();
  const enroll = (deviceId: string, key: KeyPair, licenseId = 'lic-1'): EnrolledDevice => {
    keys.set(deviceId, key);
    return directory.enroll(
      {
        deviceId,
        model: 'nvidia-h100-sxm',
        algorithm: key.algorithm,
        publicKey: key.publicKeySpki,
        licenseId,
        installation: DALLAS_SITE,
      },
      T0,
    );
  };
  enroll('gpu-1', ed25519KeyPairFromSeed(seed(10)));
  enroll('gpu-2', ed25519KeyPairFromSeed(seed(11)));
  enroll('gpu-p384', generateKeyPair('ecdsa-p384'));
  const clock = { now: T0 };
  const verifier = new CheckInVerifier({
    devices: directory,
    landmarks: registry,
    now: () => clock.now,
    nonceTtlMs: NONCE_TTL_MS,
    intervalMs: INTERVAL_MS,
    processingMinMs: PROCESSING_MIN_MS,
    nonceKey: seed(99),
  });

  /**
   * A signed check-in answering `nonce`. RTTs default to what an honest chip at the Dallas site would
   * measure: ~0.23 ms to the Dallas landmark (bound ~20 km), ~10.6 ms to Atlanta.
   */
  const checkIn = (
    deviceId: string,
    options: {
      nonce: string;
      sequence: number;
      rtts?: Readonly<Record<string, readonly number[]>>;
      links?: LinkObservation[];
      signWith?: KeyPair;
      /** The assignment the check-in names; by default the one its nonce was issued with. */
      assignment?: readonly string[];
    },
  ): CheckIn => {
    const rtts = options.rtts ?? { 'lm-dallas': [0.25, 0.232, 0.24], 'lm-atlanta': [10.7, 10.65] };
    return deviceCheckIn(options.signWith ?? keys.get(deviceId)!, {
      deviceId,
      sequence: options.sequence,
      issuedAt: clock.now,
      nonce: options.nonce,
      assignment: options.assignment ?? verifier.assignmentOf(deviceId).landmarks.map((l) => l.id),
      receipts: Object.entries(rtts).map(([landmarkId, samples], k) => ({
        landmark: landmarks.find((l) => l.id === landmarkId)!,
        challenge: new Uint8Array(32).fill(k + 1),
        samples,
      })),
      links: options.links ?? [],
    });
  };
  return { landmarks, registry, directory, keys, clock, verifier, checkIn };
}

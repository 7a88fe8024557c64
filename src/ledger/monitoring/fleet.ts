/**
 * Signed check-ins as real chips and landmarks would make them, for the demo ledger and the tests:
 * deterministic keys from seeds, landmark receipts with round trips computed from great-circle
 * distance at fiber speed with path stretch and processing time (as the fleet simulator does), and
 * the check-in signed by the device (the device simulator, monitoring/device.ts). Nothing here is
 * trusted by the ledger: it verifies what this makes.
 */

import { createHash } from 'node:crypto';
import type { CheckIn, LinkObservation } from '../../monitoring/index.js';
import {
  deviceCheckIn,
  ed25519KeyPairFromSeed,
  greatCircleKm,
  type KeyPair,
  p384KeyPairFromSeed,
  type SignatureAlgorithm,
} from '../../monitoring/index.js';

/** Light in fiber: c / 1.468 (group index of single-mode fiber at 1550 nm), km per ms. */
const FIBER_KM_PER_MS = 299.792458 / 1.468;
/** Route length over great-circle distance, and processing time above the certified minimum 0.1 ms. */
const PATH_STRETCH = 1.3;
const PROCESSING_MS = 0.12;

export function seededKey(algorithm: SignatureAlgorithm, label: string): KeyPair {
  const seed = createHash('sha256').update(`chipexport demo key\0${label}`).digest();
  return algorithm === 'ed25519' ? ed25519KeyPairFromSeed(seed) : p384KeyPairFromSeed(seed);
}

export interface FleetLandmark {
  readonly id: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly key: KeyPair;
}

export interface Position {
  readonly lat: number;
  readonly lon: number;
}

/** Minimum round trip from a chip at `at` to a landmark: fiber at 1.3× the great-circle path, plus processing. */
export function roundTripMs(at: Position, landmark: Position): number {
  return (
    Math.round(
      ((2 * greatCircleKm(at.lat, at.lon, landmark.lat, landmark.lon) * PATH_STRETCH) / FIBER_KM_PER_MS +
        PROCESSING_MS) *
        1000,
    ) / 1000
  );
}

/**
 * A check-in from a chip physically at `at`, answering `nonce`, with a receipt from each landmark
 * in `landmarks` (3 timed samples, the minimum kept) — an honest chip answers exactly the landmarks
 * its nonce assigned. `signWith` signs with another key (a forgery).
 */
export function signedCheckIn(options: {
  readonly deviceId: string;
  readonly key: KeyPair;
  readonly at: Position;
  readonly nonce: string;
  readonly sequence: number;
  readonly issuedAt: number;
  readonly landmarks: readonly FleetLandmark[];
  readonly links?: readonly LinkObservation[];
  readonly signWith?: KeyPair;
  /** The assignment the nonce came with (its landmark ids, in order); by default `landmarks`' ids. */
  readonly assignment?: readonly string[];
}): CheckIn {
  return deviceCheckIn(options.signWith ?? options.key, {
    deviceId: options.deviceId,
    sequence: options.sequence,
    issuedAt: options.issuedAt,
    nonce: options.nonce,
    assignment: options.assignment ?? options.landmarks.map((l) => l.id),
    receipts: options.landmarks.map((landmark, k) => {
      const rtt = roundTripMs(options.at, landmark);
      return {
        landmark,
        challenge: createHash('sha256').update(`${landmark.id}\0${options.nonce}\0${k}`).digest(),
        samples: [rtt + 0.021, rtt, rtt + 0.013],
      };
    }),
    links: options.links ?? [],
  });
}

/** A high-bandwidth link up between two devices since `since` (Unix ms). */
export function linkTo(
  peerDeviceId: string | null,
  localPort: number,
  since: number,
  kind: LinkObservation['kind'] = 'nvlink',
): LinkObservation {
  return { localPort, kind, state: 'up', speedGbps: 900, peerDeviceId, firstSeen: since, lastSeen: since };
}

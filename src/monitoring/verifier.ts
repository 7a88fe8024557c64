/**
 * Check-in verification (issue item 3; ../shared/research/chip-monitoring.md, "A check-in protocol
 * that fits", step 4): signatures, nonce freshness, monotonic sequence numbers, then the location
 * verdict from the landmark receipts, which must include every landmark the nonce assigned
 * (assignment.ts; otherwise `missing-receipts`: accepted, no location proof). Stateful but
 * storage-agnostic: the state is six numbers per device in typed arrays indexed by the directory's
 * dense device index (35 bytes per device), which a caller can snapshot; the clock is injected. The checks themselves are the pure `judgeCheckIn`,
 * which the ledger calls with the state it keeps on the device row.
 */

import type { KeyObject } from 'node:crypto';
import { InputError } from '../domain/errors.js';
import { type Assignment, assignLandmarks } from './assignment.js';
import type { DeviceDirectory, EnrolledDevice, RegisteredLandmark } from './enrollment.js';
import { type LocateResult, type LocationVerdict, locateMeasured, type PlacedMeasurement } from './geo.js';
import { NonceIssuer } from './nonces.js';
import {
  type CheckIn,
  parsedChallengeSigningBytes,
  parsedCheckInSigningBytes,
  parsedReceiptSigningBytes,
  SERVICE_NONCE_BYTES,
} from './protocol.js';
import { type SignatureAlgorithm, verifyBytes } from './signatures.js';

export type CheckInProblem =
  | 'forged' // the device signature over the check-in or over a landmark challenge does not verify
  | 'replayed' // sequence not above the last accepted one, on a nonce already used or expired: an old message
  | 'out-of-order' // sequence not above the last accepted one, on a fresh nonce: the device's counter went back
  | 'stale-nonce' // the nonce (or a receipt's nonce prefix) was not issued to this device, has expired or was used
  | 'unknown-device'
  | 'unknown-landmark'
  | 'bad-landmark-signature'
  // Not a rejection: an assigned landmark has no valid receipt. The check-in is accepted as a signed
  // liveness signal but is no location proof (verdict at best INCONCLUSIVE).
  | 'missing-receipts';

/** Problems that leave a check-in accepted (every other problem rejects it). */
export const NON_REJECTING: readonly CheckInProblem[] = ['missing-receipts'];

export interface VerificationResult {
  readonly accepted: boolean;
  readonly problems: readonly CheckInProblem[];
  /** The location verdict of an accepted check-in; null when the check-in was rejected. */
  readonly location: LocateResult | null;
  /** The enrolled device the check-in names, when there is one. */
  readonly device: EnrolledDevice | null;
  /**
   * Accepted, not PASS, and the device's second check-in in a row without PASS or its second
   * interval without one: `location-unverified` is due (closed by the next PASS).
   */
  readonly locationUnverified: boolean;
}

/** Check-ins in a row without PASS that make a device's location unverified (and intervals likewise). */
export const UNVERIFIED_AFTER = 2;

export type DeviceStatus = LocationVerdict | 'MISSING' | 'NONE';

export interface CheckInVerifierOptions {
  readonly devices: DeviceDirectory;
  readonly landmarks: ReadonlyMap<string, RegisteredLandmark>;
  /** Unix ms. */
  readonly now: () => number;
  /** How long an issued nonce may be answered. */
  readonly nonceTtlMs: number;
  /** Expected time between check-ins; silent for 2 intervals = MISSING. */
  readonly intervalMs: number;
  /** Certified minimum processing time subtracted from every RTT (never more). */
  readonly processingMinMs: number;
  /** 32 secret bytes for service nonces, shared by all verifier instances; random when omitted. */
  readonly nonceKey?: Uint8Array;
  /** Landmarks each nonce assigns (assignment.ts); DEFAULT_LANDMARKS_PER_CHECK_IN when omitted. */
  readonly landmarksPerCheckIn?: number;
}

/** k: research note, "use ≥ 3 landmarks, at least one in the site's metro area". */
export const DEFAULT_LANDMARKS_PER_CHECK_IN = 3;

const VERDICT_CODES: readonly DeviceStatus[] = ['NONE', 'PASS', 'INCONCLUSIVE', 'SITE_INCONSISTENT'];

export class CheckInVerifier {
  readonly #options: CheckInVerifierOptions;
  readonly #nonces: NonceIssuer;
  // Per device, by dense index. NaN/−1 = never.
  #lastSequence: Float64Array = new Float64Array(0);
  #lastNonceAt: Float64Array = new Float64Array(0);
  #lastSeenAt: Float64Array = new Float64Array(0);
  #lastVerdict: Uint8Array = new Uint8Array(0);
  #withoutPass: Uint16Array = new Uint16Array(0);
  #lastPassAt: Float64Array = new Float64Array(0);

  constructor(options: CheckInVerifierOptions) {
    for (const name of ['nonceTtlMs', 'intervalMs', 'processingMinMs'] as const) {
      if (!(options[name] >= 0) || !Number.isFinite(options[name])) {
        throw InputError.single('invalid_option', [name], 'must be a non-negative number');
      }
    }
    this.#options = options;
    this.#nonces = new NonceIssuer(options.nonceKey);
  }

  /**
   * A fresh single-use nonce for the device's next check-in. Nonces are derived from the device and
   * the millisecond, so two requests in the same millisecond get the same nonce; a check-in may use
   * a nonce only if it is newer than the last one used.
   */
  issueNonce(deviceId: string): string {
    const ids = this.assignmentOf(deviceId).landmarks.map((l) => l.id);
    return this.#nonces.issue(deviceId, Math.floor(this.#options.now()), ids);
  }

  /** The landmarks a nonce issued now assigns to the device (assignment.ts), nearest first. */
  assignmentOf(deviceId: string): Assignment {
    const device = this.#options.devices.lookup(deviceId);
    if (!device) {
      throw InputError.single('unknown_device', ['deviceId'], `device "${deviceId}" is not enrolled`);
    }
    return assignLandmarks(
      device.installation,
      this.#options.landmarks.values(),
      this.#options.landmarksPerCheckIn ?? DEFAULT_LANDMARKS_PER_CHECK_IN,
    );
  }

  /** Verifies a check-in as returned by `parseCheckIn` (validated; no other fields). */
  verify(checkIn: CheckIn): VerificationResult {
    const { devices, landmarks, now: clock, nonceTtlMs, processingMinMs } = this.#options;
    const device = devices.lookup(checkIn.deviceId);
    let i = -1;
    if (device) {
      this.#ensureCapacity(device.index + 1);
      i = device.index;
    }
    const state: DeviceVerifierState =
      i < 0
        ? NEVER
        : {
            lastSequence: this.#lastSequence[i]!,
            lastNonceAt: this.#lastNonceAt[i]!,
            checkInsWithoutPass: this.#withoutPass[i]!,
            lastPassAt: this.#lastPassAt[i]!,
          };
    const { result, next } = judgeCheckIn(checkIn, device, state, landmarks, {
      now: clock(),
      nonces: this.#nonces,
      nonceTtlMs,
      processingMinMs,
      intervalMs: this.#options.intervalMs,
    });
    if (next) {
      this.#lastSequence[i] = next.lastSequence;
      this.#lastNonceAt[i] = next.lastNonceAt;
      this.#lastSeenAt[i] = next.lastSeenAt;
      this.#lastVerdict[i] = VERDICT_CODES.indexOf(next.verdict);
      this.#withoutPass[i] = Math.min(next.checkInsWithoutPass, 0xffff);
      this.#lastPassAt[i] = next.lastPassAt;
    }
    return result;
  }

  /** Devices with no accepted check-in for two intervals or more (counted from enrollment if never). */
  missing(now: number = this.#options.now()): string[] {
    const { devices, intervalMs } = this.#options;
    const out: string[] = [];
    for (let i = 0; i < devices.size; i++) {
      const seen = i < this.#lastSeenAt.length ? this.#lastSeenAt[i]! : Number.NaN;
      const device = devices.at(i);
      if (!device) continue;
      const since = Number.isNaN(seen) ? device.enrolledAt : seen;
      if (now - since >= 2 * intervalMs) out.push(device.deviceId);
    }
    return out;
  }

  /** The last accepted location verdict, MISSING after two silent intervals, NONE before any check-in. */
  status(deviceId: string, now: number = this.#options.now()): DeviceStatus {
    const device = this.#options.devices.lookup(deviceId);
    if (!device)
      throw InputError.single('unknown_device', ['deviceId'], `device "${deviceId}" is not enrolled`);
    const i = device.index;
    const seen = i < this.#lastSeenAt.length ? this.#lastSeenAt[i]! : Number.NaN;
    const since = Number.isNaN(seen) ? device.enrolledAt : seen;
    if (now - since >= 2 * this.#options.intervalMs) return 'MISSING';
    return i < this.#lastVerdict.length ? VERDICT_CODES[this.#lastVerdict[i]!]! : 'NONE';
  }

  /** Bytes of per-device state held (all typed arrays), for the memory budget. */
  get stateBytes(): number {
    return (
      this.#lastSequence.byteLength +
      this.#lastNonceAt.byteLength +
      this.#lastSeenAt.byteLength +
      this.#lastVerdict.byteLength +
      this.#withoutPass.byteLength +
      this.#lastPassAt.byteLength
    );
  }

  /** Bytes of state per device slot. */
  static readonly BYTES_PER_DEVICE = 8 + 8 + 8 + 1 + 2 + 8;

  #ensureCapacity(size: number): void {
    if (size <= this.#lastSequence.length) return;
    const capacity = Math.max(size, this.#options.devices.size, 2 * this.#lastSequence.length, 1024);
    this.#lastSequence = grow(this.#lastSequence, capacity, -1);
    this.#lastNonceAt = grow(this.#lastNonceAt, capacity, -1);
    this.#lastSeenAt = grow(this.#lastSeenAt, capacity, Number.NaN);
    this.#lastPassAt = grow(this.#lastPassAt, capacity, -1);
    const verdicts = new Uint8Array(capacity);
    verdicts.set(this.#lastVerdict);
    this.#lastVerdict = verdicts;
    const withoutPass = new Uint16Array(capacity);
    withoutPass.set(this.#withoutPass);
    this.#withoutPass = withoutPass;
  }
}

/** What the verifier remembers of a device between check-ins; −1 = never. */
export interface DeviceVerifierState {
  /** The last accepted sequence number. */
  readonly lastSequence: number;
  /** Issue time (Unix ms) of the nonce the last accepted check-in answered. */
  readonly lastNonceAt: number;
  /** Accepted check-ins since the last PASS (all of them when there was none). */
  readonly checkInsWithoutPass: number;
  /** When (Unix ms) the last PASS was accepted; −1 = never (then enrolment counts). */
  readonly lastPassAt: number;
}

/** The state after an accepted check-in. */
export interface NextDeviceState extends DeviceVerifierState {
  /** Unix ms. */
  readonly lastSeenAt: number;
  readonly verdict: LocationVerdict;
}

export interface JudgeOptions {
  /** Unix ms. */
  readonly now: number;
  /** The issuer whose key made the device's nonces. */
  readonly nonces: NonceIssuer;
  readonly nonceTtlMs: number;
  readonly processingMinMs: number;
  /** Expected time between check-ins: two without a PASS make the location unverified. */
  readonly intervalMs: number;
}

/** A device that never checked in. */
export const NEVER: DeviceVerifierState = {
  lastSequence: -1,
  lastNonceAt: -1,
  checkInsWithoutPass: 0,
  lastPassAt: -1,
};

/**
 * The judgement of one check-in, pure: the same (check-in, device, state, landmarks, now, options)
 * always give the same result and next state. CheckInVerifier keeps the state in typed arrays; the
 * ledger keeps it on the device row (src/ledger/monitoring/checkins.ts). `next` is null when the
 * check-in is rejected: a rejected check-in changes nothing.
 */
export function judgeCheckIn(
  checkIn: CheckIn,
  device: EnrolledDevice | undefined,
  state: DeviceVerifierState,
  landmarks: ReadonlyMap<string, RegisteredLandmark>,
  options: JudgeOptions,
  /**
   * The outcomes of `signatureChecks(checkIn, device, landmarks)`, in its order, when the caller
   * verified them beforehand (on other threads, for a whole batch); without them they are
   * verified here. Either way the judgement is the same.
   */
  verified?: readonly boolean[],
): { readonly result: VerificationResult; readonly next: NextDeviceState | null } {
  if (!device) return { result: reject(['unknown-device'], null), next: null };
  const checks = verified ? undefined : signatureChecks(checkIn, device, landmarks);
  const ok = (k: number): boolean => {
    if (verified) return verified[k] === true;
    const check = checks![k]!;
    return verifyBytes(check.algorithm, check.publicKey, check.data, check.signature);
  };
  // The signature covers `assignment`; the nonce's MAC covers it too (nonces.ts), so the device can
  // neither drop a landmark from what it was assigned nor answer a list of its own choosing.
  if (!ok(0)) {
    return { result: reject(['forged'], device), next: null };
  }
  const { now, nonceTtlMs, processingMinMs } = options;
  const problems = new Set<CheckInProblem>();

  const nonce = decode(checkIn.nonce);
  const issuedAt = options.nonces.issuedAt(device.deviceId, nonce, checkIn.assignment);
  const fresh =
    issuedAt !== undefined && issuedAt <= now && now - issuedAt <= nonceTtlMs && issuedAt > state.lastNonceAt;
  if (!fresh) problems.add('stale-nonce');
  if (checkIn.sequence <= state.lastSequence) problems.add(fresh ? 'out-of-order' : 'replayed');

  const measurements: PlacedMeasurement[] = [];
  for (const [i, receipt] of checkIn.receipts.entries()) {
    const landmark = landmarks.get(receipt.landmarkId);
    if (!landmark) {
      problems.add('unknown-landmark');
      continue;
    }
    const receiptNonce = decode(receipt.nonce);
    if (!nonce.equals(receiptNonce.subarray(0, SERVICE_NONCE_BYTES))) {
      problems.add('stale-nonce');
      continue;
    }
    if (!ok(1 + 2 * i)) {
      problems.add('forged');
      continue;
    }
    if (!ok(2 + 2 * i)) {
      problems.add('bad-landmark-signature');
      continue;
    }
    measurements.push({
      landmarkId: landmark.id,
      lat: landmark.lat,
      lon: landmark.lon,
      rttMs: receipt.rttMs,
    });
  }
  if (problems.size > 0) return { result: reject([...problems], device), next: null };

  // Every assigned landmark must be answered. Without the metro landmark's receipt the disks are too
  // large to place the chip in a country; without any, there is no location evidence at all. Such a
  // check-in still proves the chip is alive and holds its key, so it is accepted (MISSING stays
  // away), but it is no location proof: SITE_INCONSISTENT stands (some receipt places the chip away
  // from its site), anything else is INCONCLUSIVE.
  const answered = new Set(measurements.map((m) => m.landmarkId));
  const unanswered = checkIn.assignment.filter((id) => !answered.has(id));
  let location = locateMeasured(device.installation, measurements, processingMinMs);
  if (unanswered.length > 0) {
    problems.add('missing-receipts');
    if (location.verdict === 'PASS' || location.verdict === 'INCONCLUSIVE') {
      location = { verdict: 'INCONCLUSIVE', bounds: location.bounds, reason: 'missing-receipts' };
    }
  }
  const pass = location.verdict === 'PASS';
  const checkInsWithoutPass = pass ? 0 : state.checkInsWithoutPass + 1;
  const lastPassAt = pass ? now : state.lastPassAt;
  const since = state.lastPassAt >= 0 ? state.lastPassAt : device.enrolledAt;
  const locationUnverified =
    !pass &&
    (checkInsWithoutPass >= UNVERIFIED_AFTER || now - since >= UNVERIFIED_AFTER * options.intervalMs);
  return {
    result: { accepted: true, problems: [...problems], location, device, locationUnverified },
    next: {
      lastSequence: checkIn.sequence,
      lastNonceAt: issuedAt!,
      lastSeenAt: now,
      verdict: location.verdict,
      checkInsWithoutPass,
      lastPassAt,
    },
  };
}

/** One signature to check: `signature` over `data` by `publicKey`. */
export interface SignatureCheck {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: KeyObject;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Every signature a check-in carries, in a fixed order: the device's over the check-in, then for
 * receipt i the device's over the landmark's challenge (1 + 2i) and the landmark's over the
 * receipt (2 + 2i). A receipt of a landmark not in `landmarks` gets an empty check at both places
 * (never verified: judgeCheckIn rejects it as `unknown-landmark` before asking).
 */
export function signatureChecks(
  checkIn: CheckIn,
  device: EnrolledDevice,
  landmarks: ReadonlyMap<string, RegisteredLandmark>,
): SignatureCheck[] {
  const checks: SignatureCheck[] = [
    {
      algorithm: device.algorithm,
      publicKey: device.publicKey,
      data: parsedCheckInSigningBytes(checkIn),
      signature: decode(checkIn.signature),
    },
  ];
  for (const receipt of checkIn.receipts) {
    const landmark = landmarks.get(receipt.landmarkId);
    if (!landmark) {
      checks.push(NO_CHECK, NO_CHECK);
      continue;
    }
    checks.push(
      {
        algorithm: device.algorithm,
        publicKey: device.publicKey,
        data: parsedChallengeSigningBytes(receipt.landmarkId, receipt.nonce),
        signature: decode(receipt.deviceSignature),
      },
      {
        algorithm: 'ed25519',
        publicKey: landmark.publicKey,
        data: parsedReceiptSigningBytes(receipt),
        signature: decode(receipt.landmarkSignature),
      },
    );
  }
  return checks;
}

/** A place-holder that never verifies (an empty signature has the wrong length for every algorithm). */
const NO_CHECK: SignatureCheck = {
  algorithm: 'ed25519',
  publicKey: undefined as unknown as KeyObject,
  data: new Uint8Array(0),
  signature: new Uint8Array(0),
};

function reject(problems: CheckInProblem[], device: EnrolledDevice | null): VerificationResult {
  return { accepted: false, problems, location: null, device, locationUnverified: false };
}

function grow(array: Float64Array, capacity: number, fill: number): Float64Array {
  const out = new Float64Array(capacity).fill(fill);
  out.set(array);
  return out;
}

function decode(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

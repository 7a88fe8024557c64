/**
 * A simulated chip checking in: the one builder of signed check-ins, used by the fleet simulator
 * (simulate.ts, `chipexport monitor simulate`), the demo ledger's devices
 * (ledger/monitoring/fleet.ts), the benchmarks and the tests' fixtures. What differs between them
 * is only what they measure — the round trips and the landmarks' challenge bytes — so each plans
 * its receipts and this does the protocol: for each landmark, the receipt nonce from the service's
 * nonce and the landmark's challenge, the device's answer signed with its key, the landmark's
 * signed receipt; then the check-in signed by the device (docs/monitoring-protocol.md).
 *
 * Signing with a key that is not the enrolled one makes a forgery; nothing here is trusted by the
 * verifier, which checks all of it.
 */
import {
  answerChallenge,
  type CheckIn,
  issueReceipt,
  type LinkObservation,
  receiptNonce,
  signCheckIn,
} from './protocol.js';
import type { KeyPair } from './signatures.js';

/** One timed exchange with a landmark: its challenge bytes and the round trips it measured (ms). */
export interface PlannedReceipt {
  readonly landmark: { readonly id: string; readonly key: KeyPair };
  /** The landmark's challenge (LANDMARK_CHALLENGE_BYTES), appended to the service's nonce. */
  readonly challenge: Uint8Array;
  /** Round trips in ms; the landmark keeps the minimum. */
  readonly samples: readonly number[];
}

export interface DeviceCheckIn {
  readonly deviceId: string;
  readonly sequence: number;
  readonly issuedAt: number;
  /** The service's nonce (base64) the check-in answers. */
  readonly nonce: string;
  /** The landmark ids the nonce was issued with, in order. */
  readonly assignment: readonly string[];
  /** The landmarks the device answers (an honest device: its whole assignment). */
  readonly receipts: readonly PlannedReceipt[];
  readonly links: readonly LinkObservation[];
}

/** The check-in `key` signs (the device's answers to the landmarks too): receipts in the order planned. */
export function deviceCheckIn(key: KeyPair, plan: DeviceCheckIn): CheckIn {
  const receipts = plan.receipts.map(({ landmark, challenge: bytes, samples }) => {
    const challenge = receiptNonce(plan.nonce, bytes);
    return issueReceipt(landmark, {
      nonce: challenge,
      deviceSignature: answerChallenge(key, landmark.id, challenge),
      samples,
    });
  });
  return signCheckIn(key, {
    deviceId: plan.deviceId,
    sequence: plan.sequence,
    issuedAt: plan.issuedAt,
    nonce: plan.nonce,
    assignment: [...plan.assignment],
    receipts,
    links: [...plan.links],
  });
}

/**
 * The check-in wire format (docs/monitoring-protocol.md): JSON, signed over RFC 8785 canonical JSON
 * (src/audit/canonical-json.ts), byte strings in standard base64 (RFC 4648 §4), times in Unix
 * milliseconds. Follows ../shared/research/chip-monitoring.md, "A check-in protocol that fits".
 *
 * 1. The service issues the device a fresh nonce (nonces.ts).
 * 2. Each assigned landmark challenges the device with nonce = service nonce ‖ 32 unpredictable
 *    landmark bytes; the device signs the challenge; the landmark times k exchanges, keeps the
 *    minimum and signs a receipt. The service-nonce prefix makes every receipt belong to this
 *    check-in (an old receipt cannot be replayed after the chip has moved); the landmark's bytes
 *    make the challenge unpredictable, so no accomplice can answer it before it is sent.
 * 3. The device signs the check-in: receipts, link observations, sequence number, nonce and the
 *    landmark assignment that came with the nonce (version 2: the service names the landmarks a
 *    check-in must answer, and the nonce's MAC covers that list; nonces.ts, assignment.ts).
 */
import { z } from 'zod';
import { canonicalJson } from '../audit/index.js';
import { type KeyPair, signBytes } from './signatures.js';
import { parseInput } from './zod-input.js';

/**
 * Version 2 added `assignment` to the signed check-in (and to the nonce's MAC). A version-1 check-in
 * is refused: it cannot say which landmarks it was asked to answer.
 */
export const PROTOCOL = 'chipexport-monitoring/2';
export const SERVICE_NONCE_BYTES = 32;
export const LANDMARK_CHALLENGE_BYTES = 32;
export const LINK_KINDS = ['nvlink', 'nvswitch', 'infiniband', 'roce'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** Scale-up fabrics always count toward a cluster; scale-out ones when the license says so. */
export const SCALE_OUT_KINDS: readonly LinkKind[] = ['infiniband', 'roce'];

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'must be 1–128 letters, digits or . _ : / -');
const unixMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const base64Of = (bytes: number) =>
  z
    .string()
    .length(4 * Math.ceil(bytes / 3), `must be the base64 of ${bytes} bytes`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64');
/** Ed25519 (64 bytes, 88 characters) or ECDSA P-384 r ‖ s (96 bytes, 128 characters). */
const signature = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{128})$/, 'must be a base64 signature');
const milliseconds = z.number().nonnegative().finite();

export const ReceiptSchema = z
  .strictObject({
    landmarkId: identifier,
    /** base64(service nonce ‖ landmark challenge): 64 bytes. */
    nonce: base64Of(SERVICE_NONCE_BYTES + LANDMARK_CHALLENGE_BYTES),
    /** Device signature over the challenge (challengeSigningBytes). */
    deviceSignature: signature,
    /** Minimum of `samples`. */
    rttMs: milliseconds,
    samples: z.array(milliseconds).min(1).max(64),
    /** Landmark Ed25519 signature over canonical {landmarkId, nonce, deviceSignature, rttMs, samples}. */
    landmarkSignature: signature,
  })
  .refine((r) => r.rttMs === Math.min(...r.samples), {
    message: 'rttMs must be the minimum of samples',
    path: ['rttMs'],
  });
export type Receipt = z.infer<typeof ReceiptSchema>;

export const LinkObservationSchema = z
  .strictObject({
    localPort: z.number().int().nonnegative().max(65_535),
    kind: z.enum(LINK_KINDS),
    state: z.enum(['up', 'down']),
    speedGbps: z.number().nonnegative().finite(),
    /** The enrolled device at the other end, or null when the port's peer is not known ("opaque"). */
    peerDeviceId: identifier.nullable(),
    firstSeen: unixMs,
    lastSeen: unixMs,
  })
  .refine((l) => l.firstSeen <= l.lastSeen, { message: 'must not be before firstSeen', path: ['lastSeen'] });
export type LinkObservation = z.infer<typeof LinkObservationSchema>;

/** Most landmarks one nonce assigns (the `landmarksPerCheckIn` setting is at most this). */
export const MAX_ASSIGNED_LANDMARKS = 16;

export const CheckInSchema = z.strictObject({
  protocol: z.literal(PROTOCOL, {
    error: `must be "${PROTOCOL}" (version 1 check-ins carry no landmark assignment and are no longer accepted)`,
  }),
  deviceId: identifier,
  /** Strictly increasing per device. */
  sequence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** Device clock, informational: freshness comes from the nonce. */
  issuedAt: unixMs,
  /** The service nonce this check-in answers (base64 of 32 bytes). */
  nonce: base64Of(SERVICE_NONCE_BYTES),
  /** The landmark ids the nonce assigned, in the order the service listed them (nearest first). */
  assignment: z
    .array(identifier)
    .max(MAX_ASSIGNED_LANDMARKS)
    .refine((ids) => new Set(ids).size === ids.length, 'must not list a landmark twice'),
  receipts: z.array(ReceiptSchema).max(32),
  links: z.array(LinkObservationSchema).max(512),
  /** Device signature over the canonical JSON of every other field. */
  signature,
});
export type CheckIn = z.infer<typeof CheckInSchema>;
export type UnsignedCheckIn = Omit<CheckIn, 'signature'>;

/** Validates a check-in as received (InputError naming the field). */
export function parseCheckIn(input: unknown): CheckIn {
  return parseInput(CheckInSchema, input);
}

/**
 * What the device signs for a check-in: the RFC 8785 canonical JSON of everything but `signature`
 * (src/audit/canonical-json.ts). Signers use that general serializer.
 */
export function checkInSigningBytes(checkIn: UnsignedCheckIn | CheckIn): Uint8Array {
  const { signature: _ignored, ...unsigned } = checkIn as CheckIn;
  return canonicalJson(unsigned);
}

/**
 * What the device signs when a landmark challenges it. The `purpose` member keeps a challenge
 * signature from ever being mistaken for a check-in signature made with the same key.
 */
export function challengeSigningBytes(landmarkId: string, nonce: string): Uint8Array {
  return canonicalJson({ protocol: PROTOCOL, purpose: 'landmark-challenge', landmarkId, nonce });
}

/** What the landmark signs: canonical {landmarkId, nonce, deviceSignature, rttMs, samples}. */
export function receiptSigningBytes(receipt: Omit<Receipt, 'landmarkSignature'>): Uint8Array {
  const { landmarkId, nonce, deviceSignature, rttMs, samples } = receipt;
  return canonicalJson({ landmarkId, nonce, deviceSignature, rttMs, samples });
}

/*
 * The verifier's fast path: the same canonical bytes, written out member by member in sorted order.
 * Valid only for values that passed the schemas above, where every string is printable ASCII (ids,
 * base64, enums) and every number finite, so JSON.stringify's escaping and number formatting are
 * exactly RFC 8785's. Signing uses canonicalJson and verifying uses these, so any difference would
 * fail every verification in the test suite; protocol.test.ts also compares them directly.
 */
const str = JSON.stringify;

function canonicalReceiptBody(r: Omit<Receipt, 'landmarkSignature'>): string {
  return `{"deviceSignature":${str(r.deviceSignature)},"landmarkId":${str(r.landmarkId)},"nonce":${str(r.nonce)},"rttMs":${str(r.rttMs)},"samples":${str(r.samples)}}`;
}

function canonicalLink(l: LinkObservation): string {
  return `{"firstSeen":${l.firstSeen},"kind":${str(l.kind)},"lastSeen":${l.lastSeen},"localPort":${l.localPort},"peerDeviceId":${str(l.peerDeviceId)},"speedGbps":${str(l.speedGbps)},"state":${str(l.state)}}`;
}

function canonicalReceipt(r: Receipt): string {
  return `{"deviceSignature":${str(r.deviceSignature)},"landmarkId":${str(r.landmarkId)},"landmarkSignature":${str(r.landmarkSignature)},"nonce":${str(r.nonce)},"rttMs":${str(r.rttMs)},"samples":${str(r.samples)}}`;
}

/** checkInSigningBytes for a parsed check-in (parseCheckIn output), without the general serializer. */
export function parsedCheckInSigningBytes(c: CheckIn): Buffer {
  return Buffer.from(
    `{"assignment":${str(c.assignment)},"deviceId":${str(c.deviceId)},"issuedAt":${c.issuedAt},"links":[${c.links.map(canonicalLink).join(',')}],"nonce":${str(c.nonce)},"protocol":${str(c.protocol)},"receipts":[${c.receipts.map(canonicalReceipt).join(',')}],"sequence":${c.sequence}}`,
    'latin1',
  );
}

/** receiptSigningBytes for a parsed receipt. */
export function parsedReceiptSigningBytes(r: Receipt): Buffer {
  return Buffer.from(canonicalReceiptBody(r), 'latin1');
}

/** challengeSigningBytes for a parsed receipt's landmark id and nonce. */
export function parsedChallengeSigningBytes(landmarkId: string, nonce: string): Buffer {
  return Buffer.from(
    `{"landmarkId":${str(landmarkId)},"nonce":${str(nonce)},"protocol":${str(PROTOCOL)},"purpose":"landmark-challenge"}`,
    'latin1',
  );
}

/** The challenge nonce a landmark sends: base64(service nonce ‖ its own unpredictable bytes). */
export function receiptNonce(serviceNonce: string, landmarkChallenge: Uint8Array): string {
  if (landmarkChallenge.length !== LANDMARK_CHALLENGE_BYTES) {
    throw new Error(`a landmark challenge is ${LANDMARK_CHALLENGE_BYTES} bytes`);
  }
  return Buffer.concat([Buffer.from(serviceNonce, 'base64'), landmarkChallenge]).toString('base64');
}

/** Device side: sign a landmark's challenge. */
export function answerChallenge(device: KeyPair, landmarkId: string, nonce: string): string {
  return b64(signBytes(device.algorithm, device.privateKey, challengeSigningBytes(landmarkId, nonce)));
}

/** Landmark side: the signed receipt for a timed exchange (`samples` in ms; the minimum is kept). */
export function issueReceipt(
  landmark: { readonly id: string; readonly key: KeyPair },
  exchange: { readonly nonce: string; readonly deviceSignature: string; readonly samples: readonly number[] },
): Receipt {
  const unsigned = {
    landmarkId: landmark.id,
    nonce: exchange.nonce,
    deviceSignature: exchange.deviceSignature,
    rttMs: Math.min(...exchange.samples),
    samples: [...exchange.samples],
  };
  const landmarkSignature = b64(
    signBytes(landmark.key.algorithm, landmark.key.privateKey, receiptSigningBytes(unsigned)),
  );
  return { ...unsigned, landmarkSignature };
}

/** Device side: sign a check-in. */
export function signCheckIn(device: KeyPair, unsigned: Omit<UnsignedCheckIn, 'protocol'>): CheckIn {
  const body: UnsignedCheckIn = { protocol: PROTOCOL, ...unsigned };
  return {
    ...body,
    signature: b64(signBytes(device.algorithm, device.privateKey, checkInSigningBytes(body))),
  };
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import {
  answerChallenge,
  challengeSigningBytes,
  checkInSigningBytes,
  issueReceipt,
  parseCheckIn,
  parsedChallengeSigningBytes,
  parsedCheckInSigningBytes,
  parsedReceiptSigningBytes,
  receiptNonce,
  receiptSigningBytes,
  signCheckIn,
} from './protocol.js';
import {
  ed25519KeyPairFromSeed,
  generateKeyPair,
  importPublicKey,
  SIGNATURE_BYTES,
  verifyBytes,
} from './signatures.js';

const device = ed25519KeyPairFromSeed(new Uint8Array(32).fill(10));
const landmark = { id: 'lm-dallas', key: ed25519KeyPairFromSeed(new Uint8Array(32).fill(1)) };
const serviceNonce = Buffer.alloc(32, 7).toString('base64');

function example() {
  const nonce = receiptNonce(serviceNonce, new Uint8Array(32).fill(1));
  const receipt = issueReceipt(landmark, {
    nonce,
    deviceSignature: answerChallenge(device, landmark.id, nonce),
    samples: [0.25, 0.232, 0.24],
  });
  return signCheckIn(device, {
    deviceId: 'gpu-1',
    sequence: 7,
    issuedAt: 1767225600000,
    nonce: serviceNonce,
    assignment: ['lm-dallas'],
    receipts: [receipt],
    links: [
      {
        localPort: 0,
        kind: 'nvswitch',
        state: 'up',
        speedGbps: 900,
        peerDeviceId: 'gpu-2',
        firstSeen: 1764633600000,
        lastSeen: 1767225600000,
      },
    ],
  });
}

describe('check-in wire format', () => {
  it('signs canonical JSON: key order and spacing do not matter', () => {
    const checkIn = example();
    const reordered = JSON.parse(
      JSON.stringify(Object.fromEntries(Object.entries(checkIn).reverse()), null, 2),
    );
    expect(Buffer.from(checkInSigningBytes(reordered))).toEqual(Buffer.from(checkInSigningBytes(checkIn)));
    const text = new TextDecoder().decode(checkInSigningBytes(checkIn));
    expect(
      text.startsWith(
        '{"assignment":["lm-dallas"],"deviceId":"gpu-1","issuedAt":1767225600000,"links":[{"firstSeen"',
      ),
    ).toBe(true);
    expect(text).not.toContain('"signature"');
    expect(
      verifyBytes(
        'ed25519',
        device.publicKey,
        checkInSigningBytes(checkIn),
        Buffer.from(checkIn.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('binds receipts to the service nonce and to the device signature', () => {
    const receipt = example().receipts[0]!;
    expect(Buffer.from(receipt.nonce, 'base64').subarray(0, 32)).toEqual(Buffer.from(serviceNonce, 'base64'));
    expect(receipt.rttMs).toBe(0.232);
    expect(new TextDecoder().decode(receiptSigningBytes(receipt))).toBe(
      `{"deviceSignature":"${receipt.deviceSignature}","landmarkId":"lm-dallas","nonce":"${receipt.nonce}","rttMs":0.232,"samples":[0.25,0.232,0.24]}`,
    );
    expect(
      verifyBytes(
        'ed25519',
        landmark.key.publicKey,
        receiptSigningBytes(receipt),
        Buffer.from(receipt.landmarkSignature, 'base64'),
      ),
    ).toBe(true);
    expect(new TextDecoder().decode(challengeSigningBytes('lm-dallas', receipt.nonce))).toBe(
      `{"landmarkId":"lm-dallas","nonce":"${receipt.nonce}","protocol":"chipexport-monitoring/2","purpose":"landmark-challenge"}`,
    );
  });

  it("the verifier's member-by-member serializer gives exactly the canonical bytes", () => {
    const checkIn = example();
    const odd = {
      ...checkIn,
      sequence: 2 ** 53 - 1,
      links: [
        { ...checkIn.links[0]!, speedGbps: 0.1 + 0.2, peerDeviceId: null },
        { ...checkIn.links[0]!, speedGbps: 1e21 },
      ],
      receipts: [{ ...checkIn.receipts[0]!, rttMs: 5e-324, samples: [1e-7, 5e-324, 123456789.125] }],
    };
    for (const value of [checkIn, parseCheckIn(odd)]) {
      expect(parsedCheckInSigningBytes(value).toString('latin1')).toBe(
        Buffer.from(checkInSigningBytes(value)).toString('latin1'),
      );
      const receipt = value.receipts[0]!;
      expect(parsedReceiptSigningBytes(receipt)).toEqual(Buffer.from(receiptSigningBytes(receipt)));
      expect(parsedChallengeSigningBytes(receipt.landmarkId, receipt.nonce)).toEqual(
        Buffer.from(challengeSigningBytes(receipt.landmarkId, receipt.nonce)),
      );
    }
  });

  it('parses what it signs, and names bad fields', () => {
    const checkIn = example();
    expect(parseCheckIn(JSON.parse(JSON.stringify(checkIn)))).toEqual(checkIn);
    const bad = structuredClone(checkIn) as unknown as {
      receipts: { rttMs: number }[];
      links: { kind: string }[];
    };
    bad.receipts[0]!.rttMs = 0.3;
    bad.links[0]!.kind = 'ethernet';
    let error: unknown;
    try {
      parseCheckIn(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const paths = (error as InputError).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['receipts.0.rttMs', 'links.0.kind']));
  });
});

describe('signatures', () => {
  it('makes fixed-size Ed25519 (64 B) and ECDSA P-384 r‖s (96 B) signatures', () => {
    for (const algorithm of ['ed25519', 'ecdsa-p384'] as const) {
      const key = generateKeyPair(algorithm);
      const checkIn = signCheckIn(key, { ...example(), signature: undefined } as never);
      const signature = Buffer.from(checkIn.signature, 'base64');
      expect(signature.length).toBe(SIGNATURE_BYTES[algorithm]);
      const imported = importPublicKey(algorithm, key.publicKeySpki)!;
      expect(verifyBytes(algorithm, imported, checkInSigningBytes(checkIn), signature)).toBe(true);
      signature[5]! ^= 1;
      expect(verifyBytes(algorithm, imported, checkInSigningBytes(checkIn), signature)).toBe(false);
      expect(verifyBytes(algorithm, imported, checkInSigningBytes(checkIn), signature.subarray(1))).toBe(
        false,
      );
    }
  });

  it('refuses a key of the wrong algorithm', () => {
    expect(importPublicKey('ecdsa-p384', device.publicKeySpki)).toBeUndefined();
    expect(importPublicKey('ed25519', generateKeyPair('ecdsa-p384').publicKeySpki)).toBeUndefined();
    expect(importPublicKey('ed25519', 'bm90IGEga2V5')).toBeUndefined();
  });
});

/**
 * Device and landmark signatures with node:crypto.
 *
 * - Ed25519 (RFC 8032): 64-byte signatures; landmarks always, devices that have such a key.
 * - ECDSA P-384 with SHA-384, as NVIDIA GPUs sign SPDM 1.1 measurement responses
 *   (../shared/research/chip-monitoring.md, "Device attestation"): fixed-size 96-byte r ‖ s
 *   signatures (IEEE P1363, `dsaEncoding: 'ieee-p1363'`), not variable-length DER.
 *
 * Public keys travel as base64 of their DER SubjectPublicKeyInfo (RFC 5280 §4.1; RFC 8410 for Ed25519).
 */
import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';

export type SignatureAlgorithm = 'ed25519' | 'ecdsa-p384';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['ed25519', 'ecdsa-p384'];
export const SIGNATURE_BYTES: Readonly<Record<SignatureAlgorithm, number>> = {
  ed25519: 64,
  'ecdsa-p384': 96,
};

export interface KeyPair {
  readonly algorithm: SignatureAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** base64 DER SubjectPublicKeyInfo: the form enrolled and registered. */
  readonly publicKeySpki: string;
}

export function generateKeyPair(algorithm: SignatureAlgorithm): KeyPair {
  const { privateKey, publicKey } =
    algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  return { algorithm, privateKey, publicKey, publicKeySpki: spkiBase64(publicKey) };
}

// PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410 §7): a fixed 16-byte prefix.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A deterministic Ed25519 key from a 32-byte seed (simulations and tests that must be reproducible). */
export function ed25519KeyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  return { algorithm: 'ed25519', privateKey, publicKey, publicKeySpki: spkiBase64(publicKey) };
}

/**
 * A deterministic ECDSA P-384 key from a seed (demo data that must be reproducible): the private
 * scalar is SHA-384 of the seed, which is below the group order except with probability < 2^-190.
 */
export function p384KeyPairFromSeed(seed: Uint8Array): KeyPair {
  const d = createHash('sha384').update(seed).digest();
  const ecdh = createECDH('secp384r1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 ‖ x ‖ y
  const b64u = (b: Buffer) => b.toString('base64url');
  const privateKey = createPrivateKey({
    key: { kty: 'EC', crv: 'P-384', d: b64u(d), x: b64u(point.subarray(1, 49)), y: b64u(point.subarray(49)) },
    format: 'jwk',
  });
  const publicKey = createPublicKey(privateKey);
  return { algorithm: 'ecdsa-p384', privateKey, publicKey, publicKeySpki: spkiBase64(publicKey) };
}

export function spkiBase64(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

/**
 * Reads a base64 SPKI public key and checks it is of the stated algorithm; returns undefined when it
 * is not (the caller turns that into an input error naming its field).
 */
export function importPublicKey(algorithm: SignatureAlgorithm, spki: string): KeyObject | undefined {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
  if (algorithm === 'ed25519') return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1'
    ? key
    : undefined;
}

export function signBytes(
  algorithm: SignatureAlgorithm,
  privateKey: KeyObject,
  data: Uint8Array,
): Uint8Array {
  return algorithm === 'ed25519'
    ? nodeSign(null, data, privateKey)
    : nodeSign('sha384', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
}

/** False for any signature that does not verify, including ones of the wrong length. */
export function verifyBytes(
  algorithm: SignatureAlgorithm,
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== SIGNATURE_BYTES[algorithm]) return false;
  try {
    return algorithm === 'ed25519'
      ? nodeVerify(null, data, publicKey, signature)
      : nodeVerify('sha384', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

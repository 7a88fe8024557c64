/**
 * Service nonces that need no per-nonce storage: nonce = issuedAt (8 bytes, big-endian Unix ms) ‖
 * HMAC-SHA-256(key, context ‖ deviceId ‖ 0x00 ‖ issuedAt ‖ assignment)[0..24], where assignment is
 * the landmark ids the service assigned with the nonce, each followed by 0x00 (ids never contain
 * it). The MAC binds the assignment to the nonce: any verifier instance holding the key checks that
 * the landmarks a check-in names as assigned are the ones the service assigned, storing nothing. The verifier recomputes the MAC to know
 * it issued the nonce to this device, reads its age from the first 8 bytes, and makes it single-use
 * by remembering only the issue time of the last nonce each device used (verifier.ts): a check-in
 * must answer a nonce issued after that one. 192 MAC bits cannot be guessed; the time is public.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SERVICE_NONCE_BYTES } from './protocol.js';

const TIME_BYTES = 8;
const MAC_BYTES = SERVICE_NONCE_BYTES - TIME_BYTES;
const ZERO = Buffer.alloc(1);
const CONTEXT = Buffer.from('chipexport-monitoring/2 service-nonce\0', 'utf8');

export class NonceIssuer {
  readonly #key: Buffer;

  /** `key`: 32 secret bytes shared by every verifier instance; random when omitted. */
  constructor(key: Uint8Array = randomBytes(32)) {
    if (key.length < 32) throw new Error('the nonce key must be at least 32 bytes');
    this.#key = Buffer.from(key);
  }

  /** The nonce for `deviceId` at `issuedAt` (Unix ms) with the landmarks `assignment` (ids, in order). */
  issue(deviceId: string, issuedAt: number, assignment: readonly string[]): string {
    const time = timeBytes(issuedAt);
    return Buffer.concat([time, this.#mac(deviceId, time, assignment)]).toString('base64');
  }

  /**
   * The issue time of a nonce this issuer made for `deviceId` with exactly this `assignment`, or
   * undefined if it did not (another device, another assignment, another key).
   */
  issuedAt(deviceId: string, nonce: Uint8Array, assignment: readonly string[]): number | undefined {
    if (nonce.length !== SERVICE_NONCE_BYTES) return undefined;
    const time = Buffer.from(nonce.buffer, nonce.byteOffset, TIME_BYTES);
    const mac = Buffer.from(nonce.buffer, nonce.byteOffset + TIME_BYTES, MAC_BYTES);
    if (!timingSafeEqual(mac, this.#mac(deviceId, time, assignment))) return undefined;
    return time.readUIntBE(2, 6) + time.readUInt16BE(0) * 2 ** 48;
  }

  #mac(deviceId: string, time: Buffer, assignment: readonly string[]): Buffer {
    const hmac = createHmac('sha256', this.#key)
      .update(CONTEXT)
      .update(deviceId, 'utf8')
      .update(ZERO)
      .update(time);
    for (const id of assignment) hmac.update(id, 'utf8').update(ZERO);
    return hmac.digest().subarray(0, MAC_BYTES);
  }
}

function timeBytes(ms: number): Buffer {
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new Error(`nonce time must be a whole number of ms, got ${ms}`);
  const bytes = Buffer.alloc(TIME_BYTES);
  bytes.writeUInt16BE(Math.floor(ms / 2 ** 48), 0);
  bytes.writeUIntBE(ms % 2 ** 48, 2, 6);
  return bytes;
}

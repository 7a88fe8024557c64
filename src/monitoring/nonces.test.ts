import { describe, expect, it } from 'vitest';
import { NonceIssuer } from './nonces.js';

describe('service nonces', () => {
  const issuer = new NonceIssuer(new Uint8Array(32).fill(3));
  const at = Date.UTC(2026, 0, 1, 12);

  it('round-trips the issue time for the device it was issued to', () => {
    const nonce = Buffer.from(issuer.issue('gpu-1', at), 'base64');
    expect(nonce.length).toBe(32);
    expect(issuer.issuedAt('gpu-1', nonce)).toBe(at);
  });

  it('rejects a nonce for another device, from another key, or altered', () => {
    const nonce = Buffer.from(issuer.issue('gpu-1', at), 'base64');
    expect(issuer.issuedAt('gpu-2', nonce)).toBeUndefined();
    expect(new NonceIssuer(new Uint8Array(32).fill(4)).issuedAt('gpu-1', nonce)).toBeUndefined();
    const later = Buffer.from(nonce);
    later[7]! += 1; // claim a later issue time
    expect(issuer.issuedAt('gpu-1', later)).toBeUndefined();
    expect(issuer.issuedAt('gpu-1', nonce.subarray(0, 31))).toBeUndefined();
  });
});

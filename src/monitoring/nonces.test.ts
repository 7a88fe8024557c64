import { describe, expect, it } from 'vitest';
import { NonceIssuer } from './nonces.js';

describe('service nonces', () => {
  const issuer = new NonceIssuer(new Uint8Array(32).fill(3));
  const at = Date.UTC(2026, 0, 1, 12);
  const assignment = ['lm-dallas', 'lm-atlanta', 'lm-houston'];

  it('round-trips the issue time for the device and assignment it was issued with', () => {
    const nonce = Buffer.from(issuer.issue('gpu-1', at, assignment), 'base64');
    expect(nonce.length).toBe(32);
    expect(issuer.issuedAt('gpu-1', nonce, assignment)).toBe(at);
  });

  it('rejects a nonce for another device, from another key, or altered', () => {
    const nonce = Buffer.from(issuer.issue('gpu-1', at, assignment), 'base64');
    expect(issuer.issuedAt('gpu-2', nonce, assignment)).toBeUndefined();
    expect(new NonceIssuer(new Uint8Array(32).fill(4)).issuedAt('gpu-1', nonce, assignment)).toBeUndefined();
    const later = Buffer.from(nonce);
    later[7]! += 1; // claim a later issue time
    expect(issuer.issuedAt('gpu-1', later, assignment)).toBeUndefined();
    expect(issuer.issuedAt('gpu-1', nonce.subarray(0, 31), assignment)).toBeUndefined();
  });

  it('rejects the nonce with another assignment: fewer, other, reordered or re-split landmarks', () => {
    const nonce = Buffer.from(issuer.issue('gpu-1', at, assignment), 'base64');
    expect(issuer.issuedAt('gpu-1', nonce, assignment.slice(1))).toBeUndefined();
    expect(issuer.issuedAt('gpu-1', nonce, [])).toBeUndefined();
    expect(issuer.issuedAt('gpu-1', nonce, ['lm-far-1', 'lm-far-2', 'lm-far-3'])).toBeUndefined();
    expect(issuer.issuedAt('gpu-1', nonce, [...assignment].reverse())).toBeUndefined();
    expect(issuer.issuedAt('gpu-1', nonce, ['lm-dallaslm-atlanta', 'lm-houston'])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { INTERVAL_MS, monitoringFixture, NONCE_TTL_MS, T0 } from '../../test/support/monitoring.js';
import { InputError } from '../domain/errors.js';
import { signCheckIn } from './protocol.js';
import { ed25519KeyPairFromSeed } from './signatures.js';

describe('CheckInVerifier', () => {
  it('accepts an honest check-in and gives its location verdict', () => {
    const { verifier, checkIn } = monitoringFixture();
    const result = verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 }));
    expect(result).toMatchObject({ accepted: true, problems: [] });
    expect(result.location?.verdict).toBe('PASS');
    expect(result.location?.bounds.map((b) => b.landmarkId)).toEqual(['lm-dallas', 'lm-atlanta']);
    expect(verifier.status('gpu-1')).toBe('PASS');
  });

  it('verifies ECDSA P-384 devices (96-byte r ‖ s signatures)', () => {
    const { verifier, checkIn } = monitoringFixture();
    const result = verifier.verify(
      checkIn('gpu-p384', { nonce: verifier.issueNonce('gpu-p384'), sequence: 1 }),
    );
    expect(result.accepted).toBe(true);
    expect(
      Buffer.from(
        checkIn('gpu-p384', { nonce: verifier.issueNonce('gpu-p384'), sequence: 2 }).signature,
        'base64',
      ),
    ).toHaveLength(96);
  });

  it('rejects a check-in signed by another key as forged, and changes no state', () => {
    const { verifier, checkIn } = monitoringFixture();
    const nonce = verifier.issueNonce('gpu-1');
    const forged = checkIn('gpu-1', {
      nonce,
      sequence: 1,
      signWith: ed25519KeyPairFromSeed(new Uint8Array(32).fill(66)),
    });
    expect(verifier.verify(forged)).toMatchObject({ accepted: false, problems: ['forged'], location: null });
    expect(verifier.verify(checkIn('gpu-1', { nonce, sequence: 1 })).accepted).toBe(true);
  });

  it('rejects a tampered check-in as forged', () => {
    const { verifier, checkIn } = monitoringFixture();
    const honest = checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 });
    const tampered = { ...honest, links: [], sequence: 2 };
    expect(verifier.verify(tampered).problems).toEqual(['forged']);
  });

  it('rejects the same check-in sent twice as replayed (and its nonce as used)', () => {
    const { verifier, checkIn } = monitoringFixture();
    const first = checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 });
    expect(verifier.verify(first).accepted).toBe(true);
    const again = verifier.verify(first);
    expect(again.accepted).toBe(false);
    expect(again.problems).toEqual(expect.arrayContaining(['replayed', 'stale-nonce']));
  });

  it('calls a lower sequence on a fresh nonce out-of-order (a counter that went back, or a cloned key)', () => {
    const { verifier, checkIn, clock } = monitoringFixture();
    expect(
      verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 5 })).accepted,
    ).toBe(true);
    clock.now += 1000;
    const result = verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 5 }));
    expect(result.problems).toEqual(['out-of-order']);
    expect(
      verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 6 })).accepted,
    ).toBe(true);
  });

  it('rejects an expired nonce, a nonce of another device and an older nonce than the last one used', () => {
    const { verifier, checkIn, clock } = monitoringFixture();
    const old = verifier.issueNonce('gpu-1');
    clock.now += NONCE_TTL_MS + 1;
    expect(verifier.verify(checkIn('gpu-1', { nonce: old, sequence: 1 })).problems).toEqual(['stale-nonce']);
    const others = verifier.issueNonce('gpu-2');
    expect(verifier.verify(checkIn('gpu-1', { nonce: others, sequence: 1 })).problems).toEqual([
      'stale-nonce',
    ]);
    const earlier = verifier.issueNonce('gpu-1');
    clock.now += 1000;
    const later = verifier.issueNonce('gpu-1');
    expect(verifier.verify(checkIn('gpu-1', { nonce: later, sequence: 1 })).accepted).toBe(true);
    expect(verifier.verify(checkIn('gpu-1', { nonce: earlier, sequence: 2 })).problems).toEqual([
      'stale-nonce',
    ]);
  });

  it('rejects receipts taken for another check-in (an old receipt cannot vouch for a moved chip)', () => {
    const { verifier, checkIn, keys, clock } = monitoringFixture();
    const old = checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 });
    expect(verifier.verify(old).accepted).toBe(true);
    clock.now += INTERVAL_MS;
    const fresh = checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 2 });
    // Even the device itself, signing with its own key, cannot reuse the receipts.
    const { signature: _s, protocol: _p, ...body } = { ...fresh, receipts: old.receipts };
    expect(verifier.verify(signCheckIn(keys.get('gpu-1')!, body)).problems).toEqual(['stale-nonce']);
  });

  it('rejects unknown devices and landmarks and bad landmark signatures', () => {
    const { verifier, checkIn, keys } = monitoringFixture();
    const nonce = verifier.issueNonce('gpu-1');
    const good = checkIn('gpu-1', { nonce, sequence: 1 });
    expect(verifier.verify({ ...good, deviceId: 'gpu-404' }).problems).toEqual(['unknown-device']);
    expect(() => verifier.issueNonce('gpu-404')).toThrow(InputError);
    const flipped = Buffer.from(good.receipts[0]!.landmarkSignature, 'base64');
    flipped[0]! ^= 1;
    const badLandmark = { ...good.receipts[0]!, landmarkSignature: flipped.toString('base64') };
    const unknownLandmark = { ...good.receipts[1]!, landmarkId: 'lm-nowhere' };
    const { signature: _s, protocol: _p, ...body } = { ...good, receipts: [badLandmark, unknownLandmark] };
    expect([...verifier.verify(signCheckIn(keys.get('gpu-1')!, body)).problems].sort()).toEqual([
      'bad-landmark-signature',
      'unknown-landmark',
    ]);
  });

  it('reports devices silent for two intervals as MISSING', () => {
    const { verifier, checkIn, clock } = monitoringFixture();
    clock.now = T0 + 1000;
    verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 }));
    clock.now = T0 + 2 * INTERVAL_MS - 1;
    expect(verifier.missing()).toEqual([]);
    clock.now = T0 + 2 * INTERVAL_MS;
    expect(verifier.missing()).toEqual(['gpu-2', 'gpu-p384']); // never checked in since enrolment at T0
    expect(verifier.status('gpu-1')).toBe('PASS');
    clock.now = T0 + 2 * INTERVAL_MS + 1000;
    expect(verifier.missing()).toEqual(['gpu-1', 'gpu-2', 'gpu-p384']);
    expect(verifier.status('gpu-1')).toBe('MISSING');
  });

  it('keeps 35 bytes of state per device', () => {
    const { verifier, checkIn } = monitoringFixture();
    verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 }));
    expect(verifier.stateBytes).toBe(1024 * 35);
  });
});

describe('landmark assignment', () => {
  it('assigns the nearest landmarks, the metro one first, and binds them to the nonce', () => {
    const { verifier } = monitoringFixture();
    const assignment = verifier.assignmentOf('gpu-1');
    expect(assignment.landmarks.map((l) => l.id)).toEqual(['lm-dallas', 'lm-atlanta']);
    expect(assignment.metroLandmarkId).toBe('lm-dallas');
  });

  it('accepts a check-in without the assigned receipts as liveness only: missing-receipts, INCONCLUSIVE', () => {
    const { verifier, checkIn, clock } = monitoringFixture();
    for (const rtts of [{}, { 'lm-atlanta': [10.65] }] as Record<string, number[]>[]) {
      clock.now += 1000;
      const sequence = clock.now - T0;
      const result = verifier.verify(
        checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence, rtts }),
      );
      expect(result).toMatchObject({ accepted: true, problems: ['missing-receipts'] });
      expect(result.location).toMatchObject({ verdict: 'INCONCLUSIVE', reason: 'missing-receipts' });
    }
    expect(verifier.status('gpu-1')).toBe('INCONCLUSIVE');
    expect(verifier.missing()).not.toContain('gpu-1');
  });

  it('still calls a receipt that places the chip away from its site SITE_INCONSISTENT', () => {
    const { verifier, checkIn } = monitoringFixture();
    const far = checkIn('gpu-1', {
      nonce: verifier.issueNonce('gpu-1'),
      sequence: 1,
      rtts: { 'lm-atlanta': [1] },
    });
    expect(verifier.verify(far)).toMatchObject({
      accepted: true,
      problems: ['missing-receipts'],
      location: { verdict: 'SITE_INCONSISTENT' },
    });
  });

  it('refuses a check-in that names another assignment than its nonce was issued with', () => {
    const { verifier, checkIn } = monitoringFixture();
    const nonce = verifier.issueNonce('gpu-1');
    for (const assignment of [['lm-atlanta'], [], ['lm-atlanta', 'lm-dallas']]) {
      const result = verifier.verify(
        checkIn('gpu-1', { nonce, sequence: 1, assignment, rtts: { 'lm-atlanta': [10.65] } }),
      );
      expect(result).toMatchObject({ accepted: false, problems: ['stale-nonce'] });
    }
  });

  it('raises location-unverified on the second check-in in a row without PASS; a PASS resets it', () => {
    const { verifier, checkIn, clock } = monitoringFixture();
    let sequence = 0;
    const send = (rtts?: Record<string, number[]>) => {
      clock.now += 60_000;
      sequence++;
      return verifier.verify(
        checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence, ...(rtts ? { rtts } : {}) }),
      );
    };
    expect(send({}).locationUnverified).toBe(false);
    expect(send({}).locationUnverified).toBe(true);
    expect(send({}).locationUnverified).toBe(true);
    const pass = send();
    expect(pass.location?.verdict).toBe('PASS');
    expect(pass.locationUnverified).toBe(false);
    expect(send({}).locationUnverified).toBe(false);
  });

  it('raises location-unverified when two intervals have passed without a PASS, even on one check-in', () => {
    const { verifier, checkIn, clock } = monitoringFixture();
    clock.now = T0 + 1000;
    expect(
      verifier.verify(checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 1 })).location
        ?.verdict,
    ).toBe('PASS');
    clock.now = T0 + 1000 + 2 * INTERVAL_MS - 1;
    const soon = verifier.verify(
      checkIn('gpu-1', { nonce: verifier.issueNonce('gpu-1'), sequence: 2, rtts: {} }),
    );
    expect(soon.locationUnverified).toBe(false);
    const { verifier: v2, checkIn: c2, clock: k2 } = monitoringFixture();
    k2.now = T0 + 2 * INTERVAL_MS; // never a PASS since enrolment at T0
    expect(
      v2.verify(c2('gpu-1', { nonce: v2.issueNonce('gpu-1'), sequence: 1, rtts: {} })).locationUnverified,
    ).toBe(true);
  });
});

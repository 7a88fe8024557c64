import { describe, expect, it } from 'vitest';
import { monitoringFixture } from '../../test/support/monitoring.js';
import { deviceCheckIn } from './device.js';
import { parseCheckIn } from './protocol.js';
import { ed25519KeyPairFromSeed } from './signatures.js';

/** The device simulator straight into the verifier, without the fixture's `checkIn`. */
describe('deviceCheckIn', () => {
  const plan = (f: ReturnType<typeof monitoringFixture>, deviceId: string) => {
    const assignment = f.verifier.assignmentOf(deviceId).landmarks.map((l) => l.id);
    return {
      deviceId,
      sequence: 1,
      issuedAt: f.clock.now,
      nonce: f.verifier.issueNonce(deviceId),
      assignment,
      receipts: f.landmarks.map((landmark, k) => ({
        landmark,
        challenge: new Uint8Array(32).fill(40 + k),
        samples: landmark.id === 'lm-dallas' ? [0.24, 0.231] : [10.66],
      })),
      links: [],
    };
  };

  it('makes a check-in the verifier accepts, on the wire, with one receipt per planned landmark', () => {
    const f = monitoringFixture();
    const checkIn = deviceCheckIn(f.keys.get('gpu-1')!, plan(f, 'gpu-1'));
    expect(checkIn.receipts.map((r) => [r.landmarkId, r.rttMs])).toEqual([
      ['lm-dallas', 0.231],
      ['lm-atlanta', 10.66],
    ]);
    const result = f.verifier.verify(parseCheckIn(JSON.parse(JSON.stringify(checkIn))));
    expect(result).toMatchObject({ accepted: true, problems: [] });
    expect(result.location?.verdict).toBe('PASS');
  });

  it('signed with a key that is not the enrolled one, is rejected as forged', () => {
    const f = monitoringFixture();
    const forged = deviceCheckIn(ed25519KeyPairFromSeed(new Uint8Array(32).fill(7)), plan(f, 'gpu-1'));
    expect(f.verifier.verify(forged)).toMatchObject({ accepted: false, problems: ['forged'] });
  });

  it('refuses a landmark challenge of the wrong length', () => {
    const f = monitoringFixture();
    const bad = plan(f, 'gpu-1');
    expect(() =>
      deviceCheckIn(f.keys.get('gpu-1')!, {
        ...bad,
        receipts: [{ ...bad.receipts[0]!, challenge: new Uint8Array(31) }],
      }),
    ).toThrow(/landmark challenge is 32 bytes/);
  });
});

import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monitoringFixture, T0 } from '../../test/support/monitoring.js';
import { parseCheckIn } from './protocol.js';

const doc = readFileSync(new URL('../../docs/monitoring-protocol.md', import.meta.url), 'utf8');
const afterMarker = doc.split('<!-- example-check-in -->')[1]!;
const example = JSON.parse(afterMarker.split('```json')[1]!.split('```')[0]!);
const result = JSON.parse(afterMarker.split('```json')[2]!.split('```')[0]!);

describe('docs/monitoring-protocol.md', () => {
  it('its worked example check-in parses, verifies and gives the result the document shows', () => {
    const { verifier, clock } = monitoringFixture();
    clock.now = T0 + 1500;
    const verified = verifier.verify(parseCheckIn(example));
    expect({ accepted: verified.accepted, problems: verified.problems, location: verified.location }).toEqual(
      result,
    );
    expect(result.location.verdict).toBe('PASS');
  });

  it('its nonce is the documented HMAC over the device, the time and the assignment (key 32 × 0x63)', () => {
    const time = Buffer.alloc(8);
    time.writeBigUInt64BE(BigInt(example.issuedAt));
    const mac = createHmac('sha256', Buffer.alloc(32, 0x63))
      .update('chipexport-monitoring/2 service-nonce\0')
      .update('gpu-1')
      .update(Buffer.alloc(1))
      .update(time)
      .update('lm-dallas\0lm-atlanta\0')
      .digest()
      .subarray(0, 24);
    expect(Buffer.concat([time, mac]).toString('base64')).toBe(example.nonce);
  });
});

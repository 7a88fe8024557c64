import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCheckIn } from './protocol.js';
import { monitoringFixture, T0 } from './testing.js';

describe('docs/monitoring-protocol.md', () => {
  it('its example check-in parses, verifies and passes', () => {
    const doc = readFileSync(new URL('../../docs/monitoring-protocol.md', import.meta.url), 'utf8');
    const block = doc.split('<!-- example-check-in -->')[1]!.split('```json')[1]!.split('```')[0]!;
    const { verifier, clock } = monitoringFixture();
    clock.now = T0 + 1500;
    const result = verifier.verify(parseCheckIn(JSON.parse(block)));
    expect(result).toMatchObject({
      accepted: true,
      problems: [],
      location: {
        verdict: 'PASS',
        bounds: [{ landmarkId: 'lm-dallas', maxDistanceKm: 19.787, siteDistanceKm: 9.068 }],
      },
    });
  });
});

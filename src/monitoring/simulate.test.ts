import { describe, expect, it } from 'vitest';
import { ATTACKS, simulateFleet } from './simulate.js';

// Small fleets keep this fast (< 1 s per attack); `chipexport monitor simulate` runs the full size.
const fleet = { devices: 72, sites: 2, seed: 20260101 };

describe('fleet simulator', () => {
  for (const attack of ATTACKS) {
    it(`${attack}: every attacked chip detected, no false alarm, honest chips near a landmark PASS`, () => {
      const { summary, verdicts } = simulateFleet({ ...fleet, attack });
      // Relayed and relocated chips are caught by location: only honest check-ins PASS.
      if (attack === 'relay' || attack === 'relocate') expect(verdicts.PASS).toBe(summary.honest * 3);
      if (attack === 'none')
        expect(summary).toMatchObject({ attacked: 0, detected: 0, detection_rate: null });
      else {
        expect(summary.attacked).toBeGreaterThan(0);
        expect(summary.detection_rate).toBe(1);
      }
      expect(summary.false_alarms).toBe(0);
      expect(summary.inconclusive_rate_near_landmark).toBeLessThanOrEqual(0.001);
      expect(Object.keys(summary)).toEqual([
        'attack',
        'attacked',
        'detected',
        'detection_rate',
        'honest',
        'false_alarms',
        'false_alarm_rate',
        'inconclusive_rate_near_landmark',
      ]);
    });
  }

  it('is deterministic for a seed', () => {
    const a = simulateFleet({ ...fleet, devices: 20, attack: 'relocate' });
    const b = simulateFleet({ ...fleet, devices: 20, attack: 'relocate' });
    expect(a).toEqual(b);
  });
});

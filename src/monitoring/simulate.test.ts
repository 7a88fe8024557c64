import { describe, expect, it } from 'vitest';
import { ATTACKS, simulateFleet } from './simulate.js';

// Small fleets keep this fast (< 1 s per attack); `chipexport monitor simulate` runs the full size.
const fleet = { devices: 72, sites: 2, seed: 20260101 };

describe('fleet simulator', () => {
  for (const attack of ATTACKS) {
    it(`${attack}: every attacked chip detected, no false alarm, honest chips near a landmark PASS`, () => {
      const report = simulateFleet({ ...fleet, attack });
      const { summary, verdicts } = report;
      // Relayed and relocated chips are caught by location: only honest check-ins PASS.
      if (attack === 'relay' || attack === 'relocate') expect(verdicts.PASS).toBe(summary.honest * 3);
      // Answering no landmark, or only far ones, is caught by the assignment alone: nothing is
      // rejected or out of bounds, every attacked chip raises location-unverified, no honest one does.
      if (attack === 'skip-landmarks' || attack === 'far-landmarks-only') {
        expect(verdicts).toMatchObject({ SITE_INCONSISTENT: 0, rejected: 0, PASS: summary.honest * 3 });
        expect(report.locationUnverified).toBe(summary.attacked * 2);
      }
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

import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { formatSimulationTable, runLocate, runSimulate } from './cli-functions.js';

describe('CLI-facing functions', () => {
  it('runLocate is the contract location check', () => {
    const result = runLocate({
      site: { lat: 32.875, lon: -96.77, country: 'US' },
      landmarks: [{ id: 'dallas', lat: 32.7935, lon: -96.7667 }],
      measurements: [
        { landmarkId: 'dallas', rttMs: 0.3 },
        { landmarkId: 'dallas', rttMs: 0.25 },
      ],
      processingMinMs: 0.1,
    });
    expect(result).toEqual({
      verdict: 'PASS',
      reason: 'inside-country',
      bounds: [{ landmarkId: 'dallas', maxDistanceKm: 22.485, siteDistanceKm: 9.068 }],
    });
  });

  it('runSimulate validates its flags and returns the --json object', () => {
    expect(() => runSimulate({ devices: '0' })).toThrow(InputError);
    expect(() => runSimulate({ attack: 'teleport' })).toThrow(/--attack/);
    expect(() => runSimulate({ devices: 5, sites: 6 })).toThrow(/--sites/);
    expect(() => runSimulate({ devices: 64, attack: 'cluster' })).toThrow(/--devices/);
    const summary = runSimulate({ devices: '30', sites: '1', attack: 'silent', seed: '3' });
    expect(summary).toMatchObject({ attack: 'silent', attacked: 3, detected: 3, false_alarms: 0 });
    expect(formatSimulationTable([summary])).toContain('100.0 %');
  });
});

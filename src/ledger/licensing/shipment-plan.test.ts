import { describe, expect, it } from 'vitest';
import { LedgerError } from '../errors.js';
import type { LicenseLine } from './authorizations.js';
import { checkPoolRoom, type LicenseCounters, planShipment, shipmentLine } from './shipment-plan.js';

const line = (index: number, chips: number, shippedChips = 0): LicenseLine => ({
  index,
  label: `line ${index}`,
  chips,
  tppPerChip: 10,
  shippedChips,
  pools: [
    { pool: 'lpp:AE:2025', limit: 5000, kind: 'lpp' },
    { pool: 'country-allocation:AE', limit: 9000, kind: 'country-allocation' },
  ],
});
const license: LicenseCounters = {
  id: 'lic_1',
  status: 'active',
  limit_chips: 100,
  used_chips: 40,
  used_tpp: 400,
};

function refusal(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('shipmentLine', () => {
  it('takes the only line when none is named, and the named one otherwise', () => {
    expect(shipmentLine('lic_1', [line(0, 10)], undefined).index).toBe(0);
    expect(shipmentLine('lic_1', [line(0, 10), line(2, 5)], 2).index).toBe(2);
  });

  it('asks which line when there are several, and refuses a line the license does not have', () => {
    const unnamed = refusal(() => shipmentLine('lic_1', [line(0, 10), line(2, 5)], undefined));
    expect([unnamed.code, unnamed.path, unnamed.message]).toEqual([
      'bad_request',
      ['line'],
      'license lic_1 has 2 lines; say which with "line" (one of 0, 2)',
    ]);
    expect(refusal(() => shipmentLine('lic_1', [line(0, 10)], 3)).message).toBe(
      'license lic_1 has no line 3',
    );
  });
});

describe('planShipment', () => {
  it('draws the TPP from every pool of the line, in key order, and counts it on the license and the line', () => {
    const lines = [line(0, 50, 40), line(1, 50)];
    const plan = planShipment(license, lines, lines[1]!, 7);
    expect(plan.tpp).toBe(70);
    expect(plan.pools.map((p) => p.pool)).toEqual(['country-allocation:AE', 'lpp:AE:2025']);
    expect(plan.draws).toEqual([
      { pool: 'country-allocation:AE', tpp: 70 },
      { pool: 'lpp:AE:2025', tpp: 70 },
    ]);
    expect([plan.usedChips, plan.usedTpp, plan.status]).toEqual([47, 470, 'active']);
    expect(plan.lines.map((l) => l.shippedChips)).toEqual([40, 7]);
    expect(lines[1]!.shippedChips).toBe(0);
  });

  it('exhausts the license with its last chips, and refuses one chip more (line or license)', () => {
    const lines = [line(0, 60)];
    expect(planShipment(license, lines, lines[0]!, 60).status).toBe('exhausted');
    const overLicense = refusal(() => planShipment(license, lines, lines[0]!, 61));
    expect([overLicense.code, overLicense.path]).toEqual(['license_exhausted', ['chips']]);
    const full = [line(0, 10, 9)];
    expect(planShipment(license, full, full[0]!, 1).usedChips).toBe(41);
    expect(refusal(() => planShipment(license, full, full[0]!, 2)).message).toBe(
      'license lic_1 line 0 allows 1 more chips; 2 asked',
    );
  });
});

describe('checkPoolRoom', () => {
  it('lets a pool be drawn to its limit exactly, and refuses one TPP over, naming the pool', () => {
    expect(() => checkPoolRoom([{ pool: 'lpp:AE:2025', used_tpp: 900, limit_tpp: 1000 }], 100)).not.toThrow();
    const over = refusal(() => checkPoolRoom([{ pool: 'lpp:AE:2025', used_tpp: 901, limit_tpp: 1000 }], 100));
    expect([over.code, over.path, over.message]).toEqual([
      'quota_exceeded',
      ['chips'],
      'quota lpp:AE:2025 has 99 TPP left; this shipment needs 100',
    ]);
  });
});

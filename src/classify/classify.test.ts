import { describe, expect, it } from 'vitest';
import { CHIP_CATALOG, catalogChip } from '../data/chips.js';
import { InputError } from '../domain/errors.js';
import { classifyChip } from './classify.js';

const byId = (id: string) => {
  const chip = catalogChip(id);
  if (!chip) throw new Error(`no ${id}`);
  return classifyChip(chip);
};

describe('3A090 classification', () => {
  it('classifies the H100 as advanced with PD 19.46 and 1.0 H100e', () => {
    const c = byId('nvidia-h100-sxm');
    expect(c.class).toBe('advanced');
    expect(c.eccn).toBe('3A090.a');
    expect(c.pd).toBeCloseTo(19.46, 2);
    expect(c.h100e).toBeCloseTo(1.0, 2);
  });

  it('leaves the H20 uncontrolled (TPP 2,368, PD 2.91)', () => {
    const c = byId('nvidia-h20');
    expect(c.class).toBe('uncontrolled');
    expect(c.pd).toBeCloseTo(2.91, 2);
  });

  it('makes the L4 advanced through performance density (vendor: 4A090.a)', () => {
    expect(byId('nvidia-l4').class).toBe('advanced');
  });

  it('makes the RTX 5090 advanced although not for data centers (TPP ≥ 4800)', () => {
    expect(byId('nvidia-rtx-5090').class).toBe('advanced');
  });

  it('classifies NVIDIA test vectors L40 (2,912) and A40 (2,392) as mid (4A090.b)', () => {
    // L40: 2,912 TPP on a 609 mm² die; A40: 2,392 TPP on a 628 mm² die (vendor ECCN table).
    expect(classifyChip({ name: 'L40', tpp: 2912, dieAreaMm2: 609, datacenter: true }).class).toBe('mid');
    // A40: TPP 2,392 < 2,400, but PD 3.81 ≥ 3.2 with TPP ≥ 1,600 → 3A090.b by the second limb.
    expect(classifyChip({ name: 'A40', tpp: 2392, dieAreaMm2: 628, datacenter: true }).class).toBe('mid');
  });

  it('classifies every catalog chip without error', () => {
    for (const chip of CHIP_CATALOG)
      expect(['advanced', 'mid', 'uncontrolled']).toContain(classifyChip(chip).class);
  });

  it.each([
    [4800, null, true, 'advanced'],
    [4799, 1000, true, 'mid'], // PD 4.8: TPP ≥ 1600 and 3.2 ≤ PD < 5.92
    [2000, 2000 / 3.2, true, 'mid'],
    [2000, 2000 / 3.19, true, 'uncontrolled'], // PD 3.19 and TPP < 2400
    [1600, 1600 / 5.92, true, 'advanced'],
    [1599, 100, true, 'uncontrolled'],
    [2400, 2400 / 1.6, true, 'mid'],
    [2399, 2399 / 1.6, true, 'uncontrolled'],
    [4799, 10, false, 'uncontrolled'],
  ] as const)('boundary TPP %d die %s datacenter %s', (tpp, die, datacenter, expected) => {
    expect(classifyChip({ name: 'x', tpp, dieAreaMm2: die, datacenter }).class).toBe(expected);
  });

  it('fails with the field name when the answer depends on an unknown die area', () => {
    expect(() =>
      classifyChip({ name: 'X1', tpp: 3000, dieAreaMm2: null, datacenter: true }, ['items', 0]),
    ).toThrow(InputError);
    try {
      classifyChip({ name: 'X1', tpp: 3000, dieAreaMm2: null, datacenter: true }, [
        'items',
        0,
        'customChip',
        'dieAreaMm2',
      ]);
    } catch (error) {
      expect((error as InputError).issues[0]?.path).toEqual(['items', 0, 'customChip', 'dieAreaMm2']);
    }
  });

  it('does not need the die area when TPP alone decides', () => {
    expect(classifyChip({ name: 'big', tpp: 9000, dieAreaMm2: null, datacenter: true }).class).toBe(
      'advanced',
    );
    expect(classifyChip({ name: 'small', tpp: 1000, dieAreaMm2: null, datacenter: true }).class).toBe(
      'uncontrolled',
    );
  });
});

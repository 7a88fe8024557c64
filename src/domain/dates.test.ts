import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber, parseIsoDate } from './dates.js';
import { InputError } from './errors.js';

describe('ISO dates', () => {
  it('accepts real dates including 29 February in leap years', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2025-01-13')).toBe('2025-01-13');
  });

  it.each(['2025-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-04-31', '25-01-01', '2025-1-1', ''])(
    'rejects %s naming the field',
    (text) => {
      try {
        parseIsoDate(text, ['date']);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).issues[0]?.path).toEqual(['date']);
      }
    },
  );

  it('orders dates by day number, across years', () => {
    expect(dayNumber('2025-01-13') - dayNumber('2025-01-12')).toBe(1);
    expect(dayNumber('2026-01-01') - dayNumber('2025-12-31')).toBe(1);
    expect(fromDayNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });
});

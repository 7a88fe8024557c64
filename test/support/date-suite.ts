/**
 * One suite for every implementation of a date's day number (days since 1970-01-01), after Hono's
 * `runTest`: `dateSuite(implementation)` registers the same tests for each, so the fast
 * arithmetic one (`dayOf`, src/rules/framework.ts) and the `Date.UTC` one (`dayNumber`,
 * src/domain/dates.ts) are held to one specification.
 *
 * The expected numbers come from a walk over the proleptic Gregorian calendar written here (month
 * lengths and the 4/100/400 leap rule), sharing no code with either implementation.
 */
import { describe, expect, it } from 'vitest';
import { type IsoDate, parseIsoDate } from '../../src/domain/dates.js';

export interface DateImplementation {
  readonly name: string;
  readonly dayNumber: (date: IsoDate) => number;
}

/** The dates `parseIsoDate` accepts: `Date.UTC` reads years 0–99 as 1900–1999, so from 0100. */
export const FIRST_YEAR = 100;
export const LAST_YEAR = 9999;

export const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Days from 0100-01-01 to 1970-01-01, by year lengths. */
function daysBefore1970(): number {
  let days = 0;
  for (let year = FIRST_YEAR; year < 1970; year++) days += isLeap(year) ? 366 : 365;
  return days;
}

/**
 * Every accepted date in calendar order with its expected day number; `visit` is called for
 * those `include(year, month, day, index)` selects (all by default). Returns how many there are.
 */
export function everyAcceptedDate(
  visit: (date: string, expected: number) => void,
  include: (year: number, month: number, day: number, index: number) => boolean = () => true,
): number {
  let expected = -daysBefore1970();
  let index = 0;
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (let month = 1; month <= 12; month++) {
      const days = daysInMonth(year, month);
      for (let day = 1; day <= days; day++) {
        if (include(year, month, day, index)) visit(isoDate(year, month, day), expected);
        expected++;
        index++;
      }
    }
  }
  return index;
}

/**
 * The sweep the suite checks (about 230,000 of the 3,615,900 accepted dates; all of them through
 * `Date.UTC` take seconds on a shared machine): every date of one whole 400-year leap cycle,
 * 1900–2299 (the dates the rules are asked about); in every year 1 January, 28 February,
 * 29 February where there is one, 1 March and 31 December; and every 97th date (a prime stride,
 * so every day of the month and every month comes round) across 0100–9999.
 */
export const SWEEP = (year: number, month: number, day: number, index: number): boolean =>
  (year >= 1900 && year <= 2299) ||
  (month === 1 && day === 1) ||
  (month === 2 && day >= 28) ||
  (month === 3 && day === 1) ||
  (month === 12 && day === 31) ||
  index % 97 === 0;

/**
 * Strings that look like dates and are not accepted: impossible days and months, years before
 * 0100, and malformed text. `parseIsoDate` rejects every one (checked in the suite).
 */
export function rejectedDates(): string[] {
  const out: string[] = [];
  for (const year of [0, 1, 99, 1900, 1999, 2000, 2024, 2025, 2100, 9999]) {
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        const real =
          year >= FIRST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
        if (!real) out.push(isoDate(year, month, day));
      }
    }
  }
  out.push(
    '2025-1-1',
    '25-01-01',
    '2025-01-1',
    '2025/01/01',
    '2025-01-01T00:00',
    ' 2025-01-01',
    'abcd-ef-gh',
    '',
  );
  return out;
}

/** Days from 1970-01-01 to the first of `month` (1–12) of `year`, by year and month lengths. */
function firstOfMonth(year: number, month: number): number {
  let days = 0;
  for (let y = 1970; y < year; y++) days += isLeap(y) ? 366 : 365;
  for (let y = year; y < 1970; y++) days -= isLeap(y) ? 366 : 365;
  for (let m = 1; m < month; m++) days += daysInMonth(year, m);
  return days;
}

/**
 * What an unchecked `Y-M-D` string numbers to (the behaviour both implementations keep for input
 * that skipped `parseIsoDate`): fields read as numbers, a month or day out of range carried into
 * the next or previous one, years 0–99 read as 1900–1999 (as `Date.UTC` does); NaN when a field is
 * not a number.
 */
export function carriedOver(text: string): number {
  const [y, m, d] = text.split('-').map(Number) as [number, number?, number?];
  if (m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) return Number.NaN;
  const months = (y >= 0 && y <= 99 ? 1900 + y : y) * 12 + (m - 1);
  return firstOfMonth(Math.floor(months / 12), (months % 12) + 1) + d - 1;
}

export function dateSuite(implementation: DateImplementation): void {
  const dayOf = implementation.dayNumber;

  describe(`day numbers: ${implementation.name}`, () => {
    it('numbers the accepted dates 0100-01-01 to 9999-12-31 as the calendar walk does (a dense sweep)', () => {
      const wrong: string[] = [];
      let checked = 0;
      const count = everyAcceptedDate((date, expected) => {
        checked++;
        const got = dayOf(date as IsoDate);
        if (got !== expected && wrong.length < 10) wrong.push(`${date}: ${got}, expected ${expected}`);
      }, SWEEP);
      expect(wrong).toEqual([]);
      expect(count).toBe(3_615_900);
      expect(checked).toBeGreaterThan(200_000);
    });

    it('at the edges: the epoch, leap days, century years, the first and last accepted dates', () => {
      const at = (text: string) => dayOf(parseIsoDate(text));
      expect(at('1970-01-01')).toBe(0);
      expect(at('1969-12-31')).toBe(-1);
      expect(at('2000-03-01') - at('2000-02-28')).toBe(2);
      expect(at('1900-03-01') - at('1900-02-28')).toBe(1);
      expect(at('2100-03-01') - at('2100-02-28')).toBe(1);
      expect(at('2024-02-29')).toBe(19_782);
      // The first, last and 2024 figures: Python's datetime.date (proleptic Gregorian) minus 1970-01-01.
      expect(at('0100-01-01')).toBe(-683_003);
      expect(at('9999-12-31')).toBe(2_932_896);
    });

    it('reads the strings parseIsoDate rejects as Date.UTC does: fields carried over, years 0–99 as 19xx', () => {
      const differing: string[] = [];
      for (const text of rejectedDates()) {
        expect(() => parseIsoDate(text)).toThrow();
        const got = dayOf(text as IsoDate);
        const expected = carriedOver(text);
        if (!Object.is(got, expected)) differing.push(`${text}: ${got}, expected ${expected}`);
      }
      expect(differing).toEqual([]);
    });
  });
}

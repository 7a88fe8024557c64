import { type FieldPath, InputError } from './errors.js';

/** An ISO calendar date, YYYY-MM-DD, checked to exist. */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses and checks a calendar date (rejects 2025-02-30 and the like). */
export function parseIsoDate(text: unknown, path: FieldPath = ['date']): IsoDate {
  if (typeof text !== 'string') {
    throw InputError.single('invalid_date', path, 'must be an ISO date string (YYYY-MM-DD)');
  }
  const match = ISO_DATE.exec(text);
  if (!match) {
    throw InputError.single('invalid_date', path, `"${text}" is not an ISO date (YYYY-MM-DD)`);
  }
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw InputError.single('invalid_date', path, `"${text}" is not a real calendar date`);
  }
  return text as IsoDate;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days since 1970-01-01: dates are compared as numbers, never as strings. */
export function dayNumber(date: IsoDate | string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** A literal date in source code (parameters, timelines); throws at start-up if mistyped. */
export function d(text: string): IsoDate {
  return parseIsoDate(text, ['(source literal)']);
}

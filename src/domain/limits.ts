import { z } from 'zod';
import type { FieldPath, InputIssue } from './errors.js';

/**
 * Bounds on input, shared by the CLI and the API through the Zod schemas, so that no one call
 * can make unbounded work or store unbounded text. These are service parameters, not law: each
 * maximum sits far above any real export (the largest licence in the seeds is 35,000 GB300 at
 * $60,000 each, examples/g42-uae-gb300.json) and far below what would stall the service.
 */
export const LIMITS = {
  /** Line items in one export request, and so in one what-if call (per framework). */
  itemsPerRequest: 100,
  /** Other parties named in one request (15 CFR 748.5: purchaser, consignees, end user). */
  partiesPerRequest: 50,
  /** A name: a party, a chip, an organization, an installation. */
  nameChars: 500,
  /** An identifier or a short code. */
  idChars: 200,
  /** A note, a reason, a condition. */
  noteChars: 4_000,
  /** Any string anywhere in a JSON body, unless its schema says more (a list import's file). */
  anyStringChars: 16_384,
  /** Chips on one line: above a year of world production of data-centre accelerators. */
  quantity: 100_000_000,
  /** US dollars, per unit or invested: ten trillion. */
  usd: 1e13,
  /** Total processing performance of one chip (GB300: 58,484; 3A090 threshold 4,800). */
  chipTpp: 10_000_000,
  /** TPP summed over a year or an allocation (a country's whole allocation is ~10^10). */
  tppTotal: 1e15,
  /** Operations used to train a model (the Diffusion rule's threshold is 10^26). */
  trainingOps: 1e32,
  /** Die area in mm² (a whole 300 mm wafer is ~70,000). */
  dieAreaMm2: 100_000,
  /** Memory bandwidth in GB/s. */
  memoryBandwidthGBs: 1_000_000,
} as const;

/** NUL, or a UTF-16 surrogate without its pair (not text: it cannot be stored or printed faithfully). */
const NOT_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NOT_TEXT_MESSAGE = 'must not contain NUL or unpaired surrogate characters';

/** A string of at most `max` characters, without NUL or lone surrogates; non-empty unless `min` is 0. */
export function text(max: number, min = 1) {
  let schema = z.string().max(max, `must be at most ${max} characters`);
  if (min > 0) schema = schema.min(min, 'must not be empty');
  return schema.refine((s) => !NOT_TEXT.test(s), NOT_TEXT_MESSAGE);
}

/** A finite number from 0 up to `max`. */
export const amount = (max: number) =>
  z
    .number()
    .finite()
    .nonnegative()
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);

/** A finite positive number up to `max`. */
export const positiveAmount = (max: number) =>
  z
    .number()
    .finite()
    .positive()
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);

/** A positive whole number up to `max`. */
export const positiveCount = (max: number) =>
  z
    .number()
    .int('must be a whole number')
    .positive('must be a positive whole number')
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);

/**
 * Every string in a parsed JSON value (keys too): no NUL or lone surrogate, and none longer
 * than `maxChars` unless its path is in `longer` (with its own maximum). The API runs this on
 * every body, query and path before the route's schema, so even a field a schema leaves open is
 * bounded; each problem names its field.
 */
export function textIssues(
  value: unknown,
  maxChars: number = LIMITS.anyStringChars,
  longer: ReadonlyMap<string, number> = new Map(),
  path: FieldPath = [],
  issues: InputIssue[] = [],
): InputIssue[] {
  if (issues.length >= 20) return issues;
  if (typeof value === 'string') {
    const max = longer.get(path.join('.')) ?? maxChars;
    if (NOT_TEXT.test(value)) issues.push({ code: 'invalid_text', path, message: NOT_TEXT_MESSAGE });
    else if (value.length > max)
      issues.push({ code: 'too_big', path, message: `must be at most ${max} characters` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      textIssues(v, maxChars, longer, [...path, i], issues);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (NOT_TEXT.test(key) || key.length > LIMITS.idChars) {
        issues.push({ code: 'invalid_key', path, message: 'has a field name that is not a short text' });
        continue;
      }
      textIssues(v, maxChars, longer, [...path, key], issues);
    }
  }
  return issues;
}

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true, local: true });

export const DATE_OR_TIME_MESSAGE = 'must be a real date (YYYY-MM-DD) or an ISO 8601 date-time';

/** A date or date-time on the calendar: 2026-02-30 and 2026-13-01 are refused, not rolled over. */
export const isRealDateOrTime = (value: string): boolean =>
  isoDate.safeParse(value).success || isoDateTime.safeParse(value).success;

/** The schema of a date or date-time field (a clearance's expiry, a list's source date). */
export const dateOrTime = () => z.string().refine(isRealDateOrTime, DATE_OR_TIME_MESSAGE);

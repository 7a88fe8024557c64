import { createHash } from 'node:crypto';
import { isCountryCode } from '../../data/countries.js';
import type { EntryType, ListedEntry } from '../types.js';

/** A row as read by an importer, before cleaning; every field optional but the source. */
export interface RawEntry {
  readonly source: string;
  readonly name: string | null | undefined;
  readonly altNames?: readonly string[] | string | null | undefined;
  readonly entityNumber?: string | null | undefined;
  readonly type?: string | null | undefined;
  readonly countries?: readonly string[] | null | undefined;
  readonly programs?: readonly string[] | string | null | undefined;
  readonly licenseRequirement?: string | null | undefined;
  readonly licensePolicy?: string | null | undefined;
  readonly federalRegisterNotice?: string | null | undefined;
  readonly remarks?: string | null | undefined;
  readonly sourceListUrl?: string | null | undefined;
}

const ENTRY_TYPES: Readonly<Record<string, EntryType>> = {
  entity: 'entity',
  individual: 'individual',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/** Collapses runs of white space (including no-break spaces) and trims. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  // Most cells are clean already; the test is cheaper than the replacement.
  if (!/\s\s|^\s|\s$|[\t\n\r\u00a0\u200b\ufeff]/.test(text)) return text;
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** A name as displayed: spaces collapsed, stray trailing separators ("Co., Ltd.,") removed. */
export function cleanName(text: string | null | undefined): string {
  const cleaned = cleanText(text);
  return /^[,;:]|[,;:]$/.test(cleaned)
    ? cleaned.replace(/[\s,;:]+$/u, '').replace(/^[\s,;:]+/u, '')
    : cleaned;
}

function orNull(text: string | null | undefined): string | null {
  const cleaned = cleanText(text);
  return cleaned === '' ? null : cleaned;
}

/** "a; b;; a" or ["a", "b"] → distinct non-empty values in order. */
export function splitMulti(value: readonly string[] | string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const parts = typeof value === 'string' ? value.split(';') : value;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const cleaned = cleanName(part);
    const key = cleaned.toLowerCase();
    if (cleaned === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(cleaned);
  }
  return out;
}

/** ISO alpha-2 codes only (upper-cased, de-duplicated); anything else is dropped. */
export function cleanCountries(values: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  for (const value of values ?? []) {
    const code = value.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(code) && isCountryCode(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Country codes at the end of CSL address text: "Shenyang, CN; Pyongyang, KP" → CN, KP. */
export function countriesFromAddressText(addresses: string | null | undefined): string[] {
  if (!addresses) return [];
  return cleanCountries(addresses.split(';').map((address) => address.split(',').pop() ?? ''));
}

/** "Entity List (EL) - Bureau of Industry and Security" → "EL"; else a slug of the source. */
export function sourceCode(source: string): string {
  const inParens = /\(([^)]+)\)/.exec(source)?.[1];
  const code = (inParens ?? source).replace(/\s+List$/i, '');
  return (
    code
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'LIST'
  );
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The cleaned entry, or null when the row has no name. Alt names repeated, or equal to the
 * name, are dropped; `id` is provisional until `assignIds` resolves clashes within a snapshot.
 */
export function toListedEntry(raw: RawEntry): ListedEntry | null {
  const name = cleanName(raw.name);
  if (name === '') return null;
  const source = cleanText(raw.source) || 'Internal list';
  const countries = cleanCountries(raw.countries);
  const nameKey = name.toLowerCase();
  const altNames = splitMulti(raw.altNames).filter((alt) => alt.toLowerCase() !== nameKey);
  const entityNumber = cleanText(raw.entityNumber);
  const code = sourceCode(source);
  const id = entityNumber
    ? `${code}-${entityNumber}`
    : `${code}-${sha256Hex(`${nameKey}|${countries.join(',')}`).slice(0, 12)}`;
  return {
    id,
    name,
    altNames,
    source,
    type: ENTRY_TYPES[cleanText(raw.type).toLowerCase()] ?? null,
    countries,
    programs: splitMulti(raw.programs),
    licenseRequirement: orNull(raw.licenseRequirement),
    licensePolicy: orNull(raw.licensePolicy),
    federalRegisterNotice: orNull(raw.federalRegisterNotice),
    remarks: orNull(raw.remarks),
    sourceListUrl: orNull(raw.sourceListUrl),
  };
}

/** Every field but the id, in a fixed order: two entries with equal content hash are the same row. */
export function entryContentHash(entry: ListedEntry): string {
  const { id: _id, ...content } = entry;
  const ordered = Object.fromEntries(Object.entries(content).sort(([a], [b]) => (a < b ? -1 : 1)));
  return sha256Hex(JSON.stringify(ordered));
}

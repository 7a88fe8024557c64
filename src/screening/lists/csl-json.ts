import { InputError } from '../../domain/errors.js';
import type { ListSnapshot } from '../types.js';
import { decodeText } from './csv.js';
import { cleanText, countriesFromAddressText, type RawEntry } from './entry.js';
import { buildSnapshot, type ImportOptions } from './snapshot.js';

type Json = unknown;

function text(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

/** A multi-valued field: an array of strings, or one "; "-separated string as in the CSV. */
function list(value: Json): string[] | string {
  if (Array.isArray(value)) return value.map(text);
  return text(value);
}

/** Addresses are objects with a `country` code in the API's JSON, or text as in the CSV. */
function countriesOf(row: Record<string, Json>): string[] {
  const out: string[] = [];
  const addresses = row['addresses'];
  if (Array.isArray(addresses)) {
    for (const address of addresses) {
      if (address !== null && typeof address === 'object') {
        out.push(text((address as Record<string, Json>)['country']));
      } else out.push(...countriesFromAddressText(text(address)));
    }
  } else out.push(...countriesFromAddressText(text(addresses)));
  for (const field of ['citizenships', 'nationalities']) {
    const value = list(row[field]);
    out.push(...(typeof value === 'string' ? value.split(';') : value));
  }
  return out;
}

/**
 * The CSL bulk JSON (`consolidated.json`): `{"results": [...]}` (a bare array is accepted),
 * each result with the CSV's field names; multi-valued fields as arrays or "; " strings.
 */
export function importCslJson(bytes: Uint8Array, options: ImportOptions): ListSnapshot {
  const file = options.fileName ?? '(csl json)';
  let document: Json;
  try {
    document = JSON.parse(decodeText(bytes).replace(/^\ufeff/, ''));
  } catch (error) {
    throw InputError.single('invalid_json', [file], `is not valid JSON: ${(error as Error).message}`);
  }
  const results = Array.isArray(document)
    ? document
    : document !== null && typeof document === 'object'
      ? (document as Record<string, Json>)['results']
      : undefined;
  if (!Array.isArray(results)) {
    throw InputError.single('invalid_list', [file], 'expected {"results": [...]} as in the CSL bulk JSON');
  }
  const rows: RawEntry[] = results.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw InputError.single('invalid_list', [file, 'results', index], 'each result must be an object');
    }
    const row = item as Record<string, Json>;
    if (typeof row['source'] !== 'string') {
      throw InputError.single('invalid_list', [file, 'results', index, 'source'], 'must be a string');
    }
    return {
      source: row['source'],
      name: text(row['name']),
      altNames: list(row['alt_names']),
      entityNumber: text(row['entity_number']),
      type: text(row['type']),
      countries: countriesOf(row),
      programs: list(row['programs']),
      licenseRequirement: text(row['license_requirement']),
      licensePolicy: text(row['license_policy']),
      federalRegisterNotice: text(row['federal_register_notice']),
      remarks: text(row['remarks']),
      sourceListUrl: text(row['source_list_url']),
    };
  });
  return buildSnapshot(
    bytes,
    'csl-json',
    rows,
    options,
    Array.isArray(document) ? null : dateInFile(document),
  );
}

/** The API's `sources_used: [{source, last_imported, …}]`: the latest import date, if any. */
function dateInFile(document: Json): string | null {
  const used = (document as Record<string, Json>)['sources_used'];
  if (!Array.isArray(used)) return null;
  const dates = used
    .map((source) => cleanText(text((source as Record<string, Json> | null)?.['last_imported'])))
    .filter((date) => date !== '')
    .sort();
  return dates.at(-1) ?? null;
}

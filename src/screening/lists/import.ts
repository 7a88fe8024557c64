import { InputError } from '../../domain/errors.js';
import type { ListFormat, ListSnapshot } from '../types.js';
import { importCslCompact } from './csl-compact.js';
import { importCslCsv } from './csl-csv.js';
import { importCslJson } from './csl-json.js';
import { importInternalCsv } from './internal-csv.js';
import type { ImportOptions } from './snapshot.js';

export const LIST_FORMATS: readonly ListFormat[] = ['csl-csv', 'csl-json', 'csl-compact', 'csv'];

/** Reads one list file into a versioned snapshot; bad files are an InputError naming the place. */
export function importList(bytes: Uint8Array, format: ListFormat, options: ImportOptions): ListSnapshot {
  switch (format) {
    case 'csl-csv':
      return importCslCsv(bytes, options);
    case 'csl-json':
      return importCslJson(bytes, options);
    case 'csl-compact':
      return importCslCompact(bytes, options);
    case 'csv':
      return importInternalCsv(bytes, options);
    default:
      throw InputError.single(
        'invalid_format',
        ['format'],
        `"${String(format)}" is not one of ${LIST_FORMATS.join(', ')}`,
      );
  }
}

/** A guess from the file name and first bytes, for `lists import FILE` without --format. */
export function guessListFormat(fileName: string, bytes: Uint8Array): ListFormat {
  const head = new TextDecoder().decode(bytes.subarray(0, 65536)).replace(/^\ufeff/, '');
  if (/^\s*[[{]/.test(head)) return head.includes('"fieldKey"') ? 'csl-compact' : 'csl-json';
  const header = (head.split(/\r?\n/, 1)[0] ?? '').toLowerCase().replace(/"/g, '').split(',');
  // The CSL's own columns; an internal list has `country` instead.
  if (
    header.includes('source') &&
    ['_id', 'addresses', 'address_countries', 'federal_register_notice'].some((c) => header.includes(c))
  ) {
    return 'csl-csv';
  }
  if (fileName.toLowerCase().endsWith('.json')) return 'csl-json';
  return 'csv';
}

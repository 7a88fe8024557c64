import { resolveCountry } from '../../data/countries.js';
import { InputError } from '../../domain/errors.js';
import type { ListSnapshot } from '../types.js';
import { decodeText, headerIndex, parseCsv } from './csv.js';
import type { RawEntry } from './entry.js';
import { buildSnapshot, type ImportOptions } from './snapshot.js';

/** Columns of an internal list; only `name` is required, and the order is free. */
export const INTERNAL_LIST_COLUMNS = [
  'name',
  'alt_names',
  'country',
  'type',
  'source',
  'entity_number',
  'remarks',
  'programs',
  'license_requirement',
  'license_policy',
  'federal_register_notice',
] as const;

const DEFAULT_SOURCE = 'Internal list';

/**
 * A company's own list (denied customers, parties under review) as CSV:
 *
 *     name,alt_names,country,type,source,entity_number,remarks
 *     Example Trading FZE,Example Trdg; ET FZE,AE;HK,entity,Internal list,INT-0001,under review
 *
 * `alt_names` and `country` hold several values separated by ";". Countries are ISO alpha-2
 * codes or names ("United Arab Emirates"); an unknown one is an error naming the line and
 * column. `type` is entity, individual, vessel or aircraft (empty: unknown). `source`
 * defaults to "Internal list". Unknown columns are ignored.
 */
export function importInternalCsv(bytes: Uint8Array, options: ImportOptions): ListSnapshot {
  const file = options.fileName ?? '(internal list)';
  const [header, ...records] = parseCsv(decodeText(bytes), file);
  if (header === undefined) throw InputError.single('empty_list', [file], 'the file is empty');
  const columns = headerIndex(header, file);
  if (!columns.has('name')) {
    throw InputError.single(
      'missing_column',
      [file],
      `line ${header.line}: no "name" column (expected ${INTERNAL_LIST_COLUMNS.slice(0, 7).join(',')})`,
    );
  }
  const rows: RawEntry[] = records.map((record) => {
    if (record.fields.length !== header.fields.length) {
      throw InputError.single(
        'invalid_csv',
        [file],
        `line ${record.line}: ${record.fields.length} fields where the header has ${header.fields.length}`,
      );
    }
    const cell = (column: string) => {
      const at = columns.get(column);
      return at === undefined ? '' : (record.fields[at] ?? '');
    };
    const type = cell('type').trim().toLowerCase();
    if (type !== '' && !['entity', 'individual', 'vessel', 'aircraft'].includes(type)) {
      throw InputError.single(
        'invalid_list',
        [file],
        `line ${record.line}, column ${columns.get('type')! + 1}: type "${type}" is not entity, individual, vessel or aircraft`,
      );
    }
    const countries = cell('country')
      .split(';')
      .map((value) => value.trim())
      .filter((value) => value !== '')
      .map((value) => {
        try {
          return resolveCountry(value, []);
        } catch {
          throw InputError.single(
            'invalid_country',
            [file],
            `line ${record.line}, column ${columns.get('country')! + 1}: "${value}" is not an ISO alpha-2 code or a country name`,
          );
        }
      });
    return {
      source: cell('source') || DEFAULT_SOURCE,
      name: cell('name'),
      altNames: cell('alt_names'),
      entityNumber: cell('entity_number'),
      type,
      countries,
      programs: cell('programs'),
      licenseRequirement: cell('license_requirement'),
      licensePolicy: cell('license_policy'),
      federalRegisterNotice: cell('federal_register_notice'),
      remarks: cell('remarks'),
    };
  });
  return buildSnapshot(bytes, 'csv', rows, options, null);
}

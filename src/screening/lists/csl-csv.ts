import { InputError } from '../../domain/errors.js';
import type { ListSnapshot } from '../types.js';
import { decodeText, headerIndex, parseCsv } from './csv.js';
import { countriesFromAddressText, type RawEntry, splitMulti } from './entry.js';
import { buildSnapshot, type ImportOptions } from './snapshot.js';

/**
 * The CSL bulk CSV (`consolidated.csv`): the official 29-column header beginning `_id,source,
 * entity_number,…,ids`, or the older 28-column one without `_id`. Columns are found by name,
 * so either works (and so does a reduced file with `address_countries` in place of
 * `addresses`); `source` and `name` are required. Multi-valued cells use "; ".
 */
export function importCslCsv(bytes: Uint8Array, options: ImportOptions): ListSnapshot {
  const file = options.fileName ?? '(csl csv)';
  const [header, ...records] = parseCsv(decodeText(bytes), file);
  if (header === undefined) throw InputError.single('empty_list', [file], 'the file is empty');
  const columns = headerIndex(header, file);
  for (const required of ['source', 'name']) {
    if (!columns.has(required)) {
      throw InputError.single(
        'missing_column',
        [file],
        `line ${header.line}: no "${required}" column (expected the CSL header: _id,source,entity_number,type,programs,name,…)`,
      );
    }
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
    return {
      source: cell('source'),
      name: cell('name'),
      altNames: cell('alt_names'),
      entityNumber: cell('entity_number'),
      type: cell('type'),
      countries: [
        ...countriesFromAddressText(cell('addresses')),
        // The decoded compact capture (../shared/data/csl/PROVENANCE.md) has codes only.
        ...splitMulti(cell('address_countries')),
        ...splitMulti(cell('citizenships')),
        ...splitMulti(cell('nationalities')),
      ],
      programs: cell('programs'),
      licenseRequirement: cell('license_requirement'),
      licensePolicy: cell('license_policy'),
      federalRegisterNotice: cell('federal_register_notice'),
      remarks: cell('remarks'),
      sourceListUrl: cell('source_list_url'),
    };
  });
  return buildSnapshot(bytes, 'csl-csv', rows, options, null);
}

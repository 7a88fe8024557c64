import { InputError } from '../../domain/errors.js';
import type { ListSnapshot } from '../types.js';
import { decodeText } from './csv.js';
import type { RawEntry } from './entry.js';
import { buildSnapshot, type ImportOptions } from './snapshot.js';

type Json = unknown;

/** Entry fields this importer uses, by the name `fieldKey` gives them. */
const FIELDS = [
  'name',
  'alt_names',
  'source',
  'type',
  'address countries',
  'entity_number',
  'license_requirement',
  'license_policy',
  'programs',
  'federal_register_notice',
  'source_list_url',
] as const;
type Field = (typeof FIELDS)[number];

interface Column {
  readonly key: string;
  readonly table: readonly Json[] | null;
}

/**
 * The compact capture of the full CSL (`screening-list.compact.json`, see PROVENANCE.md):
 * `{fieldKey: {n: "name", s: "source (index into tables.sources)", …}, tables: {…},
 * entries: [{n, a, s, t, c, e, pg, lr, lp, fr, u}]}`. The short keys and the tables are
 * read from `fieldKey`, not assumed.
 */
export function importCslCompact(bytes: Uint8Array, options: ImportOptions): ListSnapshot {
  const file = options.fileName ?? '(csl compact)';
  let document: Record<string, Json>;
  try {
    document = JSON.parse(decodeText(bytes).replace(/^\ufeff/, ''));
  } catch (error) {
    throw InputError.single('invalid_json', [file], `is not valid JSON: ${(error as Error).message}`);
  }
  const fieldKey = document?.['fieldKey'];
  const tables = (document?.['tables'] ?? {}) as Record<string, Json>;
  const entries = document?.['entries'];
  if (fieldKey === null || typeof fieldKey !== 'object' || !Array.isArray(entries)) {
    throw InputError.single(
      'invalid_list',
      [file],
      'expected {fieldKey, tables, entries} (the compact CSL capture)',
    );
  }
  const columns = new Map<Field, Column>();
  for (const [key, description] of Object.entries(fieldKey as Record<string, Json>)) {
    if (typeof description !== 'string') continue;
    const field = description.replace(/\s*\(.*$/, '').trim() as Field;
    if (!FIELDS.includes(field)) continue;
    const tableName = /index into tables\.(\w+)/.exec(description)?.[1];
    const table = tableName === undefined ? null : tables[tableName];
    if (tableName !== undefined && !Array.isArray(table)) {
      throw InputError.single(
        'invalid_list',
        [file, 'tables', tableName],
        'is named in fieldKey but missing',
      );
    }
    columns.set(field, { key, table: (table as Json[] | undefined) ?? null });
  }
  for (const required of ['name', 'source'] as const) {
    if (!columns.has(required)) {
      throw InputError.single('invalid_list', [file, 'fieldKey'], `no key is described as "${required}"`);
    }
  }
  const rows: RawEntry[] = entries.map((item, index) => {
    const entry = (item ?? {}) as Record<string, Json>;
    const read = (field: Field): Json => {
      const column = columns.get(field);
      if (column === undefined) return undefined;
      const value = entry[column.key];
      if (column.table === null || value === undefined || value === null) return value;
      if (typeof value !== 'number' || value < 0 || value >= column.table.length) {
        throw InputError.single(
          'invalid_list',
          [file, 'entries', index, column.key],
          `is not an index into the ${field} table`,
        );
      }
      return column.table[value];
    };
    const str = (field: Field) => {
      const value = read(field);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    };
    const strings = (field: Field): string[] | string | null => {
      const value = read(field);
      if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
      return typeof value === 'string' ? value : null;
    };
    const countries = strings('address countries');
    return {
      source: str('source') ?? '',
      name: str('name'),
      altNames: strings('alt_names'),
      entityNumber: str('entity_number'),
      type: str('type'),
      countries: typeof countries === 'string' ? countries.split(';') : countries,
      programs: strings('programs'),
      licenseRequirement: str('license_requirement'),
      licensePolicy: str('license_policy'),
      federalRegisterNotice: str('federal_register_notice'),
      sourceListUrl: str('source_list_url'),
    };
  });
  const generated = document['sourceGeneratedAt'];
  return buildSnapshot(bytes, 'csl-compact', rows, options, typeof generated === 'string' ? generated : null);
}

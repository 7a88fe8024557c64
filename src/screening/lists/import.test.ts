import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { guessListFormat, importList } from './import.js';

const CSL = resolve(process.cwd(), '..', 'shared', 'data', 'csl');
const AT = { importedAt: '2026-08-01T00:00:00Z' };
const bytes = (text: string) => new TextEncoder().encode(text);

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const HEADER =
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
const EL = 'Entity List (EL) - Bureau of Industry and Security';

/** One row of the official 29-column CSV, the named cells filled in. */
function row(cells: Record<string, string>): string {
  return HEADER.split(',')
    .map((column) => `"${(cells[column] ?? '').replace(/"/g, '""')}"`)
    .join(',');
}

describe.skipIf(!existsSync(CSL))('importers on the real CSL files in ../shared/data/csl', () => {
  it('reads the official 29-column sample: every row, countries from addresses, alt names split', () => {
    const snapshot = importList(
      readFileSync(join(CSL, 'samples', 'watchman_cslustest_consolidated.csv')),
      'csl-csv',
      AT,
    );
    expect(snapshot.entryCount).toBe(13);
    expect(snapshot.format).toBe('csl-csv');
    expect(snapshot.version).toMatch(/^[0-9a-f]{16}$/);
    const plc = snapshot.entries.find((entry) => entry.name === 'Mohammed ABU JHEISHEH')!;
    expect(plc).toMatchObject({ id: 'PLC-9673', type: 'individual', programs: ['NS-PLC'] });
    expect(plc.altNames).toEqual(['Mohammad Mutlaq ABU JHESHEH', 'Mohammed ABU JEHEISHA']);
    const rim = snapshot.entries.find((entry) => entry.name === 'RIM, Ryong Nam')!;
    expect(rim.countries).toEqual(['CN', 'KP']);
    expect(Object.values(snapshot.countsBySource).reduce((a, b) => a + b, 0)).toBe(13);
  });

  it('reads the legacy 28-column layout (no _id) by column name', () => {
    const snapshot = importList(
      readFileSync(join(CSL, 'samples', 'watchman_test_csl_legacy.csv')),
      'csl-csv',
      AT,
    );
    expect(snapshot.entryCount).toBeGreaterThan(100);
    const group = snapshot.entries.find((entry) => entry.name === '32 Group China Ltd.')!;
    expect(group.countries).toEqual(['HK']);
    expect(group.licensePolicy).toBe('Presumption of denial.');
  });

  it('reads the compact capture of the full list, and gives the same ids as the decoded CSV of it', () => {
    const compact = importList(readFileSync(join(CSL, 'screening-list.compact.json')), 'csl-compact', AT);
    expect(compact.version).toBe('4cb2be849d976ae3');
    expect(compact.sourceDate).toBe('2026-07-31T13:15:00.015113+00:00');
    expect(compact.entryCount + compact.skipped.duplicate + compact.skipped.emptyName).toBe(25_921);
    // Four rows repeat an earlier one but for a doubled space ("GATEWICK  LLC"); one is on the EL.
    expect(compact.skipped).toEqual({ emptyName: 0, duplicate: 4 });
    expect(compact.countsBySource[EL]).toBe(3419);
    const subset = importList(
      readFileSync(join(CSL, 'entity_list_subset_from_csl_2026-07-31.csv')),
      'csl-csv',
      AT,
    );
    const fromCompact = compact.entries.filter((entry) => entry.source === EL);
    expect(subset.entries.map((entry) => entry.id)).toEqual(fromCompact.map((entry) => entry.id));
    expect(subset.entries[0]).toEqual(fromCompact[0]);
  });

  it('guesses the format from the first bytes', () => {
    expect(guessListFormat('x.json', readFileSync(join(CSL, 'screening-list.compact.json')))).toBe(
      'csl-compact',
    );
    expect(
      guessListFormat('x.csv', readFileSync(join(CSL, 'samples', 'watchman_cslustest_consolidated.csv'))),
    ).toBe('csl-csv');
    expect(guessListFormat('x.json', bytes('{"results": []}'))).toBe('csl-json');
    expect(guessListFormat('x.csv', bytes('name,country\nX,AE\n'))).toBe('csv');
    expect(
      guessListFormat('x.csv', bytes('name,alt_names,country,type,source,entity_number,remarks\n')),
    ).toBe('csv');
  });
});

describe('CSL CSV quirks', () => {
  const quirky = [
    HEADER,
    row({ source: EL, name: '', addresses: 'Somewhere, CN' }),
    row({
      source: EL,
      name: 'Example Trading Co., Ltd.,',
      addresses: 'Shenzhen, CN; Hong Kong, HK',
      alt_names: 'Example Trading; Example Trading;  ; EXAMPLE TRADING',
    }),
    row({
      source: EL,
      name: 'Example Trading Co., Ltd.,',
      addresses: 'Shenzhen, CN; Hong Kong, HK',
      alt_names: 'Example Trading; Example Trading;  ; EXAMPLE TRADING',
    }),
    row({ source: 'ITAR Debarred (DTC) - State Department', name: 'Müller  Präzision\u00a0GmbH' }),
    row({
      source: 'Specially Designated Nationals (SDN) - Treasury Department',
      entity_number: '123',
      type: 'Individual',
      name: 'DOE, John',
      addresses: 'china (prc)',
      nationalities: 'IR',
    }),
  ].join('\r\n');

  const snapshot = importList(bytes(`\ufeff${quirky}\r\n`), 'csl-csv', AT);

  it('skips empty names and exact duplicates, and says how many', () => {
    expect(snapshot.entryCount).toBe(3);
    expect(snapshot.skipped).toEqual({ emptyName: 1, duplicate: 1 });
  });

  it('trims trailing punctuation and repeated alt names, collapses odd spaces', () => {
    const [trading, muller] = snapshot.entries;
    expect(trading).toMatchObject({
      name: 'Example Trading Co., Ltd.',
      altNames: ['Example Trading'],
      countries: ['CN', 'HK'],
    });
    expect(muller!.name).toBe('Müller Präzision GmbH');
    expect(muller!.countries).toEqual([]);
  });

  it('keeps a non-ISO address country out and takes nationalities in', () => {
    expect(snapshot.entries[2]).toMatchObject({ id: 'SDN-123', type: 'individual', countries: ['IR'] });
  });

  it('gives hash ids when there is no entity number, stable across imports', () => {
    const again = importList(bytes(quirky), 'csl-csv', { importedAt: '2027-01-01T00:00:00Z' });
    expect(snapshot.entries[0]!.id).toMatch(/^EL-[0-9a-f]{12}$/);
    expect(again.entries.map((entry) => entry.id)).toEqual(snapshot.entries.map((entry) => entry.id));
    expect(again.version).not.toBe(snapshot.version);
    expect(again.importedAt).toBe('2027-01-01T00:00:00Z');
  });

  it('numbers two different rows that would share an id', () => {
    const two = importList(
      bytes(
        [
          HEADER,
          row({ source: EL, name: 'Same Name', remarks: 'a' }),
          row({ source: EL, name: 'Same Name', remarks: 'b' }),
        ].join('\n'),
      ),
      'csl-csv',
      AT,
    );
    expect(two.entries.map((entry) => entry.id.replace(/^EL-[0-9a-f]{12}/, 'EL-x'))).toEqual([
      'EL-x',
      'EL-x-2',
    ]);
  });

  it('rejects a file without the CSL columns, or with a short row, naming file and line', () => {
    expect(
      inputError(() => importList(bytes('foo,bar\n1,2\n'), 'csl-csv', { ...AT, fileName: 'x.csv' })).message,
    ).toBe(
      'x.csv: line 1: no "source" column (expected the CSL header: _id,source,entity_number,type,programs,name,…)',
    );
    expect(
      inputError(() => importList(bytes(`${HEADER}\n"a","b"\n`), 'csl-csv', { ...AT, fileName: 'x.csv' }))
        .message,
    ).toBe('x.csv: line 2: 2 fields where the header has 29');
  });
});

describe('CSL JSON', () => {
  it('reads {results: [...]} with arrays, address objects and the same field names as the CSV', () => {
    const json = JSON.stringify({
      sources_used: [{ source: 'EL', last_imported: '2026-07-30T10:00:00Z' }],
      results: [
        {
          source: EL,
          name: 'Example Electronics Ltd.',
          alt_names: ['Example Elec', 'Example Elec'],
          addresses: [{ address: '1 Road', city: 'Shenzhen', country: 'CN' }],
          license_policy: 'Presumption of denial',
          programs: [],
          type: null,
        },
        { source: EL, name: null },
      ],
    });
    const snapshot = importList(bytes(json), 'csl-json', AT);
    expect(snapshot.sourceDate).toBe('2026-07-30T10:00:00Z');
    expect(snapshot.entries).toEqual([
      expect.objectContaining({
        name: 'Example Electronics Ltd.',
        altNames: ['Example Elec'],
        countries: ['CN'],
        type: null,
      }),
    ]);
    expect(snapshot.skipped.emptyName).toBe(1);
  });

  it('rejects other shapes, naming the result', () => {
    expect(inputError(() => importList(bytes('{"rows": []}'), 'csl-json', AT)).message).toContain(
      '{"results": [...]}',
    );
    expect(
      inputError(() =>
        importList(bytes('{"results": [{"name": "x"}]}'), 'csl-json', { ...AT, fileName: 'f.json' }),
      ).message,
    ).toBe('f.json.results[0].source: must be a string');
    expect(inputError(() => importList(bytes('{oops'), 'csl-json', AT)).issues[0]!.code).toBe('invalid_json');
  });
});

describe('compact capture', () => {
  const compact = (entries: unknown[]) =>
    bytes(
      JSON.stringify({
        fieldKey: {
          n: 'name',
          s: 'source (index into tables.sources)',
          c: 'address countries (ISO-2)',
          a: 'alt_names',
        },
        tables: { sources: [EL] },
        entries,
      }),
    );

  it('reads short keys through fieldKey and tables', () => {
    const snapshot = importList(
      compact([{ n: 'X Co', s: 0, c: ['CN'], a: ['X Company'] }]),
      'csl-compact',
      AT,
    );
    expect(snapshot.entries[0]).toMatchObject({
      name: 'X Co',
      source: EL,
      countries: ['CN'],
      altNames: ['X Company'],
    });
  });

  it('rejects an index outside its table, naming the entry', () => {
    expect(
      inputError(() => importList(compact([{ n: 'X', s: 7 }]), 'csl-compact', { ...AT, fileName: 'c.json' }))
        .message,
    ).toBe('c.json.entries[0].s: is not an index into the source table');
  });
});

describe('internal list CSV', () => {
  it('reads name, alt names, countries by code or name, type and source', () => {
    const snapshot = importList(
      bytes(
        'name,alt_names,country,type,source,entity_number,remarks\nExample Trading FZE,Example Trdg; ET FZE,AE;Hong Kong,entity,,INT-1,under review\n',
      ),
      'csv',
      AT,
    );
    expect(snapshot.entries).toEqual([
      expect.objectContaining({
        id: 'INTERNAL-INT-1',
        name: 'Example Trading FZE',
        altNames: ['Example Trdg', 'ET FZE'],
        countries: ['AE', 'HK'],
        type: 'entity',
        source: 'Internal list',
        remarks: 'under review',
      }),
    ]);
  });

  it('rejects an unknown country or type, naming line and column', () => {
    expect(
      inputError(() => importList(bytes('name,country\nX,Atlantis\n'), 'csv', { ...AT, fileName: 'own.csv' }))
        .message,
    ).toBe('own.csv: line 2, column 2: "Atlantis" is not an ISO alpha-2 code or a country name');
    expect(inputError(() => importList(bytes('name,type\nX,company\n'), 'csv', AT)).message).toContain(
      'line 2, column 2: type "company" is not entity, individual, vessel or aircraft',
    );
    expect(inputError(() => importList(bytes('title\nX\n'), 'csv', AT)).issues[0]!.code).toBe(
      'missing_column',
    );
  });

  it('refuses an unknown format', () => {
    expect(inputError(() => importList(bytes(''), 'xml' as never, AT)).issues[0]!.path).toEqual(['format']);
  });
});

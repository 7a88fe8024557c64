// Regenerates src/data/countries.json from the ISO 3166-1 lists in the shared data folder
// (lukes/ISO-3166-Countries-with-Regional-Codes and datasets/country-codes; see
// ../shared/data/PROVENANCE.md). Run: node scripts/build-countries.mjs <path to shared/data>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dataDir = process.argv[2] ?? '../shared/data';
const iso = JSON.parse(readFileSync(join(dataDir, 'iso3166/iso3166-1_all.json'), 'utf8'));

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const extra = new Map(
  parseCsv(readFileSync(join(dataDir, 'iso3166/country-codes.csv'), 'utf8')).map((r) => [
    r['ISO3166-1-Alpha-2'],
    r,
  ]),
);

// Everyday names that neither list carries but that people type.
const commonAliases = {
  AE: ['UAE', 'Emirates'],
  GB: ['UK', 'Britain', 'Great Britain', 'United Kingdom'],
  US: ['USA', 'United States', 'America'],
  KR: ['South Korea', 'Korea, South', 'Republic of Korea'],
  KP: ['North Korea', 'Korea, North', 'DPRK'],
  RU: ['Russia'],
  TW: ['Taiwan'],
  CN: ['China', 'PRC', "People's Republic of China", 'Mainland China'],
  HK: ['Hong Kong', 'Hong Kong SAR'],
  MO: ['Macau', 'Macao', 'Macau SAR'],
  VN: ['Vietnam'],
  IR: ['Iran'],
  SY: ['Syria'],
  TR: ['Turkey', 'Turkiye'],
  CZ: ['Czech Republic'],
  BO: ['Bolivia'],
  VE: ['Venezuela'],
  TZ: ['Tanzania'],
  LA: ['Laos'],
  MD: ['Moldova'],
  MM: ['Burma'],
  CI: ["Cote d'Ivoire", 'Ivory Coast'],
  CD: ['DR Congo', 'Democratic Republic of the Congo', 'Congo (Kinshasa)'],
  CG: ['Republic of the Congo', 'Congo (Brazzaville)'],
  SA: ['KSA'],
  NL: ['Holland', 'The Netherlands'],
  VA: ['Vatican', 'Holy See'],
  PS: ['Palestine'],
  FM: ['Micronesia'],
  BN: ['Brunei'],
  CV: ['Cape Verde'],
  SZ: ['Swaziland'],
  MK: ['Macedonia'],
};

const countries = iso.map((c) => {
  const code = c['alpha-2'];
  const x = extra.get(code) ?? {};
  const names = new Set(
    [
      c.name,
      x['CLDR display name'],
      x['UNTERM English Short'],
      x['UNTERM English Formal'],
      x['official_name_en'],
      ...(commonAliases[code] ?? []),
    ]
      .filter(Boolean)
      .map((n) => n.trim().replace(/^the /, '')),
  );
  names.delete(c.name);
  return { code, alpha3: c['alpha-3'], name: c.name, aliases: [...names].sort() };
});

const out = {
  source:
    'ISO 3166-1 alpha-2 list: github.com/lukes/ISO-3166-Countries-with-Regional-Codes (all/all.json); ' +
    'alternative names: github.com/datasets/country-codes (data/country-codes.csv)',
  count: countries.length,
  countries,
};
writeFileSync(new URL('../src/data/countries.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${countries.length} countries`);

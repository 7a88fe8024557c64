// Regenerates src/data/ear-country-groups.json (Country Groups A:5, A:6, D:1, D:4, D:5 of 15 CFR
// 740 Supp. No. 1, eCFR of 2026-07-23, as ISO alpha-2 codes) from the shared data folder
// (ear-country-groups/country-groups.json; see ../shared/data/PROVENANCE.md).
// Run: node scripts/build-country-groups.mjs <path to shared/data>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dataDir = process.argv[2] ?? '../shared/data';
const source = JSON.parse(readFileSync(join(dataDir, 'ear-country-groups/country-groups.json'), 'utf8'));
const countries = JSON.parse(readFileSync(new URL('../src/data/countries.json', import.meta.url), 'utf8'));

const norm = (s) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const byName = new Map();
for (const c of countries.countries) for (const n of [c.name, ...c.aliases]) byName.set(norm(n), c.code);
// The regulation's own names that ISO spells differently.
const OWN = {
  'China (PRC)': 'CN',
  Burma: 'MM',
  'Korea, North': 'KP',
  'Korea, South': 'KR',
  'Congo (Democratic Republic of)': 'CD',
  'South Sudan, Republic of': 'SS',
  Macau: 'MO',
  Taiwan: 'TW',
  Russia: 'RU',
  Iran: 'IR',
  Syria: 'SY',
  Venezuela: 'VE',
  Laos: 'LA',
  Moldova: 'MD',
  Vietnam: 'VN',
  'Czech Republic': 'CZ',
  Türkiye: 'TR',
  'United Kingdom': 'GB',
  'United States': 'US',
};
const code = (name) => {
  const found = OWN[name] ?? byName.get(norm(name)) ?? byName.get(norm(source.aliases?.[norm(name)] ?? ''));
  if (!found) throw new Error(`no ISO code for "${name}"`);
  return found;
};

const groups = {};
for (const g of ['A:5', 'A:6', 'D:1', 'D:4', 'D:5']) groups[g] = source.groups[g].map(code).sort();
writeFileSync(
  new URL('../src/data/ear-country-groups.json', import.meta.url),
  `${JSON.stringify(
    {
      source: `${source.citation}, eCFR issue ${source.ecfrIssueDate} (${source.source.url}); via seelpeed-debug/export-controls-agent-mcp src/data/country-groups.json`,
      ecfrIssueDate: source.ecfrIssueDate,
      notes: source.notes,
      groups,
    },
    null,
    1,
  )}\n`,
);

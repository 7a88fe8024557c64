import { type FieldPath, InputError } from '../domain/errors.js';
import countryData from './countries.json' with { type: 'json' };

export interface Country {
  readonly code: string;
  readonly alpha3: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** Every ISO 3166-1 alpha-2 code (see countries.json `source`). */
export const COUNTRIES: readonly Country[] = countryData.countries;
export const COUNTRY_SOURCE: string = countryData.source;

const byCode = new Map<string, Country>(COUNTRIES.map((c) => [c.code, c]));
const byName = new Map<string, Country>();
for (const country of COUNTRIES) {
  for (const name of [country.name, country.alpha3, ...country.aliases])
    byName.set(normalizeName(name), country);
}

function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function isCountryCode(code: string): boolean {
  return byCode.has(code);
}

export function countryByCode(code: string): Country | undefined {
  return byCode.get(code);
}

/**
 * Resolves a code ("AE", "ae") or a name ("United Arab Emirates", "UAE", "Türkiye") to the
 * ISO alpha-2 code. Anything else is an input error naming the field.
 */
export function resolveCountry(input: unknown, path: FieldPath): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw InputError.single('invalid_country', path, 'must be an ISO 3166-1 alpha-2 code or a country name');
  }
  const text = input.trim();
  if (/^[A-Za-z]{2}$/.test(text)) {
    const code = text.toUpperCase();
    if (byCode.has(code)) return code;
    throw InputError.single('invalid_country', path, `"${text}" is not an ISO 3166-1 alpha-2 country code`);
  }
  const found = byName.get(normalizeName(text));
  if (found) return found.code;
  throw InputError.single(
    'invalid_country',
    path,
    `"${text}" is not a known country name or ISO 3166-1 alpha-2 code${suggest(text)}`,
  );
}

function suggest(text: string): string {
  const wanted = normalizeName(text);
  const candidates = [...byName.keys()].filter((name) => name.startsWith(wanted.slice(0, 3)));
  if (candidates.length === 0 || candidates.length > 5) return '';
  return ` (did you mean ${candidates.map((c) => `"${byName.get(c)?.name}"`).join(', ')}?)`;
}

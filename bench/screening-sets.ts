import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerIndex, parseCsv } from '../src/screening/lists/csv.js';
import type { Screener } from '../src/screening/matcher.js';
import { nameVariants } from '../src/screening/name-variants.js';
import { tokenizeName } from '../src/screening/normalize.js';
import type { ListSnapshot } from '../src/screening/types.js';
import { mangle, pick, type Rng, seededRandom } from './screening-mangle.js';

/** A listed name, altered; a hit on any entry listed under the same name counts as found. */
export interface Positive {
  readonly query: string;
  readonly original: string;
  readonly entityIds: ReadonlySet<string>;
  readonly manglings: readonly string[];
}

/** Alters a name (screening-mangle.ts), or returns null when it cannot. */
export type Mangler = (name: string, rng: Rng) => { name: string; manglings: readonly string[] } | null;

export type NegativeKind = 'company' | 'university' | 'person';

export interface Negative {
  readonly query: string;
  readonly kind: NegativeKind;
  readonly origin: string;
}

/** The name without legal forms, canonical words in order: "exactly the same name". */
export function plainKey(name: string): string {
  return tokenizeName(name)
    .filter((token) => !token.legal)
    .map((token) => token.canon)
    .join(' ');
}

/** Entry ids by plainKey of every name and alt name (and their parts, see name-variants.ts). */
export function listedKeys(snapshot: ListSnapshot): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const entry of snapshot.entries) {
    for (const variant of nameVariants(entry)) {
      const key = plainKey(variant.text);
      if (key === '') continue;
      const ids = keys.get(key) ?? new Set<string>();
      ids.add(entry.id);
      keys.set(key, ids);
    }
  }
  return keys;
}

/**
 * `count` positives: entries drawn at random (vessels and aircraft left out: the parties of an
 * export are companies and people), their name or, three times in ten, one of their alt
 * names, altered by one or two manglings (screening-mangle.ts).
 */
export function buildPositives(
  snapshot: ListSnapshot,
  keys: Map<string, Set<string>>,
  count: number,
  seed: number,
  options: { readonly mangle?: Mangler; readonly exclude?: ReadonlySet<string> } = {},
): Positive[] {
  const rng = seededRandom(seed);
  const alter = options.mangle ?? mangle;
  const parties = snapshot.entries.filter((entry) => entry.type !== 'vessel' && entry.type !== 'aircraft');
  const positives: Positive[] = [];
  const used = new Set<string>();
  for (let attempt = 0; positives.length < count && attempt < count * 20; attempt++) {
    const entry = pick(rng, parties);
    const original = entry.altNames.length > 0 && rng() < 0.3 ? pick(rng, entry.altNames) : entry.name;
    if (used.has(original) || options.exclude?.has(original) || plainKey(original) === '') continue;
    const mangled = alter(original, rng);
    if (mangled === null) continue;
    used.add(original);
    positives.push({
      query: mangled.name,
      original,
      entityIds: new Set([entry.id, ...(keys.get(plainKey(original)) ?? [])]),
      manglings: mangled.manglings,
    });
  }
  return positives;
}

export interface NegativeSources {
  readonly companies: readonly { readonly name: string; readonly origin: string }[];
  readonly universities: readonly string[];
  readonly forenames: ReadonlyMap<string, readonly string[]>;
  readonly surnames: ReadonlyMap<string, readonly string[]>;
}

function csvColumn(file: string, column: string): { value: string; row: string[] }[] {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'), file);
  const at = headerIndex(header!, file).get(column.toLowerCase());
  if (at === undefined) throw new Error(`${file}: no column ${column}`);
  return records.map((record) => ({ value: (record.fields[at] ?? '').trim(), row: record.fields }));
}

function namesByCountry(file: string): Map<string, string[]> {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'), file);
  const columns = headerIndex(header!, file);
  const country = columns.get('country')!;
  const romanized = columns.get('romanized name')!;
  const localized = columns.get('localized name')!;
  const out = new Map<string, string[]>();
  for (const record of records) {
    const name = (record.fields[romanized] || record.fields[localized] || '').trim();
    const code = (record.fields[country] ?? '').trim();
    if (!name || !code || !/^[\p{L}' -]+$/u.test(name)) continue;
    const list = out.get(code) ?? [];
    if (!list.includes(name)) list.push(name);
    out.set(code, list);
  }
  return out;
}

/** The unlisted-name files of ../shared/data/negatives/ (see its PROVENANCE.md §5). */
export function readNegativeSources(dir: string): NegativeSources {
  const companies = [
    ...csvColumn(join(dir, 'forbes_global_2000_2025.csv'), 'Name').map(({ value }) => ({
      name: value,
      origin: 'Forbes 2000 (2025)',
    })),
    ...csvColumn(join(dir, 'forbes_global_2000_2024.csv'), 'Name').map(({ value }) => ({
      name: value,
      origin: 'Forbes 2000 (2024)',
    })),
    ...csvColumn(join(dir, 'fortune500-2019.csv'), 'company').map(({ value }) => ({
      name: value,
      origin: 'Fortune 500 (2019)',
    })),
    ...csvColumn(join(dir, 'sp500_constituents.csv'), 'Security').map(({ value }) => ({
      name: value,
      origin: 'S&P 500',
    })),
  ].filter(({ name }) => name !== '');
  const universities = (
    JSON.parse(readFileSync(join(dir, 'world_universities_and_domains.json'), 'utf8')) as { name: string }[]
  ).map((university) => university.name.trim());
  return {
    companies,
    universities,
    forenames: namesByCountry(join(dir, 'common-forenames-by-country.csv')),
    surnames: namesByCountry(join(dir, 'common-surnames-by-country.csv')),
  };
}

/** The fixed shuffle that splits companies and universities between the tuning and held-out sets. */
export const SPLIT_SEED = 19_000_019;

function shuffled<T>(items: T[], rng: Rng): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const other = Math.floor(rng() * (k + 1));
    [items[k], items[other]] = [items[other]!, items[k]!];
  }
  return items;
}

/** Person names from one country's common forenames and surnames; one in four has two forenames. */
export function buildPersonNames(
  sources: NegativeSources,
  count: number,
  rng: Rng,
  exclude?: ReadonlySet<string>,
): string[] {
  const countries = [...sources.forenames.keys()].filter((code) => sources.surnames.has(code)).sort();
  const names = new Set<string>();
  for (let attempt = 0; names.size < count && attempt < count * 20; attempt++) {
    const country = pick(rng, countries);
    const forenames = sources.forenames.get(country)!;
    const first = pick(rng, forenames);
    const second = rng() < 0.25 ? pick(rng, forenames) : null;
    const surname = pick(rng, sources.surnames.get(country)!);
    const name = [first, second !== first ? second : null, surname].filter(Boolean).join(' ');
    if (!exclude?.has(name)) names.add(name);
  }
  return [...names];
}

export interface Removed {
  readonly query: string;
  readonly kind: NegativeKind;
  readonly reason: 'same name' | 'strict match';
  readonly listed: string;
}

/**
 * Negatives: companies (all), `universities` universities and `persons` person names drawn at
 * random, each name once, minus the names that really are listed — the same name up to
 * spelling conventions and legal form, or a match by the screener at `strictThreshold`.
 */
export function buildNegatives(
  sources: NegativeSources,
  keys: Map<string, Set<string>>,
  screener: Screener,
  options: {
    universities: number;
    persons: number;
    seed: number;
    strictThreshold: number;
    /**
     * One of two disjoint halves (tuning 0, held-out 1): half of the companies, the
     * `universities` universities after the first half's, both by a fixed shuffle (SPLIT_SEED),
     * and person names not in `exclude`.
     */
    part?: 0 | 1;
    exclude?: ReadonlySet<string>;
  },
): { negatives: Negative[]; removed: Removed[] } {
  const rng = seededRandom(options.seed);
  const part = options.part;
  const universities = shuffled(
    [...new Set(sources.universities)],
    part === undefined ? rng : seededRandom(SPLIT_SEED),
  );
  let companies = sources.companies;
  if (part !== undefined) {
    const names = shuffled(
      [...new Set(companies.map(({ name }) => plainKey(name)))],
      seededRandom(SPLIT_SEED + 1),
    );
    const half = new Set(part === 0 ? names.slice(0, names.length >> 1) : names.slice(names.length >> 1));
    companies = companies.filter(({ name }) => half.has(plainKey(name)));
  }
  const from = part === 1 ? options.universities : 0;
  const candidates: Negative[] = [
    ...companies.map(({ name, origin }) => ({ query: name, kind: 'company' as const, origin })),
    ...universities
      .slice(from, from + options.universities)
      .map((name) => ({ query: name, kind: 'university' as const, origin: 'world universities' })),
    ...buildPersonNames(sources, options.persons, rng, options.exclude).map((name) => ({
      query: name,
      kind: 'person' as const,
      origin: 'forenames × surnames',
    })),
  ];
  const seen = new Set<string>();
  const negatives: Negative[] = [];
  const removed: Removed[] = [];
  for (const candidate of candidates) {
    const key = plainKey(candidate.query);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const same = keys.get(key);
    if (same !== undefined) {
      const entry = screener.snapshot.entries.find((e) => same.has(e.id))!;
      const variant = nameVariants(entry).find((v) => plainKey(v.text) === key)!;
      const listed = variant.text === entry.name ? entry.name : `${variant.text}, of ${entry.name}`;
      removed.push({ query: candidate.query, kind: candidate.kind, reason: 'same name', listed });
      continue;
    }
    const strict = screener.screen(
      { name: candidate.query },
      { threshold: options.strictThreshold, limit: 1 },
    );
    if (strict.hits.length > 0) {
      removed.push({
        query: candidate.query,
        kind: candidate.kind,
        reason: 'strict match',
        listed: strict.hits[0]!.matchedName,
      });
      continue;
    }
    negatives.push(candidate);
  }
  return { negatives, removed };
}

import { COUNTRIES } from '../data/countries.js';
import type { ListedEntry } from './types.js';

/** One name an entry can be matched under, as printed in the list. */
export interface NameVariant {
  readonly text: string;
  /** The entry's own name (or a part of it), rather than an alt name. */
  readonly primary: boolean;
  /** A part of a name (without its parenthesis, the affiliate alone), not the name as listed. */
  readonly part: boolean;
}

/** CSL boilerplate that is not part of anyone's name (ISN and DTC rows). */
const BOILERPLATE =
  /[;,]?\s*(and|including) any successors?,?\s*sub-?units?,?\s*(or|and)\s*subsidiar(y|ies)( thereof)?\.?/gi;
const AFFILIATED = /\.?\s*Affiliated Entity:\s*/i;
const PARENTHESES = /\(([^()]*)\)/g;

const foldCountry = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const COUNTRY_NAMES: ReadonlySet<string> = new Set(
  COUNTRIES.flatMap((country) => [country.name, country.alpha3, country.code, ...country.aliases]).map(
    foldCountry,
  ),
);

function isCountryName(text: string): boolean {
  return COUNTRY_NAMES.has(foldCountry(text));
}

/** Words in parentheses that qualify a name rather than being one: "(Private) Limited". */
const NOT_A_NAME = new Set([
  'private',
  'pvt',
  'pte',
  'public',
  'branch',
  'group',
  'holding',
  'holdings',
  'hk',
  'prc',
  'the',
]);

function parenthesesApart(text: string): string[] {
  const inParentheses = [...text.matchAll(PARENTHESES)].map((match) => match[1]!.trim());
  if (inParentheses.length === 0) return [];
  // "Academy of Aerospace Solid Propulsion Technology (AASPT)": the name without the
  // parenthesis, and the parenthesis alone (an acronym or short name) unless it is a country.
  const out = [text.replace(PARENTHESES, ' ').replace(/\s+/g, ' ').trim()];
  for (const inner of inParentheses) {
    if (/\p{L}{2}/u.test(inner) && !NOT_A_NAME.has(inner.toLowerCase()) && !isCountryName(inner))
      out.push(inner);
  }
  return out;
}

function variantsOfOneName(name: string): string[] {
  const cleaned = name.replace(BOILERPLATE, '').trim();
  // "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Beijing Huawei Longshine …":
  // the row lists the affiliate; the parent's name only says whose affiliate it is.
  const affiliated = cleaned.split(AFFILIATED);
  if (affiliated.length === 2 && affiliated[1]!.trim() !== '') {
    const affiliate = affiliated[1]!.trim();
    return [cleaned, affiliate, ...parenthesesApart(affiliate)];
  }
  return [cleaned, ...parenthesesApart(cleaned)];
}

/** The names and alt names of an entry, with the parts worth matching on their own. */
export function nameVariants(entry: ListedEntry): NameVariant[] {
  const variants: NameVariant[] = [];
  const seen = new Set<string>();
  const add = (text: string, primary: boolean, part: boolean) => {
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) return;
    seen.add(key);
    variants.push({ text, primary, part });
  };
  for (const name of [entry.name, ...entry.altNames]) {
    const primary = name === entry.name;
    for (const [k, text] of variantsOfOneName(name).entries()) add(text, primary, k > 0 || text !== name);
  }
  return variants;
}

import type { AlignedPair, Alignment } from './align.js';
import type { IndexedVariant, NameIndex } from './name-index.js';
import type { QueryPlan } from './query-plan.js';
import type { HitExplanation, TokenMatch, TokenMatchKind } from './types.js';

const round2 = (value: number) => Math.round(value * 100) / 100;

function kindOf(
  plan: QueryPlan,
  index: NameIndex,
  variant: IndexedVariant,
  pair: AlignedPair,
): TokenMatchKind {
  const query = plan.tokens[pair.query[0]!]!;
  const listedToken = variant.tokens[pair.listed[0]!]!;
  switch (pair.how) {
    case 'legal-form':
      if (query.transliterated) return 'transliteration';
      return query.surface === index.tokenSurface[listedToken] ? 'exact' : 'legal-form';
    case 'exact':
      if (query.transliterated) return 'transliteration';
      if (query.surface === index.tokenSurface[listedToken]) return 'exact';
      return query.via === 'legal-form' || index.tokenVia[listedToken] === 'legal-form'
        ? 'legal-form'
        : 'abbreviation';
    case 'phonetic':
      return 'phonetic';
    default:
      return query.transliterated ? 'transliteration' : 'fuzzy';
  }
}

function variantNote(variant: IndexedVariant): string {
  if (variant.primary) return variant.part ? ', part of the listed name' : '';
  return variant.part ? ', part of an alt name' : ', alt name';
}

const DESCRIBE: Readonly<Record<TokenMatchKind, string>> = {
  exact: 'same word',
  abbreviation: 'abbreviation',
  'legal-form': 'legal form',
  fuzzy: 'spelling',
  phonetic: 'sounds alike',
  transliteration: 'transliterated',
};

/** Which query words matched which listed words, how, and a sentence saying so. */
export function explain(
  index: NameIndex,
  plan: QueryPlan,
  variant: IndexedVariant,
  alignment: Alignment,
  queryName: string,
  sourceName: string,
  countryAdjustment: number,
  countryNote: string,
): HitExplanation {
  const querySurface = (positions: readonly number[]) =>
    positions.map((i) => plan.tokens[i]!.surface).join(' ');
  const listedSurface = (positions: readonly number[]) =>
    positions.map((j) => index.tokenSurface[variant.tokens[j]!]!).join(' ');
  const ordered = [...alignment.pairs].sort((a, b) => a.query[0]! - b.query[0]!);
  const tokens: TokenMatch[] = ordered.map((pair) => ({
    query: querySurface(pair.query),
    listed: listedSurface(pair.listed),
    how: kindOf(plan, index, variant, pair),
    similarity: round2(pair.similarity),
  }));
  const unmatchedQuery = alignment.unmatchedQuery.map((i) => plan.tokens[i]!.surface);
  const unmatchedListed = [
    ...new Set(alignment.unmatchedListed.map((j) => index.tokenSurface[variant.tokens[j]!]!)),
  ];
  const words = ordered.map((pair, k) => {
    const token = tokens[k]!;
    const sign = token.similarity === 1 ? '=' : '≈';
    const note = pair.how === 'spacing' ? 'spacing' : DESCRIBE[token.how];
    const detail = token.similarity === 1 ? note : `${note}, ${token.similarity.toFixed(2)}`;
    return `"${token.query}" ${sign} "${token.listed}" (${detail})`;
  });
  const legalListed = alignment.unmatchedListed
    .filter((j) => index.canonLegal[index.tokenCanon[variant.tokens[j]!]!])
    .map((j) => index.tokenSurface[variant.tokens[j]!]!);
  const otherListed = unmatchedListed.filter((word) => !legalListed.includes(word));
  const parts = [
    `"${queryName}" matches "${variant.text}" (${sourceName}${variantNote(variant)}): ${words.join('; ')}.`,
  ];
  if (otherListed.length > 0) parts.push(`Listed words not in the query: ${otherListed.join(', ')}.`);
  if (legalListed.length > 0)
    parts.push(`Legal forms not in the query (weighted low): ${[...new Set(legalListed)].join(', ')}.`);
  if (unmatchedQuery.length > 0)
    parts.push(`Query words not in the listed name: ${unmatchedQuery.join(', ')}.`);
  parts.push(
    `Covers ${Math.round(alignment.queryCoverage * 100)}% of the query and ${Math.round(alignment.listedCoverage * 100)}% of the listed name by weight.`,
  );
  if (countryNote) parts.push(countryNote);
  return {
    text: parts.join(' '),
    tokens,
    unmatchedQuery,
    unmatchedListed,
    queryCoverage: round2(alignment.queryCoverage),
    listedCoverage: round2(alignment.listedCoverage),
    countryAdjustment,
  };
}

import type { IndexedVariant, NameIndex } from './name-index.js';
import { LEGAL_FORM_MISMATCH_SIMILARITY, type QueryPlan } from './query-plan.js';
import { allowedEdits, osaDistance } from './similarity.js';

/** One aligned pair: one or two query words (by position) with one or two listed words. */
export interface AlignedPair {
  readonly query: readonly number[];
  readonly listed: readonly number[];
  readonly similarity: number;
  readonly how: 'exact' | 'fuzzy' | 'phonetic' | 'legal-form' | 'spacing';
  readonly weight: number;
}

export interface Alignment {
  readonly pairs: readonly AlignedPair[];
  readonly unmatchedQuery: readonly number[];
  readonly unmatchedListed: readonly number[];
  readonly queryCoverage: number;
  readonly listedCoverage: number;
  readonly score: number;
}

interface Candidate {
  i: number;
  j: number;
  similarity: number;
  how: AlignedPair['how'];
  weight: number;
}

/**
 * The name score: how much of the query the listed name explains and how much of the listed
 * name the query explains, each weighted by word rarity, combined by their harmonic mean —
 * high only when both are, so one common word ("China") does not match long names and a
 * long name does not match a query that mentions one of its words.
 */
export function combineCoverage(queryCoverage: number, listedCoverage: number): number {
  if (queryCoverage <= 0 || listedCoverage <= 0) return 0;
  return (2 * queryCoverage * listedCoverage) / (queryCoverage + listedCoverage);
}

/**
 * Pairs query words with listed words, best pairs first, each word used once, order free;
 * then words left over on one side that, run together, match one word on the other
 * ("hua wei" ↔ "huawei", "huaweitechnologies" ↔ "huawei technologies"); then, if that could
 * still lift the score to `minScore`, leftovers a slip or two apart (pairLeftovers).
 *
 * A pair weighs what its listed word weighs (rarity, legal forms low) times its similarity;
 * a leftover query word weighs its own rarity, a leftover listed word its. Query coverage is
 * the paired weight over the paired plus leftover query weight, listed coverage likewise.
 */
export function align(index: NameIndex, plan: QueryPlan, variant: IndexedVariant, minScore = 0): Alignment {
  const queryTokens = plan.tokens;
  const listed = variant.tokens;
  const n = queryTokens.length;
  const m = listed.length;
  const candidates: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const query = queryTokens[i]!;
    const near = plan.matches[i]!;
    for (let j = 0; j < m; j++) {
      const canon = index.tokenCanon[listed[j]!]!;
      const weight = index.canonWeight[canon]!;
      if (query.legal || index.canonLegal[canon]) {
        if (!(query.legal && index.canonLegal[canon])) continue;
        const same = query.canon === index.canonText[canon];
        const similarity = same ? 1 : LEGAL_FORM_MISMATCH_SIMILARITY;
        candidates.push({ i, j, similarity, how: 'legal-form', weight });
        continue;
      }
      const match = near.get(canon);
      if (match !== undefined)
        candidates.push({ i, j, similarity: match.similarity, how: match.how, weight });
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity || b.weight - a.weight);
  const queryUsed = new Uint8Array(n);
  const listedUsed = new Uint8Array(m);
  const pairs: AlignedPair[] = [];
  for (const candidate of candidates) {
    if (queryUsed[candidate.i] || listedUsed[candidate.j]) continue;
    queryUsed[candidate.i] = 1;
    listedUsed[candidate.j] = 1;
    pairs.push({
      query: [candidate.i],
      listed: [candidate.j],
      similarity: candidate.similarity,
      how: candidate.how,
      weight: candidate.weight,
    });
  }
  if (pairs.length < n || pairs.length < m) joinLeftovers(index, plan, variant, queryUsed, listedUsed, pairs);
  // A name shares a word with the query (the same or one the index finds near it, or words
  // spaced differently) before anything else counts: legal forms alone say only "a company",
  // and leftover pairs are slips too far apart for the index to find. This is also what
  // makes retrieval complete (matcher.ts): every name that can score holds a word the
  // query's lookups reach.
  if (!pairs.some((pair) => pair.how !== 'legal-form')) {
    return { ...score(index, plan, variant, queryUsed, listedUsed, pairs), score: 0 };
  }
  if (
    pairs.length < n &&
    pairs.length < m &&
    couldReach(index, plan, variant, queryUsed, listedUsed, pairs, minScore)
  ) {
    pairLeftovers(index, plan, variant, queryUsed, listedUsed, pairs);
  }
  return score(index, plan, variant, queryUsed, listedUsed, pairs);
}

function score(
  index: NameIndex,
  plan: QueryPlan,
  variant: IndexedVariant,
  queryUsed: Uint8Array,
  listedUsed: Uint8Array,
  pairs: AlignedPair[],
): Alignment {
  const n = plan.tokens.length;
  const m = variant.tokens.length;
  const listed = variant.tokens;
  let matched = 0;
  let matchedWeight = 0;
  for (const pair of pairs) {
    matched += pair.weight * pair.similarity;
    matchedWeight += pair.weight;
  }
  const unmatchedQuery: number[] = [];
  const unmatchedListed: number[] = [];
  let queryRest = 0;
  let listedRest = 0;
  for (let i = 0; i < n; i++) {
    if (queryUsed[i]) continue;
    unmatchedQuery.push(i);
    queryRest += plan.ownWeight[i]!;
  }
  for (let j = 0; j < m; j++) {
    if (listedUsed[j]) continue;
    unmatchedListed.push(j);
    listedRest += index.canonWeight[index.tokenCanon[listed[j]!]!]!;
  }
  const queryCoverage = matchedWeight > 0 ? matched / (matchedWeight + queryRest) : 0;
  const listedCoverage = matchedWeight > 0 ? matched / (matchedWeight + listedRest) : 0;
  return {
    pairs,
    unmatchedQuery,
    unmatchedListed,
    queryCoverage,
    listedCoverage,
    score: combineCoverage(queryCoverage, listedCoverage),
  };
}

/** Similarity of words found equal once spaces are ignored: nearly, not quite, certain. */
const SPACING_SIMILARITY = 0.95;

function joinLeftovers(
  index: NameIndex,
  plan: QueryPlan,
  variant: IndexedVariant,
  queryUsed: Uint8Array,
  listedUsed: Uint8Array,
  pairs: AlignedPair[],
): void {
  const listed = variant.tokens;
  const canonAt = (j: number) => index.tokenCanon[listed[j]!]!;
  const unusedWith = (canon: number, except: number) => {
    for (let j = 0; j < listed.length; j++)
      if (j !== except && !listedUsed[j] && canonAt(j) === canon) return j;
    return -1;
  };
  // Two query words written apart that the list writes as one.
  for (let i = 0; i + 1 < plan.tokens.length; i++) {
    const near = plan.pairMatches[i];
    if (near == null || queryUsed[i] || queryUsed[i + 1]) continue;
    for (let j = 0; j < listed.length; j++) {
      if (listedUsed[j]) continue;
      const match = near.get(canonAt(j));
      if (match === undefined) continue;
      queryUsed[i] = 1;
      queryUsed[i + 1] = 1;
      listedUsed[j] = 1;
      const similarity = Math.min(match.similarity, SPACING_SIMILARITY);
      pairs.push({
        query: [i, i + 1],
        listed: [j],
        similarity,
        how: 'spacing',
        weight: index.canonWeight[canonAt(j)]!,
      });
      break;
    }
  }
  // One query word the list writes as two, in either order ("RatkoMLADIC" for "MLADIC, Ratko").
  for (let i = 0; i < plan.tokens.length; i++) {
    const splits = plan.splits[i]!;
    if (splits.length === 0 || queryUsed[i]) continue;
    let best: { left: number; right: number; similarity: number } | null = null;
    for (const [leftCanon, rightCanon, similarity] of splits) {
      if (best !== null && best.similarity >= similarity) continue;
      const left = unusedWith(leftCanon, -1);
      if (left < 0) continue;
      const right = unusedWith(rightCanon, left);
      if (right >= 0) best = { left, right, similarity };
    }
    if (best === null) continue;
    queryUsed[i] = 1;
    listedUsed[best.left] = 1;
    listedUsed[best.right] = 1;
    pairs.push({
      query: [i],
      listed: [best.left, best.right].sort((a, b) => a - b),
      similarity: Math.min(best.similarity, SPACING_SIMILARITY),
      how: 'spacing',
      weight: index.canonWeight[canonAt(best.left)]! + index.canonWeight[canonAt(best.right)]!,
    });
  }
}

/** Similarity credited at most to a leftover pair (words further apart than the index looks). */
export const LEFTOVER_MAX_SIMILARITY = 0.85;
export const LEFTOVER_MIN_SIMILARITY = 0.5;

/**
 * Whether pairing the leftovers could lift the score to `minScore` (else skip the work). A
 * bound, never an estimate: at most min(leftover query words, leftover listed words) pairs,
 * each crediting its listed word's weight × LEFTOVER_MAX_SIMILARITY at most (the heaviest
 * listed leftovers, in the best case), adding that weight to the matched weight and taking
 * its query word's weight off the unmatched query weight (the heaviest, in the best case).
 * With the score written 2M / (V + W + Q) (V the listed name's weight, W the matched listed
 * weight, M the matched weight × similarity, Q the unmatched query weight) and W ≥ M, the
 * score is at most 2M / (V + W₀ − M₀ + M + Q), which grows with M.
 */
function couldReach(
  index: NameIndex,
  plan: QueryPlan,
  variant: IndexedVariant,
  queryUsed: Uint8Array,
  listedUsed: Uint8Array,
  pairs: AlignedPair[],
  minScore: number,
): boolean {
  if (minScore <= 0) return true;
  let matched = 0;
  let matchedWeight = 0;
  for (const pair of pairs) {
    matched += pair.weight * pair.similarity;
    matchedWeight += pair.weight;
  }
  const queryRest: number[] = [];
  const listedRest: number[] = [];
  let queryRestSum = 0;
  let listedWeight = 0;
  let strays = 0;
  for (let i = 0; i < plan.tokens.length; i++) {
    if (queryUsed[i]) continue;
    queryRestSum += plan.ownWeight[i]!;
    if (!plan.stray[i]) continue;
    strays++;
    queryRest.push(plan.ownWeight[i]!);
  }
  if (strays === 0) return false;
  for (let j = 0; j < variant.tokens.length; j++) {
    const weight = index.canonWeight[index.tokenCanon[variant.tokens[j]!]!]!;
    listedWeight += weight;
    if (!listedUsed[j]) listedRest.push(weight);
  }
  const k = Math.min(queryRest.length, listedRest.length);
  queryRest.sort((a, b) => b - a);
  listedRest.sort((a, b) => b - a);
  let gain = 0;
  let queryFreed = 0;
  for (let p = 0; p < k; p++) {
    gain += listedRest[p]! * LEFTOVER_MAX_SIMILARITY;
    queryFreed += queryRest[p]!;
  }
  const best = matched + gain;
  const denominator = listedWeight + matchedWeight - matched + best + Math.max(0, queryRestSum - queryFreed);
  return denominator > 0 && (2 * best) / denominator >= minScore - 1e-12;
}

/**
 * Last resort for words left over on both sides: two slips in one short word ("Wnoog" for
 * "Wong") or in a legal form ("Lttd", "Compayn") put them beyond the index's reach. Only
 * stray query words (plan.stray: words the list does not have as written) pair here. Such
 * pairs are compared directly, one edit more leniently, and credited at most
 * LEFTOVER_MAX_SIMILARITY; a leftover query word near a listed legal form counts as that
 * legal form, so a mangled "Ltd." weighs what a legal form weighs.
 */
function pairLeftovers(
  index: NameIndex,
  plan: QueryPlan,
  variant: IndexedVariant,
  queryUsed: Uint8Array,
  listedUsed: Uint8Array,
  pairs: AlignedPair[],
): void {
  const listed = variant.tokens;
  const found: Candidate[] = [];
  for (let i = 0; i < plan.tokens.length; i++) {
    if (queryUsed[i] || !plan.stray[i]) continue;
    const query = plan.tokens[i]!;
    for (let j = 0; j < listed.length; j++) {
      if (listedUsed[j]) continue;
      const surface = index.tokenSurface[listed[j]!]!;
      const canon = index.tokenCanon[listed[j]!]!;
      const legal = index.canonLegal[canon]!;
      if (legal !== query.legal && !legal) continue;
      const length = Math.max(query.surface.length, surface.length);
      const allowed = legal ? Math.max(1, Math.floor(length / 3)) : length < 3 ? 0 : allowedEdits(length) + 1;
      if (allowed === 0) continue;
      const distance = osaDistance(query.surface, surface, allowed, query.surface.includes('?'));
      if (distance > allowed) continue;
      const similarity = Math.min(LEFTOVER_MAX_SIMILARITY, 1 - distance / length);
      if (!legal && similarity < LEFTOVER_MIN_SIMILARITY) continue;
      found.push({
        i,
        j,
        similarity: legal ? LEGAL_FORM_MISMATCH_SIMILARITY : similarity,
        how: legal ? 'legal-form' : 'fuzzy',
        weight: index.canonWeight[canon]!,
      });
    }
  }
  found.sort((a, b) => b.similarity - a.similarity || b.weight - a.weight);
  for (const candidate of found) {
    if (queryUsed[candidate.i] || listedUsed[candidate.j]) continue;
    queryUsed[candidate.i] = 1;
    listedUsed[candidate.j] = 1;
    pairs.push({
      query: [candidate.i],
      listed: [candidate.j],
      similarity: candidate.similarity,
      how: candidate.how,
      weight: candidate.weight,
    });
  }
}

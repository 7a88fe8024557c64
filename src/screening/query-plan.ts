import { misspeltLegalForm, truncatedLegalForm } from './legal-forms.js';
import { LEGAL_FORM_WEIGHT, type NameIndex, neighbourhoodKeys, squeeze } from './name-index.js';
import { type NameToken, tokenizeName } from './normalize.js';
import { phoneticKeys, soundAlike } from './phonetic.js';
import { allowedEdits, editSimilarity, osaDistance } from './similarity.js';

/** Word pairs less similar than this are not a match. */
export const MIN_TOKEN_SIMILARITY = 0.66;
/** Similarity given to words that differ only in letters doubled or made single. */
export const DOUBLING_SIMILARITY = 0.9;
/** Similarity given to words that sound alike (same Double Metaphone key) but are spelt apart. */
export const PHONETIC_SIMILARITY = 0.8;
/** Legal forms that differ ("Ltd" against "LLC") still say "a company": half a match. */
export const LEGAL_FORM_MISMATCH_SIMILARITY = 0.5;

export interface WordMatch {
  readonly similarity: number;
  readonly how: 'exact' | 'fuzzy' | 'phonetic';
}

/** A query, tokenized, with every listed word each of its words (or adjacent pair) is near. */
export interface QueryPlan {
  readonly tokens: readonly NameToken[];
  /** Per query word: canonical id → best match. */
  readonly matches: readonly Map<number, WordMatch>[];
  /** Per query word i: the words i and i+1 written together ("hua wei" → "huawei"). */
  readonly pairMatches: readonly (Map<number, WordMatch> | null)[];
  /** Per query word: two listed words it runs together. */
  readonly splits: readonly (readonly Split[])[];
  /** Per query word: its weight when unmatched (the list's weight of it, or unknownWeight). */
  readonly ownWeight: Float64Array;
  /**
   * Per query word: 1 when it is a stray — not a legal form, one word, and not a word of the
   * list as written. Only strays may pair as leftovers (align.ts): a word the list has is not
   * taken for a slip of another.
   */
  readonly stray: Uint8Array;
}

function record(matches: Map<number, WordMatch>, canon: number, similarity: number, how: WordMatch['how']) {
  const before = matches.get(canon);
  if (before === undefined || before.similarity < similarity) matches.set(canon, { similarity, how });
}

/** Listed words near `word`: same canonical form, a few edits away, or sounding alike. */
function nearWords(
  index: NameIndex,
  word: string,
  canon: string | null,
  phonetic = true,
): Map<number, WordMatch> {
  const matches = new Map<number, WordMatch>();
  const exact = canon === null ? undefined : index.canonIds.get(canon);
  if (exact !== undefined) matches.set(exact, { similarity: 1, how: 'exact' });
  const seen = new Set<number>();
  const compare = (token: number) => {
    if (seen.has(token)) return;
    seen.add(token);
    const canonId = index.tokenCanon[token]!;
    if (canonId === exact) return;
    const surface = index.tokenSurface[token]!;
    // "Intel" is one letter from "Intl", but not from "International".
    if (index.tokenVia[token] === 'abbreviation' && surface.length < 6) return;
    const similarity = editSimilarity(word, surface);
    if (similarity >= MIN_TOKEN_SIMILARITY)
      record(matches, canonId, similarity, similarity === 1 ? 'exact' : 'fuzzy');
  };
  if (allowedEdits(word.length + 1) > 0 || word.includes('?')) {
    for (const key of neighbourhoodKeys(word)) {
      const tokens = index.fuzzyKeys.get(key);
      if (tokens !== undefined) for (const token of tokens) compare(token);
    }
    for (const token of index.surfaceTokens.get(word) ?? []) compare(token);
  } else {
    for (const token of index.surfaceTokens.get(word) ?? []) compare(token);
  }
  // Letters doubled or made single ("Beaachh", "Haqani" for "Haqqani"): the same word once
  // every run of a letter is written once, for words of three letters or more that way.
  const single = squeeze(word);
  if (single.length >= 3) {
    for (const token of [...(index.surfaceTokens.get(single) ?? []), ...(index.squeezed.get(single) ?? [])]) {
      const canonId = index.tokenCanon[token]!;
      if (canonId === exact || index.canonLegal[canonId]) continue;
      const surface = index.tokenSurface[token]!;
      if (surface === word) continue;
      record(matches, canonId, Math.max(editSimilarity(word, surface), DOUBLING_SIMILARITY), 'fuzzy');
    }
  }
  const sounds = phonetic && word.length >= 6 ? phoneticKeys(word) : [];
  if (sounds.length > 0) {
    for (const key of sounds) {
      for (const token of index.phonetic.get(key) ?? []) {
        const canonId = index.tokenCanon[token]!;
        if (canonId === exact || (matches.get(canonId)?.similarity ?? 0) >= PHONETIC_SIMILARITY) continue;
        const listed = index.tokenSurface[token]!;
        // Sounding alike is evidence only between longer words also spelt alike: short words
        // share keys by chance ("CITIC" and "CETC").
        const allowed = Math.max(1, Math.floor(Math.max(word.length, listed.length) / 3));
        if (listed.length < 6 || listed[0] !== word[0] || osaDistance(word, listed, allowed) > allowed)
          continue;
        if (soundAlike(sounds, index.tokenPhonetic[token]!))
          record(matches, canonId, PHONETIC_SIMILARITY, 'phonetic');
      }
    }
  }
  return matches;
}

/** Two listed words a query word runs together, and how well: [left canon, right canon, similarity]. */
export type Split = readonly [number, number, number];

/**
 * Listed word pairs a query word splits into ("huaweitechnologies", "ratkomladic"): both
 * halves exactly, or — for a word that matched nothing — one half exactly and the other
 * with a slip ("anrdeyshevlyakov").
 */
function splitsOf(index: NameIndex, word: string, fuzzy: boolean): Split[] {
  const out: Split[] = [];
  if (word.length < 4) return out;
  // A word the list has may still be two words it has run together ("abdulaziz" is listed
  // both ways): exact halves only.
  const anyFuzzy = fuzzy && !index.surfaceTokens.has(word);
  for (let at = 2; at <= word.length - 2; at++) {
    const leftWord = word.slice(0, at);
    const rightWord = word.slice(at);
    const left = index.surfaceTokens.get(leftWord);
    const right = index.surfaceTokens.get(rightWord);
    if (left !== undefined && right !== undefined) {
      for (const l of left) for (const r of right) out.push([index.tokenCanon[l]!, index.tokenCanon[r]!, 1]);
      continue;
    }
    if (!anyFuzzy || (left === undefined) === (right === undefined)) continue;
    // Short halves fit almost anything ("trav" + "aux"): both must be real words' length.
    const fuzzyWord = left === undefined ? leftWord : rightWord;
    if (fuzzyWord.length < 5 || word.length - fuzzyWord.length < 4) continue;
    const exactSide = left ?? right!;
    for (const [canon, match] of nearWords(index, fuzzyWord, null, false)) {
      const similarity = 1 - ((1 - match.similarity) * fuzzyWord.length) / word.length;
      for (const e of exactSide) {
        const exactCanon = index.tokenCanon[e]!;
        out.push(left === undefined ? [canon, exactCanon, similarity] : [exactCanon, canon, similarity]);
      }
    }
  }
  // Fuzzy halves can be many ("fer" + "rand", "grand", "brand"…): the best few will do.
  return out.length > MAX_SPLITS ? out.sort((a, b) => b[2] - a[2]).slice(0, MAX_SPLITS) : out;
}

const MAX_SPLITS = 8;

/**
 * Lookups per index, by word: names share words ("international", "trading"), so batch
 * screening looks most of them up once. Bounded; cached values are never modified.
 */
const lookupCache = new WeakMap<NameIndex, Map<string, unknown>>();
const LOOKUP_CACHE_SIZE = 100_000;
const NO_MATCHES: Map<number, WordMatch> = new Map();

/** Forgets the lookups made so far (benchmarks measure from a cold cache). */
export function clearNearWordCache(index: NameIndex): void {
  lookupCache.get(index)?.clear();
}

function cached<T>(index: NameIndex, key: string, compute: () => T): T {
  let cache = lookupCache.get(index);
  if (cache === undefined) {
    cache = new Map();
    lookupCache.set(index, cache);
  }
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = compute();
    if (cache.size >= LOOKUP_CACHE_SIZE) cache.clear();
    cache.set(key, value);
  }
  return value;
}

function cachedNearWords(index: NameIndex, token: NameToken): Map<number, WordMatch> {
  if (token.legal) return NO_MATCHES;
  return cached(index, `w ${token.surface} ${token.canon}`, () =>
    nearWords(index, token.surface, token.canon),
  );
}

/**
 * The query tokenized (normalize.ts) and looked up: for each word the listed words near it,
 * for each pair of neighbours the listed words they make written together, for each word the
 * pairs of listed words it runs together; and each word's weight.
 */
export function planQuery(index: NameIndex, name: string): QueryPlan {
  const written = tokenizeName(name);
  const tokens = written.map((token, i) => {
    // A word the list does not have, at either end of the name, a slip from a legal form
    // ("Avilon Ldtd.", "LLCC GMCS Management") or one cut short ("Avilon Comp") is that
    // legal form.
    if (token.legal || (i > 0 && i < written.length - 1) || index.surfaceTokens.has(token.surface))
      return token;
    const legal = misspeltLegalForm(token.surface) ?? truncatedLegalForm(token.surface);
    return legal === null ? token : { ...token, canon: legal, legal: true, via: 'legal-form' as const };
  });
  const matches = tokens.map((token) => cachedNearWords(index, token));
  const pairMatches = tokens.map((token, i) => {
    const next = tokens[i + 1];
    // A legal word can be half of a word split in two ("Francis co"), not a phrase ("sdn bhd").
    if (next === undefined || token.surface.includes(' ') || next.surface.includes(' ')) return null;
    const joined = token.surface + next.surface;
    const near = cached(index, `p ${joined}`, () => nearWords(index, joined, null));
    return near.size > 0 ? near : null;
  });
  const splits = tokens.map((token, i) => {
    if (token.surface.includes(' ')) return [];
    const fuzzy = matches[i]!.size === 0 && token.surface.length >= 7;
    return cached(index, `s ${token.surface} ${fuzzy}`, () => splitsOf(index, token.surface, fuzzy));
  });
  const ownWeight = Float64Array.from(tokens, (token) => {
    const canon = index.canonIds.get(token.canon);
    if (canon !== undefined) return index.canonWeight[canon]!;
    return token.legal ? index.unknownWeight * LEGAL_FORM_WEIGHT : index.unknownWeight;
  });
  const stray = Uint8Array.from(tokens, (token) =>
    !token.legal && !token.surface.includes(' ') && !index.surfaceTokens.has(token.surface) ? 1 : 0,
  );
  return { tokens, matches, pairMatches, splits, ownWeight, stray };
}

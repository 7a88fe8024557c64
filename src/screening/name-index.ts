import { HashedKeys, hashSkipping, VALUE_RANGE } from './hashed-keys.js';
import { nameVariants } from './name-variants.js';
import { type NameToken, tokenizeName } from './normalize.js';
import { phoneticKeys } from './phonetic.js';
import { allowedEdits } from './similarity.js';
import type { ListedEntry } from './types.js';

/** Legal forms count this much of an ordinary word of the same rarity. */
export const LEGAL_FORM_WEIGHT = 0.15;

/** One name of one entry, as a list of token ids. */
export interface IndexedVariant {
  readonly entry: number;
  readonly text: string;
  readonly primary: boolean;
  readonly part: boolean;
  readonly tokens: Int32Array;
}

/**
 * Keys of a word's deletion neighbourhood (SymSpell): the word and the word with each one
 * character deleted, hashed ("abc" → abc, bc, ac, ab). Two words sharing a key are at most
 * two edits apart.
 */
export function neighbourhoodKeys(word: string): number[] {
  const keys = [hashSkipping(word, -1)];
  for (let skip = 0; skip < word.length; skip++) {
    // Deleting either of two equal neighbours gives the same word.
    if (skip > 0 && word[skip] === word[skip - 1]) continue;
    keys.push(hashSkipping(word, skip));
  }
  return keys;
}

/**
 * The letters and digits a word contains, one bit each (digits share six bits). Every
 * character a word has and another lacks costs at least one edit to put in, so the bits one
 * word has and the other lacks bound their edit distance from below (matcher.ts uses this to
 * rule out leftover pairs without comparing the words).
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k);
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else if (code >= 48 && code <= 57) mask |= 1 << (26 + ((code - 48) % 6));
  }
  return mask;
}

/** Set bits of a 32-bit mask. */
export function bitCount(mask: number): number {
  let x = mask - ((mask >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The word with every run of one letter written once ("haqqani" → "haqani", "beaachh" → "beach"). */
export function squeeze(word: string): string {
  return word.replace(/([a-z])\1+/g, '$1');
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/**
 * An inverted index over the words of every name and alt name of a list:
 *
 * - a token is a (written form, canonical form) pair; its canonical form has a posting list
 *   of the names that contain it and a weight from its rarity (inverse document frequency
 *   over entries, legal forms scaled by LEGAL_FORM_WEIGHT);
 * - a deletion neighbourhood (each word and every word with one character deleted → the
 *   tokens) finds words one or two edits away without comparing against the vocabulary;
 * - Double Metaphone keys find words that sound alike.
 *
 * A query touches only the names sharing a (near) word with it; nothing scans the list.
 */
export class NameIndex {
  readonly entries: readonly ListedEntry[];
  readonly variants: IndexedVariant[] = [];
  /** Per token: written form, canonical id, and why they differ. */
  readonly tokenSurface: string[] = [];
  readonly tokenCanon: number[] = [];
  readonly tokenVia: ('legal-form' | 'abbreviation' | null)[] = [];
  readonly tokenPhonetic: string[][] = [];
  /** Per token: letterMask of its written form, its length, its weight (0 for legal forms). */
  readonly tokenMask: Int32Array;
  readonly tokenLength: Uint8Array;
  readonly tokenWeight: Float64Array;
  /** Per canonical form: text, legal or not, weight, posting list of variant ids. */
  readonly canonText: string[] = [];
  readonly canonLegal: boolean[] = [];
  readonly canonWeight: Float64Array;
  readonly postings: Int32Array[];
  /** Per variant: the weights of its words, summed. */
  readonly variantWeight: Float64Array;
  /** Per variant: the weight of its heaviest legal form (0 when it has none). */
  readonly variantLegalWeight: Float64Array;
  /** Per variant: the weight of its heaviest word other than a legal form. */
  readonly variantHeaviest: Float64Array;
  /** Per variant: the letterMasks of its words other than legal forms, together. */
  readonly variantMask: Int32Array;
  /** Weight of a word the list does not contain: rarer than any it does. */
  readonly unknownWeight: number;
  readonly canonIds = new Map<string, number>();
  /** Written form → token ids (a written form may stand for several canonical tokens). */
  readonly surfaceTokens = new Map<string, number[]>();
  /** Deletion-neighbourhood keys (see neighbourhoodKeys) → token ids. */
  readonly fuzzyKeys: HashedKeys;
  readonly phonetic = new Map<string, number[]>();
  /** Written forms with a doubled letter, by the form with every run of a letter made single. */
  readonly squeezed = new Map<string, number[]>();

  constructor(entries: readonly ListedEntry[]) {
    this.entries = entries;
    const tokenIds = new Map<string, number>();
    const fuzzyPairs: number[] = [];
    const postingLists: number[][] = [];
    const documentFrequency: number[] = [];
    const lastEntry: number[] = [];
    const tokenId = (token: NameToken): number => {
      const key = token.surface === token.canon ? token.surface : `${token.surface}\u0000${token.canon}`;
      let id = tokenIds.get(key);
      if (id !== undefined) return id;
      id = this.tokenSurface.length;
      tokenIds.set(key, id);
      let canon = this.canonIds.get(token.canon);
      if (canon === undefined) {
        canon = this.canonText.length;
        this.canonIds.set(token.canon, canon);
        this.canonText.push(token.canon);
        this.canonLegal.push(token.legal);
        postingLists.push([]);
        documentFrequency.push(0);
        lastEntry.push(-1);
      }
      this.tokenSurface.push(token.surface);
      this.tokenCanon.push(canon);
      this.tokenVia.push(token.via);
      const sounds = token.legal ? [] : phoneticKeys(token.surface);
      this.tokenPhonetic.push(sounds);
      push(this.surfaceTokens, token.surface, id);
      if (!token.legal) {
        if (allowedEdits(token.surface.length + 1) > 0) {
          for (const key of neighbourhoodKeys(token.surface)) fuzzyPairs.push(key * VALUE_RANGE + id);
        }
        for (const sound of sounds) push(this.phonetic, sound, id);
        const single = squeeze(token.surface);
        if (single !== token.surface) push(this.squeezed, single, id);
      }
      return id;
    };
    entries.forEach((entry, entryIndex) => {
      for (const variant of nameVariants(entry)) {
        const tokens = tokenizeName(variant.text);
        if (tokens.length === 0) continue;
        const variantId = this.variants.length;
        const ids = Int32Array.from(tokens, tokenId);
        this.variants.push({ entry: entryIndex, ...variant, tokens: ids });
        for (const id of ids) {
          const canon = this.tokenCanon[id]!;
          const list = postingLists[canon]!;
          if (list[list.length - 1] !== variantId) list.push(variantId);
          if (lastEntry[canon] !== entryIndex) {
            lastEntry[canon] = entryIndex;
            documentFrequency[canon]!++;
          }
        }
      }
    });
    this.fuzzyKeys = new HashedKeys(Float64Array.from(fuzzyPairs));
    const n = Math.max(1, entries.length);
    this.unknownWeight = Math.log(1 + n / 0.5);
    this.canonWeight = Float64Array.from(documentFrequency, (df, canon) => {
      const weight = Math.log(1 + n / (df + 0.5));
      return this.canonLegal[canon] ? weight * LEGAL_FORM_WEIGHT : weight;
    });
    this.postings = postingLists.map((list) => Int32Array.from(list));
    this.variantWeight = Float64Array.from(this.variants, (variant) => {
      let sum = 0;
      for (const token of variant.tokens) sum += this.canonWeight[this.tokenCanon[token]!]!;
      return sum;
    });
    this.variantLegalWeight = Float64Array.from(this.variants, (variant) => {
      let most = 0;
      for (const token of variant.tokens) {
        const canon = this.tokenCanon[token]!;
        if (this.canonLegal[canon]) most = Math.max(most, this.canonWeight[canon]!);
      }
      return most;
    });
    this.tokenMask = Int32Array.from(this.tokenSurface, letterMask);
    this.tokenLength = Uint8Array.from(this.tokenSurface, (surface) => Math.min(255, surface.length));
    this.tokenWeight = Float64Array.from(this.tokenCanon, (canon) =>
      this.canonLegal[canon] ? 0 : this.canonWeight[canon]!,
    );
    this.variantHeaviest = Float64Array.from(this.variants, (variant) => {
      let most = 0;
      for (const token of variant.tokens) most = Math.max(most, this.tokenWeight[token]!);
      return most;
    });
    this.variantMask = Int32Array.from(this.variants, (variant) => {
      let mask = 0;
      for (const token of variant.tokens) if (this.tokenWeight[token]! > 0) mask |= this.tokenMask[token]!;
      return mask;
    });
  }
}

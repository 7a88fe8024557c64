import anyAscii from 'any-ascii';
import { expandAbbreviation } from './abbreviations.js';
import { CJK_TERM_MAX_LENGTH, CJK_TERMS } from './cjk-terms.js';
import { joinsIntoLegalWord, legalFormAt, splitGluedLegalWord } from './legal-forms.js';

/** One word of a name after normalization. */
export interface NameToken {
  /** The word as written, folded: lower-case ASCII letters and digits, `?` kept as a wildcard. */
  readonly surface: string;
  /** What it is compared as: the canonical legal form or abbreviation, else the surface. */
  readonly canon: string;
  readonly legal: boolean;
  /** Why canon differs from surface. */
  readonly via: 'legal-form' | 'abbreviation' | null;
  /** Written in another script (Han, Cyrillic…) and romanized or translated here. */
  readonly transliterated: boolean;
}

interface Piece {
  readonly text: string;
  readonly transliterated: boolean;
}

const CJK_RUN = /(\p{Script=Han}+|[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+|\p{Script=Hangul}+)/u;
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;

/** A Han (or kana, hangul) run: dictionary words, longest first; the rest romanized and joined. */
function cjkPieces(run: string): Piece[] {
  const pieces: Piece[] = [];
  let pending = '';
  const flush = () => {
    if (pending) pieces.push({ text: anyAscii(pending).replace(/\s+/g, ''), transliterated: true });
    pending = '';
  };
  let i = 0;
  while (i < run.length) {
    let matched = false;
    for (let length = Math.min(CJK_TERM_MAX_LENGTH, run.length - i); length >= 2; length--) {
      const english = CJK_TERMS[run.slice(i, i + length)];
      if (english !== undefined) {
        flush();
        pieces.push({ text: english, transliterated: true });
        i += length;
        matched = true;
        break;
      }
    }
    if (!matched) pending += run[i++];
  }
  flush();
  return pieces;
}

/** Unicode to ASCII words: compatibility forms folded, marks dropped, other scripts romanized. */
function asciiPieces(raw: string): Piece[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: testing for pure ASCII
  if (/^[\x00-\x7f]*$/.test(raw)) return [{ text: raw, transliterated: false }];
  const pieces: Piece[] = [];
  for (const part of raw.normalize('NFKC').split(CJK_RUN)) {
    if (part === '') continue;
    if (CJK_RUN.test(part)) {
      pieces.push(...cjkPieces(part));
      continue;
    }
    for (const word of part.split(/\s+/)) {
      if (word === '') continue;
      const unmarked = word.normalize('NFKD').replace(/\p{M}/gu, '');
      pieces.push({ text: anyAscii(unmarked), transliterated: NON_LATIN_LETTER.test(unmarked) });
    }
  }
  return pieces;
}

/** "S.A.", "L.L.C.", "U.A" → "sa", "llc", "ua" (single letters joined by dots). */
const DOTTED = /(?<![a-z0-9])[a-z](?:\.[a-z])+\.?(?![a-z0-9])/g;

/** Lower-case ASCII words of one piece; punctuation separates words, `?` is kept inside them. */
export function foldWords(text: string): string[] {
  // Each rewrite only when its character occurs: most names need none of them.
  let folded = text.toLowerCase();
  if (folded.includes('co-op')) folded = folded.replace(/\bco-op/g, 'coop');
  if (/['\u2018\u2019`\u00b4]/.test(folded)) {
    folded = folded.replace(/['\u2018\u2019`\u00b4]s\b/g, '').replace(/['\u2018\u2019`\u00b4]/g, '');
  }
  if (folded.includes('.')) folded = folded.replace(DOTTED, (letters) => letters.replace(/\./g, ''));
  if (folded.includes('&')) folded = folded.replace(/&/g, ' and ');
  const words: string[] = [];
  for (const word of folded.split(/[^a-z0-9?]+/)) {
    if (word === '' || !/[a-z0-9]/.test(word)) continue;
    if (!word.includes('?')) {
      words.push(word);
      continue;
    }
    // "?" is a letter lost to encoding ("M?ller"), kept as a wildcard, unless it stands
    // between two words, where it was a space ("Beijing?Naura": a no-break space turned "?").
    const parts = word.split(/\?+/).filter((part) => part !== '');
    if (parts.length > 1 && parts.every((part) => part.length >= 2)) words.push(...parts);
    else if (/[a-z0-9]/.test(word)) words.push(word.replace(/^\?+|\?+$/g, '') || word);
  }
  return words;
}

/**
 * A name as the matcher sees it: NFKC/NFKD, case folded, diacritics dropped, other scripts
 * romanized (any-ascii) or translated (cjk-terms.ts), punctuation removed, legal forms and
 * abbreviations canonicalized. Word order is kept (explanations use it); scoring ignores it.
 */
export function tokenizeName(raw: string): NameToken[] {
  const written: string[] = [];
  const fromScript: boolean[] = [];
  for (const piece of asciiPieces(raw)) {
    for (const word of foldWords(piece.text)) {
      const glued = splitGluedLegalWord(word);
      for (const part of glued ?? [word]) {
        written.push(part);
        fromScript.push(piece.transliterated);
      }
    }
  }
  // A stray space inside a legal word ("Limi ted") would leave two rare-looking words.
  const words: string[] = [];
  const transliterated: boolean[] = [];
  for (let k = 0; k < written.length; k++) {
    const next = written[k + 1];
    if (next !== undefined && joinsIntoLegalWord(written[k]!, next)) {
      words.push(written[k]! + next);
      transliterated.push(fromScript[k]!);
      k++;
      continue;
    }
    words.push(written[k]!);
    transliterated.push(fromScript[k]!);
  }
  const tokens: NameToken[] = [];
  let i = 0;
  while (i < words.length) {
    const legal = legalFormAt(words, i);
    if (legal !== null) {
      const surface = words.slice(i, i + legal.length).join(' ');
      for (const canon of legal.canonical) {
        tokens.push({
          surface,
          canon,
          legal: true,
          via: surface === canon ? null : 'legal-form',
          transliterated: transliterated[i]!,
        });
      }
      i += legal.length;
      continue;
    }
    const surface = words[i]!;
    const canon = expandAbbreviation(surface);
    tokens.push({
      surface,
      canon,
      legal: false,
      via: canon === surface ? null : 'abbreviation',
      transliterated: transliterated[i]!,
    });
    i++;
  }
  return tokens;
}

/** The canonical words joined: equal keys mean equal names up to spelling conventions. */
export function nameKey(raw: string): string {
  return tokenizeName(raw)
    .map((token) => token.canon)
    .join(' ');
}

import { mulberry32 } from '../src/domain/random.js';
/**
 * Manglings of a listed name, after OpenSanctions' matcher evaluation and what screeners see
 * in practice (../shared/research/compliance-anchors.md): typing slips, lost diacritics,
 * word order, legal forms and abbreviations written differently, surname first, spacing.
 * Each returns the altered name, or null when it does not apply to this name.
 */

export type Rng = () => number;

/** Seeded (mulberry32): the same seed gives the same sets. */
export const seededRandom: (seed: number) => Rng = mulberry32;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const VOWELS = 'aeiou';
const isLetter = (ch: string) => /\p{L}/u.test(ch);

/** Positions in `name` of letters inside words of at least `minWord` letters. */
function letterPositions(name: string, minWord: number): number[] {
  const positions: number[] = [];
  for (const match of name.matchAll(/\p{L}+/gu)) {
    if (match[0].length < minWord) continue;
    for (let k = 0; k < match[0].length; k++) positions.push(match.index! + k);
  }
  return positions;
}

function swapLetters(name: string, rng: Rng): string | null {
  const positions = letterPositions(name, 4).filter(
    (at) => isLetter(name[at + 1] ?? '') && name[at] !== name[at + 1],
  );
  if (positions.length === 0) return null;
  const at = pick(rng, positions);
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

function doubleLetter(name: string, rng: Rng): string | null {
  const positions = letterPositions(name, 3);
  if (positions.length === 0) return null;
  const at = pick(rng, positions);
  return name.slice(0, at + 1) + name[at] + name.slice(at + 1);
}

function singleLetter(name: string, rng: Rng): string | null {
  const positions: number[] = [];
  for (let at = 0; at + 1 < name.length; at++) {
    if (isLetter(name[at]!) && name[at]!.toLowerCase() === name[at + 1]!.toLowerCase()) positions.push(at);
  }
  if (positions.length === 0) return null;
  const at = pick(rng, positions);
  return name.slice(0, at) + name.slice(at + 1);
}

function vowelSwap(name: string, rng: Rng): string | null {
  const positions = letterPositions(name, 4).filter((at) => VOWELS.includes(name[at]!.toLowerCase()));
  if (positions.length === 0) return null;
  const at = pick(rng, positions);
  const current = name[at]!;
  const others = VOWELS.split('').filter((v) => v !== current.toLowerCase());
  const replacement = pick(rng, others);
  return (
    name.slice(0, at) +
    (current === current.toUpperCase() ? replacement.toUpperCase() : replacement) +
    name.slice(at + 1)
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range
const NON_ASCII = /[^\x00-\x7f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range
const EVERY_NON_ASCII = /[^\x00-\x7f]/g;

function dropDiacritics(name: string): string | null {
  const stripped = name.normalize('NFKD').replace(/\p{M}/gu, '');
  return stripped === name ? null : stripped;
}

function questionMarks(name: string): string | null {
  return NON_ASCII.test(name) ? name.replace(EVERY_NON_ASCII, '?') : null;
}

function dropNonAscii(name: string): string | null {
  return NON_ASCII.test(name) ? name.replace(EVERY_NON_ASCII, '') : null;
}

function wordOrder(name: string, rng: Rng): string | null {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  const at = 1 + Math.floor(rng() * (words.length - 1));
  return [...words.slice(at), ...words.slice(0, at)].join(' ');
}

/** "RIM, Ryong Nam" → "Ryong Nam RIM"; "Ryong Nam Rim" → "Rim, Ryong Nam". */
function surnameFirst(name: string): string | null {
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma) return `${comma[2]} ${comma[1]}`;
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 4) return null;
  return `${words.at(-1)}, ${words.slice(0, -1).join(' ')}`;
}

const LEGAL_SWAPS: readonly [RegExp, readonly string[]][] = [
  [/\bCo\.,? Ltd\.?/i, ['Company Limited', 'Co Ltd', 'Ltd', 'Co., Limited']],
  [/\bCompany Limited\b/i, ['Co., Ltd.', 'Ltd', 'LLC']],
  [/\bLimited\b/i, ['Ltd', 'Ltd.', 'LLC']],
  [/\bLtd\.?/i, ['Limited', 'LLC', 'Inc.']],
  [/\bLLC\b/i, ['L.L.C.', 'Ltd', 'OOO', 'Limited Liability Company']],
  [/\bCorporation\b/i, ['Corp.', 'Corp', 'Inc.']],
  [/\bCorp\.?/i, ['Corporation', 'Co.']],
  [/\bInc\.?/i, ['Incorporated', 'Corp.', 'Ltd']],
  [/\bCompany\b/i, ['Co.', 'Co']],
  [/\bCo\.?(?=\s|$)/i, ['Company', 'Corp']],
  [
    /\b(Joint Stock Company|JSC|OJSC|OAO|PJSC|PAO|ZAO|CJSC|AO)\b/i,
    ['JSC', 'OAO', 'AO', 'Joint Stock Company', 'PJSC'],
  ],
  [/\bOOO\b/i, ['LLC', 'Limited Liability Company']],
  [/\bGmbH\b/i, ['Ltd', 'AG', 'G.m.b.H.']],
  [/\bS\.?A\.?(?=\s|$)/i, ['SA', 'S.A', 'Sociedad Anonima']],
];

function legalForm(name: string, rng: Rng): string | null {
  for (const [pattern, replacements] of LEGAL_SWAPS) {
    if (!pattern.test(name)) continue;
    if (rng() < 0.25)
      return name
        .replace(pattern, '')
        .replace(/\s+/g, ' ')
        .replace(/[\s,]+$/, '')
        .trim();
    return name.replace(pattern, pick(rng, replacements));
  }
  return null;
}

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bTechnolog(y|ies)\b/i, 'Tech'],
  [/\bInternational\b/i, 'Intl'],
  [/\bGroup\b/i, 'Grp'],
  [/\bCommunications?\b/i, 'Comm'],
  [/\bElectronics?\b/i, 'Elec'],
  [/\bScien(ce|ces|tific)\b/i, 'Sci'],
  [/\bIndustr(y|ies|ial)\b/i, 'Ind'],
  [/\bInstitute\b/i, 'Inst'],
  [/\bUniversity\b/i, 'Univ'],
  [/\bDevelopment\b/i, 'Dev'],
  [/\bEngineering\b/i, 'Eng'],
  [/\bManufacturing\b/i, 'Mfg'],
  [/\bSystems?\b/i, 'Sys'],
  [/\bEquipment\b/i, 'Equip'],
  [/\bResearch\b/i, 'Res'],
];

function abbreviate(name: string, rng: Rng): string | null {
  const applicable = ABBREVIATIONS.filter(([pattern]) => pattern.test(name));
  if (applicable.length === 0) return null;
  const [pattern, short] = pick(rng, applicable);
  return name.replace(pattern, rng() < 0.5 ? short : `${short}.`);
}

function spacing(name: string, rng: Rng): string | null {
  const roll = rng();
  const spaces = [...name.matchAll(/ /g)].map((match) => match.index!);
  if (roll < 0.4 && spaces.length > 0) {
    const at = pick(rng, spaces);
    return name.slice(0, at) + name.slice(at + 1);
  }
  if (roll < 0.7) {
    const positions = letterPositions(name, 6).filter(
      (at) => isLetter(name[at - 1] ?? '') && isLetter(name[at + 1] ?? ''),
    );
    if (positions.length > 0) {
      const at = pick(rng, positions);
      return `${name.slice(0, at)} ${name.slice(at)}`;
    }
  }
  return spaces.length > 0 ? name.replace(/ /g, '\u00a0') : null;
}

export const MANGLINGS = {
  'swapped letters': swapLetters,
  'doubled letter': doubleLetter,
  'double to single letter': singleLetter,
  'vowel swap': vowelSwap,
  'dropped diacritics': dropDiacritics,
  '? for non-ASCII': questionMarks,
  'dropped non-ASCII': dropNonAscii,
  'word order': wordOrder,
  'surname first': surnameFirst,
  'legal form changed': legalForm,
  abbreviation: abbreviate,
  spacing,
} as const satisfies Record<string, (name: string, rng: Rng) => string | null>;

export type Mangling = keyof typeof MANGLINGS;
const NAMES = Object.keys(MANGLINGS) as Mangling[];

/** One or two manglings that apply, chosen at random; null if the name could not be altered. */
export function mangle(name: string, rng: Rng): { name: string; manglings: Mangling[] } | null {
  const count = rng() < 0.5 ? 1 : 2;
  let current = name;
  const applied: Mangling[] = [];
  for (let attempt = 0; attempt < 20 && applied.length < count; attempt++) {
    const which = pick(rng, NAMES);
    if (applied.includes(which)) continue;
    const next = MANGLINGS[which](current, rng);
    if (next === null || next === current) continue;
    current = next;
    applied.push(which);
  }
  return applied.length > 0 && current !== name ? { name: current, manglings: applied } : null;
}

/*
 * The held-out set's manglings: drawn with another seed, and written apart from those above
 * so that nothing tuned on the first set shapes the second. Doubled letters and adjacent
 * swaps are the commonest typing slips; glued words, reordered and cut-short legal forms are
 * what Watchman's word-order-free matching caught and chipexport-match/1 missed.
 */

/** Two letters doubled, in different places. */
function doubledLetters(name: string, rng: Rng): string | null {
  const once = doubleLetter(name, rng);
  return once === null ? null : doubleLetter(once, rng);
}

/** One pair of neighbouring letters swapped, anywhere in a word of three letters or more. */
function adjacentSwap(name: string, rng: Rng): string | null {
  const positions = letterPositions(name, 3).filter(
    (at) => isLetter(name[at + 1] ?? '') && name[at]!.toLowerCase() !== name[at + 1]!.toLowerCase(),
  );
  if (positions.length === 0) return null;
  const at = pick(rng, positions);
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

/** Two neighbouring words written as one, each keeping its capital ("AbdulAziz", "CompanyScientific"). */
function gluedTokens(name: string, rng: Rng): string | null {
  const gaps = [...name.matchAll(/(?<=\p{L})\s+(?=\p{L})/gu)];
  if (gaps.length === 0) return null;
  const gap = pick(rng, gaps);
  const at = gap.index!;
  const next = name[at + gap[0].length]!;
  return name.slice(0, at) + next.toUpperCase() + name.slice(at + gap[0].length + 1);
}

/** Legal-form phrases of the kind the CSL writes, as regular expressions, with their words. */
const LEGAL_PHRASES: readonly RegExp[] = [
  /\b(open|closed|public|private)\s+joint\s+stock\s+company\b/i,
  /\bjoint\s+stock\s+company\b/i,
  /\blimited\s+liability\s+company\b/i,
  /\bcompany\s+limited\b/i,
  /\bco\.?,?\s+ltd\.?/i,
  /\bpublic\s+limited\s+company\b/i,
  /\b(aktsionernoe|otkrytoe|zakrytoe)\s+(aktsionernoe\s+)?obshchestvo\b/i,
  /\bobshchestvo\s+s\s+ogranichennoi\s+otvetstvennostyu\b/i,
  /\bsdn\.?\s+bhd\.?/i,
  /\bprivate\s+limited\b/i,
];

function legalPhrase(name: string): RegExpExecArray | null {
  for (const pattern of LEGAL_PHRASES) {
    const match = pattern.exec(name);
    if (match) return match;
  }
  return null;
}

/** The words of a legal-form phrase in another order ("Joint Company Stock"), or the phrase moved to the other end. */
function reorderedLegalForm(name: string, rng: Rng): string | null {
  const match = legalPhrase(name);
  if (match === null) return null;
  const words = match[0].split(/\s+/);
  const rest = (name.slice(0, match.index) + name.slice(match.index + match[0].length))
    .replace(/\s+/g, ' ')
    .trim();
  if (rng() < 0.3 && rest !== '') {
    // The phrase moved: to the end if it led, to the front if it trailed.
    return match.index === 0 ? `${rest} ${match[0]}` : `${match[0]} ${rest}`;
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const shuffled = [...words];
    for (let k = shuffled.length - 1; k > 0; k--) {
      const other = Math.floor(rng() * (k + 1));
      [shuffled[k], shuffled[other]] = [shuffled[other]!, shuffled[k]!];
    }
    const phrase = shuffled.join(' ');
    if (phrase !== match[0])
      return name.slice(0, match.index) + phrase + name.slice(match.index + match[0].length);
  }
  return null;
}

/** A legal form cut short: its last word's end dropped ("Joint Stock Comp", "Obshch"), or the word dropped. */
function truncatedLegalForm(name: string, rng: Rng): string | null {
  const match = legalPhrase(name) ?? /\b(company|limited|corporation|incorporated|obshchestvo)\b/i.exec(name);
  if (match === null) return null;
  const words = match[0].split(/\s+/);
  const last = words.at(-1)!.replace(/[.,]+$/, '');
  let cut: string;
  if (words.length > 1 && rng() < 0.35) cut = words.slice(0, -1).join(' ');
  else if (last.length >= 6) {
    const keep = 4 + Math.floor(rng() * Math.min(3, last.length - 5));
    cut = [...words.slice(0, -1), last.slice(0, keep)].join(' ');
  } else if (words.length > 1) cut = words.slice(0, -1).join(' ');
  else return null;
  return name.slice(0, match.index) + cut + name.slice(match.index + match[0].length);
}

export const HELD_OUT_MANGLINGS = {
  'doubled letters': doubledLetters,
  'adjacent swap': adjacentSwap,
  'glued tokens': gluedTokens,
  'reordered legal form': reorderedLegalForm,
  'truncated legal form': truncatedLegalForm,
} as const satisfies Record<string, (name: string, rng: Rng) => string | null>;

export type HeldOutMangling = keyof typeof HELD_OUT_MANGLINGS;
const HELD_OUT_NAMES = Object.keys(HELD_OUT_MANGLINGS) as HeldOutMangling[];

/**
 * The held-out set's alteration: one or two of HELD_OUT_MANGLINGS that apply; a name with a
 * legal form gets one of the legal-form manglings half the time, so they are well represented.
 */
export function mangleHeldOut(name: string, rng: Rng): { name: string; manglings: HeldOutMangling[] } | null {
  const count = rng() < 0.5 ? 1 : 2;
  let current = name;
  const applied: HeldOutMangling[] = [];
  if (rng() < 0.5) {
    const which = pick(rng, ['reordered legal form', 'truncated legal form'] as const);
    const next = HELD_OUT_MANGLINGS[which](current, rng);
    if (next !== null && next !== current) {
      current = next;
      applied.push(which);
    }
  }
  for (let attempt = 0; attempt < 20 && applied.length < count; attempt++) {
    const which = pick(rng, HELD_OUT_NAMES);
    if (applied.includes(which)) continue;
    const next = HELD_OUT_MANGLINGS[which](current, rng);
    if (next === null || next === current) continue;
    current = next;
    applied.push(which);
  }
  return applied.length > 0 && current !== name ? { name: current, manglings: applied } : null;
}

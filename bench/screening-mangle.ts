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

import { osaDistance } from './similarity.js';

/**
 * Legal forms: the words that say what kind of company a name is, not which one. They are
 * rewritten to a small set of canonical tokens, so "Co., Ltd.", "Company Limited" and
 * "有限公司" compare equal, and they are weighted low (not ignored) when names are scored:
 * "Huawei Technologies" matches "Huawei Technologies Co., Ltd." almost fully, while
 * "X GmbH" still scores a little above "X LLC".
 */

/** Each canonical legal-form token and the single words written for it (besides itself). */
const SPELLINGS: Readonly<Record<string, string>> = {
  co: 'company companies compania cia companhia obshchestvo obschestvo obshestvo',
  corp: 'corporation corpn korporatsiya korporatsiia',
  inc: 'incorporated',
  ltd: 'limited ltda limitada ltee',
  llc: 'ooo tov too fzllc mchj liability ogranichennoi ogranichennoy otvetstvennostyu otvetstvennostiu',
  llp: '',
  lp: '',
  plc: '',
  jsc: 'ojsc cjsc pjsc oao zao pao ao ojsco jstc jscb pjsco aktsionernoe aktsionernoye aktsionernogo',
  gmbh: '',
  ag: 'aktiengesellschaft',
  kg: '',
  sa: 'sas sae saic',
  spa: '',
  srl: '',
  sarl: '',
  nv: '',
  bv: '',
  ab: '',
  oy: 'oyj',
  as: 'asa',
  pte: '',
  pty: '',
  pvt: '',
  kk: '',
  sdnbhd: '',
  bhd: 'berhad',
  pt: '',
  tbk: '',
  fze: '',
  fzco: '',
  fzc: '',
  wll: '',
  est: 'establishment',
  fgup: '',
  kft: '',
  zrt: '',
  doo: '',
  sro: '',
  ua: '',
  ood: 'eood',
};

/** Every canonical legal-form token. */
export const LEGAL_FORMS: readonly string[] = Object.keys(SPELLINGS);

/** One written word → its canonical token. "as" alone is English far more often than Norwegian. */
const SINGLE = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(SPELLINGS)) {
  if (canonical !== 'as') SINGLE.set(canonical, canonical);
  for (const spelling of spellings.split(' ')) if (spelling) SINGLE.set(spelling, canonical);
}

/**
 * Phrases of several words, each word given with its common spellings (transliterations of
 * Russian vary). Longest phrases are tried first.
 */
const PHRASES: readonly (readonly [readonly (readonly string[])[], readonly string[]])[] = [
  [[['limited'], ['liability'], ['company', 'co']], ['llc']],
  [[['limited'], ['liability'], ['partnership']], ['llp']],
  [[['limited'], ['partnership']], ['lp']],
  [[['public'], ['limited'], ['company', 'co']], ['plc']],
  [[['public'], ['company', 'co'], ['limited', 'ltd']], ['plc']],
  [
    [['private'], ['limited', 'ltd']],
    ['pvt', 'ltd'],
  ],
  [
    [['proprietary'], ['limited', 'ltd']],
    ['pty', 'ltd'],
  ],
  [[['open', 'closed', 'public', 'non', 'nonpublic'], ['joint'], ['stock'], ['company', 'co']], ['jsc']],
  [
    [
      ['open', 'closed', 'public', 'nonpublic'],
      ['joint', 'jointstock'],
      ['stock', 'company'],
    ],
    ['jsc'],
  ],
  [[['joint'], ['stock'], ['company', 'co']], ['jsc']],
  [[['joint'], ['stock']], ['jsc']],
  [[['jointstock'], ['company', 'co']], ['jsc']],
  [
    [
      ['sdn', 'sendirian'],
      ['bhd', 'berhad'],
    ],
    ['sdnbhd'],
  ],
  [[['gesellschaft'], ['mit'], ['beschrankter'], ['haftung']], ['gmbh']],
  [
    [
      ['sociedad', 'societe', 'sociedade', 'societa'],
      ['anonima', 'anonyme'],
    ],
    ['sa'],
  ],
  [[['societa'], ['per'], ['azioni']], ['spa']],
  [
    [
      ['societe', 'sociedad'],
      ['a', 'de'],
      ['responsabilite', 'responsabilidad'],
      ['limitee', 'limitada'],
    ],
    ['sarl'],
  ],
  [[['kabushiki'], ['kaisha', 'gaisha']], ['kk']],
  [[['federal'], ['state'], ['unitary'], ['enterprise']], ['fgup']],
  [
    [
      ['federalnoe', 'federalnoye'],
      ['gosudarstvennoe', 'gosudarstvennoye'],
      ['unitarnoe', 'unitarnoye'],
      ['predpriyatie', 'predpriiatie', 'predpriyatiye'],
    ],
    ['fgup'],
  ],
  [
    [
      ['obshchestvo', 'obschestvo', 'obshestvo', 'obshchestva'],
      ['s'],
      ['ogranichennoi', 'ogranichennoy', 'ogranichennoj'],
      ['otvetstvennostyu', 'otvetstvennostiu', 'otvetstvennostju', 'otvetstvennostu'],
    ],
    ['llc'],
  ],
  [
    [
      ['otkrytoe', 'otkrytoye', 'zakrytoe', 'zakrytoye', 'publichnoe', 'publichnoye', 'nepublichnoe'],
      ['aktsionernoe', 'aktsionernoye', 'aktsionernoie', 'aktsyonernoe', 'aktsionernogo'],
      ['obshchestvo', 'obschestvo', 'obshestvo', 'obshchestva'],
    ],
    ['jsc'],
  ],
  [
    [
      ['aktsionernoe', 'aktsionernoye', 'aktsionernoie', 'aktsyonernoe', 'aktsionernogo'],
      ['obshchestvo', 'obschestvo', 'obshestvo', 'obshchestva'],
    ],
    ['jsc'],
  ],
];

type Phrase = (typeof PHRASES)[number];
/** Phrases by any of their words' spellings, longest first (phrases match in any order). */
const PHRASES_BY_WORD = new Map<string, Phrase[]>();
for (const phrase of [...PHRASES].sort((a, b) => b[0].length - a[0].length)) {
  for (const spelling of new Set(phrase[0].flat())) {
    const list = PHRASES_BY_WORD.get(spelling) ?? [];
    list.push(phrase);
    PHRASES_BY_WORD.set(spelling, list);
  }
}

const LEGAL_SET: ReadonlySet<string> = new Set(LEGAL_FORMS);

export function isLegalForm(canonical: string): boolean {
  return LEGAL_SET.has(canonical);
}

/**
 * Long legal words ("company", "otvetstvennostyu") are recognised with a typo or two, as
 * the names around them are; a misspelt "Compnay" is still a legal form, not a rare word.
 */
const LONG_WORDS: string[] = [];
for (const word of [...SINGLE.keys(), ...PHRASES.flatMap(([parts]) => parts.flat())]) {
  if (word.length >= 5 && !LONG_WORDS.includes(word)) LONG_WORDS.push(word);
}
const nearestCache = new Map<string, string | null>();

/** The legal word `word` is a misspelling of, if any (exact words are returned as they are). */
function nearestLegalWord(word: string): string | null {
  if (word.length < 5) return null;
  let found = nearestCache.get(word);
  if (found !== undefined) return found;
  found = null;
  const allowed = word.length >= 9 ? 2 : 1;
  const a = word[0]!;
  const b = word[1]!;
  for (const candidate of LONG_WORDS) {
    if (Math.abs(candidate.length - word.length) > allowed) continue;
    // One of the first two letters survives a slip or two (a transposition swaps them).
    const c = candidate[0]!;
    const d = candidate[1]!;
    if (a !== c && a !== d && b !== c && b !== d) continue;
    if (osaDistance(word, candidate, allowed) <= allowed) {
      found = candidate;
      break;
    }
  }
  if (nearestCache.size > 100_000) nearestCache.clear();
  nearestCache.set(word, found);
  return found;
}

function wordIs(word: string, spellings: readonly string[]): boolean {
  if (spellings.includes(word)) return true;
  const nearest = nearestLegalWord(word);
  return nearest !== null && spellings.includes(nearest);
}

/**
 * A cut-short legal word at the end of a phrase ("Joint Stock Comp", "Aktsionernoe Obshch",
 * "… s Ogranichennoi Otvet"): four letters or more, the beginning of one of the spellings.
 */
function truncationOf(word: string, spellings: readonly string[]): boolean {
  return (
    word.length >= 4 &&
    spellings.some((spelling) => spelling.length > word.length && spelling.startsWith(word))
  );
}

/**
 * Whether `words[at..at + parts.length)` are the parts of a phrase in some order, each part
 * written by its own word ("Joint Company Stock" for "Joint Stock Company"; word order in
 * legal forms varies with translation and carries no identity). The phrase's last word may
 * be cut short (see below).
 */
function phraseAt(words: readonly string[], at: number, parts: readonly (readonly string[])[]): boolean {
  const k = parts.length;
  if (at + k > words.length) return false;
  const used = new Uint8Array(k);
  // The word ending the phrase may be cut short where the name ends, or anywhere when the
  // phrase has three words or more (the other two leave no doubt: "Limited Liability Comp").
  const last = at + k === words.length || k >= 3 ? k - 1 : -1;
  const fits = (w: number, part: number) =>
    wordIs(words[at + w]!, parts[part]!) || (w === last && truncationOf(words[at + w]!, parts[part]!));
  const assign = (w: number): boolean => {
    if (w === k) return true;
    for (let part = 0; part < k; part++) {
      if (used[part] || !fits(w, part)) continue;
      used[part] = 1;
      if (assign(w + 1)) return true;
      used[part] = 0;
    }
    return false;
  };
  return assign(0);
}

/**
 * The legal form starting at `words[at]`, if any: how many words it spans and its
 * canonical tokens. `words` are folded (see normalize.ts). Phrases match in any order of
 * their words (longest first); a name's last word may end a phrase cut short.
 */
export function legalFormAt(
  words: readonly string[],
  at: number,
): { readonly length: number; readonly canonical: readonly string[] } | null {
  const written = words[at]!;
  const single = SINGLE.get(written);
  const first = single !== undefined || PHRASES_BY_WORD.has(written) ? written : nearestLegalWord(written);
  if (first === null) return null;
  for (const [parts, canonical] of PHRASES_BY_WORD.get(first) ?? []) {
    // Phrases with a part written only in one or two letters ("s", "a", "de") keep their order.
    const inOrder = parts.every((spellings, k) => at + k < words.length && wordIs(words[at + k]!, spellings));
    if (
      inOrder ||
      (parts.every((spellings) => spellings.some((w) => w.length > 2)) && phraseAt(words, at, parts))
    ) {
      return { length: parts.length, canonical };
    }
  }
  const canonical = SINGLE.get(first);
  return canonical ? { length: 1, canonical: [canonical] } : null;
}

/** Every word that is, or is part of, a legal form. */
const LEGAL_WORDS: ReadonlySet<string> = new Set([
  ...SINGLE.keys(),
  ...PHRASES.flatMap(([parts]) => parts.flat()),
]);
/** Every beginning (two letters or more) of a legal word: a quick test before joining words. */
const LEGAL_PREFIXES: ReadonlySet<string> = new Set(
  [...LEGAL_WORDS].flatMap((word) => Array.from({ length: word.length - 2 }, (_, k) => word.slice(0, k + 2))),
);

/**
 * Whether two written words are one legal word split by a stray space ("Limi ted",
 * "Comp any", "Lia biliyt"): their concatenation is a legal word, or a misspelling of a long one.
 */
export function joinsIntoLegalWord(first: string, second: string): boolean {
  if (first.length < 2 || second.length < 2 || first.length + second.length < 5) return false;
  // A slip in the first half is not undone here: it must begin a legal word as written.
  if (!LEGAL_PREFIXES.has(first)) return false;
  // Two legal words side by side are a phrase ("joint stock", "sdn bhd"), read as such.
  if (LEGAL_WORDS.has(first) && LEGAL_WORDS.has(second)) return false;
  const joined = first + second;
  return LEGAL_WORDS.has(joined) || (joined.length >= 7 && nearestLegalWord(joined) !== null);
}

/** Legal words that a missing space glues to the word before ("StockCompany", "FastlinkSarl"). */
const GLUED_SUFFIXES = [...LEGAL_WORDS, 'ltd', 'llc', 'gmbh', 'sarl', 'jsc'].filter(
  (word) => word.length >= 3 && (word.length >= 5 || ['ltd', 'llc', 'gmbh', 'sarl', 'jsc'].includes(word)),
);
/**
 * …and to the word after ("OOOMolot", "LLCGrosver", "CompanyScientific"): the short forms,
 * and legal words of seven letters or more (shorter ones begin ordinary words: "Stockholm").
 */
const GLUED_PREFIXES = [
  'ooo',
  'llc',
  'jsc',
  'ojsc',
  'pjsc',
  'cjsc',
  ...[...LEGAL_WORDS].filter((word) => word.length >= 7).sort((a, b) => b.length - a.length),
];

const SUFFIXES_BY_ENDING = new Map<string, string[]>();
for (const suffix of GLUED_SUFFIXES) {
  const ending = suffix.slice(-3);
  SUFFIXES_BY_ENDING.set(ending, [...(SUFFIXES_BY_ENDING.get(ending) ?? []), suffix]);
}

/** A word that is a legal word glued to another one, split in two; else null. */
export function splitGluedLegalWord(word: string): [string, string] | null {
  if (word.length < 7 || LEGAL_WORDS.has(word)) return null;
  for (const suffix of SUFFIXES_BY_ENDING.get(word.slice(-3)) ?? []) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      return [word.slice(0, word.length - suffix.length), suffix];
    }
  }
  for (const prefix of GLUED_PREFIXES) {
    if (word.length - prefix.length >= 4 && word.startsWith(prefix))
      return [prefix, word.slice(prefix.length)];
  }
  return null;
}

/** Single legal words long enough that their beginnings are telling ("Comp", "Corpor", "Limi"). */
const TRUNCATABLE = [...SINGLE.keys()].filter((word) => word.length >= 6);

/**
 * The canonical legal form a word is the cut-short beginning of ("Comp" for "Company",
 * "Incorp" for "Incorporated"), if any: four letters or more. Callers ask only for words the
 * list does not contain, at either end of a name (where a name gets cut off).
 */
export function truncatedLegalForm(word: string): string | null {
  if (word.length < 4) return null;
  for (const legal of TRUNCATABLE) {
    if (legal.length > word.length && legal.startsWith(word)) return SINGLE.get(legal)!;
  }
  return null;
}

/** Written forms of legal forms of three to five letters ("ltd", "llc", "ooo", "gmbh"…). */
const SHORT_LEGAL_WORDS = [...SINGLE.keys()].filter((word) => word.length >= 3 && word.length <= 5);
const vowels = (word: string) =>
  word
    .replace(/[^aeiouy]/g, '')
    .split('')
    .sort()
    .join('');

/**
 * The canonical legal form a word is one slip away from ("Lttd", "LLCC", "OOOO"), if any:
 * same first letter, and no vowel the legal form lacks ("Pete" is not "Pte"). Callers ask
 * only for words the list does not contain, at either end of a name.
 */
export function misspeltLegalForm(word: string): string | null {
  if (word.length < 4 || word.length > 6) return null;
  for (const legal of SHORT_LEGAL_WORDS) {
    if (legal[0] !== word[0] || Math.abs(legal.length - word.length) > 1) continue;
    if (osaDistance(word, legal, 1) > 1) continue;
    const written = vowels(word);
    const expected = vowels(legal);
    // "OOOO" is "OOO" with one more o; "Pete" is not "Pte".
    const allVowels = expected.length === legal.length;
    if (!allVowels && (written.length > expected.length || ![...written].every((v) => expected.includes(v))))
      continue;
    return SINGLE.get(legal)!;
  }
  return null;
}

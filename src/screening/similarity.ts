/**
 * Edit distances and the word similarity the matcher uses. Written out here (rather than the
 * npm packages, which allocate a matrix per call) because the index compares thousands of
 * word pairs per query and the baseline millions of whole names: reusable rows and a bound
 * that stops early keep both fast.
 */

const INFINITY = 1 << 20;
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(length: number): void {
  if (rowA.length > length) return;
  const size = 2 ** Math.ceil(Math.log2(length + 1));
  rowA = new Int32Array(size);
  rowB = new Int32Array(size);
  rowC = new Int32Array(size);
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (insertions, deletions,
 * substitutions, transpositions of adjacent characters), or `max + 1` as soon as it must
 * exceed `max`. Only cells within `max` of the diagonal are computed. With `wildcard`, a `?`
 * on either side equals any character (a mangled non-ASCII letter).
 */
export function osaDistance(a: string, b: string, max: number, wildcard = false): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  ensureRows(m + 1);
  let prevPrev = rowA;
  let prev = rowB;
  let current = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : INFINITY;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    current[0] = i <= max ? i : INFINITY;
    if (from > 1) current[from - 1] = INFINITY;
    let rowMin = current[0]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      const same = ai === bj || (wildcard && (ai === 63 || bj === 63));
      let cost = prev[j - 1]! + (same ? 0 : 1);
      const deletion = prev[j]! + 1;
      const insertion = current[j - 1]! + 1;
      if (deletion < cost) cost = deletion;
      if (insertion < cost) cost = insertion;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const transposition = prevPrev[j - 2]! + 1;
        if (transposition < cost) cost = transposition;
      }
      current[j] = cost;
      if (cost < rowMin) rowMin = cost;
    }
    if (to < m) current[to + 1] = INFINITY;
    if (rowMin > max) return max + 1;
    const recycled = prevPrev;
    prevPrev = prev;
    prev = current;
    current = recycled;
  }
  const distance = prev[m]!;
  return distance > max ? max + 1 : distance;
}

/**
 * Edits allowed between two words, by the longer one's length: none up to 3 letters (short
 * words and initials differ in meaning with one letter), then 1, 2 and 3.
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** 1 − edits / longer length, or 0 when the words are further apart than allowed. */
export function editSimilarity(query: string, listed: string): number {
  const length = Math.max(query.length, listed.length);
  const max = allowedEdits(length);
  const wildcard = query.includes('?');
  const distance = osaDistance(query, listed, max, wildcard);
  if (distance > max) return 0;
  const similarity = 1 - distance / length;
  // A wildcard match is never quite certain.
  return wildcard ? Math.min(similarity, 0.95) : similarity;
}

/**
 * A multimap from short strings to small integers, stored as sorted 32-bit hashes in typed
 * arrays: far smaller and faster to build than a Map with a few hundred thousand string
 * keys. A hash collision returns extra values, never misses one; callers verify candidates
 * (the deletion neighbourhood compares every candidate word by edit distance anyway).
 */
export class HashedKeys {
  private readonly keys: Uint32Array;
  private readonly offsets: Int32Array;
  private readonly values: Int32Array;

  /** `pairs` holds hash × 2^21 + value for every (key, value); values must be below 2^21. */
  constructor(pairs: Float64Array) {
    pairs.sort();
    const keys: number[] = [];
    const offsets: number[] = [];
    const values = new Int32Array(pairs.length);
    for (let k = 0; k < pairs.length; k++) {
      const pair = pairs[k]!;
      const hash = Math.floor(pair / VALUE_RANGE);
      values[k] = pair - hash * VALUE_RANGE;
      if (keys.length === 0 || keys[keys.length - 1] !== hash) {
        keys.push(hash);
        offsets.push(k);
      }
    }
    offsets.push(pairs.length);
    this.keys = Uint32Array.from(keys);
    this.offsets = Int32Array.from(offsets);
    this.values = values;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The values stored under `hash` (a view; do not modify). */
  get(hash: number): Int32Array | undefined {
    let low = 0;
    let high = this.keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const key = this.keys[middle]!;
      if (key < hash) low = middle + 1;
      else if (key > hash) high = middle - 1;
      else return this.values.subarray(this.offsets[middle]!, this.offsets[middle + 1]!);
    }
    return undefined;
  }
}

export const VALUE_RANGE = 2 ** 21;

/** FNV-1a of `word` with the character at `skip` left out (-1: none), as an unsigned 32-bit number. */
export function hashSkipping(word: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) {
    if (k === skip) continue;
    hash ^= word.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The set of reported links, as an open-addressing hash table with linear probing over two typed
 * arrays: 9 bytes per slot (a Float64 key for the unordered device pair, one flag byte), ~11 bytes
 * per link at the default 0.8 load. A JS Map could not hold 100 M links (its limit is 2^24 entries)
 * and would cost ~10× the memory.
 *
 * Flags per link: which end reported it in the current and in the previous period, and its kind.
 * A link counts when both ends reported it within the last two periods (../shared/research/
 * chip-monitoring.md: "links reported by both ends"); `age()` starts a new period and drops links
 * no end reported during the one that ended — the sliding window the periodic rebuild applies.
 */

/** Device indices must be below 2^26 (67 M) so a pair packs exactly into a float64 key. */
export const MAX_DEVICE_INDEX = 2 ** 26 - 1;
/** key = low × PAIR_BASE + high. */
export const PAIR_BASE = 2 ** 26;
/** The key of an empty slot. */
export const EMPTY = -1;

export const LOW_CURRENT = 1;
export const HIGH_CURRENT = 2;
export const LOW_PREVIOUS = 4;
export const HIGH_PREVIOUS = 8;
const LOW_ANY = LOW_CURRENT | LOW_PREVIOUS;
const HIGH_ANY = HIGH_CURRENT | HIGH_PREVIOUS;
const KIND_SHIFT = 4;
const KIND_MASK = 3 << KIND_SHIFT;

export const bothEndsReported = (flags: number): boolean =>
  (flags & LOW_ANY) !== 0 && (flags & HIGH_ANY) !== 0;
export const kindOf = (flags: number): number => (flags & KIND_MASK) >>> KIND_SHIFT;

export class LinkTable {
  keys: Float64Array;
  flags: Uint8Array;
  #count = 0;
  readonly #maxLoad: number;

  constructor(expectedLinks = 1024, maxLoad = 0.8) {
    this.#maxLoad = maxLoad;
    const capacity = Math.max(16, Math.ceil(expectedLinks / maxLoad));
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.flags = new Uint8Array(capacity);
  }

  get size(): number {
    return this.#count;
  }

  get capacity(): number {
    return this.keys.length;
  }

  get byteLength(): number {
    return this.keys.byteLength + this.flags.byteLength;
  }

  /**
   * Records that `reporter` reports a link of `kind` (index into LINK_KINDS) to `peer`; returns the
   * link's flags afterwards. When the two ends disagree on the kind, the lower index (scale-up) wins:
   * the dangerous failure is omission, so the reading that counts toward a cluster is kept.
   */
  report(reporter: number, peer: number, kind: number): number {
    if (this.#count + 1 > this.keys.length * this.#maxLoad) this.#resize(Math.ceil(this.keys.length * 1.5));
    const low = Math.min(reporter, peer);
    const high = Math.max(reporter, peer);
    const side = reporter === low ? LOW_CURRENT : HIGH_CURRENT;
    const key = low * PAIR_BASE + high;
    const keys = this.keys;
    const capacity = keys.length;
    let slot = slotOf(low, high, capacity);
    for (;;) {
      const k = keys[slot]!;
      if (k === key) {
        const old = this.flags[slot]!;
        const oldKind = kindOf(old);
        const flags = (old & ~KIND_MASK) | side | (Math.min(kind, oldKind) << KIND_SHIFT);
        this.flags[slot] = flags;
        return flags;
      }
      if (k === EMPTY) {
        keys[slot] = key;
        const flags = side | (kind << KIND_SHIFT);
        this.flags[slot] = flags;
        this.#count++;
        return flags;
      }
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
  }

  /** Flags of the link between a and b, or 0 when neither end reported it. */
  get(a: number, b: number): number {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const key = low * PAIR_BASE + high;
    const keys = this.keys;
    let slot = slotOf(low, high, keys.length);
    for (;;) {
      const k = keys[slot]!;
      if (k === key) return this.flags[slot]!;
      if (k === EMPTY) return 0;
      slot = slot + 1 === keys.length ? 0 : slot + 1;
    }
  }

  /** Calls `visit(low, high, flags)` for every link in the table. */
  forEach(visit: (low: number, high: number, flags: number) => void): void {
    const keys = this.keys;
    const flags = this.flags;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot]!;
      if (key === EMPTY) continue;
      const low = Math.floor(key / PAIR_BASE);
      visit(low, key - low * PAIR_BASE, flags[slot]!);
    }
  }

  /**
   * Starts a new period: current reports become previous ones, and links that neither end reported
   * in the period just ended are removed (backward-shift deletion keeps probe chains intact).
   */
  age(): void {
    const keys = this.keys;
    const flags = this.flags;
    let lapsed = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] === EMPTY) continue;
      const aged = ((flags[slot]! & (LOW_CURRENT | HIGH_CURRENT)) << 2) | (flags[slot]! & KIND_MASK);
      flags[slot] = aged;
      if ((aged & (LOW_PREVIOUS | HIGH_PREVIOUS)) === 0) lapsed++;
    }
    if (lapsed === 0) return;
    // A second pass, because deleting shifts entries and the aging above must touch each exactly once.
    // Re-examining a moved entry here is harmless: the test below is idempotent.
    for (let slot = 0; slot < keys.length; ) {
      if (keys[slot] !== EMPTY && (flags[slot]! & (LOW_PREVIOUS | HIGH_PREVIOUS)) === 0) this.#deleteAt(slot);
      else slot++;
    }
  }

  #deleteAt(hole: number): void {
    const keys = this.keys;
    const flags = this.flags;
    const capacity = keys.length;
    let next = hole + 1 === capacity ? 0 : hole + 1;
    for (;;) {
      const key = keys[next]!;
      if (key === EMPTY) break;
      const low = Math.floor(key / PAIR_BASE);
      const home = slotOf(low, key - low * PAIR_BASE, capacity);
      // The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!stays) {
        keys[hole] = key;
        flags[hole] = flags[next]!;
        hole = next;
      }
      next = next + 1 === capacity ? 0 : next + 1;
    }
    keys[hole] = EMPTY;
    flags[hole] = 0;
    this.#count--;
  }

  #resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldFlags = this.flags;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.flags = new Uint8Array(capacity);
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const key = oldKeys[slot]!;
      if (key === EMPTY) continue;
      const low = Math.floor(key / PAIR_BASE);
      let target = slotOf(low, key - low * PAIR_BASE, capacity);
      while (this.keys[target] !== EMPTY) target = target + 1 === capacity ? 0 : target + 1;
      this.keys[target] = key;
      this.flags[target] = oldFlags[slot]!;
    }
  }
}

/** murmur3's 32-bit finalizer over the pair, scaled to the capacity by multiply-shift. */
function slotOf(low: number, high: number, capacity: number): number {
  let h = Math.imul(low, 0x9e3779b1) ^ high;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.floor(((h >>> 0) / 4294967296) * capacity);
}

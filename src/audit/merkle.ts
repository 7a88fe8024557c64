/**
 * RFC 6962 §2.1 Merkle hash trees with SHA-256, as used by Certificate Transparency and by C2SP
 * tlog-checkpoint logs, plus the RFC 9162 §2.1.3.2 / §2.1.4.2 proof verifiers.
 *
 * Hashing (RFC 6962 §2.1):
 *   MTH({})      = SHA-256()
 *   leaf hash    = SHA-256(0x00 || entry)
 *   node hash    = SHA-256(0x01 || left || right)
 * The 0x00/0x01 prefixes are domain separation: without them an interior node (64 bytes) could be passed
 * off as a leaf, giving second preimages.
 *
 * Indices and sizes are JavaScript numbers and must be non-negative safe integers (< 2^53). The verifiers
 * therefore use arithmetic (`% 2`, `Math.floor(x / 2)`) rather than bitwise operators, which in JavaScript
 * truncate to 32 bits and would silently misbehave for trees with more than 2^31 leaves.
 */
import * as crypto from 'node:crypto';

/** SHA-256 output size; every leaf hash, node hash and root in this module is exactly this long. */
export const HASH_SIZE = 32;

/** A bad argument to a Merkle tree operation (index out of range, m > n, wrong hash size, ...). */
export class AuditProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditProofError';
  }
}

// One-shot crypto.hash (Node >= 20.12) is about 1.5x faster than createHash for 65-byte inputs, mostly by
// sparing the garbage collector a Hash object per node: it matters when a tree has a million leaves.
// Imported as a namespace so that older Node 20 releases, which lack it, fall back instead of failing.
const oneShot: ((data: Uint8Array) => Uint8Array) | undefined =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : undefined;

/** SHA-256 as a Buffer (internal use; see `plain`). */
function sha256(data: Uint8Array): Uint8Array {
  return oneShot ? oneShot(data) : crypto.createHash('sha256').update(data).digest();
}

/**
 * A fresh plain Uint8Array copy. Hashes leave this module through here: `crypto` returns Buffers, and on a
 * Buffer `slice()` is a view rather than a copy, so handing one out under a Uint8Array type invites
 * aliasing bugs; internal views into the tree's cache must not escape either. Internally we skip the copy.
 */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** RFC 6962 §2.1: MTH({}) = SHA-256() — the root of the empty tree. */
export function emptyRootHash(): Uint8Array {
  return plain(sha256(new Uint8Array(0)));
}

/** RFC 6962 §2.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function leafHash(entry: Uint8Array): Uint8Array {
  requireBytes('leaf entry', entry);
  const input = new Uint8Array(1 + entry.length); // input[0] = 0x00, the leaf prefix
  input.set(entry, 1);
  return plain(sha256(input));
}

// Reused input buffer for node hashes: hashing is synchronous, so no two calls can interleave.
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);

/** RFC 6962 §2.1: SHA-256(0x01 || MTH(left) || MTH(right)). Both children must be 32-byte hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  requireHash('left child hash', left);
  requireHash('right child hash', right);
  return plain(hashChildren(left, right));
}

/** nodeHash without argument checks or the defensive copy, for callers that have checked the sizes. */
function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeInput[0] = 0x01;
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AuditProofError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

function requireHash(name: string, value: Uint8Array): void {
  if (!(value instanceof Uint8Array) || value.length !== HASH_SIZE) {
    const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
    throw new AuditProofError(`${name} must be a ${HASH_SIZE}-byte hash, got ${got}`);
  }
}

/** The largest power of two strictly less than n (n >= 2): the `k` of RFC 6962 §2.1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The largest power of two less than or equal to n (n >= 1). */
function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/**
 * An append-only list of 32-byte hashes in one contiguous, geometrically grown buffer: a million leaves
 * cost 32 MB rather than a million separate Uint8Array objects.
 */
class HashList {
  private bytes = new Uint8Array(HASH_SIZE * 16);
  length = 0;

  push(hash: Uint8Array): void {
    const end = (this.length + 1) * HASH_SIZE;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(end, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length * HASH_SIZE));
      this.bytes = grown;
    }
    this.bytes.set(hash, this.length * HASH_SIZE);
    this.length++;
  }

  /** A view into the buffer: valid until the next push; copy before handing it out. */
  view(index: number): Uint8Array {
    return this.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}

/**
 * An RFC 6962 Merkle tree over leaf hashes that caches every complete ("perfect") subtree.
 *
 * `levels[h]` holds the hashes of the perfect subtrees of 2^h leaves aligned at multiples of 2^h, for every
 * such subtree that is already full. Appending a leaf adds it to level 0 and then, while a level has an
 * even number of nodes, hashes its last two into the level above: O(1) amortized and O(log n) worst case,
 * and about 2n stored hashes in total.
 *
 * Every subtree the RFC 6962 §2.1.1 / §2.1.2 recursions ask for is either one of those cached perfect
 * subtrees or a "right edge" range whose hash folds O(log n) cached perfect subtrees. Once a proof's walk
 * from the root turns left it stays inside a perfect subtree, so each proof needs at most one such fold:
 * roots and proofs for the current or any earlier tree size cost O(log n) hashes.
 */
export class MerkleTree {
  private readonly levels: HashList[] = [new HashList()];

  /** Starts from existing leaf hashes (each 32 bytes), in log order. */
  constructor(leafHashes: Iterable<Uint8Array> = []) {
    for (const hash of leafHashes) this.append(hash);
  }

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends a leaf by its hash (see `leafHash`); returns its index. */
  append(hash: Uint8Array): number {
    requireHash('leaf hash', hash);
    const index = this.size;
    this.levels[0]!.push(hash);
    // Carry upwards like a binary counter: each time a level gains a right child, its parent is complete.
    for (let height = 0; this.levels[height]!.length % 2 === 0; height++) {
      const level = this.levels[height]!;
      const parent = hashChildren(level.view(level.length - 2), level.view(level.length - 1));
      if (this.levels.length === height + 1) this.levels.push(new HashList());
      this.levels[height + 1]!.push(parent);
    }
    return index;
  }

  /** Appends a leaf by its entry bytes, hashing them with `leafHash`; returns its index. */
  appendEntry(entry: Uint8Array): number {
    return this.append(leafHash(entry));
  }

  /** The leaf hash at `index`. */
  leafHash(index: number): Uint8Array {
    requireCount('index', index);
    if (index >= this.size) {
      throw new AuditProofError(`leaf index ${index} is out of range for a tree of ${this.size} leaves`);
    }
    return plain(this.levels[0]!.view(index));
  }

  /** MTH(D[0:size]) — the root of the tree as it was when it had `size` leaves (RFC 6962 §2.1). */
  rootHash(size: number = this.size): Uint8Array {
    requireCount('size', size);
    if (size > this.size) {
      throw new AuditProofError(`tree size ${size} exceeds the ${this.size} leaves in the tree`);
    }
    return plain(this.subtreeHash(0, size));
  }

  /**
   * PATH(index, D[0:size]) — the RFC 6962 §2.1.1 audit path, ordered from the leaf's sibling up to the
   * root's child (the order RFC 9162 §2.1.3.2 verifies in). Requires 0 <= index < size <= this.size.
   */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    requireCount('index', index);
    requireCount('size', size);
    if (size > this.size) {
      throw new AuditProofError(`tree size ${size} exceeds the ${this.size} leaves in the tree`);
    }
    if (index >= size) {
      throw new AuditProofError(`leaf index ${index} is out of range for tree size ${size}`);
    }
    // RFC 6962 §2.1.1, unrolled: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) when m < k, else
    // PATH(m - k, D[k:n]) : MTH(D[0:k]). Walking down from the root collects siblings root-first; the
    // recursion emits them leaf-first, hence the final reverse.
    const siblings: Uint8Array[] = [];
    let lo = 0;
    let hi = size;
    while (hi - lo > 1) {
      const k = splitPoint(hi - lo);
      if (index < lo + k) {
        siblings.push(this.subtreeHash(lo + k, hi));
        hi = lo + k;
      } else {
        siblings.push(this.subtreeHash(lo, lo + k));
        lo += k;
      }
    }
    return siblings.reverse().map(plain);
  }

  /**
   * PROOF(m, D[0:n]) — the RFC 6962 §2.1.2 consistency proof that the tree of size m is a prefix of the
   * tree of size n. Requires 0 < m <= n <= this.size; for m = n the proof is empty. m = 0 is refused: every
   * tree extends the empty tree, there is nothing to prove, and RFC 9162 §2.1.4.2 verifiers reject it.
   */
  consistencyProof(m: number, n: number = this.size): Uint8Array[] {
    requireCount('m', m);
    requireCount('n', n);
    if (n > this.size) {
      throw new AuditProofError(`tree size ${n} exceeds the ${this.size} leaves in the tree`);
    }
    if (m > n) throw new AuditProofError(`old tree size ${m} is larger than new tree size ${n}`);
    if (m === 0) {
      throw new AuditProofError('no consistency proof from the empty tree (old tree size 0): it is vacuous');
    }
    // RFC 6962 §2.1.2, unrolled: SUBPROOF(m, D[n], b) is [] when m = n and b, [MTH(D[n])] when m = n and
    // not b, SUBPROOF(m, D[0:k], b) : MTH(D[k:n]) when m <= k, else SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
    const nodes: Uint8Array[] = [];
    let lo = 0;
    let hi = n;
    let remaining = m; // how many leaves of the old tree fall inside D[lo:hi]
    let startFromOldRoot = true; // the `b` flag: D[lo:hi] is still a prefix the verifier knows the root of
    while (remaining < hi - lo) {
      const k = splitPoint(hi - lo);
      if (remaining <= k) {
        nodes.push(this.subtreeHash(lo + k, hi));
        hi = lo + k;
      } else {
        nodes.push(this.subtreeHash(lo, lo + k));
        lo += k;
        remaining -= k;
        startFromOldRoot = false;
      }
    }
    if (!startFromOldRoot) nodes.push(this.subtreeHash(lo, hi));
    return nodes.reverse().map(plain);
  }

  /**
   * MTH(D[start:end]) for a range whose start is a multiple of the smallest power of two >= end - start.
   * Every range the RFC 6962 recursions visit has that shape (a left child is a perfect subtree; a right
   * child starts at a multiple of the power of two it is bounded by), so it splits into aligned perfect
   * subtrees of decreasing size, which RFC 6962 §2.1 combines right to left.
   */
  private subtreeHash(start: number, end: number): Uint8Array {
    if (start === end) return sha256(new Uint8Array(0));
    const parts: Uint8Array[] = [];
    for (let lo = start; lo < end; ) {
      const width = largestPowerOfTwoAtMost(end - lo);
      parts.push(this.perfectSubtreeHash(lo, width));
      lo += width;
    }
    let hash = parts.pop()!;
    while (parts.length > 0) hash = hashChildren(parts.pop()!, hash);
    return hash;
  }

  /** The cached hash of the perfect subtree of `width` (a power of two) leaves starting at `start`. */
  private perfectSubtreeHash(start: number, width: number): Uint8Array {
    let height = 0;
    for (let w = width; w > 1; w /= 2) height++;
    const level = this.levels[height];
    const index = start / width;
    if (!Number.isInteger(index) || level === undefined || index >= level.length) {
      // Unreachable through the public methods; a loud failure beats a wrong root.
      throw new AuditProofError(`internal: no cached subtree of width ${width} at leaf ${start}`);
    }
    return level.view(index);
  }
}

/** MTH of the given leaf hashes (RFC 6962 §2.1). O(n); use `MerkleTree` to keep appending. */
export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  return new MerkleTree(leafHashes).rootHash();
}

/** PATH(index, D[0:size]) over the first `size` of `leafHashes` (RFC 6962 §2.1.1). */
export function inclusionProof(index: number, size: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return prefixTree(size, leafHashes).inclusionProof(index, size);
}

/** PROOF(m, D[0:n]) over the first `n` of `leafHashes` (RFC 6962 §2.1.2). */
export function consistencyProof(m: number, n: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return prefixTree(n, leafHashes).consistencyProof(m, n);
}

function prefixTree(size: number, leafHashes: readonly Uint8Array[]): MerkleTree {
  requireCount('size', size);
  if (size > leafHashes.length) {
    throw new AuditProofError(`tree size ${size} exceeds the ${leafHashes.length} leaf hashes given`);
  }
  return new MerkleTree(leafHashes.slice(0, size));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Roots and proofs are public values, so a constant-time comparison buys nothing here.
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function requireBytes(name: string, value: unknown): void {
  if (!(value instanceof Uint8Array)) throw new AuditProofError(`${name} must be a Uint8Array`);
}

function requireProof(proof: readonly Uint8Array[]): void {
  if (!Array.isArray(proof)) throw new AuditProofError('proof must be an array of hashes');
  for (const [i, hash] of proof.entries()) requireBytes(`proof[${i}]`, hash);
}

const isHash = (value: Uint8Array) => value.length === HASH_SIZE;

/**
 * RFC 9162 §2.1.3.2: does `proof` show that `leafHash` is leaf `index` of the tree of `size` leaves whose
 * root is `root`?
 *
 * Returns false for every proof that does not verify, including `index >= size` and hashes that are not
 * 32 bytes (RFC 9162 says "fail the proof verification"). Throws `AuditProofError` only for arguments of
 * the wrong type (non-integer or negative counts, non-byte-array hashes), which signal a caller bug.
 *
 * The proof authenticates the leaf under `root`; it does not authenticate `size` on its own. Some proofs
 * also verify under a different size with the same tree shape (e.g. index 0 of 3 vs of 4 leaves). Take
 * `size` and `root` together from a verified checkpoint, which binds them.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  requireBytes('leaf hash', leafHash);
  requireCount('index', index);
  requireCount('size', size);
  requireProof(proof);
  requireBytes('root', root);
  if (!isHash(leafHash) || !isHash(root) || !proof.every(isHash)) return false;

  // 1. If leaf_index >= tree_size, fail.
  if (index >= size) return false;
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  // 4. For each p in inclusion_path:
  for (const p of proof) {
    // a. If sn is 0, stop and fail: the path is longer than the tree is tall.
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      // b. LSB(fn) set, or fn == sn (we are on the right edge): p is a left sibling.
      r = hashChildren(p, r);
      // If LSB(fn) is not set, shift until it is or fn is 0: these are the levels where the right-edge
      // node has no sibling and is promoted unchanged, so the path has no element for them.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      // c. Otherwise p is a right sibling.
      r = hashChildren(r, p);
    }
    // d. Right-shift fn and sn once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. sn must be 0 (the path reached the root) and r must equal the root.
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of size `m` with root `rootM` is a prefix of the tree
 * of size `n` with root `rootN`?
 *
 * - m > n: false (trees do not shrink).
 * - m = 0: false. RFC 9162 §2.1.4.2 is defined for 0 < first; the empty tree is a prefix of everything,
 *   so there is nothing a proof could show, and a caller that lands here has usually lost its real
 *   previous checkpoint. A monitor starting from an empty log should simply trust its first checkpoint.
 * - m = n: true only for an empty proof and byte-identical roots. (No hash-size check here: identical
 *   claims are trivially consistent whatever their form, matching the transparency-dev vectors.)
 * - 0 < m < n: the RFC 9162 algorithm; hashes that are not 32 bytes make it fail.
 *
 * Throws `AuditProofError` only for arguments of the wrong type, as `verifyInclusion` does. As with
 * inclusion proofs, the sizes are not authenticated by the proof alone: take each (size, root) pair from a
 * verified checkpoint.
 */
export function verifyConsistency(
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  requireCount('m', m);
  requireCount('n', n);
  requireBytes('old root', rootM);
  requireBytes('new root', rootN);
  requireProof(proof);
  if (m > n || m === 0) return false;
  if (m === n) return proof.length === 0 && bytesEqual(rootM, rootN);
  if (!isHash(rootM) || !isHash(rootN) || !proof.every(isHash)) return false;

  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash: the old root is itself a node of the new tree.
  const path = isPowerOfTwo(m) ? [rootM, ...proof] : [...proof];
  // 3. fn = first - 1, sn = second - 1.
  let fn = m - 1;
  let sn = n - 1;
  // 4. While LSB(fn) is set, right-shift fn and sn: climb to the largest perfect subtree ending at first.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. fr = sr = the first path element (that subtree's hash).
  let fr = path[0]!;
  let sr = path[0]!;
  // 6. For each subsequent c:
  for (const c of path.slice(1)) {
    // a. If sn is 0, stop and fail: more nodes than levels.
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      // b. c is a left sibling shared by both trees.
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      // If LSB(fn) is not set, shift until it is or fn is 0 (levels without a sibling, as for inclusion).
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      // c. c is a right sibling that only the new tree has.
      sr = hashChildren(sr, c);
    }
    // d. Right-shift fn and sn once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7. Both roots must match and sn must have reached 0.
  return sn === 0 && bytesEqual(fr, rootM) && bytesEqual(sr, rootN);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && largestPowerOfTwoAtMost(n) === n;
}

/**
 * A deliberately naive transcription of RFC 6962 §2.1, for tests only: the optimized `MerkleTree` and the
 * RFC 9162 bit-twiddling verifiers in `merkle.ts` are checked against it.
 *
 * Everything here is the recursive definition from the RFC, with the same names, recomputing every subtree
 * from the leaves each time (O(n) per root or proof). It shares no code with `merkle.ts`, not even the
 * hashing, so a mistake in one is not repeated in the other.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

/** Leaf hash, RFC 6962 §2.1: SHA-256(0x00 || d(0)). */
export const refLeafHash = (entry: Uint8Array): Uint8Array => sha256(Uint8Array.of(0), entry);

const node = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(Uint8Array.of(1), left, right);

/** "k is the largest power of two smaller than n (i.e., k < n <= 2k)" — RFC 6962 §2.1. */
function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

/**
 * MTH(D[n]) over leaf hashes, RFC 6962 §2.1:
 *   MTH({}) = SHA-256(); MTH({d(0)}) = leaf hash; MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 */
export function refMTH(D: readonly Uint8Array[]): Uint8Array {
  const n = D.length;
  if (n === 0) return sha256();
  if (n === 1) return D[0]!;
  return node(refMTH(D.slice(0, k(n))), refMTH(D.slice(k(n))));
}

/**
 * PATH(m, D[n]), RFC 6962 §2.1.1:
 *   PATH(0, {d(0)}) = {}
 *   PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])    for m < k
 *   PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k
 */
export function refPATH(m: number, D: readonly Uint8Array[]): Uint8Array[] {
  const n = D.length;
  if (n === 1 && m === 0) return [];
  if (m < k(n)) return [...refPATH(m, D.slice(0, k(n))), refMTH(D.slice(k(n)))];
  return [...refPATH(m - k(n), D.slice(k(n))), refMTH(D.slice(0, k(n)))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), RFC 6962 §2.1.2. */
export function refPROOF(m: number, D: readonly Uint8Array[]): Uint8Array[] {
  return refSUBPROOF(m, D, true);
}

/**
 * SUBPROOF(m, D[n], b), RFC 6962 §2.1.2:
 *   SUBPROOF(m, D[m], true) = {}
 *   SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])         for m <= k
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])  for m > k
 */
export function refSUBPROOF(m: number, D: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = D.length;
  if (m === n) return b ? [] : [refMTH(D)];
  if (m <= k(n)) return [...refSUBPROOF(m, D.slice(0, k(n)), b), refMTH(D.slice(k(n)))];
  return [...refSUBPROOF(m - k(n), D.slice(k(n)), false), refMTH(D.slice(0, k(n)))];
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/**
 * Verifies an inclusion proof by walking the PATH recursion above backwards: the last proof element is
 * the top-level sibling, so peel it off and descend into the half that holds leaf m. The proof is valid
 * iff it is used up exactly when the descent reaches a single leaf and the rebuilt root matches.
 */
export function refVerifyInclusion(
  leafHash: Uint8Array,
  m: number,
  n: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(m >= 0 && m < n)) return false;
  if (leafHash.length !== 32 || root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  const rebuild = (m: number, n: number, path: readonly Uint8Array[]): Uint8Array | undefined => {
    if (n === 1) return path.length === 0 ? leafHash : undefined;
    const sibling = path.at(-1);
    if (sibling === undefined) return undefined;
    const rest = path.slice(0, -1);
    if (m < k(n)) {
      const left = rebuild(m, k(n), rest);
      return left && node(left, sibling);
    }
    const right = rebuild(m - k(n), n - k(n), rest);
    return right && node(sibling, right);
  };
  const rebuilt = rebuild(m, n, proof);
  return rebuilt !== undefined && equal(rebuilt, root);
}

/**
 * Verifies a consistency proof by walking the SUBPROOF recursion above backwards, rebuilding both
 * MTH(D[0:m]) and MTH(D[0:n]) at once. At each level the last remaining element is the sibling that
 * SUBPROOF appended; when m reaches the size of the current subtree, that subtree is either the old root
 * itself (b = true, known to the verifier) or supplied as the first proof element (b = false).
 */
export function refVerifyConsistency(
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!(m > 0 && m <= n)) return false;
  if (m === n) return proof.length === 0 && equal(rootM, rootN);
  if (rootM.length !== 32 || rootN.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  type Pair = { old: Uint8Array; new: Uint8Array };
  const rebuild = (m: number, n: number, b: boolean, path: readonly Uint8Array[]): Pair | undefined => {
    if (m === n) {
      if (b) return path.length === 0 ? { old: rootM, new: rootM } : undefined;
      return path.length === 1 ? { old: path[0]!, new: path[0]! } : undefined;
    }
    const sibling = path.at(-1);
    if (sibling === undefined) return undefined;
    const rest = path.slice(0, -1);
    if (m <= k(n)) {
      // The old tree lies inside the left half; the sibling is new-tree-only.
      const sub = rebuild(m, k(n), b, rest);
      return sub && { old: sub.old, new: node(sub.new, sibling) };
    }
    // The old tree covers the whole left half (the sibling) and part of the right half.
    const sub = rebuild(m - k(n), n - k(n), false, rest);
    return sub && { old: node(sibling, sub.old), new: node(sibling, sub.new) };
  };
  const pair = rebuild(m, n, true, proof);
  return pair !== undefined && equal(pair.old, rootM) && equal(pair.new, rootN);
}

import { describe, expect, it } from 'vitest';
import { MerkleTree, verifyConsistency, verifyInclusion } from './merkle.js';
import {
  refLeafHash,
  refMTH,
  refPATH,
  refPROOF,
  refVerifyConsistency,
  refVerifyInclusion,
} from './merkle.reference.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** mulberry32: a tiny, well-known 32-bit PRNG, so every run (and every failure) is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEED = 0x6962_9162;
const random = mulberry32(SEED);
const int = (below: number) => Math.floor(random() * below);

/** A copy of `hash` with one random bit flipped. */
function flipBit(hash: Uint8Array): Uint8Array {
  const copy = hash.slice();
  const bit = int(copy.length * 8);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

// Random entries of random lengths (including empty), hashed by the tree and by the reference separately.
const MAX_LEAVES = 4_200;
const entries = Array.from({ length: MAX_LEAVES }, () =>
  Uint8Array.from({ length: int(48) }, () => int(256)),
);
const tree = new MerkleTree();
for (const entry of entries) tree.appendEntry(entry);
const refLeaves = entries.map(refLeafHash);

const SIZES = [
  ...Array.from({ length: 300 }, (_, i) => i + 1),
  ...[511, 512, 513, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 3000, 4095, 4096, 4097, 4200],
];
const CASES_PER_SIZE = 10;

const rootCache = new Map<number, Uint8Array>();
const refRoot = (n: number) => {
  let root = rootCache.get(n);
  if (!root) {
    root = refMTH(refLeaves.slice(0, n));
    rootCache.set(n, root);
  }
  return root;
};

describe(`MerkleTree against the RFC 6962 reference (mulberry32 seed ${SEED.toString(16)})`, () => {
  it('the reference reproduces the published RFC 6962 test-data root and proofs', () => {
    const inputs = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const leaves = inputs.map((h) => refLeafHash(Buffer.from(h, 'hex')));
    expect(hex(refMTH(leaves))).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    expect(refPATH(5, leaves).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(refPROOF(6, leaves).map(hex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('hashes leaves and computes the root of every size like the reference, incrementally or not', () => {
    for (let i = 0; i < MAX_LEAVES; i++) expect(hex(tree.leafHash(i))).toBe(hex(refLeaves[i]!));
    for (const n of SIZES) {
      expect(hex(tree.rootHash(n)), `size ${n}`).toBe(hex(refRoot(n)));
      if (n <= 300)
        expect(hex(new MerkleTree(refLeaves.slice(0, n)).rootHash()), `fresh tree ${n}`).toBe(
          hex(refRoot(n)),
        );
    }
  });

  it('produces the reference inclusion proofs; verifiers accept them and reject every corruption', () => {
    let cases = 0;
    let wrongSizeAccepted = 0;
    let wrongSizeTried = 0;
    for (const n of SIZES) {
      const root = refRoot(n);
      for (let c = 0; c < CASES_PER_SIZE; c++) {
        cases++;
        const index = c === 0 ? n - 1 : int(n); // always include the right edge
        const leaf = refLeaves[index]!;
        const proof = tree.inclusionProof(index, n);
        const label = `leaf ${index} of ${n}`;
        expect(proof.map(hex), label).toEqual(refPATH(index, refLeaves.slice(0, n)).map(hex));
        if (n <= 300) {
          expect(new MerkleTree(refLeaves.slice(0, n)).inclusionProof(index).map(hex), label).toEqual(
            proof.map(hex),
          );
        }

        const both = (l: Uint8Array, i: number, s: number, p: readonly Uint8Array[], r: Uint8Array) => {
          const fast = verifyInclusion(l, i, s, p, r);
          expect(fast, `${label}: RFC 9162 and reference verifiers disagree on (${i}, ${s})`).toBe(
            refVerifyInclusion(l, i, s, p, r),
          );
          return fast;
        };
        expect(both(leaf, index, n, proof, root), label).toBe(true);

        // Any single flipped bit, in any proof element, the leaf or the root.
        proof.forEach((_, k) => {
          const corrupted = proof.map((h, j) => (j === k ? flipBit(h) : h));
          expect(both(leaf, index, n, corrupted, root), `${label}: bit flip in proof[${k}]`).toBe(false);
        });
        expect(both(flipBit(leaf), index, n, proof, root), `${label}: bit flip in leaf`).toBe(false);
        expect(both(leaf, index, n, proof, flipBit(root)), `${label}: bit flip in root`).toBe(false);

        // Dropped, added, duplicated or reordered proof elements.
        if (proof.length > 0) {
          expect(both(leaf, index, n, proof.slice(0, -1), root), `${label}: truncated`).toBe(false);
          expect(both(leaf, index, n, proof.slice(1), root), `${label}: first dropped`).toBe(false);
          expect(both(leaf, index, n, [proof[0]!, ...proof], root), `${label}: duplicated`).toBe(false);
        }
        expect(both(leaf, index, n, [...proof, root], root), `${label}: extended`).toBe(false);
        expect(both(leaf, index, n, [root, ...proof], root), `${label}: prefixed`).toBe(false);
        if (proof.length > 1) {
          expect(both(leaf, index, n, [...proof].reverse(), root), `${label}: reversed`).toBe(false);
        }

        // Any other index, same tree: always rejected (the path shape encodes the position).
        const otherIndices = new Set([index - 1, index + 1, index ^ 1, n, n + 1, int(n)]);
        otherIndices.delete(index);
        for (const other of otherIndices) {
          if (other < 0) continue;
          expect(both(leaf, other, n, proof, root), `${label}: as leaf ${other}`).toBe(false);
        }

        // Another size. Against the root of *that* size it must always fail: a proof cannot be replayed
        // against a different checkpoint. Against the original root it fails unless the two sizes give
        // this leaf the same path shape (a proof does not authenticate the size; the checkpoint does), in
        // which case both verifiers agree.
        const otherSizes = new Set([n - 1, n + 1, 2 * n, Math.floor(n / 2), 1 + int(MAX_LEAVES)]);
        otherSizes.delete(n);
        for (const other of otherSizes) {
          if (other < 1) continue;
          if (other <= MAX_LEAVES) {
            expect(both(leaf, index, other, proof, refRoot(other)), `${label}: as size ${other}`).toBe(false);
          }
          wrongSizeTried++;
          if (both(leaf, index, other, proof, root)) wrongSizeAccepted++;
        }
      }
    }
    expect(cases).toBe(SIZES.length * CASES_PER_SIZE);
    // Same-shape sizes exist (e.g. leaf 0 of 3 vs 4) but must stay the exception, or the check is vacuous.
    expect(wrongSizeAccepted).toBeGreaterThan(0);
    expect(wrongSizeAccepted / wrongSizeTried).toBeLessThan(0.5);
  });

  it('produces the reference consistency proofs; verifiers accept them and reject every corruption', () => {
    let cases = 0;
    for (const n of SIZES) {
      const rootN = refRoot(n);
      for (let c = 0; c < CASES_PER_SIZE; c++) {
        cases++;
        const m = c === 0 ? n : c === 1 ? 1 : 1 + int(n); // include m = n and m = 1
        const rootM = refRoot(m);
        const proof = tree.consistencyProof(m, n);
        const label = `${m} -> ${n}`;
        expect(proof.map(hex), label).toEqual(refPROOF(m, refLeaves.slice(0, n)).map(hex));
        if (n <= 300) {
          expect(new MerkleTree(refLeaves.slice(0, n)).consistencyProof(m).map(hex), label).toEqual(
            proof.map(hex),
          );
        }

        const both = (mm: number, nn: number, rm: Uint8Array, rn: Uint8Array, p: readonly Uint8Array[]) => {
          const fast = verifyConsistency(mm, nn, rm, rn, p);
          expect(fast, `${label}: RFC 9162 and reference verifiers disagree on (${mm}, ${nn})`).toBe(
            refVerifyConsistency(mm, nn, rm, rn, p),
          );
          return fast;
        };
        expect(both(m, n, rootM, rootN, proof), label).toBe(true);

        proof.forEach((_, k) => {
          const corrupted = proof.map((h, j) => (j === k ? flipBit(h) : h));
          expect(both(m, n, rootM, rootN, corrupted), `${label}: bit flip in proof[${k}]`).toBe(false);
        });
        expect(both(m, n, flipBit(rootM), rootN, proof), `${label}: bit flip in old root`).toBe(false);
        expect(both(m, n, rootM, flipBit(rootN), proof), `${label}: bit flip in new root`).toBe(false);
        if (m < n) expect(both(m, n, rootN, rootM, proof), `${label}: swapped roots`).toBe(false);

        if (proof.length > 0) {
          expect(both(m, n, rootM, rootN, proof.slice(0, -1)), `${label}: truncated`).toBe(false);
          expect(both(m, n, rootM, rootN, proof.slice(1)), `${label}: first dropped`).toBe(false);
          expect(both(m, n, rootM, rootN, [proof[0]!, ...proof]), `${label}: duplicated`).toBe(false);
        }
        expect(both(m, n, rootM, rootN, [...proof, rootN]), `${label}: extended`).toBe(false);
        expect(both(m, n, rootM, rootN, [rootM, ...proof]), `${label}: prefixed`).toBe(false);

        // Other sizes with their own true roots: never accepted. With the original roots: only where the
        // reference (an independent reading of RFC 6962 §2.1.2) also accepts.
        const others: [number, number][] = [
          [m - 1, n],
          [m + 1, n],
          [m, n - 1],
          [m, n + 1],
          [m, 2 * n],
          [Math.max(1, m ^ 2), n],
          [1 + int(n), n],
        ];
        for (const [om, on] of others) {
          if ((om === m && on === n) || om < 1 || on < 1) continue;
          if (om <= on && on <= MAX_LEAVES) {
            expect(both(om, on, refRoot(om), refRoot(on), proof), `${label}: as ${om} -> ${on}`).toBe(false);
          }
          both(om, on, rootM, rootN, proof);
        }
      }
    }
    expect(cases).toBe(SIZES.length * CASES_PER_SIZE);
  });

  it('has a non-vacuous oracle: the reference verifiers reject a wrong shape and an empty proof', () => {
    // Guard against a vacuous oracle: a proof for a leaf in a 5-leaf tree checked as if the tree had 8.
    const leaves = refLeaves.slice(0, 8);
    const proof = refPATH(4, leaves.slice(0, 5));
    expect(refVerifyInclusion(leaves[4]!, 4, 5, proof, refMTH(leaves.slice(0, 5)))).toBe(true);
    expect(refVerifyInclusion(leaves[4]!, 4, 8, proof, refMTH(leaves.slice(0, 5)))).toBe(false);
    expect(refVerifyConsistency(3, 5, refMTH(leaves.slice(0, 3)), refMTH(leaves.slice(0, 5)), [])).toBe(
      false,
    );
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AuditProofError,
  consistencyProof,
  emptyRootHash,
  inclusionProof,
  leafHash,
  MerkleTree,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const unhex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

// The eight leaf inputs and the resulting roots, proofs and consistency proofs are the RFC 6962 test data
// used by Certificate Transparency and github.com/transparency-dev/merkle (Apache-2.0, testonly/ and
// testdata/gen). They pin our tree shape and hashing to an independent implementation.
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { m: number; n: number; proof: string[] }[] = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    m: 6,
    n: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const testTree = () => {
  const tree = new MerkleTree();
  for (const input of LEAF_INPUTS) tree.appendEntry(input);
  return tree;
};

function expectProofError(action: () => unknown, fragment: string) {
  expect(action).toThrow(AuditProofError);
  expect(action).toThrow(fragment);
}

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree, leaves and nodes with the 0x00/0x01 domain-separation prefixes', () => {
    expect(hex(emptyRootHash())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(leafHash(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const sha = (data: Uint8Array) => hex(createHash('sha256').update(data).digest());
    expect(hex(leafHash(unhex('abcd')))).toBe(sha(unhex('00abcd')));
    const l = leafHash(unhex('01'));
    const r = leafHash(unhex('02'));
    expect(hex(nodeHash(l, r))).toBe(sha(Buffer.concat([unhex('01'), l, r])));
  });

  it('gives the empty tree the SHA-256 of nothing as its root', () => {
    expect(hex(new MerkleTree().rootHash())).toBe(hex(emptyRootHash()));
    expect(hex(rootHash([]))).toBe(hex(emptyRootHash()));
  });
});

describe('MerkleTree against the RFC 6962 test data', () => {
  it('computes the published root for every prefix of the eight test leaves', () => {
    const tree = testTree();
    ROOTS.forEach((root, i) => {
      expect(hex(tree.rootHash(i + 1)), `size ${i + 1}`).toBe(root);
      expect(hex(rootHash(LEAF_INPUTS.slice(0, i + 1).map(leafHash))), `size ${i + 1}`).toBe(root);
    });
  });

  it.each(INCLUSION)('produces and verifies the published inclusion proof for leaf $index of $size', (c) => {
    const tree = testTree();
    const proof = tree.inclusionProof(c.index, c.size);
    expect(proof.map(hex)).toEqual(c.proof);
    expect(inclusionProof(c.index, c.size, LEAF_INPUTS.map(leafHash)).map(hex)).toEqual(c.proof);
    expect(verifyInclusion(tree.leafHash(c.index), c.index, c.size, proof, unhex(ROOTS[c.size - 1]!))).toBe(
      true,
    );
  });

  it.each(CONSISTENCY)('produces and verifies the published consistency proof $m -> $n', (c) => {
    const tree = testTree();
    const proof = tree.consistencyProof(c.m, c.n);
    expect(proof.map(hex)).toEqual(c.proof);
    expect(consistencyProof(c.m, c.n, LEAF_INPUTS.map(leafHash)).map(hex)).toEqual(c.proof);
    expect(verifyConsistency(c.m, c.n, unhex(ROOTS[c.m - 1]!), unhex(ROOTS[c.n - 1]!), proof)).toBe(true);
  });

  it('verifies every inclusion and consistency proof of every prefix, and rejects them under the wrong root', () => {
    const tree = testTree();
    for (let n = 1; n <= 8; n++) {
      const root = tree.rootHash(n);
      const otherRoot = tree.rootHash(n === 1 ? 2 : n - 1);
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(tree.leafHash(i), i, n, proof, root)).toBe(true);
        expect(verifyInclusion(tree.leafHash(i), i, n, proof, otherRoot)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, tree.rootHash(m), root, proof)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, tree.rootHash(m), otherRoot, proof)).toBe(false);
      }
    }
  });
});

describe('MerkleTree bookkeeping', () => {
  it('returns leaf indices from append and keeps earlier roots available', () => {
    const tree = new MerkleTree();
    const hashes = Array.from({ length: 37 }, (_, i) => leafHash(Uint8Array.of(i)));
    const roots: string[] = [];
    hashes.forEach((hash, i) => {
      expect(tree.append(hash)).toBe(i);
      roots.push(hex(tree.rootHash()));
    });
    expect(tree.size).toBe(37);
    roots.forEach((root, i) => {
      expect(hex(tree.rootHash(i + 1))).toBe(root);
      expect(hex(rootHash(hashes.slice(0, i + 1)))).toBe(root);
    });
    expect(hex(new MerkleTree(hashes).rootHash())).toBe(roots.at(-1));
  });

  it('hands out copies, so callers cannot corrupt the cached tree', () => {
    const tree = testTree();
    const before = hex(tree.rootHash());
    tree.rootHash().fill(0);
    tree.leafHash(3).fill(0);
    for (const hash of tree.inclusionProof(3)) hash.fill(0);
    for (const hash of tree.consistencyProof(3)) hash.fill(0);
    expect(hex(tree.rootHash())).toBe(before);
    expect(hex(tree.leafHash(3))).toBe(hex(leafHash(LEAF_INPUTS[3]!)));
  });

  it('copies appended hashes, so later changes to the caller buffer do not leak in', () => {
    const tree = new MerkleTree();
    const hash = leafHash(Uint8Array.of(1));
    const expected = hex(hash);
    tree.append(hash);
    hash.fill(7);
    expect(hex(tree.rootHash())).toBe(expected);
  });
});

describe('argument errors', () => {
  const tree = testTree();

  it('rejects out-of-range leaves and tree sizes', () => {
    expectProofError(() => tree.inclusionProof(8, 8), 'leaf index 8 is out of range for tree size 8');
    expectProofError(() => tree.inclusionProof(3, 3), 'leaf index 3 is out of range for tree size 3');
    expectProofError(() => tree.inclusionProof(0, 9), 'tree size 9 exceeds the 8 leaves in the tree');
    expectProofError(() => tree.inclusionProof(0, 0), 'leaf index 0 is out of range for tree size 0');
    expectProofError(() => tree.rootHash(9), 'tree size 9 exceeds the 8 leaves');
    expectProofError(() => tree.leafHash(8), 'leaf index 8 is out of range for a tree of 8 leaves');
    expectProofError(
      () => inclusionProof(0, 9, LEAF_INPUTS.map(leafHash)),
      'exceeds the 8 leaf hashes given',
    );
  });

  it('rejects consistency proofs with m > n, from the empty tree, or beyond the tree', () => {
    expectProofError(() => tree.consistencyProof(5, 4), 'old tree size 5 is larger than new tree size 4');
    expectProofError(() => tree.consistencyProof(0, 4), 'no consistency proof from the empty tree');
    expectProofError(() => tree.consistencyProof(1, 9), 'tree size 9 exceeds the 8 leaves');
    expectProofError(() => consistencyProof(3, 2, LEAF_INPUTS.map(leafHash)), 'larger than new tree size');
  });

  it('rejects indices that are not non-negative safe integers', () => {
    expectProofError(() => tree.inclusionProof(-1, 8), 'index must be a non-negative safe integer, got -1');
    expectProofError(() => tree.inclusionProof(1.5, 8), 'got 1.5');
    expectProofError(() => tree.rootHash(Number.NaN), 'size must be a non-negative safe integer, got NaN');
    expectProofError(
      () => verifyInclusion(new Uint8Array(32), 2 ** 64, 2 ** 64 + 1, [], new Uint8Array(32)),
      'index',
    );
    expectProofError(
      () => verifyConsistency(1, 2 ** 60, new Uint8Array(32), new Uint8Array(32), []),
      'n must be',
    );
  });

  it('rejects leaf hashes that are not 32 bytes', () => {
    expectProofError(
      () => new MerkleTree().append(new Uint8Array(31)),
      'leaf hash must be a 32-byte hash, got 31 bytes',
    );
    expectProofError(() => rootHash([new Uint8Array(33)]), 'got 33 bytes');
    expectProofError(
      () => nodeHash(new Uint8Array(32), new Uint8Array(0)),
      'right child hash must be a 32-byte hash',
    );
    expectProofError(() => leafHash('entry' as unknown as Uint8Array), 'leaf entry must be a Uint8Array');
  });

  it('rejects non-byte-array proof elements as a caller bug rather than a failed proof', () => {
    const proof = [new Uint8Array(32), 'abc' as unknown as Uint8Array];
    expectProofError(() => verifyInclusion(new Uint8Array(32), 0, 4, proof, new Uint8Array(32)), 'proof[1]');
  });
});

describe('verifier edge cases', () => {
  const tree = testTree();
  const root = (n: number) => tree.rootHash(n);

  it('fails rather than throws for index >= size, m > n and m = 0', () => {
    expect(verifyInclusion(tree.leafHash(0), 8, 8, tree.inclusionProof(0), root(8))).toBe(false);
    expect(verifyConsistency(5, 4, root(5), root(4), [])).toBe(false);
    expect(verifyConsistency(0, 4, emptyRootHash(), root(4), [])).toBe(false);
    expect(verifyConsistency(0, 0, emptyRootHash(), emptyRootHash(), [])).toBe(false);
  });

  it('accepts m = n only with an empty proof and identical roots', () => {
    expect(verifyConsistency(4, 4, root(4), root(4), [])).toBe(true);
    expect(verifyConsistency(4, 4, root(4), root(3), [])).toBe(false);
    expect(verifyConsistency(4, 4, root(4), root(4), [root(4)])).toBe(false);
  });

  it('fails for hashes of the wrong length', () => {
    const proof = tree.inclusionProof(2, 8);
    expect(verifyInclusion(tree.leafHash(2).subarray(1), 2, 8, proof, root(8))).toBe(false);
    expect(verifyInclusion(tree.leafHash(2), 2, 8, proof, root(8).subarray(0, 31))).toBe(false);
    expect(verifyInclusion(tree.leafHash(2), 2, 8, [...proof.slice(0, 2), new Uint8Array(33)], root(8))).toBe(
      false,
    );
  });

  it('shows that an inclusion proof alone does not pin the tree size (why sizes must come from a checkpoint)', () => {
    // Leaf 0 has the same path shape in trees of 3 and 4 leaves, so the size-3 proof also "verifies" as a
    // size-4 proof against the size-3 root. Only the signed (size, root) pair of a checkpoint rules this out.
    const proof = tree.inclusionProof(0, 3);
    expect(verifyInclusion(tree.leafHash(0), 0, 4, proof, root(3))).toBe(true);
    expect(verifyInclusion(tree.leafHash(0), 0, 4, proof, root(4))).toBe(false);
  });
});

describe('a large tree', () => {
  // Level-by-level hashing that promotes an unpaired last node unchanged: a different algorithm that
  // yields the same root as RFC 6962's k-split (the split always puts the largest power of two on the left).
  function bottomUpRoot(leaves: readonly Uint8Array[]): Uint8Array {
    let level = leaves;
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
      if (level.length % 2 === 1) next.push(level.at(-1)!);
      level = next;
    }
    return level[0]!;
  }

  it('handles a million leaves with logarithmic proofs from cached subtrees', { timeout: 120_000 }, () => {
    const size = 2 ** 20 + 12_345;
    // Distinct 32-byte leaf hashes, as views into one buffer, without paying a SHA-256 per leaf.
    const buffer = new Uint8Array(size * 32);
    const view = new DataView(buffer.buffer);
    const leaves = Array.from({ length: size }, (_, i) => {
      view.setUint32(i * 32, i);
      buffer[i * 32 + 31] = 0xaa;
      return buffer.subarray(i * 32, (i + 1) * 32);
    });
    const tree = new MerkleTree(leaves);
    expect(tree.size).toBe(size);
    for (const n of [65_537, 100_003]) {
      expect(hex(tree.rootHash(n)), `size ${n}`).toBe(hex(bottomUpRoot(leaves.slice(0, n))));
    }

    // Thousands of proofs against roots of the full tree and of earlier sizes. If each proof rehashed its
    // tree (O(n) hashes) this loop alone would take hours; with cached subtrees it takes well under a second.
    for (const n of [size, size - 1, 2 ** 20, 2 ** 20 - 1, 999_999, 524_289]) {
      const rootN = tree.rootHash(n);
      for (let j = 0; j < 200; j++) {
        const index = (j * 2_654_435_761) % n;
        const proof = tree.inclusionProof(index, n);
        expect(proof.length).toBeLessThanOrEqual(21);
        expect(verifyInclusion(leaves[index]!, index, n, proof, rootN)).toBe(true);
        const m = 1 + ((j * 40_503) % n);
        const cproof = tree.consistencyProof(m, n);
        expect(cproof.length).toBeLessThanOrEqual(2 * 21);
        expect(verifyConsistency(m, n, tree.rootHash(m), rootN, cproof)).toBe(true);
      }
    }
  });
});

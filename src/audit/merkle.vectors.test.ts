/**
 * Runs the proof-verification test vectors of github.com/transparency-dev/merkle (Apache-2.0; generator
 * `testdata/gen`, consumed upstream by `proof/verify_test.go`). They are read at test time from
 * `../shared/data/merkle-vectors` next to the repository root and are not copied into this repository.
 *
 * Layout: `testdata/<kind>/<group>/<case>.json`, one probe per file, every byte string base64:
 *   inclusion/{0..4}/         a valid proof (`happy-path.json`) and corruptions of it: wrong index or
 *                             size, wrong leaf or root, flipped bits, added/removed/reordered elements
 *   inclusion/additional/{0..3}/  proofs for impossible (index, size) pairs: (0,0) (0,1) (1,0) (2,1)
 *   inclusion/single-entry/   one-leaf trees, including empty (0-byte) hashes
 *     {leafIdx, treeSize, root, leafHash, proof, desc, wantErr}
 *   consistency/{0..4}/       a valid proof and its corruptions; consistency/additional/ edge cases
 *     {size1, size2, root1, root2, proof, desc, wantErr}
 *   subtreeinclusion/, subtreeconsistency/  the same corpus recast as "subtree" proofs of
 *                             draft-ietf-plants-merkle-tree-certs ({start, end} ranges). Those are not
 *                             RFC 6962/9162 proofs and this module has no subtree API, so they are
 *                             listed as skipped rather than silently ignored.
 *
 * Two details of the format matter: `proof` may be null (Go's nil slice), and some indices are 64-bit
 * values beyond 2^53 (e.g. 2^64 - 1 for "leafIdx sub @1"), which JSON.parse would silently round. We parse
 * those fields losslessly and feed the verifier a number it must refuse.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bytes,
  count,
  hashes,
  jsonFilesUnder,
  OUT_OF_SCOPE,
  parseProbe,
  TESTDATA,
} from '../../test/support/merkle-vectors.js';
import { AuditProofError, leafHash, MerkleTree, verifyConsistency, verifyInclusion } from './merkle.js';

/** The verifier's verdict: 'error' if it refused (returned false or threw AuditProofError). */
function outcome(verify: () => boolean): 'ok' | 'error' {
  try {
    return verify() ? 'ok' : 'error';
  } catch (error) {
    if (error instanceof AuditProofError) return 'error';
    throw error;
  }
}

const hex = (value: Uint8Array) => Buffer.from(value).toString('hex');

// The RFC 6962 test leaves the vectors were generated from: their roots and proofs must also come out of
// our MerkleTree, which checks proof generation, not just verification.
const TEST_TREE = new MerkleTree(
  ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
    (h) => leafHash(Buffer.from(h, 'hex')),
  ),
);

/** Groups generated from TEST_TREE (the others use different leaves or no tree at all). */
const FROM_TEST_TREE = /^(inclusion|consistency)\/\d+\//;

if (!existsSync(TESTDATA)) {
  describe.skip(`transparency-dev/merkle vectors: not found at ${TESTDATA}, skipping`, () => {
    it('needs ../shared/data/merkle-vectors/testdata next to the repository root', () => {});
  });
} else {
  const files = (kind: string) =>
    jsonFilesUnder(join(TESTDATA, kind)).map((path) => relative(TESTDATA, path));
  const inclusionFiles = files('inclusion');
  const consistencyFiles = files('consistency');

  describe('transparency-dev/merkle vectors', () => {
    it('are all accounted for: every file is either run below or listed as out of scope', () => {
      const all = jsonFilesUnder(TESTDATA).map((path) => relative(TESTDATA, path));
      const skipped = OUT_OF_SCOPE.flatMap(files);
      expect(all.length).toBeGreaterThan(0);
      expect(new Set([...inclusionFiles, ...consistencyFiles, ...skipped])).toEqual(new Set(all));
      expect(inclusionFiles.length).toBe(98);
      expect(consistencyFiles.length).toBe(98);
    });

    describe('inclusion proofs (RFC 9162 §2.1.3.2)', () => {
      it.each(inclusionFiles)('%s', (file) => {
        const probe = parseProbe(readFileSync(join(TESTDATA, file), 'utf8'));
        const index = count(probe, 'leafIdx');
        const size = count(probe, 'treeSize');
        const leaf = bytes(probe['leafHash']);
        const proof = hashes(probe['proof']);
        const root = bytes(probe['root']);
        const wantErr = probe['wantErr'] === true;
        if (!Number.isSafeInteger(index.value) || !Number.isSafeInteger(size.value)) {
          expect(wantErr, `${index.exact}/${size.exact} cannot be a valid index/size here`).toBe(true);
        }

        const got = outcome(() => verifyInclusion(leaf, index.value, size.value, proof, root));
        expect(got, String(probe['desc'])).toBe(wantErr ? 'error' : 'ok');

        if (!wantErr && FROM_TEST_TREE.test(file)) {
          // Valid probes must be exactly what our tree generates for the same leaves.
          expect(hex(TEST_TREE.leafHash(index.value))).toBe(hex(leaf));
          expect(hex(TEST_TREE.rootHash(size.value))).toBe(hex(root));
          expect(TEST_TREE.inclusionProof(index.value, size.value).map(hex)).toEqual(proof.map(hex));
        }
      });
    });

    describe('consistency proofs (RFC 9162 §2.1.4.2)', () => {
      it.each(consistencyFiles)('%s', (file) => {
        const probe = parseProbe(readFileSync(join(TESTDATA, file), 'utf8'));
        const size1 = count(probe, 'size1');
        const size2 = count(probe, 'size2');
        const root1 = bytes(probe['root1']);
        const root2 = bytes(probe['root2']);
        const proof = hashes(probe['proof']);
        const wantErr = probe['wantErr'] === true;

        const got = outcome(() => verifyConsistency(size1.value, size2.value, root1, root2, proof));
        expect(got, String(probe['desc'])).toBe(wantErr ? 'error' : 'ok');

        if (!wantErr && FROM_TEST_TREE.test(file)) {
          expect(hex(TEST_TREE.rootHash(size1.value))).toBe(hex(root1));
          expect(hex(TEST_TREE.rootHash(size2.value))).toBe(hex(root2));
          expect(TEST_TREE.consistencyProof(size1.value, size2.value).map(hex)).toEqual(proof.map(hex));
        }
      });
    });

    for (const kind of OUT_OF_SCOPE) {
      it.skip(`${kind}: ${files(kind).length} draft-ietf-plants-merkle-tree-certs subtree vectors (no subtree API)`, () => {});
    }
  });
}

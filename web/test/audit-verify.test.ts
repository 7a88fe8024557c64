import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { generateLogKey, signCheckpoint, verifierKey } from '../../src/audit/checkpoint.js';
import { MerkleTree, leafHash as nodeLeafHash, verifyInclusion } from '../../src/audit/merkle.js';
import {
  AuditFormatError,
  encodeBase64,
  leafHash,
  parseCheckpointNote,
  parseVerifierKey,
  rootFromInclusionProof,
  verifyConsistencyProof,
  verifyEntry,
} from '../src/audit-verify.js';

/** The browser's verifier against proofs, checkpoints and keys made by the server's audit log. */

const ORIGIN = 'chipexport.test/audit';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function makeLog(count: number) {
  const key = generateLogKey();
  const tree = new MerkleTree();
  const entries = Array.from({ length: count }, (_, i) =>
    canonicalJson({
      action: 'request.submitted',
      entity: 'request',
      id: `req_${i}`,
      before: null,
      after: { quantity: 100 + i, note: 'Abu Dhabi — campus' },
      when: '2026-01-01T00:00:00.000Z',
      who: { organizationId: 'org_1', role: 'exporter', keyId: null },
    }),
  );
  for (const e of entries) tree.appendEntry(e);
  const sign = (size: number) =>
    signCheckpoint({ origin: ORIGIN, size, rootHash: tree.rootHash(size) }, ORIGIN, key.privateKey);
  return { key, tree, entries, sign, verifier: verifierKey(ORIGIN, key.publicKeyRaw) };
}

describe('audit verification in the browser', () => {
  it('hashes leaves as the server does (RFC 6962 0x00 prefix)', async () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    expect(b64(await leafHash(bytes))).toBe(b64(nodeLeafHash(bytes)));
  });

  it('recomputes the root for every entry of trees of 1 to 33 leaves', async () => {
    const { tree, entries } = makeLog(33);
    for (let size = 1; size <= 33; size++) {
      for (let index = 0; index < size; index++) {
        const proof = tree.inclusionProof(index, size);
        const root = await rootFromInclusionProof(await leafHash(entries[index]!), index, size, proof);
        expect(root && b64(root), `index ${index} of ${size}`).toBe(b64(tree.rootHash(size)));
      }
    }
  });

  it('refuses proofs that do not fit: index beyond size, extra or missing hashes', async () => {
    const { tree, entries } = makeLog(10);
    const leaf = await leafHash(entries[3]!);
    const proof = tree.inclusionProof(3, 10);
    expect(await rootFromInclusionProof(leaf, 10, 10, proof)).toBeNull();
    expect(await rootFromInclusionProof(leaf, 3, 10, [...proof, proof[0]!])).toBeNull();
    const short = await rootFromInclusionProof(leaf, 3, 10, proof.slice(0, -1));
    expect(short === null || b64(short) !== b64(tree.rootHash(10))).toBe(true);
  });

  it('checks that every earlier tree of 1 to 20 leaves is a prefix of every later one', async () => {
    const { tree } = makeLog(20);
    for (let m = 1; m <= 20; m++) {
      for (let n = m; n <= 20; n++) {
        const ok = await verifyConsistencyProof(
          m,
          n,
          tree.rootHash(m),
          tree.rootHash(n),
          tree.consistencyProof(m, n),
        );
        expect(ok, `${m} → ${n}`).toBe(true);
      }
    }
  });

  it('refuses a rewritten history: another old root, a changed hash, a proof for other sizes', async () => {
    const { tree, entries } = makeLog(20);
    // A log that agrees with this one up to entry 9 and then says something else from entry 10.
    const forked = new MerkleTree();
    for (let i = 0; i < 20; i++) {
      forked.appendEntry(i < 10 ? entries[i]! : new TextEncoder().encode(`{"forked":${i}}`));
    }
    expect(b64(forked.rootHash(10))).toBe(b64(tree.rootHash(10)));
    expect(b64(forked.rootHash(12))).not.toBe(b64(tree.rootHash(12)));
    const proof = tree.consistencyProof(7, 20);
    const flipped = proof.map((h, i) => (i === 1 ? Uint8Array.from(h, (b, k) => (k === 0 ? b ^ 1 : b)) : h));
    expect(await verifyConsistencyProof(7, 20, tree.rootHash(7), tree.rootHash(20), proof)).toBe(true);
    expect(await verifyConsistencyProof(7, 20, tree.rootHash(6), tree.rootHash(20), proof)).toBe(false);
    expect(await verifyConsistencyProof(7, 20, tree.rootHash(7), tree.rootHash(19), proof)).toBe(false);
    expect(await verifyConsistencyProof(7, 20, tree.rootHash(7), tree.rootHash(20), flipped)).toBe(false);
    expect(await verifyConsistencyProof(8, 20, tree.rootHash(7), tree.rootHash(20), proof)).toBe(false);
    // The fork, shown to someone who saw the genuine tree of 12: no proof from it verifies.
    expect(
      await verifyConsistencyProof(
        12,
        20,
        tree.rootHash(12),
        forked.rootHash(20),
        forked.consistencyProof(12, 20),
      ),
    ).toBe(false);
    expect(await verifyConsistencyProof(20, 7, tree.rootHash(20), tree.rootHash(7), proof)).toBe(false);
    expect(await verifyConsistencyProof(7, 20, tree.rootHash(7), tree.rootHash(20), [])).toBe(false);
  });

  it('verifies an entry against a signed checkpoint and the log key', async () => {
    const { tree, entries, sign, verifier } = makeLog(21);
    const checkpointText = sign(21);
    for (const index of [0, 7, 20]) {
      const result = await verifyEntry({
        entry: entries[index]!,
        index,
        proofBase64: tree.inclusionProof(index, 21).map(b64),
        checkpointText,
        verifierKeyText: verifier,
      });
      expect(result.verified, `${index}: ${result.inclusion.detail} / ${result.signature.detail}`).toBe(true);
      // The same answer as the server's own verifier.
      expect(
        verifyInclusion(
          nodeLeafHash(entries[index]!),
          index,
          21,
          tree.inclusionProof(index, 21),
          tree.rootHash(21),
        ),
      ).toBe(true);
    }
  });

  it('fails when one byte of the entry is altered', async () => {
    const { tree, entries, sign, verifier } = makeLog(12);
    const altered = new Uint8Array(entries[5]!);
    altered[altered.length - 3]! ^= 0x01;
    const result = await verifyEntry({
      entry: altered,
      index: 5,
      proofBase64: tree.inclusionProof(5, 12).map(b64),
      checkpointText: sign(12),
      verifierKeyText: verifier,
    });
    expect(result.signature.ok).toBe(true);
    expect(result.inclusion.ok).toBe(false);
    expect(result.verified).toBe(false);
  });

  it('fails when the entry is claimed at another index', async () => {
    const { tree, entries, sign, verifier } = makeLog(12);
    const result = await verifyEntry({
      entry: entries[5]!,
      index: 4,
      proofBase64: tree.inclusionProof(5, 12).map(b64),
      checkpointText: sign(12),
      verifierKeyText: verifier,
    });
    expect(result.verified).toBe(false);
  });

  it('fails when the checkpoint root was changed after signing (signature no longer verifies)', async () => {
    const { entries, sign, verifier } = makeLog(8);
    const text = sign(8);
    const note = parseCheckpointNote(text);
    // Make the checkpoint claim the root of a forged log in which entry 2 is different.
    const forged = new MerkleTree();
    entries.forEach((e, i) => {
      forged.appendEntry(i === 2 ? canonicalJson({ forged: true }) : e);
    });
    const forgedText = text.replace(b64(note.rootHash), b64(forged.rootHash()));
    const result = await verifyEntry({
      entry: canonicalJson({ forged: true }),
      index: 2,
      proofBase64: forged.inclusionProof(2, 8).map(b64),
      checkpointText: forgedText,
      verifierKeyText: verifier,
    });
    expect(result.inclusion.ok).toBe(true);
    expect(result.signature.ok).toBe(false);
    expect(result.verified).toBe(false);
  });

  it("fails with another log's key, and refuses a verifier key whose ID does not match", async () => {
    const { tree, entries, sign } = makeLog(5);
    const other = generateLogKey();
    const result = await verifyEntry({
      entry: entries[1]!,
      index: 1,
      proofBase64: tree.inclusionProof(1, 5).map(b64),
      checkpointText: sign(5),
      verifierKeyText: verifierKey(ORIGIN, other.publicKeyRaw),
    });
    expect(result.signature.ok).toBe(false);
    expect(result.signature.detail).toMatch(/no signature by/);
    expect(result.verified).toBe(false);

    const good = verifierKey(ORIGIN, other.publicKeyRaw);
    const [name, id, data] = good.split('+') as [string, string, string];
    const wrongId = `${name}+${(Number.parseInt(id, 16) ^ 1).toString(16).padStart(8, '0')}+${data}`;
    await expect(parseVerifierKey(wrongId)).rejects.toThrow(AuditFormatError);
  });

  it('fails when a bit of the signature is flipped', async () => {
    const { tree, entries, sign, verifier } = makeLog(6);
    const text = sign(6);
    const line = text.slice(text.lastIndexOf('\n\n') + 2, -1);
    const sigB64 = line.slice(line.lastIndexOf(' ') + 1);
    const sig = Buffer.from(sigB64, 'base64');
    sig[10]! ^= 0x01;
    const result = await verifyEntry({
      entry: entries[2]!,
      index: 2,
      proofBase64: tree.inclusionProof(2, 6).map(b64),
      checkpointText: text.replace(sigB64, sig.toString('base64')),
      verifierKeyText: verifier,
    });
    expect(result.inclusion.ok).toBe(true);
    expect(result.signature.detail).toMatch(/does not verify/);
    expect(result.verified).toBe(false);
  });

  it('reads a checkpoint as the server writes it', () => {
    const { tree, sign } = makeLog(3);
    const note = parseCheckpointNote(sign(3));
    expect(note.origin).toBe(ORIGIN);
    expect(note.size).toBe(3);
    expect(encodeBase64(note.rootHash)).toBe(b64(tree.rootHash(3)));
    expect(note.signatures).toHaveLength(1);
    expect(() => parseCheckpointNote(`${ORIGIN}\n3\nnot-base64\n\n— x AAAA\n`)).toThrow(AuditFormatError);
  });
});

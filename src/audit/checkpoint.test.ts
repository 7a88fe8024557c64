import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  type CheckpointErrorCode,
  formatCheckpointBody,
  generateLogKey,
  keyId,
  parseCheckpoint,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  verifierKey,
  verifyCheckpoint,
  verifyNote,
} from './checkpoint.js';
import { leafHash, MerkleTree, verifyConsistency, verifyInclusion } from './merkle.js';

function expectCheckpointError(action: () => unknown, code: CheckpointErrorCode, fragment?: string) {
  try {
    action();
    expect.unreachable(`expected a ${code} error`);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe(code);
    if (fragment) expect((error as CheckpointError).message).toContain(fragment);
  }
}

const ORIGIN = 'example.com/chipexport-audit';

function sampleTree(size: number): MerkleTree {
  const tree = new MerkleTree();
  for (let i = 0; i < size; i++) tree.appendEntry(Buffer.from(`determination ${i}`));
  return tree;
}

describe('published signed-note and checkpoint examples', () => {
  // golang.org/x/mod/sumdb/note package documentation (note.go): the canonical signed-note example.
  const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
  const PETER_TEXT =
    'If you think cryptography is the answer to your problem,\n' +
    "then you don't know what your problem is.\n";
  const PETER_NOTE = `${PETER_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

  it('verifies the sumdb/note example note with its verifier key', () => {
    expect(verifyNote(PETER_NOTE, PETER_VKEY)).toBe(PETER_TEXT);
    expectCheckpointError(
      () => verifyNote(PETER_NOTE.replace('cryptography', 'Cryptography'), PETER_VKEY),
      'bad-signature',
    );
  });

  it('reproduces the example signature byte for byte from the published signer key (Ed25519 is deterministic)', () => {
    // The Go signer key is base64(0x01 || 32-byte seed); wrap the seed in a PKCS #8 structure for node:crypto.
    const seed = Buffer.from(PETER_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1);
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    expect(signNote(PETER_TEXT, 'PeterNeumann', key)).toBe(PETER_NOTE);
    expect(verifierKey('PeterNeumann', parseVerifierKey(PETER_VKEY).publicKeyRaw)).toBe(PETER_VKEY);
  });

  // sum.golang.org, the Go checksum database, publishes C2SP checkpoints; its verifier key is built into
  // the go command (cmd/go/internal/modfetch/key.go). This one was published in a sum.golang.org /lookup
  // response. Its origin ("go.sum database tree") differs from its key name and contains spaces, both of
  // which the specs allow.
  const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
  const SUMDB_CHECKPOINT =
    'go.sum database tree\n63512409\nF7eHRPqN/cqPtqti14NKdGGaI1Giw8coWP3KxihFZbg=\n\n' +
    '— sum.golang.org Az3gri1OBHKT87Xj8UXU8zjoHGy/X+7Nl94f8TZkELVaasolmGApUsWqwVG9vE6hgqYb/ph/w2vdkLIVRH7bMB/FPQ4=\n';

  it('verifies a real sum.golang.org checkpoint', () => {
    const checkpoint = verifyCheckpoint(SUMDB_CHECKPOINT, SUMDB_VKEY, { origin: 'go.sum database tree' });
    expect(checkpoint.origin).toBe('go.sum database tree');
    expect(checkpoint.size).toBe(63_512_409);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(
      'F7eHRPqN/cqPtqti14NKdGGaI1Giw8coWP3KxihFZbg=',
    );
    expect(checkpoint.extensions).toEqual([]);
    expect(parseVerifierKey(SUMDB_VKEY).keyId).toBe(0x033de0ae);
  });

  it('rejects the sum.golang.org checkpoint once its size or root is altered', () => {
    expectCheckpointError(
      () => verifyCheckpoint(SUMDB_CHECKPOINT.replace('63512409', '63512410'), SUMDB_VKEY),
      'bad-signature',
    );
    expectCheckpointError(
      () => verifyCheckpoint(SUMDB_CHECKPOINT.replace('F7eHRPqN', 'F7eHRPqM'), SUMDB_VKEY),
      'bad-signature',
    );
    expectCheckpointError(
      () => verifyCheckpoint(SUMDB_CHECKPOINT, PETER_VKEY),
      'no-signature',
      'PeterNeumann+c74f20a3',
    );
  });
});

describe('keys', () => {
  it('generates Ed25519 keys in exportable forms', () => {
    const key = generateLogKey();
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(key.publicKeyRaw).toHaveLength(32);
    const reloaded = createPrivateKey({
      key: Buffer.from(key.privateKeyPkcs8),
      format: 'der',
      type: 'pkcs8',
    });
    expect(reloaded.export({ format: 'jwk' }).d).toBe(key.privateKey.export({ format: 'jwk' }).d);
  });

  it('builds verifier keys as <name>+<key ID>+<base64(0x01 || key)> with the signed-note key ID', () => {
    const key = generateLogKey();
    const vkey = verifierKey(ORIGIN, key.publicKey);
    const [name, id, data] = [
      vkey.slice(0, vkey.indexOf('+')),
      vkey.split('+')[1],
      vkey.split('+').slice(2).join('+'),
    ];
    expect(name).toBe(ORIGIN);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(Number.parseInt(id!, 16)).toBe(keyId(ORIGIN, key.publicKeyRaw));
    expect(Buffer.from(data!, 'base64')).toEqual(Buffer.concat([Buffer.of(1), key.publicKeyRaw]));
    expect(verifierKey(ORIGIN, key.publicKeyRaw)).toBe(vkey);
    const parsed = parseVerifierKey(vkey);
    expect(parsed.name).toBe(ORIGIN);
    expect(Buffer.from(parsed.publicKeyRaw)).toEqual(Buffer.from(key.publicKeyRaw));
  });

  it('rejects malformed verifier keys', () => {
    const vkey = verifierKey(ORIGIN, generateLogKey().publicKey);
    const [name, id, data] = [ORIGIN, vkey.split('+')[1]!, vkey.split('+').slice(2).join('+')];
    const wrongId = ((Number.parseInt(id, 16) + 1) >>> 0).toString(16).padStart(8, '0');
    expectCheckpointError(
      () => parseVerifierKey(`${name}+${wrongId}+${data}`),
      'malformed-key',
      'does not match',
    );
    expectCheckpointError(
      () => parseVerifierKey(`other.example+${id}+${data}`),
      'malformed-key',
      'does not match',
    );
    expectCheckpointError(
      () => parseVerifierKey(`${name}+${id.slice(1)}+${data}`),
      'malformed-key',
      '8 hex digits',
    );
    expectCheckpointError(() => parseVerifierKey(`${name}+${id}`), 'malformed-key');
    expectCheckpointError(
      () => parseVerifierKey(`${name}+${id}+${data.slice(1)}`),
      'malformed-key',
      'base64',
    );
    const ecdsaType = Buffer.concat([Buffer.of(2), Buffer.from(data, 'base64').subarray(1)]).toString(
      'base64',
    );
    expectCheckpointError(() => parseVerifierKey(`${name}+${id}+${ecdsaType}`), 'malformed-key', 'type 0x02');
    expectCheckpointError(
      () => parseVerifierKey(`bad name+${id}+${data}`),
      'malformed-key',
      'without spaces',
    );
    expectCheckpointError(() => verifierKey('', new Uint8Array(32)), 'malformed-key');
    expectCheckpointError(() => verifierKey(ORIGIN, new Uint8Array(31)), 'malformed-key', '32 bytes');
  });
});

describe('signing and verifying checkpoints', () => {
  const key = generateLogKey();
  const vkey = verifierKey(ORIGIN, key.publicKey);
  const tree = sampleTree(10);
  const body = { origin: ORIGIN, size: tree.size, rootHash: tree.rootHash() };

  it('round-trips: sign, parse, verify', () => {
    const note = signCheckpoint(body, ORIGIN, key.privateKey);
    const [text, signatureLine] = note.split('\n\n');
    expect(text).toBe(`${ORIGIN}\n10\n${Buffer.from(body.rootHash).toString('base64')}`);
    expect(signatureLine).toMatch(
      new RegExp(`^\u2014 ${ORIGIN.replaceAll('.', '\\.')} [A-Za-z0-9+/]{91}=\n$`),
    );

    const checkpoint = verifyCheckpoint(note, vkey, { origin: ORIGIN });
    expect(checkpoint.origin).toBe(ORIGIN);
    expect(checkpoint.size).toBe(10);
    expect(Buffer.from(checkpoint.rootHash)).toEqual(Buffer.from(body.rootHash));

    const parsed = parseCheckpoint(note);
    expect(parsed.body).toBe(formatCheckpointBody(body));
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]!.keyName).toBe(ORIGIN);
    expect(parsed.signatures[0]!.keyId).toBe(keyId(ORIGIN, key.publicKeyRaw));
    expect(parsed.signatures[0]!.signature).toHaveLength(64);
  });

  it('signs with the stored PKCS #8 forms too (DER bytes and PEM)', () => {
    const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    for (const form of [key.privateKeyPkcs8, pem]) {
      expect(verifyCheckpoint(signCheckpoint(body, ORIGIN, form), vkey).size).toBe(10);
    }
  });

  it('signs the empty tree', () => {
    const empty = new MerkleTree();
    const note = signCheckpoint(
      { origin: ORIGIN, size: 0, rootHash: empty.rootHash() },
      ORIGIN,
      key.privateKey,
    );
    expect(note.split('\n')[1]).toBe('0');
    expect(verifyCheckpoint(note, vkey).size).toBe(0);
  });

  it('rejects a tampered size or root', () => {
    const note = signCheckpoint(body, ORIGIN, key.privateKey);
    const other = sampleTree(11);
    const otherRoot = Buffer.from(other.rootHash()).toString('base64');
    const ourRoot = Buffer.from(body.rootHash).toString('base64');
    expectCheckpointError(() => verifyCheckpoint(note.replace('\n10\n', '\n11\n'), vkey), 'bad-signature');
    expectCheckpointError(() => verifyCheckpoint(note.replace(ourRoot, otherRoot), vkey), 'bad-signature');
    expectCheckpointError(
      () => verifyCheckpoint(note.replace(ORIGIN, 'evil.example/log'), vkey),
      'bad-signature',
    );
    // Same text, a signature that was valid for a different checkpoint.
    const otherNote = signCheckpoint(
      { ...body, size: 11, rootHash: other.rootHash() },
      ORIGIN,
      key.privateKey,
    );
    const forged = `${note.split('\n\n')[0]}\n\n${otherNote.split('\n\n')[1]}`;
    expectCheckpointError(() => verifyCheckpoint(forged, vkey), 'bad-signature');
  });

  it('rejects a checkpoint signed by another key, even one with the same name', () => {
    const impostor = generateLogKey();
    const note = signCheckpoint(body, ORIGIN, impostor.privateKey);
    // Same name, different key ID: the line is not from our key at all.
    expectCheckpointError(() => verifyCheckpoint(note, vkey), 'no-signature', `no signature by ${ORIGIN}+`);
    // Same name and key ID (as a colliding key could arrange), wrong key: the signature fails.
    const ourId = keyId(ORIGIN, key.publicKeyRaw);
    const [text, line] = note.split('\n\n') as [string, string];
    const sig = Buffer.from(line.trim().split(' ').at(-1)!, 'base64');
    sig.writeUInt32BE(ourId, 0);
    const collided = `${text}\n\n— ${ORIGIN} ${sig.toString('base64')}\n`;
    expectCheckpointError(() => verifyCheckpoint(collided, vkey), 'bad-signature');
  });

  it('ignores signatures from unknown keys, such as witness cosignatures', () => {
    const note = signCheckpoint(body, ORIGIN, key.privateKey);
    const witness = generateLogKey();
    const witnessLine = signNote(`${note.split('\n\n')[0]}\n`, 'witness.example', witness.privateKey).split(
      '\n\n',
    )[1];
    const cosigned = note + witnessLine;
    expect(parseCheckpoint(cosigned).signatures.map((s) => s.keyName)).toEqual([ORIGIN, 'witness.example']);
    expect(verifyCheckpoint(cosigned, vkey).size).toBe(10);
    expect(verifyCheckpoint(cosigned, verifierKey('witness.example', witness.publicKey)).size).toBe(10);
  });

  it('anchors inclusion and consistency proofs: verify the checkpoint, then the proof against its size and root', () => {
    const grown = sampleTree(25);
    const older = verifyCheckpoint(signCheckpoint(body, ORIGIN, key.privateKey), vkey, { origin: ORIGIN });
    const newer = verifyCheckpoint(
      signCheckpoint({ origin: ORIGIN, size: 25, rootHash: grown.rootHash() }, ORIGIN, key.privateKey),
      vkey,
      { origin: ORIGIN },
    );
    const proof = grown.inclusionProof(7, newer.size);
    expect(verifyInclusion(grown.leafHash(7), 7, newer.size, proof, newer.rootHash)).toBe(true);
    const consistency = grown.consistencyProof(older.size, newer.size);
    expect(verifyConsistency(older.size, newer.size, older.rootHash, newer.rootHash, consistency)).toBe(true);
    // A log that rewrote entry 3 after signing the older checkpoint cannot prove consistency with it.
    const rewritten = new MerkleTree(
      Array.from({ length: 25 }, (_, i) =>
        i === 3 ? leafHash(Buffer.from('rewritten')) : grown.leafHash(i),
      ),
    );
    const forkProof = rewritten.consistencyProof(older.size, 25);
    expect(verifyConsistency(older.size, 25, older.rootHash, rewritten.rootHash(), forkProof)).toBe(false);
  });

  it('pins the origin when asked', () => {
    const note = signCheckpoint(body, ORIGIN, key.privateKey);
    expectCheckpointError(
      () => verifyCheckpoint(note, vkey, { origin: 'example.com/other' }),
      'origin-mismatch',
    );
  });

  it('returns extension lines but still covers them with the signature', () => {
    const text = `${formatCheckpointBody(body)}extension one\n`;
    const note = signNote(text, ORIGIN, key.privateKey);
    expect(verifyCheckpoint(note, vkey).extensions).toEqual(['extension one']);
    expectCheckpointError(
      () => verifyCheckpoint(note.replace('extension one', 'extension two'), vkey),
      'bad-signature',
    );
  });
});

describe('malformed notes and checkpoints', () => {
  const key = generateLogKey();
  const vkey = verifierKey(ORIGIN, key.publicKey);
  const root = sampleTree(3).rootHash();
  const note = signCheckpoint({ origin: ORIGIN, size: 3, rootHash: root }, ORIGIN, key.privateKey);
  const [text, sigLine] = note.split('\n\n') as [string, string];
  const resign = (body: string) => signNote(body, ORIGIN, key.privateKey);

  it.each([
    ['no blank line', note.replace('\n\n', '\n')],
    ['no signature lines', `${text}\n\n`],
    ['no final newline', note.slice(0, -1)],
    ['hyphen instead of em dash', `${text}\n\n-${sigLine.slice(1)}`],
    ['signature not base64', `${text}\n\n— ${ORIGIN} not*base64\n`],
    ['signature too short', `${text}\n\n— ${ORIGIN} AAAA\n`],
    ['non-canonical base64 padding', `${text}\n\n${sigLine.replace('=\n', '\n')}`],
    ['control character', note.replace(ORIGIN, `${ORIGIN}\u0007`)],
    ['lone surrogate', note.replace('example', 'exa\ud800mple')],
  ])('refuses a note with %s', (_what, bad) => {
    expectCheckpointError(() => verifyCheckpoint(bad, vkey), 'malformed-note');
  });

  it('refuses more than 100 signature lines', () => {
    const many = note + `${sigLine}`.repeat(100);
    expectCheckpointError(() => verifyCheckpoint(many, vkey), 'malformed-note', 'more than 100');
  });

  it.each([
    ['only two lines', `${ORIGIN}\n3\n`],
    ['a leading zero in the size', `${ORIGIN}\n03\n${Buffer.from(root).toString('base64')}\n`],
    ['a signed size', `${ORIGIN}\n+3\n${Buffer.from(root).toString('base64')}\n`],
    ['a size beyond 2^53', `${ORIGIN}\n9007199254740993\n${Buffer.from(root).toString('base64')}\n`],
    ['a 31-byte root', `${ORIGIN}\n3\n${Buffer.from(root.subarray(1)).toString('base64')}\n`],
    ['an unpadded root', `${ORIGIN}\n3\n${Buffer.from(root).toString('base64').replace('=', '')}\n`],
    ['a root in hex', `${ORIGIN}\n3\n${Buffer.from(root).toString('hex')}\n`],
  ])('refuses a correctly signed body with %s', (_what, body) => {
    expectCheckpointError(() => verifyCheckpoint(resign(body), vkey), 'malformed-checkpoint');
  });

  it('refuses to sign what it could not verify', () => {
    expectCheckpointError(
      () => signCheckpoint({ origin: 'two\nlines', size: 1, rootHash: root }, ORIGIN, key.privateKey),
      'malformed-checkpoint',
    );
    expectCheckpointError(
      () => signCheckpoint({ origin: ORIGIN, size: -1, rootHash: root }, ORIGIN, key.privateKey),
      'malformed-checkpoint',
    );
    expectCheckpointError(
      () => signCheckpoint({ origin: ORIGIN, size: 1.5, rootHash: root }, ORIGIN, key.privateKey),
      'malformed-checkpoint',
    );
    expectCheckpointError(
      () =>
        signCheckpoint(
          { origin: ORIGIN, size: 1, rootHash: leafHash(new Uint8Array()).subarray(2) },
          ORIGIN,
          key.privateKey,
        ),
      'malformed-checkpoint',
    );
    expectCheckpointError(
      () => signCheckpoint({ origin: ORIGIN, size: 1, rootHash: root }, 'has space', key.privateKey),
      'malformed-key',
    );
    expectCheckpointError(
      () => signCheckpoint({ origin: ORIGIN, size: 1, rootHash: root }, 'a+b', key.privateKey),
      'malformed-key',
    );
    expectCheckpointError(
      () => signCheckpoint({ origin: ORIGIN, size: 1, rootHash: root }, ORIGIN, key.publicKey),
      'malformed-key',
    );
    expectCheckpointError(() => signNote('no newline', ORIGIN, key.privateKey), 'malformed-note');
    expectCheckpointError(() => signNote('blank\n\nline\n', ORIGIN, key.privateKey), 'malformed-note');
  });
});

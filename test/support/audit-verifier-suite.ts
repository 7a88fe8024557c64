/**
 * One suite for every audit verifier, after Hono's `runTest`: `auditVerifierSuite(verifier)`
 * registers the same tests for each implementation, so the Node verifier (src/audit/merkle.ts,
 * src/audit/checkpoint.ts) and the browser's (web/src/audit-verify.ts) accept and refuse the same
 * proofs and checkpoints:
 * - the transparency-dev/merkle inclusion and consistency vectors (test/support/merkle-vectors.ts),
 *   the valid ones and every corruption of them (`wantErr`);
 * - a published sum.golang.org checkpoint (its key is built into the go command), and it altered;
 * - checkpoints signed by this project's signer, and tampered in each way a verifier must notice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLogKey, MerkleTree, signCheckpoint, signNote, verifierKey } from '../../src/audit/index.js';
import { bytes, count, hashes, jsonFilesUnder, parseProbe, TESTDATA } from './merkle-vectors.js';

type Verdict = boolean | Promise<boolean>;

export interface AuditVerifier {
  readonly name: string;
  /** Whether `proof` places `leaf` (a leaf hash) at `index` of the tree of `size` leaves with `root`. */
  inclusion(leaf: Uint8Array, index: number, size: number, proof: Uint8Array[], root: Uint8Array): Verdict;
  /** Whether `proof` shows the tree of `size1` (`root1`) is a prefix of that of `size2` (`root2`); null: none. */
  readonly consistency:
    | ((size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: Uint8Array[]) => Verdict)
    | null;
  /** The tree head a signed checkpoint commits to, verified with the verifier key; throws when it does not verify. */
  checkpoint(text: string, verifierKey: string): Promise<{ size: number; rootHash: Uint8Array }>;
  /** Whether a thrown error is the verifier refusing its input (anything else fails the test). */
  isRefusal(error: unknown): boolean;
}

/** A sum.golang.org checkpoint and its verifier key (as in src/audit/checkpoint.test.ts). */
export const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
export const SUMDB_CHECKPOINT =
  'go.sum database tree\n63512409\nF7eHRPqN/cqPtqti14NKdGGaI1Giw8coWP3KxihFZbg=\n\n' +
  '— sum.golang.org Az3gri1OBHKT87Xj8UXU8zjoHGy/X+7Nl94f8TZkELVaasolmGApUsWqwVG9vE6hgqYb/ph/w2vdkLIVRH7bMB/FPQ4=\n';
/** golang.org/x/mod/sumdb/note's example key: a well-formed key of another signer. */
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

const ORIGIN = 'chipexport.test/audit';
const b64 = (value: Uint8Array) => Buffer.from(value).toString('base64');

/** 'ok' when the verifier accepts, 'refused' when it returns false or throws a refusal. */
async function outcome(verifier: AuditVerifier, verify: () => Verdict): Promise<'ok' | 'refused'> {
  try {
    return (await verify()) ? 'ok' : 'refused';
  } catch (error) {
    if (verifier.isRefusal(error)) return 'refused';
    throw error;
  }
}

/** A signed log of `count` entries, made by the project's own tree and signer. */
function signedLog(count: number) {
  const key = generateLogKey();
  const tree = new MerkleTree();
  const entries = Array.from({ length: count }, (_, i) => Buffer.from(`{"entry":${i}}`));
  for (const entry of entries) tree.appendEntry(entry);
  const note = signCheckpoint(
    { origin: ORIGIN, size: count, rootHash: tree.rootHash(count) },
    ORIGIN,
    key.privateKey,
  );
  return { key, tree, note, vkey: verifierKey(ORIGIN, key.publicKeyRaw) };
}

/** The checkpoint with one bit of its (first) signature flipped. */
function flipSignatureBit(note: string): string {
  const [body, line] = note.split('\n\n') as [string, string];
  const words = line.trimEnd().split(' ');
  const signature = Buffer.from(words.at(-1)!, 'base64');
  signature[signature.length - 1]! ^= 1;
  return `${body}\n\n${[...words.slice(0, -1), signature.toString('base64')].join(' ')}\n`;
}

export function auditVerifierSuite(verifier: AuditVerifier): void {
  describe(`audit verifier: ${verifier.name}`, () => {
    if (!existsSync(TESTDATA)) {
      it.skip(`transparency-dev/merkle vectors: not found at ${TESTDATA}`, () => {});
    } else {
      const files = (kind: string) =>
        jsonFilesUnder(join(TESTDATA, kind)).map((path) => relative(TESTDATA, path));

      describe('transparency-dev/merkle inclusion vectors (RFC 9162 §2.1.3.2)', () => {
        const inclusion = files('inclusion');
        it('are all there (98, valid and corrupted)', () => expect(inclusion.length).toBe(98));
        it.each(inclusion)('%s', async (file) => {
          const probe = parseProbe(readFileSync(join(TESTDATA, file), 'utf8'));
          const index = count(probe, 'leafIdx').value;
          const size = count(probe, 'treeSize').value;
          const got = await outcome(verifier, () =>
            verifier.inclusion(
              bytes(probe['leafHash']),
              index,
              size,
              hashes(probe['proof']),
              bytes(probe['root']),
            ),
          );
          expect(got, String(probe['desc'])).toBe(probe['wantErr'] === true ? 'refused' : 'ok');
        });
      });

      describe('transparency-dev/merkle consistency vectors (RFC 9162 §2.1.4.2)', () => {
        const consistency = files('consistency');
        const verify = verifier.consistency;
        if (verify === null) {
          it.skip(`${consistency.length} vectors: this verifier has no consistency check`, () => {});
          return;
        }
        it('are all there (98, valid and corrupted)', () => expect(consistency.length).toBe(98));
        it.each(consistency)('%s', async (file) => {
          const probe = parseProbe(readFileSync(join(TESTDATA, file), 'utf8'));
          const got = await outcome(verifier, () =>
            verify(
              count(probe, 'size1').value,
              count(probe, 'size2').value,
              bytes(probe['root1']),
              bytes(probe['root2']),
              hashes(probe['proof']),
            ),
          );
          expect(got, String(probe['desc'])).toBe(probe['wantErr'] === true ? 'refused' : 'ok');
        });
      });
    }

    describe('signed checkpoints (C2SP signed-note and tlog-checkpoint)', () => {
      it('reads the tree head of a published sum.golang.org checkpoint', async () => {
        const head = await verifier.checkpoint(SUMDB_CHECKPOINT, SUMDB_VKEY);
        expect(head.size).toBe(63_512_409);
        expect(b64(head.rootHash)).toBe('F7eHRPqN/cqPtqti14NKdGGaI1Giw8coWP3KxihFZbg=');
      });

      it.each([
        ['its size altered', SUMDB_CHECKPOINT.replace('63512409', '63512410'), SUMDB_VKEY],
        ['its root altered', SUMDB_CHECKPOINT.replace('F7eHRPqN', 'F7eHRPqM'), SUMDB_VKEY],
        ['a bit of its signature flipped', flipSignatureBit(SUMDB_CHECKPOINT), SUMDB_VKEY],
        ["another signer's key", SUMDB_CHECKPOINT, PETER_VKEY],
      ])('refuses the sum.golang.org checkpoint with %s', async (_what, text, vkey) => {
        expect(await outcome(verifier, async () => Boolean(await verifier.checkpoint(text, vkey)))).toBe(
          'refused',
        );
      });

      it('reads a checkpoint signed by this log, and ignores a witness cosignature from an unknown key', async () => {
        const { tree, note, vkey } = signedLog(13);
        const head = await verifier.checkpoint(note, vkey);
        expect(head.size).toBe(13);
        expect(b64(head.rootHash)).toBe(b64(tree.rootHash(13)));
        const witness = generateLogKey();
        const body = `${note.split('\n\n')[0]}\n`;
        const cosigned = `${note}${signNote(body, 'witness.example', witness.privateKey).split('\n\n')[1]}`;
        expect((await verifier.checkpoint(cosigned, vkey)).size).toBe(13);
      });

      it('refuses a checkpoint of this log once tampered: root, size, signature bit, another key of the same name, a wrong key ID', async () => {
        const { tree, note, vkey } = signedLog(13);
        const other = generateLogKey();
        const rootLine = b64(tree.rootHash(13));
        const [name, id, data] = vkey.split('+') as [string, string, string];
        const wrongId = `${name}+${(Number.parseInt(id, 16) ^ 1).toString(16).padStart(8, '0')}+${data}`;
        const cases: [string, string, string][] = [
          ['root', note.replace(rootLine, b64(tree.rootHash(12))), vkey],
          ['size', note.replace('\n13\n', '\n12\n'), vkey],
          ['signature bit', flipSignatureBit(note), vkey],
          ['another key', note, verifierKey(ORIGIN, other.publicKeyRaw)],
          ['wrong key ID', note, wrongId],
          [
            'signed by another key under this name',
            signCheckpoint(
              { origin: ORIGIN, size: 13, rootHash: tree.rootHash(13) },
              ORIGIN,
              other.privateKey,
            ),
            vkey,
          ],
        ];
        const verdicts = [];
        for (const [what, text, k] of cases) {
          verdicts.push([
            what,
            await outcome(verifier, async () => Boolean(await verifier.checkpoint(text, k))),
          ]);
        }
        expect(verdicts).toEqual(cases.map(([what]) => [what, 'refused']));
      });

      it("proves an entry's inclusion against the root a verified checkpoint commits to, and no other entry's", async () => {
        const { tree, note, vkey } = signedLog(13);
        const head = await verifier.checkpoint(note, vkey);
        const proof = tree.inclusionProof(5, head.size);
        expect(
          await outcome(verifier, () =>
            verifier.inclusion(tree.leafHash(5), 5, head.size, proof, head.rootHash),
          ),
        ).toBe('ok');
        expect(
          await outcome(verifier, () =>
            verifier.inclusion(tree.leafHash(6), 5, head.size, proof, head.rootHash),
          ),
        ).toBe('refused');
      });
    });
  });
}

/**
 * Verifies an audit log entry in the browser, trusting nothing the server says about it:
 *
 * 1. the checkpoint (a C2SP signed note) carries an Ed25519 signature by the log's verifier key
 *    (`<name>+<key ID hex>+<base64(0x01 ‖ public key)>`), checked with WebCrypto;
 * 2. the entry's bytes hash to an RFC 6962 leaf (SHA-256(0x00 ‖ bytes)), and the inclusion proof
 *    recomputes, by RFC 9162 §2.1.3.2 with node hashes SHA-256(0x01 ‖ left ‖ right), exactly the
 *    root hash that the signed checkpoint commits to for its tree size.
 *
 * "Verified" means both hold. Pure functions over WebCrypto (`crypto.subtle`), which browsers and
 * Node 20 both provide, so the same code is tested against proofs made by the server's audit log.
 */

const SIGNATURE_PREFIX = '\u2014 '; // EM DASH, SPACE (signed-note §Format)
const ED25519_TYPE = 0x01;
const HASH_SIZE = 32;

export interface NoteSignature {
  keyName: string;
  keyId: number;
  signature: Uint8Array;
}

export interface CheckpointNote {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** The signed text (origin, size and root lines, each ending in a newline). */
  body: string;
  signatures: NoteSignature[];
}

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKeyRaw: Uint8Array;
}

/** Why verification did not succeed: thrown for input that cannot even be read. */
export class AuditFormatError extends Error {
  override name = 'AuditFormatError';
}

/** Strict RFC 4648 §4 base64 with padding; undefined for anything else. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return encodeBase64(bytes) === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(bytes)));
}

/** RFC 6962 §2.1: MTH({d}) = SHA-256(0x00 ‖ d). */
export function leafHash(entry: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x00), entry));
}

/** RFC 6962 §2.1: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

/**
 * RFC 9162 §2.1.3.2: the root that `proof` leads to from leaf `index` of a tree of `size` leaves,
 * or null when the proof cannot belong to such a tree (wrong length, index out of range, a hash
 * that is not 32 bytes). The caller compares the result with a root it trusts.
 */
export async function rootFromInclusionProof(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Promise<Uint8Array | null> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (leaf.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null; // the path is longer than the tree is tall
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      // Right edge: levels where the node has no sibling are promoted without a path element.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows that the tree of `size1` leaves with `root1` is a
 * prefix of the tree of `size2` leaves with `root2` — that the log only grew between two
 * checkpoints. False for anything that cannot be such a proof (sizes out of order or not whole
 * numbers, a hash that is not 32 bytes, a path too long or too short).
 */
export async function verifyConsistencyProof(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<boolean> {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1)
    return false;
  // The empty tree is a prefix of every tree, but no proof says so: RFC 9162 defines none.
  if (size1 === 0) return false;
  // Equal sizes: the same tree, whatever the roots' bytes (as transparency-dev/merkle compares them).
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE))
    return false;
  if (proof.length === 0) return false;
  // The old tree of a power-of-two size is itself a node of the new one: its root starts the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false; // more path than levels
    if (fn % 2 === 1 || fn === sn) {
      // A left sibling both trees share.
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      // A right sibling only the new tree has.
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** signed-note §Format + tlog-checkpoint §Note text, without checking any signature. */
export function parseCheckpointNote(text: string): CheckpointNote {
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new AuditFormatError('the checkpoint has no blank line before its signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new AuditFormatError('the checkpoint has no signature lines');
  }
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line): NoteSignature => {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        throw new AuditFormatError('a signature line does not start with an em dash and a space');
      }
      const rest = line.slice(SIGNATURE_PREFIX.length);
      const space = rest.indexOf(' ');
      const keyName = space < 0 ? rest : rest.slice(0, space);
      const data = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
      if (!keyName || data === undefined || data.length < 5) {
        throw new AuditFormatError(`the signature by "${keyName}" is not base64 of a key ID and signature`);
      }
      const keyId = new DataView(data.buffer, data.byteOffset, 4).getUint32(0);
      return { keyName, keyId, signature: data.subarray(4) };
    });
  const lines = body.slice(0, -1).split('\n');
  const [origin, sizeText, rootText] = lines;
  if (lines.length < 3 || !origin || !sizeText || !rootText || lines.some((l) => l.length === 0)) {
    throw new AuditFormatError('the checkpoint needs non-empty origin, size and root lines');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new AuditFormatError(`the tree size "${sizeText}" is not a canonical decimal number`);
  }
  const rootHash = decodeBase64(rootText);
  if (!rootHash || rootHash.length !== HASH_SIZE) {
    throw new AuditFormatError('the root hash is not the base64 of 32 bytes');
  }
  return { origin, size: Number(sizeText), rootHash, body, signatures };
}

/** signed-note: key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian. */
export async function computeKeyId(name: string, publicKeyRaw: Uint8Array): Promise<number> {
  const digest = await sha256(
    concat(new TextEncoder().encode(name), Uint8Array.of(0x0a, ED25519_TYPE), publicKeyRaw),
  );
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

/** Decodes a verifier key and checks that its key ID matches its name and key. */
export async function parseVerifierKey(text: string): Promise<VerifierKey> {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = first < 0 ? -1 : trimmed.indexOf('+', first + 1);
  if (second < 0) throw new AuditFormatError('the verifier key must look like <name>+<hex id>+<key>');
  const name = trimmed.slice(0, first);
  const idHex = trimmed.slice(first + 1, second);
  if (!name || !/^[0-9a-fA-F]{8}$/.test(idHex)) {
    throw new AuditFormatError('the verifier key needs a name and an 8-hex-digit key ID');
  }
  const data = decodeBase64(trimmed.slice(second + 1));
  if (!data || data[0] !== ED25519_TYPE || data.length !== 33) {
    throw new AuditFormatError('the verifier key is not an Ed25519 key (type 0x01 and 32 bytes)');
  }
  const publicKeyRaw = data.subarray(1);
  const keyId = Number.parseInt(idHex, 16);
  if ((await computeKeyId(name, publicKeyRaw)) !== keyId) {
    throw new AuditFormatError('the verifier key ID does not match its name and key');
  }
  return { name, keyId, publicKeyRaw };
}

export interface CheckResult {
  ok: boolean;
  detail: string;
}

/**
 * Checks the checkpoint's signature lines from the trusted key (name and key ID both match):
 * at least one, and every one of them verifies (other keys' lines, e.g. witnesses, are ignored).
 */
export async function verifyCheckpointSignature(
  note: CheckpointNote,
  key: VerifierKey,
): Promise<CheckResult> {
  const mine = note.signatures.filter((s) => s.keyName === key.name && s.keyId === key.keyId);
  if (mine.length === 0) {
    return { ok: false, detail: `no signature by ${key.name} on the checkpoint` };
  }
  const publicKey = await crypto.subtle.importKey(
    'raw',
    concat(key.publicKeyRaw),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  const body = new TextEncoder().encode(note.body);
  for (const s of mine) {
    const good =
      s.signature.length === 64 &&
      (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, concat(s.signature), body));
    if (!good) return { ok: false, detail: `the Ed25519 signature by ${key.name} does not verify` };
  }
  return { ok: true, detail: `Ed25519 signature by ${key.name} verifies` };
}

export interface EntryVerification {
  /** Both the signature and the inclusion hold. */
  verified: boolean;
  signature: CheckResult;
  inclusion: CheckResult;
  leafHash: Uint8Array;
  /** The root the proof leads to (null: the proof does not fit the tree size). */
  computedRoot: Uint8Array | null;
  checkpointRoot: Uint8Array;
  size: number;
}

/**
 * Verifies that `entry` is leaf `index` of the log whose signed checkpoint is `checkpointText`,
 * using `proofBase64` (GET /v1/audit/proof/inclusion?index=&size=<checkpoint size>) and the log's
 * verifier key (GET /v1/audit/key).
 */
export async function verifyEntry(input: {
  entry: Uint8Array;
  index: number;
  proofBase64: readonly string[];
  checkpointText: string;
  verifierKeyText: string;
}): Promise<EntryVerification> {
  const note = parseCheckpointNote(input.checkpointText);
  const key = await parseVerifierKey(input.verifierKeyText);
  const signature = await verifyCheckpointSignature(note, key);
  const proof = input.proofBase64.map((h, i) => {
    const bytes = decodeBase64(h);
    if (!bytes) throw new AuditFormatError(`proof hash ${i} is not base64`);
    return bytes;
  });
  const leaf = await leafHash(input.entry);
  const computedRoot = await rootFromInclusionProof(leaf, input.index, note.size, proof);
  let inclusion: CheckResult;
  if (computedRoot === null) {
    inclusion = {
      ok: false,
      detail: `a proof of ${proof.length} hashes cannot place entry ${input.index} in a tree of ${note.size}`,
    };
  } else if (bytesEqual(computedRoot, note.rootHash)) {
    inclusion = {
      ok: true,
      detail: `the entry and ${proof.length} proof hashes recompute the checkpoint's root for ${note.size} entries`,
    };
  } else {
    inclusion = {
      ok: false,
      detail: "the entry and its proof lead to a different root than the checkpoint's",
    };
  }
  return {
    verified: signature.ok && inclusion.ok,
    signature,
    inclusion,
    leafHash: leaf,
    computedRoot,
    checkpointRoot: note.rootHash,
    size: note.size,
  };
}

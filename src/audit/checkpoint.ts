/**
 * Signed checkpoints for the audit log: C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) bodies in
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures, byte-compatible with
 * golang.org/x/mod/sumdb/note and the transparency-dev ecosystem (witnesses, monitors).
 *
 * A signed checkpoint looks like this (the signature line starts with U+2014 EM DASH and a space):
 *
 *   example.com/audit            <- origin
 *   20852163                     <- tree size, decimal, no leading zeros
 *   CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=   <- base64 RFC 6962 root hash
 *                                <- blank line
 *   — example.com/audit Az3grlgt...   <- key name, base64(4-byte key ID || 64-byte Ed25519 signature)
 *
 * The signature covers the note text (body) including its final newline, not the blank line.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  createHash as nodeCreateHash,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';

/** Why a note, checkpoint or key was refused. */
export type CheckpointErrorCode =
  | 'malformed-key' // verifier key string or private key unusable
  | 'malformed-note' // not a signed note (signed-note §Format)
  | 'malformed-checkpoint' // a note, but its text is not a checkpoint (tlog-checkpoint §Note text)
  | 'no-signature' // no signature line from the trusted key
  | 'bad-signature' // a signature line from the trusted key that does not verify
  | 'origin-mismatch'; // verified, but for another log than the caller expected

export class CheckpointError extends Error {
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** The tree head a checkpoint commits to. */
export interface CheckpointBody {
  /** Unique identifier of the log, e.g. `example.com/chipexport-audit`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** RFC 6962 root hash of the first `size` leaves (32 bytes). */
  readonly rootHash: Uint8Array;
}

export interface Checkpoint extends CheckpointBody {
  /** Opaque extension lines after the root hash (tlog-checkpoint: OPTIONAL, NOT RECOMMENDED). */
  readonly extensions: readonly string[];
}

/** One signature line of a signed note, decoded but not verified. */
export interface NoteSignature {
  readonly keyName: string;
  /** The 32-bit key ID, big-endian, as in the verifier key. */
  readonly keyId: number;
  /** The signature bytes after the key ID (64 bytes for Ed25519). */
  readonly signature: Uint8Array;
}

export interface ParsedCheckpoint extends Checkpoint {
  /** The signed text: exactly the bytes the signatures cover. */
  readonly body: string;
  readonly signatures: readonly NoteSignature[];
}

/** An Ed25519 log signing key with the forms needed to store and publish it. */
export interface LogKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** PKCS #8 DER: what to store (encrypted, in a secret manager) and pass back to `signCheckpoint`. */
  readonly privateKeyPkcs8: Uint8Array;
  /** The 32-byte RFC 8032 public key, as used in key IDs and verifier keys. */
  readonly publicKeyRaw: Uint8Array;
}

/** A decoded verifier key `<name>+<key ID hex>+<base64(0x01 || public key)>`. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKeyRaw: Uint8Array;
  readonly publicKey: KeyObject;
}

/** signed-note §Signatures: signature type byte for Ed25519. */
const ED25519_TYPE = 0x01;
const ED25519_PUBLIC_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const HASH_SIZE = 32;
const SIGNATURE_PREFIX = '\u2014 '; // EM DASH, SPACE
/** signed-note: verifiers SHOULD cap the signature count and MUST accept 16; Go's note package uses 100. */
const MAX_SIGNATURES = 100;

/** Creates a fresh Ed25519 log key. */
export function generateLogKey(): LogKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    privateKeyPkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
    publicKeyRaw: rawPublicKey(publicKey),
  };
}

/**
 * signed-note §Signatures: key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4], as a
 * big-endian uint32. It binds the signature type and the key to the name; it is an identifier, not a
 * security check (the verifier still has the full public key).
 */
export function keyId(name: string, publicKeyRaw: Uint8Array): number {
  requireKeyName(name, 'malformed-key');
  requireRawPublicKey(publicKeyRaw);
  const digest = nodeCreateHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519_TYPE))
    .update(publicKeyRaw)
    .digest();
  return digest.readUInt32BE(0);
}

/** The verifier key string `<name>+<8 hex digits of key ID>+<base64(0x01 || public key)>` to publish. */
export function verifierKey(name: string, publicKey: Uint8Array | KeyObject): string {
  const raw = publicKey instanceof Uint8Array ? publicKey : rawPublicKey(publicKey);
  const id = keyId(name, raw);
  const encoded = Buffer.concat([Uint8Array.of(ED25519_TYPE), raw]).toString('base64');
  return `${name}+${id.toString(16).padStart(8, '0')}+${encoded}`;
}

/** Decodes and checks a verifier key string (name rules, Ed25519 type, key ID matches the key). */
export function parseVerifierKey(text: string): VerifierKey {
  // The name cannot contain '+', the hex ID neither, so the first two '+' delimit the fields; the base64
  // key data may itself contain '+'.
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0)
    throw new CheckpointError('malformed-key', 'verifier key must look like <name>+<hex id>+<key>');
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  requireKeyName(name, 'malformed-key');
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) {
    throw new CheckpointError('malformed-key', `verifier key ID must be 8 hex digits, got "${idHex}"`);
  }
  const data = decodeBase64(text.slice(second + 1));
  if (data === undefined || data.length === 0) {
    throw new CheckpointError('malformed-key', 'verifier key data is not valid standard base64');
  }
  if (data[0] !== ED25519_TYPE) {
    throw new CheckpointError(
      'malformed-key',
      `unsupported signature type 0x${data[0]!.toString(16).padStart(2, '0')}; only Ed25519 (0x01) is supported`,
    );
  }
  const publicKeyRaw = data.subarray(1);
  if (publicKeyRaw.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new CheckpointError(
      'malformed-key',
      `Ed25519 public key must be 32 bytes, got ${publicKeyRaw.length}`,
    );
  }
  const id = Number.parseInt(idHex, 16);
  const expected = keyId(name, publicKeyRaw);
  if (id !== expected) {
    throw new CheckpointError(
      'malformed-key',
      `verifier key ID ${idHex} does not match its name and key (expected ${hex8(expected)})`,
    );
  }
  return { name, keyId: id, publicKeyRaw, publicKey: importRawPublicKey(publicKeyRaw) };
}

/**
 * Signs `body` (note text ending in a newline) as a signed note with one Ed25519 signature line.
 * `privateKey`: a KeyObject, PKCS #8 DER bytes, or a PKCS #8 PEM string.
 */
export function signNote(body: string, keyName: string, privateKey: KeyObject | Uint8Array | string): string {
  requireKeyName(keyName, 'malformed-key');
  requireNoteText(body, 'malformed-note');
  if (!body.endsWith('\n')) throw new CheckpointError('malformed-note', 'note text must end with a newline');
  if (body.startsWith('\n') || body.includes('\n\n')) {
    // signed-note allows empty lines in the text (readers split at the last one), but checkpoints never
    // have them, and refusing them means a careless reader that splits at the first one still agrees.
    throw new CheckpointError('malformed-note', 'refusing to sign note text with empty lines');
  }
  const key = importPrivateKey(privateKey);
  const id = keyId(keyName, rawPublicKey(createPublicKey(key)));
  const signature = nodeSign(null, Buffer.from(body, 'utf8'), key);
  const idBytes = Buffer.alloc(4);
  idBytes.writeUInt32BE(id);
  return `${body}\n${SIGNATURE_PREFIX}${keyName} ${Buffer.concat([idBytes, signature]).toString('base64')}\n`;
}

/**
 * Verifies a signed note against one trusted verifier key and returns its text (signed-note §Signatures).
 * Signature lines from other keys are ignored (they may be witnesses' cosignatures); at least one line
 * must come from the trusted key, and every line that does must verify.
 */
export function verifyNote(text: string, verifierKeyString: string): string {
  const key = parseVerifierKey(verifierKeyString);
  const { body, signatures } = parseNote(text);
  const bodyBytes = Buffer.from(body, 'utf8');
  let verified = 0;
  for (const sig of signatures) {
    // signed-note: a line is from a known key only if *both* name and key ID match.
    if (sig.keyName !== key.name || sig.keyId !== key.keyId) continue;
    if (
      sig.signature.length !== ED25519_SIGNATURE_SIZE ||
      !nodeVerify(null, bodyBytes, key.publicKey, sig.signature)
    ) {
      throw new CheckpointError(
        'bad-signature',
        `signature by ${key.name}+${hex8(key.keyId)} does not verify`,
      );
    }
    verified++;
  }
  if (verified === 0) {
    const seen = signatures.map((s) => `${s.keyName}+${hex8(s.keyId)}`).join(', ');
    throw new CheckpointError(
      'no-signature',
      `no signature by ${key.name}+${hex8(key.keyId)} (found: ${seen})`,
    );
  }
  return body;
}

/** Formats and signs a checkpoint (tlog-checkpoint §Note text) under `keyName`. */
export function signCheckpoint(
  checkpoint: CheckpointBody,
  keyName: string,
  privateKey: KeyObject | Uint8Array | string,
): string {
  return signNote(formatCheckpointBody(checkpoint), keyName, privateKey);
}

/**
 * Parses a signed checkpoint WITHOUT verifying any signature: for display and routing only. Use
 * `verifyCheckpoint` before trusting any field.
 */
export function parseCheckpoint(text: string): ParsedCheckpoint {
  const { body, signatures } = parseNote(text);
  return { ...parseCheckpointBody(body), body, signatures };
}

/**
 * Verifies a signed checkpoint against a trusted verifier key and returns the tree head it commits to.
 * The key name need not equal the origin (tlog-checkpoint only says it SHOULD; sum.golang.org's does
 * not), so pass `origin` to pin the log you expect.
 */
export function verifyCheckpoint(
  text: string,
  verifierKeyString: string,
  options: { origin?: string } = {},
): Checkpoint {
  const body = verifyNote(text, verifierKeyString);
  const checkpoint = parseCheckpointBody(body);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new CheckpointError(
      'origin-mismatch',
      `checkpoint is for origin "${checkpoint.origin}", expected "${options.origin}"`,
    );
  }
  return checkpoint;
}

/** tlog-checkpoint §Note text: `<origin>\n<size>\n<base64 root>\n`. */
export function formatCheckpointBody({ origin, size, rootHash }: CheckpointBody): string {
  if (origin.length === 0 || origin.includes('\n')) {
    throw new CheckpointError('malformed-checkpoint', 'origin must be a non-empty single line');
  }
  requireNoteText(origin, 'malformed-checkpoint');
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new CheckpointError(
      'malformed-checkpoint',
      `tree size must be a non-negative safe integer, got ${size}`,
    );
  }
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) {
    throw new CheckpointError('malformed-checkpoint', 'root hash must be 32 bytes (SHA-256, RFC 6962)');
  }
  return `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
}

/** tlog-checkpoint §Note text: at least three non-empty lines: origin, size, base64 root; then extensions. */
function parseCheckpointBody(body: string): Checkpoint {
  const lines = body.slice(0, -1).split('\n'); // body ends with '\n' (checked by parseNote)
  if (lines.length < 3) {
    throw new CheckpointError(
      'malformed-checkpoint',
      `checkpoint needs origin, size and root lines, got ${lines.length}`,
    );
  }
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (lines.some((line) => line.length === 0)) {
    throw new CheckpointError('malformed-checkpoint', 'checkpoint lines must be non-empty');
  }
  // ASCII decimal without leading zeros (unless the tree is empty); above 2^53 we could not index it.
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) {
    throw new CheckpointError(
      'malformed-checkpoint',
      `tree size "${sizeText}" is not a canonical decimal number`,
    );
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) {
    throw new CheckpointError('malformed-checkpoint', `tree size ${sizeText} exceeds 2^53 - 1`);
  }
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    throw new CheckpointError('malformed-checkpoint', 'root hash must be the standard base64 of 32 bytes');
  }
  return { origin, size, rootHash, extensions };
}

/** signed-note §Format: text ending in newline, a blank line, then one or more signature lines. */
function parseNote(text: string): { body: string; signatures: NoteSignature[] } {
  if (typeof text !== 'string') throw new CheckpointError('malformed-note', 'note must be a string');
  requireNoteText(text, 'malformed-note');
  // "The text is separated from the signatures by the last empty line in the note."
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new CheckpointError('malformed-note', 'no blank line before the signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new CheckpointError('malformed-note', 'signature block must be non-empty and end with a newline');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    throw new CheckpointError('malformed-note', `more than ${MAX_SIGNATURES} signatures`);
  }
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new CheckpointError(
        'malformed-note',
        'signature lines must start with an em dash (U+2014) and a space',
      );
    }
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const keyName = space < 0 ? rest : rest.slice(0, space);
    requireKeyName(keyName, 'malformed-note');
    const data = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
    if (data === undefined || data.length < 5) {
      throw new CheckpointError(
        'malformed-note',
        `signature by ${keyName} is not base64 of a key ID and signature`,
      );
    }
    return { keyName, keyId: Buffer.from(data).readUInt32BE(0), signature: data.subarray(4) };
  });
  return { body, signatures };
}

/** signed-note: valid UTF-8 (no lone surrogates in a JS string), no ASCII control characters but newline. */
function requireNoteText(text: string, code: CheckpointErrorCode): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new CheckpointError(code, 'text contains ASCII control characters other than newline');
  }
  if (/[\uD800-\uDFFF]/u.test(text))
    throw new CheckpointError(code, 'text is not valid Unicode (lone surrogate)');
}

/** signed-note: key names are non-empty and contain neither Unicode spaces nor '+'. */
function requireKeyName(name: string, code: CheckpointErrorCode): void {
  if (typeof name !== 'string' || name.length === 0 || /[\p{White_Space}+]/u.test(name)) {
    throw new CheckpointError(code, `key name "${name}" must be non-empty without spaces or "+"`);
  }
  requireNoteText(name, code);
}

/** Strict RFC 4648 §4 base64 with padding: Buffer.from silently skips bad characters, so re-encode and compare. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

function rawPublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError(
      'malformed-key',
      `expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`,
    );
  }
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new CheckpointError('malformed-key', 'Ed25519 key has no public part');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

function requireRawPublicKey(raw: Uint8Array): void {
  if (!(raw instanceof Uint8Array) || raw.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new CheckpointError('malformed-key', 'Ed25519 public key must be 32 bytes');
  }
}

function importRawPublicKey(raw: Uint8Array): KeyObject {
  try {
    return createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
      format: 'jwk',
    });
  } catch (error) {
    throw new CheckpointError(
      'malformed-key',
      `not a usable Ed25519 public key: ${(error as Error).message}`,
    );
  }
}

function importPrivateKey(key: KeyObject | Uint8Array | string): KeyObject {
  let object: KeyObject;
  try {
    if (typeof key === 'string') object = createPrivateKey({ key, format: 'pem' });
    else if (key instanceof Uint8Array)
      object = createPrivateKey({ key: Buffer.from(key), format: 'der', type: 'pkcs8' });
    else object = key;
  } catch (error) {
    throw new CheckpointError('malformed-key', `cannot read the private key: ${(error as Error).message}`);
  }
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError('malformed-key', 'signing needs an Ed25519 private key');
  }
  return object;
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

import { type CheckpointNote, decodeBase64, encodeBase64, verifyConsistencyProof } from './audit-verify.js';

/**
 * The newest checkpoint this browser has verified for a log, kept in `localStorage` under the
 * log's key, so that the next checkpoint the server shows must extend it (RFC 9162 consistency
 * proof) — as a sumdb client keeps its latest tree. A server that rewrites or truncates the log
 * after a reader has seen it cannot show that reader a consistent checkpoint again.
 */
export interface SeenCheckpoint {
  readonly size: number;
  /** Base64 of the root hash. */
  readonly rootHash: string;
  /** When this browser verified it (ISO 8601). */
  readonly seenAt: string;
}

export type Continuity =
  | { readonly kind: 'first' }
  | { readonly kind: 'same'; readonly seen: SeenCheckpoint }
  | { readonly kind: 'consistent'; readonly seen: SeenCheckpoint }
  | { readonly kind: 'inconsistent'; readonly seen: SeenCheckpoint; readonly detail: string };

const PREFIX = 'chipexport.audit.seen:';

/** When `seen` was verified, as people read it (UTC). */
export function seenWhen(seen: SeenCheckpoint): string {
  return `${seen.seenAt.slice(0, 19).replace('T', ' ')} UTC`;
}

/** Where checkpoints are remembered: the browser's `localStorage` (any key-value store in tests). */
export interface CheckpointStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The checkpoint remembered for the log with verifier key `key`, if any (a damaged record counts as none). */
export function recallCheckpoint(storage: CheckpointStore, key: string): SeenCheckpoint | undefined {
  try {
    const value = JSON.parse(storage.getItem(PREFIX + key) ?? 'null') as Partial<SeenCheckpoint> | null;
    if (
      value &&
      Number.isSafeInteger(value.size) &&
      typeof value.rootHash === 'string' &&
      decodeBase64(value.rootHash) !== undefined &&
      typeof value.seenAt === 'string'
    ) {
      return value as SeenCheckpoint;
    }
  } catch {
    // Not JSON: nothing usable is remembered.
  }
  return undefined;
}

export function rememberCheckpoint(
  storage: CheckpointStore,
  key: string,
  note: CheckpointNote,
  now = new Date(),
): void {
  const seen: SeenCheckpoint = {
    size: note.size,
    rootHash: encodeBase64(note.rootHash),
    seenAt: now.toISOString(),
  };
  storage.setItem(PREFIX + key, JSON.stringify(seen));
}

/**
 * Whether the (signature-verified) checkpoint `note` extends `seen`: the same tree, or a larger
 * one with a consistency proof from the server (`proof(from, to)`, base64 hashes) that verifies
 * here. Never throws for the server's answers: a proof that cannot be fetched or read is reported
 * as not shown.
 */
export async function checkContinuity(
  seen: SeenCheckpoint | undefined,
  note: CheckpointNote,
  proof: (from: number, to: number) => Promise<string[]>,
): Promise<Continuity> {
  if (!seen) return { kind: 'first' };
  // recallCheckpoint has checked that the remembered root is base64.
  const seenRoot = decodeBase64(seen.rootHash)!;
  if (note.size < seen.size) {
    return {
      kind: 'inconsistent',
      seen,
      detail: `the log now has ${note.size} entries, fewer than the ${seen.size} of the checkpoint this browser verified on ${seenWhen(seen)}: entries were removed`,
    };
  }
  if (note.size === seen.size) {
    if (encodeBase64(note.rootHash) === seen.rootHash) return { kind: 'same', seen };
    return {
      kind: 'inconsistent',
      seen,
      detail: `the log has the same ${note.size} entries as the checkpoint this browser verified on ${seenWhen(seen)} but another root hash: it was rewritten`,
    };
  }
  let hashes: Uint8Array[];
  try {
    const decoded = (await proof(seen.size, note.size)).map(decodeBase64);
    if (decoded.some((h) => h === undefined)) throw new Error('a hash is not base64');
    hashes = decoded as Uint8Array[];
  } catch (error) {
    return {
      kind: 'inconsistent',
      seen,
      detail: `the server did not give a usable consistency proof from ${seen.size} to ${note.size} entries (${(error as Error).message})`,
    };
  }
  if (await verifyConsistencyProof(seen.size, note.size, seenRoot, note.rootHash, hashes)) {
    return { kind: 'consistent', seen };
  }
  return {
    kind: 'inconsistent',
    seen,
    detail: `the consistency proof from ${seen.size} to ${note.size} entries does not verify: the log is not an extension of the one this browser verified on ${seenWhen(seen)}`,
  };
}

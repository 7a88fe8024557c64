import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  generateLogKey,
  leafHash,
  signCheckpoint,
  verifierKey,
  verifyCheckpoint,
  verifyConsistency,
} from '../../audit/index.js';
import type { Db } from '../../store/store.js';
import { LedgerError } from '../errors.js';
import { leavesInRange } from './entries.js';
import type { AuditLog } from './log.js';
import { type CheckpointSource, type VerifyOptions, type VerifyResult, verifyAuditLog } from './verify.js';

/**
 * The log's signing identity: an Ed25519 key kept in the data directory (`audit-key.pem`,
 * mode 0600, created on first start) unless CHIPEXPORT_AUDIT_KEY gives a PKCS #8 PEM key, as
 * several servers sharing one PostgreSQL database must.
 *
 * `checkpointDir` (CHIPEXPORT_CHECKPOINT_DIR): where every checkpoint is also written as it is
 * signed, outside the database (a mounted volume, a directory a witness or backup job ships
 * elsewhere). `audit verify` checks the log against them too, so deleting the stored
 * checkpoints hides nothing.
 */
export interface AuditSigner {
  readonly origin: string;
  readonly keyName: string;
  readonly verifierKey: string;
  readonly checkpointDir: string | null;
  sign(size: number, rootHash: Uint8Array): string;
}

export function loadAuditSigner(
  dataDir: string,
  options: { origin?: string; keyPem?: string; checkpointDir?: string | null } = {},
): AuditSigner {
  const origin = options.origin ?? process.env['CHIPEXPORT_LOG_ORIGIN'] ?? 'chipexport.local/audit';
  const pem = options.keyPem ?? process.env['CHIPEXPORT_AUDIT_KEY'] ?? loadOrCreateKeyFile(dataDir);
  const privateKey: KeyObject = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit log key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const keyName = origin;
  const checkpointDir =
    options.checkpointDir !== undefined
      ? options.checkpointDir
      : (process.env['CHIPEXPORT_CHECKPOINT_DIR'] ?? null);
  return {
    origin,
    keyName,
    verifierKey: verifierKey(keyName, publicKey),
    checkpointDir: checkpointDir || null,
    sign: (size, rootHash) => signCheckpoint({ origin, size, rootHash }, keyName, privateKey),
  };
}

function loadOrCreateKeyFile(dataDir: string): string {
  const path = join(dataDir.startsWith('memory://') ? '' : dataDir, 'audit-key.pem');
  if (dataDir.startsWith('memory://')) {
    return generateLogKey().privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }
  if (existsSync(path)) return readFileSync(path, 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const pem = generateLogKey().privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(path, pem, { mode: 0o600 });
  chmodSync(path, 0o600);
  return pem;
}

const CHECKPOINT_FILE = /^checkpoint-(\d+)\.txt$/;

/** Writes a signed checkpoint to the configured directory (atomically: a reader never sees half a note). */
export function exportCheckpoint(signer: AuditSigner, size: number, note: string): void {
  if (!signer.checkpointDir) return;
  mkdirSync(signer.checkpointDir, { recursive: true });
  const name = `checkpoint-${String(size).padStart(12, '0')}.txt`;
  for (const file of [name, 'latest.txt']) {
    const tmp = join(signer.checkpointDir, `.${file}.${process.pid}.tmp`);
    writeFileSync(tmp, note);
    renameSync(tmp, join(signer.checkpointDir, file));
  }
}

/** The checkpoints kept in the configured directory. */
export function exportedCheckpoints(signer: AuditSigner): CheckpointSource[] {
  if (!signer.checkpointDir || !existsSync(signer.checkpointDir)) return [];
  return readdirSync(signer.checkpointDir)
    .filter((f) => CHECKPOINT_FILE.test(f))
    .sort()
    .map((f) => ({
      source: `checkpoint file ${f}`,
      note: readFileSync(join(signer.checkpointDir!, f), 'utf8'),
    }));
}

const integrity = (message: string) =>
  new LedgerError(
    'audit_integrity',
    `refusing to sign a checkpoint: ${message}; run "chipexport audit verify"`,
  );

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Signs the current head, but only over a tree checked against the previous signed checkpoint:
 * every checkpoint known (stored, and in the checkpoint directory) must carry the log's
 * signature; the newest must not be larger than the tree, and an RFC 9162 consistency proof
 * must show the tree extends it; the entries appended since must be in the table exactly as
 * this process's tree holds them. Then the checkpoint is stored and exported. Throws
 * `audit_integrity` instead of signing when any check fails. What is committed is integrated
 * first; the known checkpoints are read before the head, so another process's integrator
 * signing meanwhile never makes a newer checkpoint look larger than the tree.
 */
export async function checkpoint(db: Db, log: AuditLog, signer: AuditSigner): Promise<string> {
  await log.sync();
  let previous: { size: number; root: Uint8Array; source: string } | null = null;
  // The newest stored and the newest exported: each older one was checked when the next was signed.
  const stored = await db
    .selectFrom('audit_checkpoints')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  const known: CheckpointSource[] = [
    ...(stored ? [{ source: `stored checkpoint at size ${stored.size}`, note: stored.note }] : []),
    ...exportedCheckpoints(signer).slice(-1),
  ];
  for (const cp of known) {
    let signed: { size: number; rootHash: Uint8Array };
    try {
      signed = verifyCheckpoint(cp.note, signer.verifierKey, { origin: signer.origin });
    } catch (error) {
      throw integrity(`${cp.source} does not verify (${(error as Error).message})`);
    }
    if (!previous || signed.size > previous.size) {
      previous = { size: signed.size, root: signed.rootHash, source: cp.source };
    }
  }
  const { size, root } = await log.head();
  const from = previous?.size ?? 0;
  if (previous && previous.size > size) {
    throw integrity(`${previous.source} covers ${previous.size} entries but the log has ${size}`);
  }
  if (previous && previous.size === size && !equal(previous.root, root)) {
    throw integrity(`the tree of ${size} entries is not the one ${previous.source} signed`);
  }
  if (previous && previous.size > 0 && previous.size < size) {
    const proof = await log.consistencyProof(previous.size, size);
    if (!verifyConsistency(previous.size, size, previous.root, root, proof)) {
      throw integrity(
        `the tree of ${size} entries does not extend ${previous.source} (consistency proof fails)`,
      );
    }
  }
  // The entries since: the table must hold what the tree was built from.
  const rows = await leavesInRange(db, from, size);
  if (rows.length !== size - from) throw integrity(`entries ${from}–${size - 1} are not all in the table`);
  for (const row of rows) {
    if (!equal(leafHash(row.leaf), await log.leafHashAt(Number(row.idx)))) {
      throw integrity(`entry ${row.idx} in the table is not the entry that was appended`);
    }
  }
  const note = signer.sign(size, root);
  await db
    .insertInto('audit_checkpoints')
    .values({ size, root, note })
    .onConflict((oc) => oc.column('size').doNothing())
    .execute();
  exportCheckpoint(signer, size, note);
  return note;
}

/** Recomputes the log and checks every stored and exported checkpoint (and any given) against the log's key. */
export function verifyWithSigner(
  db: Db,
  signer: AuditSigner,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  return verifyAuditLog(
    db,
    (note) => {
      const cp = verifyCheckpoint(note, signer.verifierKey, { origin: signer.origin });
      return { size: cp.size, root: cp.rootHash };
    },
    { ...options, external: [...exportedCheckpoints(signer), ...(options.external ?? [])] },
  );
}

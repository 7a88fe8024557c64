import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/store.js';
import { generateLogKey, signCheckpoint, verifierKey, verifyCheckpoint } from './checkpoint.js';
import { type AuditLog, type VerifyResult, verifyAuditLog } from './log.js';

/**
 * The log's signing identity: an Ed25519 key kept in the data directory (`audit-key.pem`,
 * mode 0600, created on first start) unless CHIPEXPORT_AUDIT_KEY gives a PKCS #8 PEM key, as
 * several servers sharing one PostgreSQL database must.
 */
export interface AuditSigner {
  readonly origin: string;
  readonly keyName: string;
  readonly verifierKey: string;
  sign(size: number, rootHash: Uint8Array): string;
}

export function loadAuditSigner(
  dataDir: string,
  options: { origin?: string; keyPem?: string } = {},
): AuditSigner {
  const origin = options.origin ?? process.env['CHIPEXPORT_LOG_ORIGIN'] ?? 'chipexport.local/audit';
  const pem = options.keyPem ?? process.env['CHIPEXPORT_AUDIT_KEY'] ?? loadOrCreateKeyFile(dataDir);
  const privateKey: KeyObject = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit log key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const keyName = origin;
  return {
    origin,
    keyName,
    verifierKey: verifierKey(keyName, publicKey),
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

/**
 * Integrates what is committed, signs the head and keeps the checkpoint, so later verification
 * can check against it.
 */
export async function checkpoint(db: Db, log: AuditLog, signer: AuditSigner): Promise<string> {
  await log.sync();
  const { size, root } = await log.head();
  const note = signer.sign(size, root);
  await db
    .insertInto('audit_checkpoints')
    .values({ size, root, note })
    .onConflict((oc) => oc.column('size').doNothing())
    .execute();
  return note;
}

/** Recomputes the log and checks every stored checkpoint against the log's key. */
export function verifyWithSigner(db: Db, signer: AuditSigner): Promise<VerifyResult> {
  return verifyAuditLog(db, (note) => {
    const cp = verifyCheckpoint(note, signer.verifierKey, { origin: signer.origin });
    return { size: cp.size, root: cp.rootHash };
  });
}

import { randomBytes } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The leaf format of the audit log, version 2: private records under public proofs.
 *
 * A leaf is the canonical JSON (RFC 8785) of the record, its subject and a fresh 128-bit
 * random salt. Its RFC 6962 leaf hash SHA-256(0x00 ‖ bytes) is therefore unguessable even for
 * a record whose every field could be guessed (a status change, a shipment of N chips), so the
 * tree, checkpoints, proofs and leaf hashes can be published to any key while the bytes
 * themselves are served only to whoever may read the record's subject. Verification stays plain
 * RFC 6962: an authorized reader hashes the bytes it was given and proves them against a signed
 * checkpoint exactly as before; nothing about the tree changes.
 *
 * The subject (the organization the record is about and the country it concerns) is inside the
 * leaf, so the copy kept beside it in `audit_entries` for access control cannot be altered to
 * widen who may read it without `audit verify` naming the entry.
 *
 * Version 1 leaves (before 2026-12) have neither `v`, `subject` nor `salt`: they stay valid
 * leaves and are readable by the regulator and auditors only.
 */
export const LEAF_VERSION = 2;

/** Whom a record concerns: its organization and the country it concerns (either may be unknown). */
export interface AuditSubject {
  readonly organizationId: string | null;
  readonly country: string | null;
}

export const NO_SUBJECT: AuditSubject = { organizationId: null, country: null };

/** Bytes of salt in each leaf: 128 bits, beyond any guessing. */
export const SALT_BYTES = 16;

/** The canonical leaf bytes of `record` about `subject`, with a fresh salt (or the one given, for tests). */
export function encodeLeaf(
  record: object,
  subject: AuditSubject,
  salt: Uint8Array = randomBytes(SALT_BYTES),
): Uint8Array {
  return canonicalJson({
    ...record,
    v: LEAF_VERSION,
    subject: { organizationId: subject.organizationId, country: subject.country },
    salt: Buffer.from(salt).toString('base64'),
  });
}

/** The subject a leaf commits to; null for a version 1 leaf or bytes that are not a leaf object. */
export function leafSubject(leaf: Uint8Array): AuditSubject | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(leaf).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { v, subject } = parsed as { v?: unknown; subject?: unknown };
  if (v !== LEAF_VERSION || typeof subject !== 'object' || subject === null) return null;
  const { organizationId, country } = subject as Record<string, unknown>;
  return {
    organizationId: typeof organizationId === 'string' ? organizationId : null,
    country: typeof country === 'string' ? country : null,
  };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/store.js';
import { LedgerError } from './errors.js';

export const ROLES = ['exporter', 'regulator', 'host-government', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: an organization and its role, by one of its API keys. */
export interface Principal {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly role: Role;
  readonly country: string | null;
  readonly keyId: string | null;
}

/** The ledger itself (migrations, demo seeding): recorded as such in the audit log. */
export const SYSTEM: Principal = {
  organizationId: 'system',
  organizationName: 'system',
  role: 'regulator',
  country: null,
  keyId: null,
};

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateKey(): string {
  return `cx_${randomBytes(24).toString('base64url')}`;
}

/** The label `serve --demo` gives the demo organizations' keys (src/ledger/demo.ts). */
export const DEMO_KEY_LABEL = 'demo';

/**
 * The organization and role behind an API key. `allowDemoKeys: false` (a server started without
 * `--demo`) refuses the demo organizations' keys: they were handed out on a sign-in page and
 * written to a file, so they work only while the demo runs.
 */
export async function authenticate(
  db: Db,
  key: string | undefined,
  options: { allowDemoKeys?: boolean } = {},
): Promise<Principal> {
  if (!key) throw new LedgerError('unauthenticated', 'an API key is required: Authorization: Bearer <key>');
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .select([
      'api_keys.id as keyId',
      'organizations.id as orgId',
      'organizations.name',
      'organizations.role',
      'organizations.country',
      'api_keys.label',
    ])
    .where('api_keys.key_hash', '=', hashKey(key))
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new LedgerError('unauthenticated', 'unknown or revoked API key');
  if (row.label === DEMO_KEY_LABEL && options.allowDemoKeys === false) {
    throw new LedgerError('unauthenticated', 'demo keys work only while the service runs with --demo');
  }
  return {
    organizationId: row.orgId,
    organizationName: row.name,
    role: row.role,
    country: row.country,
    keyId: row.keyId,
  };
}

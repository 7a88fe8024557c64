import { resolveCountry } from '../data/countries.js';
import { visibleOrganization } from './access.js';
import type { LedgerContext } from './context.js';
import { inTransaction } from './context.js';
import { LedgerError } from './errors.js';
import { newId } from './ids.js';
import { generateKey, hashKey, type Principal, ROLES, type Role, SYSTEM } from './principal.js';

export interface OrganizationInput {
  name: string;
  role: Role;
  country?: string | null;
}

export async function createOrganization(
  ctx: LedgerContext,
  input: OrganizationInput,
  actor: Principal = SYSTEM,
) {
  if (!ROLES.includes(input.role)) {
    throw new LedgerError('bad_request', `role must be one of ${ROLES.join(', ')}`, ['role']);
  }
  const country = input.country ? resolveCountry(input.country, ['country']) : null;
  const id = newId('org');
  return inTransaction(ctx, actor, async (tx, record) => {
    const existing = await tx
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (existing) throw new LedgerError('conflict', `an organization named "${input.name}" exists`, ['name']);
    const row = { id, name: input.name, role: input.role, country };
    await tx.insertInto('organizations').values(row).execute();
    await record('organization.created', 'organization', id, null, row);
    return row;
  });
}

/** Creates an API key for an organization (by id or name); the key is shown once, only its hash is kept. */
export async function createApiKey(
  ctx: LedgerContext,
  organization: string,
  label = '',
  actor: Principal = SYSTEM,
) {
  const org = await ctx.db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', organization), eb('name', '=', organization)]))
    .executeTakeFirst();
  if (!org) throw new LedgerError('not_found', `no organization "${organization}"`, ['org']);
  const key = generateKey();
  const id = newId('key');
  await inTransaction(ctx, actor, async (tx, record) => {
    await tx
      .insertInto('api_keys')
      .values({ id, organization_id: org.id, key_hash: hashKey(key), label })
      .execute();
    await record('api-key.created', 'api-key', id, null, { organizationId: org.id, label });
  });
  return { keyId: id, key, organization: { id: org.id, name: org.name, role: org.role } };
}

/**
 * The organizations a caller may name: every one for the regulator and auditors (they read every
 * organization's records), otherwise the caller's own. Names only, never keys.
 */
export async function listOrganizations(ctx: LedgerContext, principal: Principal) {
  const organizationId = visibleOrganization(principal, 'organization.read');
  let query = ctx.db.selectFrom('organizations').select(['id', 'name', 'role', 'country']).orderBy('name');
  if (organizationId !== null) query = query.where('id', '=', organizationId);
  return (await query.execute()).map((o) => ({ id: o.id, name: o.name, role: o.role, country: o.country }));
}

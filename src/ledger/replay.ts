import { canonicalJsonString } from '../audit/canonical-json.js';
import { parseExportRequest } from '../domain/request.js';
import { determine } from '../rules/determine.js';
import { toDeterminationJson } from '../rules/render.js';
import type { LedgerContext } from './context.js';
import { LedgerError } from './errors.js';
import type { Principal } from './principal.js';
import { canRead } from './requests.js';

const COMPARED = [
  'outcome',
  'authorization',
  'licensePolicy',
  'requirements',
  'quota',
  'frameworkStatus',
] as const;

/**
 * Re-evaluates a stored request — its normalized input, with the history and assurances it
 * was determined with — under the framework as it is today, and lists what changed.
 */
export async function replayRequest(ctx: LedgerContext, principal: Principal, id: string) {
  const row = await ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canRead(principal, row.organization_id))
    throw new LedgerError('not_found', `no request "${id}"`, ['id']);
  if (!ctx.registry.has(row.framework)) {
    throw new LedgerError('invalid_state', `framework ${row.framework} is no longer registered`);
  }
  const framework = ctx.registry.get(row.framework);
  const stored = row.determination as Record<string, unknown>;
  const now = toDeterminationJson(determine(framework, parseExportRequest(row.normalized)));
  // Canonical JSON: the store (jsonb) does not keep key order.
  const same = (a: unknown, b: unknown) => canonicalJsonString(a ?? null) === canonicalJsonString(b ?? null);
  const differences = COMPARED.filter((field) => !same(stored[field], now[field])).map((field) => ({
    field,
    stored: stored[field],
    replayed: now[field],
  }));
  return {
    id,
    framework: framework.id,
    revisionThen: row.framework_revision,
    revisionNow: framework.revision,
    changed: differences.length > 0,
    differences,
    determination: now,
  };
}

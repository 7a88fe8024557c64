import { canonicalJsonString } from '../../audit/index.js';
import { parseExportRequest } from '../../domain/request.js';
import { determine } from '../../rules/determine.js';
import { toDeterminationJson } from '../../rules/render.js';
import { authorizeObject, noSuch } from '../access.js';
import type { LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import type { Principal } from '../principal.js';

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
 * was determined with, as of its own date — under the framework as it is today, and lists what
 * changed. With `framework`, under that framework instead (e.g. `us-ear-enforced`: would the
 * enforced law have treated this request differently?); the status is then not compared.
 */
export async function replayRequest(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  options: { framework?: string } = {},
) {
  const row = await ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', id));
  const under = options.framework ?? row.framework;
  if (options.framework !== undefined && !ctx.registry.has(options.framework)) {
    throw new LedgerError(
      'bad_request',
      `unknown framework "${options.framework}"; known: ${ctx.registry.ids().join(', ')}`,
      ['framework'],
    );
  }
  if (!ctx.registry.has(under)) {
    throw new LedgerError('invalid_state', `framework ${under} is no longer registered`);
  }
  const framework = ctx.registry.get(under);
  const stored = row.determination as Record<string, unknown>;
  const now = toDeterminationJson(determine(framework, parseExportRequest(row.normalized)));
  // Canonical JSON: the store (jsonb) does not keep key order.
  const same = (a: unknown, b: unknown) => canonicalJsonString(a ?? null) === canonicalJsonString(b ?? null);
  const compared = under === row.framework ? COMPARED : COMPARED.filter((f) => f !== 'frameworkStatus');
  const differences = compared
    .filter((field) => !same(stored[field], now[field]))
    .map((field) => ({
      field,
      stored: stored[field],
      replayed: now[field],
    }));
  return {
    id,
    framework: row.framework,
    replayedUnder: framework.id,
    revisionThen: row.framework_revision,
    revisionNow: framework.revision,
    changed: differences.length > 0,
    differences,
    determination: now,
  };
}

import { DATE_OR_TIME_MESSAGE, isRealDateOrTime } from '../domain/limits.js';
import { parseExportRequest } from '../domain/request.js';
import { determine } from '../rules/determine.js';
import { toDeterminationJson } from '../rules/render.js';
import type { ListFormat, ListSnapshot } from '../screening/index.js';
import { diffSnapshots, entryContentHash, importList } from '../screening/index.js';
import type { Tx } from '../store/store.js';
import { authorize, authorizeObject, noSuch, visibleOrganization } from './access.js';
import { checkClearanceAuthority } from './clearance-policy.js';
import { inTransaction, type LedgerContext } from './context.js';
import { LedgerError } from './errors.js';
import { newId } from './ids.js';
import { authorizeException } from './licensing/index.js';
import type { Principal } from './principal.js';
import { partyKey, type RequestScreening, recordScreenings, screenParties } from './screening.js';
import { CSL_LIST, listNameFor } from './screening-lists.js';

type Recorder = (
  action: string,
  entity: string,
  id: string,
  before: unknown,
  after: unknown,
) => Promise<void>;

export interface ClearanceInput {
  /** The party's name as screened on the request. */
  party: string;
  entityId: string;
  decision: 'false-positive' | 'confirmed';
  note: string;
  /** `party`: this party for every request of the organization; `request`: this request only. */
  scope?: 'party' | 'request';
  expiresAt?: string;
  /** Why (src/ledger/clearance-policy.ts REASON_CODES). */
  reasonCode?: string;
}

/**
 * A compliance officer's decision on a potential match: a false positive (the hold is lifted
 * when no other open hit remains) or a confirmation (an Entity List entry then sets the
 * license requirement and policy; other lists keep the request held). Scoped to the party,
 * optionally to one request, optionally expiring; invalidated when the listed entry changes.
 */
export async function decideHit(
  ctx: LedgerContext,
  principal: Principal,
  requestId: string,
  input: ClearanceInput,
) {
  authorize(principal, 'clearance.decide');
  if (input.decision !== 'false-positive' && input.decision !== 'confirmed') {
    throw new LedgerError('bad_request', 'must be "false-positive" or "confirmed"', ['decision']);
  }
  if (!input.note?.trim()) throw new LedgerError('bad_request', 'a reason is required', ['note']);
  if (input.expiresAt !== undefined && !isRealDateOrTime(input.expiresAt)) {
    throw new LedgerError('bad_request', DATE_OR_TIME_MESSAGE, ['expiresAt']);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  return inTransaction(ctx, principal, async (tx, record) => {
    const row = await tx
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    authorizeObject(principal, 'clearance.decide', row, noSuch('request', requestId));
    const screening = row.screening as RequestScreening | null;
    const party = screening?.parties.find((p) => p.name === input.party);
    if (!party)
      throw new LedgerError('not_found', `no party "${input.party}" was screened on ${requestId}`, ['party']);
    const hit = party.hits.find((h) => h.entityId === input.entityId);
    if (!hit)
      throw new LedgerError('not_found', `"${input.party}" has no hit on ${input.entityId}`, ['entityId']);
    const reasonCode = checkClearanceAuthority(principal, row.organization_id, input, hit);
    const screener = await ctx.screening.current(tx);
    const entry = screener.entry(input.entityId);
    const clearance = {
      id: newId('clr'),
      organization_id: row.organization_id,
      party_key: partyKey(party.name, party.country),
      request_id: input.scope === 'party' ? null : requestId,
      entity_id: input.entityId,
      entity_hash: entry ? entryContentHash(entry) : '',
      decision: input.decision,
      note: input.note,
      expires_at: expiresAt,
      decided_by: principal.organizationId,
      decided_role: principal.role,
      reason_code: reasonCode,
    };
    await tx.insertInto('clearances').values(clearance).execute();
    await record('clearance.recorded', 'clearance', clearance.id, null, {
      ...clearance,
      requestId,
      entity: hit.name,
      source: hit.source,
    });
    const result = await reevaluate(ctx, tx, record, requestId);
    return { clearanceId: clearance.id, ...result };
  });
}

/**
 * Screens a request's parties again and, if it is still open (held or determined), determines
 * it again with what the screening found; a request whose last open hit was cleared leaves
 * the hold, and one with a new hit goes on hold.
 */
export async function reevaluate(ctx: LedgerContext, tx: Tx, record: Recorder, requestId: string) {
  const row = await tx
    .selectFrom('requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  const stored = parseExportRequest(row.normalized);
  const screening = await screenParties(ctx, tx, row.organization_id, requestId, stored);
  await recordScreenings(tx, row.organization_id, requestId, screening);
  const open = row.status === 'held' || row.status === 'determined';
  if (!open) {
    await tx
      .updateTable('requests')
      .set({ screening: JSON.stringify(screening), updated_at: ctx.now() })
      .where('id', '=', requestId)
      .execute();
    return { id: requestId, status: row.status, blocking: screening.blocking };
  }
  const request = { ...stored, screening: { entityList: screening.entityList } };
  const framework = ctx.registry.get(row.framework);
  const det = determine(framework, request);
  const status = screening.blocking > 0 ? ('held' as const) : ('determined' as const);
  await tx
    .updateTable('requests')
    .set({
      status,
      screening: JSON.stringify(screening),
      normalized: JSON.stringify(request),
      determination: JSON.stringify(toDeterminationJson(det)),
      outcome: det.outcome,
      framework_revision: framework.revision,
      updated_at: ctx.now(),
    })
    .where('id', '=', requestId)
    .execute();
  await record(
    'request.rescreened',
    'request',
    requestId,
    { status: row.status, outcome: row.outcome },
    {
      status,
      outcome: det.outcome,
      licensePolicy: det.licensePolicy,
      listVersion: screening.listVersion,
      blocking: screening.blocking,
    },
  );
  const hasAuthorization = await tx
    .selectFrom('licenses')
    .select('id')
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (status === 'determined' && !hasAuthorization && row.kind !== 'analysis') {
    await authorizeException(tx, record, row.organization_id, requestId, request, det);
  }
  return { id: requestId, status, blocking: screening.blocking };
}

/** Requests on hold: the organization's own; the regulator sees all. */
export async function listHolds(ctx: LedgerContext, principal: Principal) {
  const organizationId = visibleOrganization(principal, 'hold.read');
  let query = ctx.db
    .selectFrom('requests')
    .select(['id', 'organization_id', 'reference', 'framework', 'screening', 'created_at'])
    .where('status', '=', 'held');
  if (organizationId !== null) query = query.where('organization_id', '=', organizationId);
  return (await query.orderBy('created_at', 'desc').execute()).map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    reference: r.reference,
    framework: r.framework,
    screening: r.screening,
  }));
}

/** A request's latest screening: each party, its hits and their standing (as the request is read). */
export async function requestScreening(ctx: LedgerContext, principal: Principal, requestId: string) {
  const row = await ctx.db
    .selectFrom('requests')
    .select(['organization_id', 'status', 'screening'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', requestId));
  return { id: requestId, status: row.status, screening: row.screening as RequestScreening | null };
}

/**
 * Imports a new list version and makes it current: clearances of entries that changed or left
 * the list are invalidated, then open requests and the requests behind active licenses are
 * screened again. A license whose parties now have an open hit is suspended.
 */
export async function importListVersion(
  ctx: LedgerContext,
  principal: Principal,
  bytes: Uint8Array,
  format: ListFormat,
  options: {
    sourceDate?: string;
    fileName?: string;
    /** Which internal list a CSV is a version of (default "internal"); the CSL formats are the CSL. */
    list?: string;
    /** Allows an import that removes more than MAX_REMOVED_SHARE of the list's entries. */
    replace?: boolean;
    /** Told of each step: the import, then each request re-screened. */
    onProgress?: (progress: { phase: 'importing' | 'rescreening'; done: number; total: number }) => void;
  } = {},
) {
  authorize(principal, 'list.import');
  if (options.sourceDate !== undefined && !isRealDateOrTime(options.sourceDate)) {
    throw new LedgerError('bad_request', DATE_OR_TIME_MESSAGE, ['sourceDate']);
  }
  const listName = listNameFor(format, options.list);
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(listName) || (format === 'csv' && listName === CSL_LIST)) {
    throw new LedgerError(
      'bad_request',
      `"${listName}" is not an internal list name (lower-case letters, digits and hyphens; not "${CSL_LIST}")`,
      ['list'],
    );
  }
  options.onProgress?.({ phase: 'importing', done: 0, total: 1 });
  const snapshot = importList(bytes, format, {
    importedAt: ctx.now().toISOString(),
    sourceDate: options.sourceDate ?? null,
    ...(options.fileName ? { fileName: options.fileName } : {}),
  });
  // Against the previous version of the same list: the other lists are not touched.
  const before = await ctx.screening.snapshotOf(listName);
  const diff = diffSnapshots(before, snapshot);
  const touched = [...diff.changed, ...diff.removed];
  const removedNames = removedEntryNames(before, diff.removed);
  if (
    before.entryCount > 0 &&
    diff.removed.length / before.entryCount > MAX_REMOVED_SHARE &&
    !options.replace
  ) {
    throw new LedgerError(
      'conflict',
      `this import would remove ${diff.removed.length} of the ${before.entryCount} entries of the list "${listName}" ` +
        `(more than ${MAX_REMOVED_SHARE * 100}%), e.g. ${removedNames.slice(0, 5).join('; ')}. ` +
        'Nothing was changed; to replace the list, import again with replace (--replace).',
      ['replace'],
    );
  }
  const installed = await inTransaction(ctx, principal, async (tx, record) => {
    await ctx.screening.install(tx, snapshot, listName);
    let invalidated = 0;
    if (touched.length) {
      const rows = await tx
        .updateTable('clearances')
        .set({
          invalidated_at: ctx.now(),
          invalidated_reason: `listed entry changed in list version ${snapshot.version}`,
        })
        .where('entity_id', 'in', touched)
        .where('invalidated_at', 'is', null)
        .returning('id')
        .execute();
      invalidated = rows.length;
    }
    await record(
      'list.imported',
      'list-version',
      snapshot.version,
      { version: before.version },
      {
        list: listName,
        version: snapshot.version,
        format,
        sourceDate: snapshot.sourceDate,
        entryCount: snapshot.entryCount,
        countsBySource: snapshot.countsBySource,
        added: diff.added.length,
        changed: diff.changed.length,
        removed: diff.removed.length,
        clearancesInvalidated: invalidated,
      },
    );
    return { invalidated };
  });
  const open = await ctx.db
    .selectFrom('requests')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['held', 'determined']),
        eb('id', 'in', eb.selectFrom('licenses').select('request_id').where('status', '=', 'active')),
      ]),
    )
    .execute();
  let held = 0;
  let suspended = 0;
  let rescreened = 0;
  options.onProgress?.({ phase: 'rescreening', done: 0, total: open.length });
  for (const { id } of open) {
    await inTransaction(ctx, principal, async (tx, record) => {
      const result = await reevaluate(ctx, tx, record, id);
      if (result.status === 'held') held++;
      if (result.blocking > 0) {
        const active = await tx
          .selectFrom('licenses')
          .select(['id', 'status'])
          .where('request_id', '=', id)
          .where('status', '=', 'active')
          .where('kind', '=', 'license')
          .executeTakeFirst();
        if (active) {
          await tx.updateTable('licenses').set({ status: 'suspended' }).where('id', '=', active.id).execute();
          await record(
            'license.status',
            'license',
            active.id,
            { status: 'active' },
            {
              status: 'suspended',
              note: `a party has an open hit on list version ${snapshot.version}`,
            },
          );
          suspended++;
        }
      }
    });
    options.onProgress?.({ phase: 'rescreening', done: ++rescreened, total: open.length });
  }
  return {
    list: listName,
    version: snapshot.version,
    /** The version of all the lists in force together, as screenings name it. */
    inForce: (await ctx.screening.current()).snapshot.version,
    entryCount: snapshot.entryCount,
    countsBySource: snapshot.countsBySource,
    added: diff.added.length,
    changed: diff.changed.length,
    removed: diff.removed.length,
    removedEntries: removedNames,
    clearancesInvalidated: installed.invalidated,
    rescreened: open.length,
    held,
    licensesSuspended: suspended,
  };
}

/**
 * An import may remove at most this share of a list's entries unless the regulator asks to replace
 * the list: a one-line file must not become the whole list in force (issue 14, finding 1). A
 * deployment parameter; the CSL changes by far less than 10 % between daily versions.
 */
export const MAX_REMOVED_SHARE = 0.1;

/** Names of the entries an import removes (at most 50), for the message and the result. */
function removedEntryNames(before: ListSnapshot, removed: readonly string[]): string[] {
  const ids = new Set(removed.slice(0, 50));
  return before.entries.filter((e) => ids.has(e.id)).map((e) => `${e.name} (${e.source})`);
}

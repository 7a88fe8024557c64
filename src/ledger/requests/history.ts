import { sql } from 'kysely';
import { leafSubject } from '../../audit/index.js';
import { authorizeObject, can, noSuch } from '../access.js';
import type { LedgerContext } from '../context.js';
import type { Principal } from '../principal.js';

/** An audit entry about a request or one of its licenses, decoded. */
export interface RequestAuditEntry {
  index: number;
  /** The leaf: canonical JSON, UTF-8, as stored. */
  text: string;
  record: {
    action: string;
    entity: string;
    id: string;
    when: string;
    who: { organizationId: string; role: string; keyId: string | null };
    after?: unknown;
  };
}

/** At most this many entries of one request are read (a request has a handful; a busy license more). */
export const MAX_REQUEST_ENTRIES = 500;

/**
 * The audit entries of the log's first `size` entries that concern a request: those about it or
 * one of its licenses (submission, screening, clearances, decision, license issue and status,
 * shipments), in log order. The log stores only canonical JSON leaves, so the search is a
 * substring search in SQL, then a check of each candidate's record: an id inside another
 * entity's free text is not enough.
 */
export async function requestAuditEntries(
  ctx: LedgerContext,
  requestId: string,
  licenseIds: readonly string[],
  size: number,
  reader: Principal,
): Promise<{ entries: RequestAuditEntry[]; truncated: boolean }> {
  const needles = [requestId, ...licenseIds];
  const rows = await ctx.db
    .selectFrom('audit_entries')
    .select(['idx', 'leaf'])
    .where('idx', '<', size)
    .where((eb) =>
      eb.or(
        needles.map((needle) => eb(sql<number>`position(${needle} in convert_from(leaf, 'UTF8'))`, '>', 0)),
      ),
    )
    .orderBy('idx')
    .limit(MAX_REQUEST_ENTRIES + 1)
    .execute();
  const entries: RequestAuditEntry[] = [];
  for (const row of rows.slice(0, MAX_REQUEST_ENTRIES)) {
    const text = Buffer.from(row.leaf).toString('utf8');
    const record = JSON.parse(text) as RequestAuditEntry['record'];
    const after = JSON.stringify(record.after ?? null);
    if (!needles.includes(record.id) && !needles.some((n) => after.includes(`"${n}"`))) continue;
    // Only entries the reader may read (leaf format 2); a version 1 leaf only when it is about
    // the request or its licenses themselves, which the caller has checked the reader may read.
    const subject = leafSubject(row.leaf);
    if (subject ? !can(reader, 'audit.read', subject) : !needles.includes(record.id)) continue;
    entries.push({ index: Number(row.idx), text, record });
  }
  return { entries, truncated: rows.length > MAX_REQUEST_ENTRIES };
}

/**
 * What happened to a request, from the tamper-evident log: each entry's index (for an
 * inclusion proof), time, action and who acted. Visible to whoever may read the request.
 */
export async function requestHistory(ctx: LedgerContext, principal: Principal, id: string) {
  const row = await ctx.db
    .selectFrom('requests')
    .select(['id', 'organization_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', id));
  const licenses = await ctx.db.selectFrom('licenses').select('id').where('request_id', '=', id).execute();
  // Its own latest entries may still wait for the integrator: integrate them first.
  await ctx.audit.sync();
  const { size } = await ctx.audit.head();
  const { entries, truncated } = await requestAuditEntries(
    ctx,
    id,
    licenses.map((l) => l.id),
    size,
    principal,
  );
  return {
    requestId: id,
    treeSize: size,
    entries: entries.map(({ index, record }) => ({
      index,
      when: record.when,
      action: record.action,
      entity: record.entity,
      id: record.id,
      who: record.who,
    })),
    truncated,
  };
}

import { createHash } from 'node:crypto';
import { type RawBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../store/schema.js';
import { LedgerError } from './errors.js';

/**
 * Keyset pagination for the ledger's lists, newest first: a page ends at a row's
 * (created_at, id) and the next page starts strictly after it. Rows inserted meanwhile are
 * newer, so they never shift a page that is being read (unlike OFFSET); rows created in the
 * same transaction share created_at and are ordered by id.
 *
 * A cursor positions a list; it grants nothing: visibility is applied on every page. It names
 * the list and filter it belongs to and carries a checksum, so a cursor that was altered,
 * truncated or sent to another list is a 400 rather than a silently different page.
 */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

export interface PageInput {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface PageRequest {
  readonly limit: number;
  readonly after: { readonly at: string; readonly id: string } | null;
  readonly list: string;
}

/** created_at to the microsecond, in UTC: what PostgreSQL stores, so no row is skipped or repeated. */
export const cursorAt = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[A-Za-z0-9_-]{1,80}$/;

const checksum = (payload: string) => createHash('sha256').update(payload).digest('base64url').slice(0, 12);

/** The list a cursor belongs to: its kind and its filters, in a fixed order. */
function listKey(kind: string, filters: Record<string, string | undefined>): string {
  const parts = Object.keys(filters)
    .sort()
    .map((k) => `${k}=${filters[k] ?? ''}`);
  return [kind, ...parts].join('|');
}

function badCursor(message: string): LedgerError {
  return new LedgerError('bad_request', `cursor ${message}; use nextCursor from the previous page`, [
    'cursor',
  ]);
}

export function pageRequest(
  kind: string,
  filters: Record<string, string | undefined>,
  input: PageInput = {},
): PageRequest {
  const list = listKey(kind, filters);
  const limit = input.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new LedgerError('bad_request', `limit must be a whole number from 1 to ${MAX_PAGE}`, ['limit']);
  }
  if (input.cursor === undefined || input.cursor === '') return { limit, after: null, list };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(input.cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('is not one this server issued');
  }
  if (!Array.isArray(decoded) || decoded.length !== 4 || !decoded.every((x) => typeof x === 'string')) {
    throw badCursor('is not one this server issued');
  }
  const [cursorList, at, id, sum] = decoded as string[];
  if (sum !== checksum(`${cursorList}\n${at}\n${id}`) || !AT.test(at!) || !ID.test(id!)) {
    throw badCursor('has been altered');
  }
  if (cursorList !== list) throw badCursor(`belongs to another list (${cursorList})`);
  return { limit, after: { at: at!, id: id! }, list };
}

/** The keyset condition: rows strictly older than the cursor's. */
export function olderThan(after: NonNullable<PageRequest['after']>): RawBuilder<boolean> {
  return sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id})`;
}

/** The page's rows (fetched with limit + 1) and the cursor to the next page, if there is one. */
export function finishPage<R extends { id: string; cursor_at: string }>(
  page: PageRequest,
  rows: R[],
): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= page.limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1]!;
  const payload = [page.list, last.cursor_at, last.id];
  const cursor = JSON.stringify([...payload, checksum(payload.join('\n'))]);
  return { rows: kept, nextCursor: Buffer.from(cursor).toString('base64url') };
}

/** The tables listed a page at a time: each has `created_at` and `id`. */
export type PagedTable = 'requests' | 'licenses' | 'shipments';

/** A listed row: the table's columns and its cursor position. */
export type PagedRow<T extends PagedTable> = Selectable<Database[T]> & { id: string; cursor_at: string };

/**
 * One page of `base` (a list's table with its visibility and filters applied): its rows newest
 * first from the cursor on, the cursor to the next page, and the list's total. Name the table:
 * `readPage<'requests'>(page, base)`.
 */
export async function readPage<T extends PagedTable>(
  page: PageRequest,
  base: SelectQueryBuilder<Database, T, object>,
): Promise<{ rows: PagedRow<T>[]; nextCursor: string | null; total: number }> {
  let query = base
    .selectAll()
    .select(cursorAt.as('cursor_at'))
    .orderBy(sql`created_at`, 'desc')
    .orderBy(sql`id`, 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where(olderThan(page.after));
  const [rows, count] = await Promise.all([
    // Kysely cannot name the columns of selectAll() over a table left generic; they are T's.
    query.execute() as Promise<unknown[]> as Promise<PagedRow<T>[]>,
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const { rows: kept, nextCursor } = finishPage(page, rows);
  return { rows: kept, nextCursor, total: Number(count.n) };
}

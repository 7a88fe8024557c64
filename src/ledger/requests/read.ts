import { authorizeObject, noSuch, visibleOrganization } from '../access.js';
import type { LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import { MAX_PAGE, type PageInput, pageRequest, readPage } from '../pagination.js';
import type { Principal } from '../principal.js';

export const REQUEST_STATUSES = ['submitted', 'determined', 'approved', 'denied', 'held'] as const;

export function requestJson(row: {
  id: string;
  organization_id: string;
  reference: string | null;
  framework: string;
  framework_revision: string;
  status: string;
  installation_id: string | null;
  determination: unknown;
  decision: unknown;
  created_at: Date;
  updated_at: Date;
  kind?: string;
}) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    reference: row.reference,
    kind: row.kind ?? 'application',
    framework: row.framework,
    frameworkRevision: row.framework_revision,
    status: row.status,
    installationId: row.installation_id,
    determination: row.determination,
    decision: row.decision,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Own organization's requests; the regulator sees every organization's. */
export async function getRequest(ctx: LedgerContext, principal: Principal, id: string) {
  const row = await ctx.db
    .selectFrom('requests')
    .innerJoin('organizations', 'organizations.id', 'requests.organization_id')
    .selectAll('requests')
    .select('organizations.name as organization_name')
    .where('requests.id', '=', id)
    .executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', id));
  // One request in full: who asked, and the request as it was determined (history and
  // assurances filled from the ledger); the lists leave both out.
  return { ...requestJson(row), organizationName: row.organization_name, request: row.normalized };
}

/** Own organization's requests, newest first, a page at a time; the regulator sees every organization's. */
export async function pageRequests(
  ctx: LedgerContext,
  principal: Principal,
  input: PageInput & { status?: string | undefined } = {},
) {
  const organizationId = visibleOrganization(principal, 'request.read');
  const { status } = input;
  if (status && !REQUEST_STATUSES.includes(status as (typeof REQUEST_STATUSES)[number])) {
    throw new LedgerError('bad_request', `status must be one of ${REQUEST_STATUSES.join(', ')}`, ['status']);
  }
  const page = pageRequest('requests', { status }, input);
  let base = ctx.db.selectFrom('requests');
  if (organizationId !== null) base = base.where('organization_id', '=', organizationId);
  if (status) base = base.where('status', '=', status as (typeof REQUEST_STATUSES)[number]);
  const { rows: kept, nextCursor, total } = await readPage<'requests'>(page, base);
  return { requests: kept.map(requestJson), nextCursor, total };
}

/** The first page of requests (up to the largest page). */
export async function listRequests(ctx: LedgerContext, principal: Principal, status?: string) {
  return (await pageRequests(ctx, principal, { status, limit: MAX_PAGE })).requests;
}

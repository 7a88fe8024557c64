import { parseIsoDate } from '../domain/dates.js';
import { authorize, visibleOrganization } from './access.js';
import { inTransaction, type LedgerContext } from './context.js';
import { LedgerError } from './errors.js';
import { newId } from './ids.js';
import type { Principal } from './principal.js';

/**
 * Site visits by U.S. export-control officials (the 2026 draft's `site-visit` requirement,
 * seed 001_d7314c7397f87934.txt): the regulator schedules them and records findings; the
 * installation's exporter sees its own.
 */
export async function scheduleSiteVisit(
  ctx: LedgerContext,
  principal: Principal,
  input: { installationId: string; scheduledFor: string },
) {
  authorize(principal, 'site-visit.schedule');
  const scheduledFor = parseIsoDate(input.scheduledFor, ['scheduledFor']);
  return inTransaction(ctx, principal, async (tx, record) => {
    const inst = await tx
      .selectFrom('installations')
      .select('id')
      .where('id', '=', input.installationId)
      .executeTakeFirst();
    if (!inst)
      throw new LedgerError('not_found', `no installation "${input.installationId}"`, ['installationId']);
    const row = {
      id: newId('vis'),
      installation_id: inst.id,
      status: 'scheduled' as const,
      scheduled_for: scheduledFor,
    };
    await tx.insertInto('site_visits').values(row).execute();
    await record('site-visit.scheduled', 'site-visit', row.id, null, row);
    return visitJson({ ...row, done_at: null, findings: null });
  });
}

export async function completeSiteVisit(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  input: { status: 'done' | 'cancelled'; findings?: string },
) {
  authorize(principal, 'site-visit.record');
  if (input.status !== 'done' && input.status !== 'cancelled') {
    throw new LedgerError('bad_request', 'must be "done" or "cancelled"', ['status']);
  }
  if (input.status === 'done' && !input.findings) {
    throw new LedgerError('bad_request', 'findings are required when a visit is done', ['findings']);
  }
  return inTransaction(ctx, principal, async (tx, record) => {
    const visit = await tx
      .selectFrom('site_visits')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!visit) throw new LedgerError('not_found', `no site visit "${id}"`, ['id']);
    if (visit.status !== 'scheduled')
      throw new LedgerError('invalid_state', `site visit ${id} is already ${visit.status}`);
    const doneAt = input.status === 'done' ? ctx.now() : null;
    await tx
      .updateTable('site_visits')
      .set({ status: input.status, done_at: doneAt, findings: input.findings ?? null })
      .where('id', '=', id)
      .execute();
    await record(
      `site-visit.${input.status}`,
      'site-visit',
      id,
      { status: visit.status },
      { status: input.status, findings: input.findings ?? null },
    );
    return visitJson({ ...visit, status: input.status, done_at: doneAt, findings: input.findings ?? null });
  });
}

export async function listSiteVisits(ctx: LedgerContext, principal: Principal) {
  const organizationId = visibleOrganization(principal, 'site-visit.read');
  let query = ctx.db
    .selectFrom('site_visits')
    .innerJoin('installations', 'installations.id', 'site_visits.installation_id')
    .selectAll('site_visits')
    .orderBy('site_visits.scheduled_for');
  if (organizationId !== null) query = query.where('installations.organization_id', '=', organizationId);
  return (await query.execute()).map(visitJson);
}

function visitJson(row: {
  id: string;
  installation_id: string;
  status: 'scheduled' | 'done' | 'cancelled';
  scheduled_for: string | Date;
  done_at: Date | string | null;
  findings: string | null;
}) {
  return {
    id: row.id,
    installationId: row.installation_id,
    status: row.status,
    scheduledFor: new Date(row.scheduled_for).toISOString().slice(0, 10),
    doneAt: row.done_at ? new Date(row.done_at).toISOString() : null,
    findings: row.findings,
  };
}

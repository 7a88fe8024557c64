import { visibleOrganization } from './access.js';
import type { LedgerContext } from './context.js';
import type { Principal } from './principal.js';

/**
 * The clearances on record, newest first, with who decided in which role and why: every one for
 * the regulator and auditors; an exporter its own organization's (issue 14, item 2).
 */
export async function listClearances(ctx: LedgerContext, principal: Principal, limit = 200) {
  const organizationId = visibleOrganization(principal, 'clearance.read');
  let query = ctx.db
    .selectFrom('clearances')
    .leftJoin('organizations as decider', 'decider.id', 'clearances.decided_by')
    .select([
      'clearances.id',
      'clearances.organization_id',
      'clearances.request_id',
      'clearances.party_key',
      'clearances.entity_id',
      'clearances.decision',
      'clearances.reason_code',
      'clearances.note',
      'clearances.expires_at',
      'clearances.invalidated_at',
      'clearances.invalidated_reason',
      'clearances.decided_by',
      'clearances.decided_role',
      'clearances.created_at',
      'decider.name as decider_name',
    ])
    .orderBy('clearances.created_at', 'desc')
    .orderBy('clearances.id', 'desc')
    .limit(Math.min(Math.max(1, limit), 1000));
  if (organizationId !== null) query = query.where('clearances.organization_id', '=', organizationId);
  const rows = await query.execute();
  const iso = (t: unknown) => (t ? new Date(t as string).toISOString() : null);
  return {
    clearances: rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      requestId: r.request_id,
      scope: (r.request_id ? 'request' : 'party') as 'request' | 'party',
      party: r.party_key,
      entityId: r.entity_id,
      decision: r.decision,
      reasonCode: r.reason_code,
      note: r.note,
      expiresAt: iso(r.expires_at),
      invalidatedAt: iso(r.invalidated_at),
      invalidatedReason: r.invalidated_reason,
      decidedBy: { organizationId: r.decided_by, name: r.decider_name, role: r.decided_role },
      createdAt: iso(r.created_at),
    })),
  };
}

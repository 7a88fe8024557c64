import type { LedgerContext } from '../context.js';
import type { Principal } from '../principal.js';

/** Quota pools with their limits and use. Pool figures are aggregate data every role may read. */
export async function listQuotas(ctx: LedgerContext, _principal: Principal, framework?: string) {
  let query = ctx.db.selectFrom('quota_pools').selectAll().orderBy('framework').orderBy('pool');
  if (framework) query = query.where('framework', '=', framework);
  return (await query.execute()).map((p) => ({
    framework: p.framework,
    pool: p.pool,
    kind: p.kind,
    limitTpp: p.limit_tpp,
    usedTpp: p.used_tpp,
    remainingTpp: p.limit_tpp - p.used_tpp,
  }));
}

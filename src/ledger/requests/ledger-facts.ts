import type { ExportRequest } from '../../domain/request.js';
import { lppPool } from '../../rules/places.js';
import type { Db, Tx } from '../../store/store.js';

async function poolUsed(db: Db | Tx, framework: string, pool: string): Promise<number> {
  const row = await db
    .selectFrom('quota_pools')
    .select('used_tpp')
    .where('framework', '=', framework)
    .where('pool', '=', pool)
    .executeTakeFirst();
  return row?.used_tpp ?? 0;
}

/**
 * The request as the ledger knows it: prior usage (`history`) from the quota pools, and the
 * government assurances from the agreements on record — a requester cannot claim an
 * agreement the ledger does not hold. The exporter's own commitments (monitoring,
 * anti-clustering software) stay as the request states them.
 */
export async function withLedgerFacts(
  db: Db | Tx,
  framework: string,
  request: ExportRequest,
): Promise<ExportRequest> {
  const year = request.date.slice(0, 4);
  const [consignee, country, agreementUsed] = await Promise.all([
    poolUsed(db, framework, lppPool(request, Number(year))),
    poolUsed(db, framework, `country-allocation:${request.destination}`),
    poolUsed(db, framework, `agreement:${request.destination}`),
  ]);
  const agreement = await db
    .selectFrom('agreements')
    .selectAll()
    .where('country', '=', request.destination)
    .where('framework', '=', framework)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return {
    ...request,
    history: {
      consigneeTppThisYear: consignee,
      countryAllocationUsedTpp: country,
      agreementUsedTpp: agreementUsed,
    },
    assurances: {
      ...request.assurances,
      g2gAgreement: Boolean(agreement),
      g2gAssurances: agreement?.g2g_assurances ?? false,
      siteVisitsAccepted: agreement?.site_visits_accepted ?? false,
      securityGuarantee: agreement?.security_guarantee ?? false,
      usInvestmentUsd: agreement?.us_investment_committed_usd ?? 0,
      g2gAgreementCapTpp: agreement?.cap_tpp ?? null,
    },
  };
}

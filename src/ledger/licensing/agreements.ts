import { resolveCountry } from '../../data/countries.js';
import { parseIsoDate } from '../../domain/dates.js';
import { authorize, authorizeObject, noSuch, visibleOrganization } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import { newId } from '../ids.js';
import type { Principal } from '../principal.js';

export interface AgreementInput {
  country: string;
  framework: string;
  g2gAssurances?: boolean;
  siteVisitsAccepted?: boolean;
  securityGuarantee?: boolean;
  usInvestmentCommittedUsd?: number;
  capTpp?: number | null;
  note?: string;
}

/**
 * A government-to-government agreement: the host government (for its own country) or the
 * regulator records it; later determinations for that country and framework read their
 * `assurances` from it.
 */
export async function createAgreement(ctx: LedgerContext, principal: Principal, input: AgreementInput) {
  authorize(principal, 'agreement.create');
  const country = resolveCountry(input.country, ['country']);
  authorizeObject(
    principal,
    'agreement.create',
    { country },
    {
      message: `a host government records agreements for its own country (${principal.country})`,
      path: ['country'],
    },
  );
  ctx.registry.require(input.framework);
  const investment = input.usInvestmentCommittedUsd ?? 0;
  if (!(investment >= 0))
    throw new LedgerError('bad_request', 'must be a non-negative amount', ['usInvestmentCommittedUsd']);
  if (input.capTpp != null && !(Number.isInteger(input.capTpp) && input.capTpp > 0)) {
    throw new LedgerError('bad_request', 'must be a positive whole number of TPP', ['capTpp']);
  }
  const id = newId('agr');
  const row = {
    id,
    country,
    framework: input.framework,
    created_by: principal.organizationId,
    g2g_assurances: input.g2gAssurances ?? false,
    site_visits_accepted: input.siteVisitsAccepted ?? false,
    security_guarantee: input.securityGuarantee ?? false,
    us_investment_committed_usd: investment,
    cap_tpp: input.capTpp ?? null,
    status: 'active' as const,
    note: input.note ?? '',
  };
  return inTransaction(ctx, principal, async (tx, record) => {
    await tx.insertInto('agreements').values(row).execute();
    await record('agreement.created', 'agreement', id, null, row);
    return agreementJson({ ...row, disbursedUsd: 0 });
  });
}

export async function addDisbursement(
  ctx: LedgerContext,
  principal: Principal,
  agreementId: string,
  input: { amountUsd: number; date: string },
) {
  authorize(principal, 'agreement.disburse');
  if (!(typeof input.amountUsd === 'number' && input.amountUsd > 0)) {
    throw new LedgerError('bad_request', 'must be a positive amount', ['amountUsd']);
  }
  const date = parseIsoDate(input.date, ['date']);
  return inTransaction(ctx, principal, async (tx, record) => {
    const agreement = await tx
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', agreementId)
      .executeTakeFirst();
    authorizeObject(principal, 'agreement.disburse', agreement, noSuch('agreement', agreementId), (a) => ({
      organizationId: a.created_by,
    }));
    const id = newId('dsb');
    await tx
      .insertInto('disbursements')
      .values({ id, agreement_id: agreementId, amount_usd: input.amountUsd, date })
      .execute();
    await record('disbursement.recorded', 'disbursement', id, null, {
      agreementId,
      amountUsd: input.amountUsd,
      date,
    });
    return { id, agreementId, amountUsd: input.amountUsd, date };
  });
}

export async function listAgreements(ctx: LedgerContext, principal: Principal) {
  const createdBy = visibleOrganization(principal, 'agreement.read');
  let query = ctx.db
    .selectFrom('agreements')
    .selectAll('agreements')
    .select((eb) =>
      eb
        .selectFrom('disbursements')
        .select((d) => d.fn.coalesce(d.fn.sum<number>('amount_usd'), d.lit(0)).as('s'))
        .whereRef('disbursements.agreement_id', '=', 'agreements.id')
        .as('disbursedUsd'),
    )
    .orderBy('created_at', 'desc');
  if (createdBy !== null) query = query.where('created_by', '=', createdBy);
  return (await query.execute()).map((row) =>
    agreementJson({ ...row, disbursedUsd: Number(row.disbursedUsd ?? 0) }),
  );
}

function agreementJson(row: {
  id: string;
  country: string;
  framework: string;
  created_by: string;
  g2g_assurances: boolean;
  site_visits_accepted: boolean;
  security_guarantee: boolean;
  us_investment_committed_usd: number;
  cap_tpp: number | null;
  status: string;
  note: string;
  disbursedUsd: number;
}) {
  return {
    id: row.id,
    country: row.country,
    framework: row.framework,
    createdBy: row.created_by,
    assurances: {
      g2gAgreement: true,
      g2gAssurances: row.g2g_assurances,
      siteVisitsAccepted: row.site_visits_accepted,
      securityGuarantee: row.security_guarantee,
    },
    usInvestment: { committedUsd: row.us_investment_committed_usd, disbursedUsd: row.disbursedUsd },
    capTpp: row.cap_tpp,
    status: row.status,
    note: row.note,
  };
}

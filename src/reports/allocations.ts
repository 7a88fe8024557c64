import { sql } from 'kysely';
import { countryStanding, diffusionTier } from '../catalog/standing.js';
import { COUNTRIES } from '../data/countries.js';
import { dayNumber } from '../domain/dates.js';
import type { LedgerContext } from '../ledger/context.js';
import { ParameterNotInForceError, readingOn } from '../rules/parameters.js';

/**
 * Country allocations under one framework, for the world map: each country's tier or group,
 * its cap in TPP where the framework sets one, the TPP shipped there (shipments under licenses
 * and exceptions of the framework) and the TPP authorized there (licenses and exceptions not
 * revoked, at their limits).
 *
 * The cap is the country-allocation quota pool when the ledger has one (it is created at the
 * first draw, with the limit then in force); otherwise the framework's parameter on `asOf`:
 * AI Diffusion's Tier 2 allocation, doubled under an active government-to-government
 * agreement; an agreement's own cap under the G2G framework. Tier 1, Tier 3 and frameworks
 * without country caps have none (null).
 */
export interface CountryAllocation {
  country: string;
  name: string;
  tier: number | string | null;
  capTpp: number | null;
  usedTpp: number;
  licensedTpp: number;
}

const DIFFUSION = 'us-ai-diffusion-2025';
const G2G = 'us-g2g-licensing-2025';

export async function allocations(ctx: LedgerContext, framework: string, asOf: string) {
  const compiled = ctx.registry.get(framework);
  const day = dayNumber(asOf);
  const destination = sql<string>`requests.normalized->>'destination'`;
  const [used, licensed, pools, agreements] = await Promise.all([
    ctx.db
      .selectFrom('shipments')
      .innerJoin('licenses', 'licenses.id', 'shipments.license_id')
      .innerJoin('requests', 'requests.id', 'licenses.request_id')
      .select([destination.as('country'), sql<number>`coalesce(sum(shipments.tpp), 0)::bigint`.as('tpp')])
      .where('licenses.framework', '=', framework)
      .groupBy(destination)
      .execute(),
    ctx.db
      .selectFrom('licenses')
      .innerJoin('requests', 'requests.id', 'licenses.request_id')
      .select([
        destination.as('country'),
        sql<number>`coalesce(sum(licenses.limit_tpp), 0)::bigint`.as('tpp'),
      ])
      .where('licenses.framework', '=', framework)
      .where('licenses.status', '!=', 'revoked')
      .groupBy(destination)
      .execute(),
    ctx.db
      .selectFrom('quota_pools')
      .select(['pool', 'limit_tpp'])
      .where('framework', '=', framework)
      .where('kind', 'in', ['country-allocation', 'agreement'])
      .execute(),
    ctx.db
      .selectFrom('agreements')
      .select(['country', 'cap_tpp'])
      .where('framework', '=', framework)
      .where('status', '=', 'active')
      .orderBy('created_at', 'asc')
      .execute(),
  ]);
  const usedBy = new Map(used.map((r) => [r.country, Number(r.tpp)]));
  const licensedBy = new Map(licensed.map((r) => [r.country, Number(r.tpp)]));
  const poolLimit = new Map(pools.map((p) => [p.pool, Number(p.limit_tpp)]));
  // The latest active agreement per country, as the determinations read it.
  const agreementBy = new Map(agreements.map((a) => [a.country, a]));
  const param = (id: string): number | null => {
    const p = compiled.parameters.get(id);
    if (!p) return null;
    try {
      return readingOn(p, day).value as number;
    } catch (error) {
      if (error instanceof ParameterNotInForceError) return null;
      throw error;
    }
  };

  const countries: CountryAllocation[] = COUNTRIES.map((c) => {
    const standing = countryStanding(ctx.registry, framework, c.code, asOf);
    let capTpp: number | null = null;
    if (framework === DIFFUSION && standing?.group === 'tier-2') {
      capTpp =
        poolLimit.get(`country-allocation:${c.code}`) ??
        param(agreementBy.has(c.code) ? 'allocation.countryCapWithAgreementTpp' : 'allocation.countryCapTpp');
    } else if (framework === G2G) {
      const agreement = agreementBy.get(c.code);
      capTpp =
        poolLimit.get(`agreement:${c.code}`) ??
        (agreement?.cap_tpp == null ? null : Number(agreement.cap_tpp));
    } else {
      capTpp = poolLimit.get(`country-allocation:${c.code}`) ?? null;
    }
    return {
      country: c.code,
      name: c.name,
      tier:
        framework === DIFFUSION && standing
          ? diffusionTier(ctx.registry, c.code, asOf)
          : (standing?.group ?? null),
      capTpp,
      usedTpp: usedBy.get(c.code) ?? 0,
      licensedTpp: licensedBy.get(c.code) ?? 0,
    };
  });
  return { framework, asOf, countries };
}

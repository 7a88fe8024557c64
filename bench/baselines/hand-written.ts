import { CHIP_CATALOG } from '../../src/data/chips.js';
import { d5MembershipOn } from '../../src/data/country-groups.js';
import type { ExportRequest } from '../../src/domain/request.js';
import { TIER_1 } from '../../src/frameworks/us-ai-diffusion-2025/parameters.js';

/**
 * The floor: spec/frameworks.md §3 (chips and model weights) and §7 (aggregation) as plain
 * `if`s over Sets, with no trace, no parameters read at run time, no rule objects. What the
 * engine costs over this is the price of its trace, its dated parameters and its default logic.
 */

export type Outcome = 'not-controlled' | 'no-license-required' | 'license-exception' | 'license-required';
export type Policy = 'presumption-of-approval' | 'case-by-case' | 'presumption-of-denial';

export interface BaselineResult {
  outcome: Outcome;
  authorization: string | null;
  licensePolicy: Policy | null;
  requirements: string[];
  quota: { pool: string; tpp: number }[];
}

/** The Diffusion rule's Tier 1 (data shared with the engine; the logic below is this baseline's own). */
const TIER1 = new Set(TIER_1);
const LPP_LIMIT = 26_900_000;
const COUNTRY_CAP = 790_000_000;
const COUNTRY_CAP_AGREEMENT = 1_580_000_000;
const WEIGHTS_OPS_THRESHOLD = 1e26;

const OUTCOME_RANK: Record<Outcome, number> = {
  'not-controlled': 0,
  'no-license-required': 1,
  'license-exception': 2,
  'license-required': 3,
};
const POLICY_RANK: Record<Policy, number> = {
  'presumption-of-approval': 1,
  'case-by-case': 2,
  'presumption-of-denial': 3,
};

/** 3A090.a (spec §1): the only class these rules govern. */
function isAdvanced(tpp: number, dieAreaMm2: number | null | undefined, datacenter: boolean): boolean {
  if (tpp >= 4800) return true;
  if (!datacenter || tpp < 1600) return false;
  return dieAreaMm2 != null && tpp / dieAreaMm2 >= 5.92;
}

const catalog = new Map(
  CHIP_CATALOG.map((c) => [
    c.id,
    { tpp: c.tpp, datacenter: c.datacenter, advanced: isAdvanced(c.tpp, c.dieAreaMm2, c.datacenter) },
  ]),
);

/** Days since 1970-01-01 of a checked ISO date, by arithmetic (days from civil), no Date object. */
export function dayOfIso(date: string): number {
  let y =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Tier 3: D:5 on the day (dated membership from the data module), Macau, and Hong Kong as China. */
function inTier3(code: string, day: number): boolean {
  return code === 'MO' || d5MembershipOn(code === 'HK' ? 'CN' : code, day) !== undefined;
}

interface ItemDecision {
  outcome: Outcome;
  authorization: string | null;
  policy: Policy | null;
  requirement: string | null;
  pool: string | null;
}

const decided = (
  outcome: Outcome,
  authorization: string | null = null,
  policy: Policy | null = null,
  requirement: string | null = null,
  pool: string | null = null,
): ItemDecision => ({ outcome, authorization, policy, requirement, pool });

export function handWritten(given: ExportRequest): BaselineResult {
  // A plain copy first, as the engine takes one: objects from `parseExportRequest` each have a
  // hidden class of their own in V8, so reading them directly is slow (see docs/benchmarks.md).
  const request = { ...given };
  const day = dayOfIso(request.date);
  const { destination, endUser, history, assurances, items } = request;
  const hq = endUser.headquarters;
  const parent = endUser.ultimateParent;

  // Line TPPs and the request's advanced TPP (quotas count the order, not its lines).
  const lineTpp: number[] = new Array(items.length);
  const advanced: boolean[] = new Array(items.length);
  const datacenter: boolean[] = new Array(items.length);
  let advancedTpp = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let tpp = 0;
    let adv = false;
    let dc = true;
    if (item.chip !== undefined) {
      const c = catalog.get(item.chip)!;
      tpp = c.tpp * (item.quantity ?? 0);
      adv = c.advanced;
      dc = c.datacenter;
    } else if (item.customChip !== undefined) {
      const c = item.customChip;
      tpp = c.tpp * (item.quantity ?? 0);
      adv = isAdvanced(c.tpp, c.dieAreaMm2, c.datacenter);
      dc = c.datacenter;
    }
    lineTpp[i] = tpp;
    advanced[i] = adv;
    datacenter[i] = dc;
    if (adv) advancedTpp += tpp;
  }

  const tier3 =
    inTier3(destination, day) ||
    (hq !== undefined && inTier3(hq, day)) ||
    (parent !== undefined && inTier3(parent, day));
  const destTier1 = TIER1.has(destination);
  const partiesTier1 = (hq === undefined || TIER1.has(hq)) && (parent === undefined || TIER1.has(parent));

  let outcome: Outcome = 'not-controlled';
  let authorization: string | null = null;
  let policy: Policy | null = null;
  let first = true;
  const requirements: string[] = [];
  const quota: { pool: string; tpp: number }[] = [];

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let d: ItemDecision;
    if (item.modelWeights !== undefined) {
      const w = item.modelWeights;
      if (w.published || w.trainingOps <= WEIGHTS_OPS_THRESHOLD) d = decided('not-controlled');
      else if (destination === 'US') d = decided('no-license-required');
      else if (destTier1 && partiesTier1)
        d = decided('license-exception', 'AIA', null, 'model-weight-security');
      else d = decided('license-required', null, 'presumption-of-denial');
    } else if (!advanced[i]) d = decided('not-controlled');
    else if (destination === 'US') d = decided('no-license-required');
    else if (tier3) d = decided('license-required', null, 'presumption-of-denial');
    else if (destTier1) {
      d = partiesTier1
        ? decided('license-exception', 'AIA', null, 'aia-certification')
        : decided('license-required', null, 'case-by-case');
    } else if (!datacenter[i]) d = decided('license-exception', 'ACA');
    else if (endUser.veu === 'uveu' && hq !== undefined && TIER1.has(hq))
      d = decided('license-exception', 'UVEU', null, 'veu-limits');
    else if (endUser.veu === 'nveu') d = decided('license-exception', 'NVEU', null, 'veu-limits');
    else if (history.consigneeTppThisYear + advancedTpp <= LPP_LIMIT)
      d = decided('license-exception', 'LPP', null, 'notification', 'lpp');
    else {
      const cap = assurances.g2gAgreement ? COUNTRY_CAP_AGREEMENT : COUNTRY_CAP;
      d =
        history.countryAllocationUsedTpp + advancedTpp <= cap
          ? decided('license-required', null, 'presumption-of-approval', null, 'country-allocation')
          : decided('license-required', null, 'presumption-of-denial');
    }

    if (first || OUTCOME_RANK[d.outcome] > OUTCOME_RANK[outcome]) {
      outcome = d.outcome;
      authorization = d.authorization;
      first = false;
    }
    if (d.policy && (!policy || POLICY_RANK[d.policy] > POLICY_RANK[policy])) policy = d.policy;
    if (d.requirement && !requirements.includes(d.requirement)) requirements.push(d.requirement);
    if (d.pool) {
      const pool = d.pool === 'lpp' ? `lpp:consignee:${endUser.name}` : `country-allocation:${destination}`;
      const seen = quota.find((q) => q.pool === pool);
      if (seen) seen.tpp += lineTpp[i]!;
      else quota.push({ pool, tpp: lineTpp[i]! });
    }
  }
  return {
    outcome,
    authorization: outcome === 'license-exception' ? authorization : null,
    licensePolicy: outcome === 'license-required' ? policy : null,
    requirements,
    quota,
  };
}

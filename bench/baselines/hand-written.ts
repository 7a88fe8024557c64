import { CHIP_CATALOG } from '../../src/data/chips.js';
import { d5MembershipOn, groupMembershipOn } from '../../src/data/country-groups.js';
import type { ExportRequest } from '../../src/domain/request.js';
import { TIER_1 } from '../../src/frameworks/us-ai-diffusion-2025/parameters.js';

/**
 * The floor: spec/frameworks.md §3 with its 2026-12 corrections (chips, 3A090.b items, NAC, the
 * H200 lane, model weights; every destination and affiliation) and §7 (aggregation) as plain
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

/** 3A090.a and 3A090.b (spec §1): the classes these rules govern. */
type ChipClass = 'advanced' | 'mid' | 'uncontrolled';
function classOf(tpp: number, dieAreaMm2: number | null | undefined, datacenter: boolean): ChipClass {
  if (tpp >= 4800) return 'advanced';
  if (!datacenter || tpp < 1600) return 'uncontrolled';
  if (dieAreaMm2 == null) return 'uncontrolled';
  const pd = tpp / dieAreaMm2;
  if (pd >= 5.92) return 'advanced';
  if ((tpp >= 2400 && pd >= 1.6) || pd >= 3.2) return 'mid';
  return 'uncontrolled';
}

const catalog = new Map(
  CHIP_CATALOG.map((c) => [
    c.id,
    {
      tpp: c.tpp,
      datacenter: c.datacenter,
      cls: classOf(c.tpp, c.dieAreaMm2, c.datacenter),
      bandwidth: c.memoryBandwidthGBs as number | null,
      usSince: c.usCommerciallyAvailableSince as string | null,
    },
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

const asChina = (code: string) => (code === 'HK' ? 'CN' : code);
/** Tier 3: D:5 on the day (dated membership from the data module), Macau, and Hong Kong as China. */
function inTier3(code: string, day: number): boolean {
  return code === 'MO' || d5MembershipOn(asChina(code), day) !== undefined;
}
/** D:1 or D:4 and not A:5/A:6, or the UAE the 3A090.b entry names. */
function midAcaDestination(code: string, day: number): boolean {
  const c = asChina(code);
  if (c === 'AE') return true;
  if (!groupMembershipOn('D:1', c, day) && !groupMembershipOn('D:4', c, day)) return false;
  return !groupMembershipOn('A:5', c, day) && !groupMembershipOn('A:6', c, day);
}
const H200_FROM = dayOfIso('2026-01-15');
const CHINA = new Set(['CN', 'HK', 'MO']);

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
  const { destination, endUser, history, assurances, items, parties, transaction, origin } = request;
  const hq = endUser.headquarters;

  // Where the items go (ship-to, end user's and ultimate consignee's locations) and who the
  // parties answer to (headquarters and parents of the end user and ultimate consignee).
  const places: string[] = [destination];
  if (endUser.country !== undefined) places.push(endUser.country);
  const affiliations: string[] = [];
  if (hq !== undefined) affiliations.push(hq);
  if (endUser.ultimateParent !== undefined) affiliations.push(endUser.ultimateParent);
  let consigneeName = endUser.name;
  let consigneeCountry = endUser.country ?? destination;
  let haveConsignee = false;
  for (const p of parties) {
    if (p.role !== 'end-user' && p.role !== 'ultimate-consignee') continue;
    if (p.country !== undefined) places.push(p.country);
    if (p.headquarters !== undefined) affiliations.push(p.headquarters);
    if (p.ultimateParent !== undefined) affiliations.push(p.ultimateParent);
    if (p.role === 'ultimate-consignee' && !haveConsignee) {
      haveConsignee = true;
      consigneeName = p.name;
      consigneeCountry = p.country ?? destination;
    }
  }
  let tier3 = false;
  let allUs = true;
  let allTier1 = true;
  let allChina = true;
  for (const c of places) {
    if (inTier3(c, day)) tier3 = true;
    if (c !== 'US') allUs = false;
    if (!TIER1.has(c)) allTier1 = false;
    if (!CHINA.has(c)) allChina = false;
  }
  let affiliationsTier1 = true;
  let foreignHq = false;
  for (const c of affiliations) {
    if (inTier3(c, day)) {
      tier3 = true;
      const cc = asChina(c);
      if ((cc !== 'CN' && cc !== 'MO') || (cc === 'MO' && places.some((p) => p !== 'MO'))) foreignHq = true;
    }
    if (!TIER1.has(c)) affiliationsTier1 = false;
  }

  // Line TPPs, the request's pooled TPP (data-center advanced chips) and the H200-class test.
  const lineTpp: number[] = new Array(items.length);
  const cls: ChipClass[] = new Array(items.length);
  const datacenter: boolean[] = new Array(items.length);
  let pooledTpp = 0;
  let h200Class = true;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let tpp = 0;
    let k: ChipClass = 'uncontrolled';
    let dc = true;
    let perChip = 0;
    let bandwidth: number | null = null;
    let usSince: string | null = null;
    if (item.chip !== undefined) {
      const c = catalog.get(item.chip)!;
      perChip = c.tpp;
      k = c.cls;
      dc = c.datacenter;
      bandwidth = c.bandwidth;
      usSince = c.usSince;
    } else if (item.customChip !== undefined) {
      const c = item.customChip;
      perChip = c.tpp;
      k = classOf(c.tpp, c.dieAreaMm2, c.datacenter);
      dc = c.datacenter;
      bandwidth = c.memoryBandwidthGBs ?? null;
      usSince = c.usCommerciallyAvailableSince ?? null;
    }
    tpp = perChip * (item.quantity ?? 0);
    lineTpp[i] = tpp;
    cls[i] = item.modelWeights !== undefined ? 'uncontrolled' : k;
    datacenter[i] = dc;
    if (k === 'advanced' && item.modelWeights === undefined) {
      if (dc) pooledTpp += tpp;
      if (h200Class && (perChip >= 21_000 || usSince === null || usSince > '2026-01-15')) h200Class = false;
      if (h200Class && bandwidth !== null && bandwidth >= 6500) h200Class = false;
    }
  }
  const h200Lane =
    day >= H200_FROM && transaction === 'export' && origin === 'US' && allChina && !foreignHq && h200Class;

  let outcome: Outcome = 'not-controlled';
  let policy: Policy | null = null;
  let first = true;
  const granted: string[] = [];
  const requirements: string[] = [];
  const quota: { pool: string; tpp: number }[] = [];

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let d: ItemDecision;
    if (item.modelWeights !== undefined) {
      const w = item.modelWeights;
      if (w.published || w.exclusion !== undefined || w.trainingOps < WEIGHTS_OPS_THRESHOLD)
        d = decided('not-controlled');
      else if (allUs) d = decided('no-license-required');
      else if (allTier1 && affiliationsTier1)
        d = decided('license-exception', 'AIA', null, 'model-weight-security');
      else d = decided('license-required', null, 'presumption-of-denial');
    } else if (cls[i] === 'uncontrolled') d = decided('not-controlled');
    else if (cls[i] === 'mid') {
      if (tier3)
        d =
          transaction === 'transfer'
            ? decided('license-exception', 'ACA')
            : decided('license-exception', 'NAC', null, 'nac-notification');
      else if (places.some((c) => midAcaDestination(c, day))) d = decided('license-exception', 'ACA');
      else d = decided('no-license-required');
    } else if (allUs) d = decided('no-license-required');
    else if (tier3) {
      if (!datacenter[i])
        d =
          transaction === 'transfer'
            ? decided('license-exception', 'ACA')
            : decided('license-exception', 'NAC', null, 'nac-notification');
      else if (h200Lane) d = decided('license-required', null, 'case-by-case', 'third-party-testing');
      else d = decided('license-required', null, 'presumption-of-denial');
    } else if (allTier1 && affiliationsTier1)
      d = decided('license-exception', 'AIA', null, 'aia-certification');
    else if (!datacenter[i]) d = decided('license-exception', 'ACA');
    else if (endUser.veu === 'uveu' && hq !== undefined && TIER1.has(hq))
      d = decided('license-exception', 'UVEU', null, 'veu-limits');
    else if (endUser.veu === 'nveu') d = decided('license-exception', 'NVEU', null, 'veu-limits');
    else if (transaction !== 'transfer' && history.consigneeTppThisYear + pooledTpp <= LPP_LIMIT)
      d = decided('license-exception', 'LPP', null, 'notification', 'lpp');
    else if (allTier1) d = decided('license-required', null, 'case-by-case');
    else {
      const cap = assurances.g2gAgreement ? COUNTRY_CAP_AGREEMENT : COUNTRY_CAP;
      d =
        history.countryAllocationUsedTpp + pooledTpp <= cap
          ? decided('license-required', null, 'presumption-of-approval', null, 'country-allocation')
          : decided('license-required', null, 'presumption-of-denial');
    }

    if (first || OUTCOME_RANK[d.outcome] > OUTCOME_RANK[outcome]) {
      outcome = d.outcome;
      first = false;
    }
    if (d.authorization !== null && !granted.includes(d.authorization)) granted.push(d.authorization);
    if (d.policy && (!policy || POLICY_RANK[d.policy] > POLICY_RANK[policy])) policy = d.policy;
    if (d.requirement && !requirements.includes(d.requirement)) requirements.push(d.requirement);
    if (d.pool) {
      const pool =
        d.pool === 'lpp'
          ? `lpp:consignee:${consigneeName}:${consigneeCountry}`
          : `country-allocation:${destination}`;
      const seen = quota.find((q) => q.pool === pool);
      if (seen) seen.tpp += lineTpp[i]!;
      else quota.push({ pool, tpp: lineTpp[i]! });
    }
  }
  return {
    // One authorization only when every license-exception item shares it (spec §3 corrections).
    outcome,
    authorization: outcome === 'license-exception' && granted.length === 1 ? granted[0]! : null,
    licensePolicy: outcome === 'license-required' ? policy : null,
    requirements,
    quota,
  };
}

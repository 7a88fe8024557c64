import { type Almanac, Engine, type RuleProperties } from 'json-rules-engine';
import { CHIP_CATALOG } from '../../src/data/chips.js';
import { d5MembershipOn, groupMembershipOn } from '../../src/data/country-groups.js';
import { dayNumber } from '../../src/domain/dates.js';
import type { ExportRequest, RequestItem } from '../../src/domain/request.js';
import { TIER_1 } from '../../src/frameworks/us-ai-diffusion-2025/parameters.js';
import type { BaselineResult, Outcome, Policy } from './hand-written.js';

/**
 * spec/frameworks.md §3 with its 2026-12 corrections (chips, 3A090.b items, NAC, the H200 lane,
 * model weights; every destination and affiliation) written the way json-rules-engine is meant
 * to be used: facts, rules with `all` / `any` / `not` conditions and shared named conditions,
 * priorities for "first matching rule wins" (the engine stops after the first rule that fires),
 * events carrying the outcome. Tier membership comes from almanac fact functions, with D:5
 * dated through src/data/country-groups.ts. One run per item; §7 aggregation in plain code.
 */

/** The Diffusion rule's Tier 1 (data shared with the engine; the rules below are this baseline's own). */
const TIER1 = [...TIER_1];
const UVEU_HEADQUARTERS = TIER1;
const LPP_LIMIT = 26_900_000;
const COUNTRY_CAP = 790_000_000;
const COUNTRY_CAP_AGREEMENT = 1_580_000_000;
const WEIGHTS_OPS_THRESHOLD = 1e26;

const asChina = (code: string) => (code === 'HK' ? 'CN' : code);
/** Tier 3: D:5 on the day, Macau; Hong Kong as China. */
const inTier3 = (code: string, day: number) =>
  code === 'MO' || d5MembershipOn(asChina(code), day) !== undefined;
/** D:1 or D:4 and not A:5/A:6, or the UAE the 3A090.b entry names. */
function midAcaDestination(code: string, day: number): boolean {
  const c = asChina(code);
  if (c === 'AE') return true;
  if (!groupMembershipOn('D:1', c, day) && !groupMembershipOn('D:4', c, day)) return false;
  return !groupMembershipOn('A:5', c, day) && !groupMembershipOn('A:6', c, day);
}
const H200_FROM = dayNumber('2026-01-15');

type Facts = (params: Record<string, unknown>, almanac: Almanac) => Promise<unknown>;
/** A fact over the request's places (ship-to, end user's and consignee's locations) and the day. */
const overPlaces =
  (test: (places: string[], day: number) => boolean): Facts =>
  async (_p, almanac) =>
    test(await almanac.factValue<string[]>('places'), await almanac.factValue<number>('day'));

type EventParams = {
  outcome: Outcome;
  authorization: string | null;
  licensePolicy: Policy | null;
  requirement: string | null;
  pool: 'lpp' | 'country-allocation' | null;
};

const event = (type: string, params: Partial<EventParams> & { outcome: Outcome }) => ({
  type,
  params: { authorization: null, licensePolicy: null, requirement: null, pool: null, ...params },
});

const isChip = { fact: 'kind', operator: 'equal', value: 'chip' };
const isWeights = { fact: 'kind', operator: 'equal', value: 'model-weights' };

const nac = (name: string) =>
  event(name, { outcome: 'license-exception', authorization: 'NAC', requirement: 'nac-notification' });
const aca = (name: string) => event(name, { outcome: 'license-exception', authorization: 'ACA' });
const isTransfer = { fact: 'transaction', operator: 'equal', value: 'transfer' };
const tier3 = { fact: 'tier3', operator: 'equal', value: true };
const allUs = { fact: 'allPlacesUs', operator: 'equal', value: true };

const rules: RuleProperties[] = [
  // ---- chips (spec §1 scope, then §3 rules 1–4 as corrected, first match wins by priority) ----
  {
    name: 'scope.not-advanced',
    priority: 100,
    conditions: { all: [isChip, { fact: 'chipClass', operator: 'equal', value: 'uncontrolled' }] },
    event: event('scope.not-advanced', { outcome: 'not-controlled' }),
  },
  {
    name: 'mid.transfer',
    priority: 99,
    conditions: { all: [{ fact: 'chipClass', operator: 'equal', value: 'mid' }, tier3, isTransfer] },
    event: aca('mid.nac'),
  },
  {
    name: 'mid.nac',
    priority: 98,
    conditions: { all: [{ fact: 'chipClass', operator: 'equal', value: 'mid' }, tier3] },
    event: nac('mid.nac'),
  },
  {
    name: 'mid.aca',
    priority: 97,
    conditions: {
      all: [
        { fact: 'chipClass', operator: 'equal', value: 'mid' },
        { fact: 'midAcaDestination', operator: 'equal', value: true },
      ],
    },
    event: aca('mid.aca'),
  },
  {
    name: 'mid.no-license',
    priority: 96,
    conditions: { all: [{ fact: 'chipClass', operator: 'equal', value: 'mid' }] },
    event: event('mid.no-license', { outcome: 'no-license-required' }),
  },
  {
    name: 'weights.not-controlled',
    priority: 100,
    conditions: {
      all: [
        isWeights,
        {
          any: [
            { fact: 'published', operator: 'equal', value: true },
            { fact: 'excluded', operator: 'equal', value: true },
            { fact: 'trainingOps', operator: 'lessThan', value: WEIGHTS_OPS_THRESHOLD },
          ],
        },
      ],
    },
    event: event('weights.not-controlled', { outcome: 'not-controlled' }),
  },
  {
    name: 'us-destination',
    priority: 90,
    conditions: { all: [allUs] },
    event: event('us-destination', { outcome: 'no-license-required' }),
  },
  {
    name: 'tier3-nac.transfer',
    priority: 85,
    conditions: { all: [isChip, tier3, { fact: 'datacenter', operator: 'equal', value: false }, isTransfer] },
    event: aca('tier3-nac'),
  },
  {
    name: 'tier3-nac',
    priority: 84,
    conditions: { all: [isChip, tier3, { fact: 'datacenter', operator: 'equal', value: false }] },
    event: nac('tier3-nac'),
  },
  {
    name: 'tier3-china-h200',
    priority: 82,
    conditions: { all: [isChip, tier3, { fact: 'h200Lane', operator: 'equal', value: true }] },
    event: event('tier3-china-h200', {
      outcome: 'license-required',
      licensePolicy: 'case-by-case',
      requirement: 'third-party-testing',
    }),
  },
  {
    name: 'tier3',
    priority: 80,
    conditions: { all: [isChip, tier3] },
    event: event('tier3', { outcome: 'license-required', licensePolicy: 'presumption-of-denial' }),
  },
  {
    name: 'aia',
    priority: 70,
    conditions: { all: [isChip, { condition: 'tier1DestinationAndParties' }] },
    event: event('aia', {
      outcome: 'license-exception',
      authorization: 'AIA',
      requirement: 'aia-certification',
    }),
  },
  {
    name: 'weights.aia',
    priority: 70,
    conditions: { all: [isWeights, { condition: 'tier1DestinationAndParties' }] },
    event: event('weights.aia', {
      outcome: 'license-exception',
      authorization: 'AIA',
      requirement: 'model-weight-security',
    }),
  },
  {
    name: 'aca',
    priority: 50,
    conditions: { all: [isChip, { fact: 'datacenter', operator: 'equal', value: false }] },
    event: aca('aca'),
  },
  {
    name: 'uveu',
    priority: 40,
    conditions: {
      all: [
        isChip,
        { fact: 'veu', operator: 'equal', value: 'uveu' },
        { fact: 'headquarters', operator: 'in', value: UVEU_HEADQUARTERS },
      ],
    },
    event: event('uveu', { outcome: 'license-exception', authorization: 'UVEU', requirement: 'veu-limits' }),
  },
  {
    name: 'nveu',
    priority: 30,
    conditions: { all: [isChip, { fact: 'veu', operator: 'equal', value: 'nveu' }] },
    event: event('nveu', { outcome: 'license-exception', authorization: 'NVEU', requirement: 'veu-limits' }),
  },
  {
    name: 'lpp',
    priority: 20,
    conditions: {
      all: [
        isChip,
        { not: isTransfer },
        { fact: 'consigneeTppWithRequest', operator: 'lessThanInclusive', value: LPP_LIMIT },
      ],
    },
    event: event('lpp', {
      outcome: 'license-exception',
      authorization: 'LPP',
      requirement: 'notification',
      pool: 'lpp',
    }),
  },
  {
    name: 'tier1-hq-outside-tier1',
    priority: 15,
    conditions: { all: [isChip, { fact: 'allPlacesTier1', operator: 'equal', value: true }] },
    event: event('tier1-hq-outside-tier1', { outcome: 'license-required', licensePolicy: 'case-by-case' }),
  },
  {
    name: 'license-required-allocation.approval',
    priority: 10,
    conditions: {
      all: [
        isChip,
        {
          fact: 'allocationWithRequest',
          operator: 'lessThanInclusive',
          value: { fact: 'allocationCap' },
        },
      ],
    },
    event: event('license-required-allocation', {
      outcome: 'license-required',
      licensePolicy: 'presumption-of-approval',
      pool: 'country-allocation',
    }),
  },
  {
    name: 'license-required-allocation.denial',
    priority: 1,
    conditions: { all: [isChip] },
    event: event('license-required-allocation', {
      outcome: 'license-required',
      licensePolicy: 'presumption-of-denial',
    }),
  },
  {
    name: 'weights.license-required',
    priority: 1,
    conditions: { all: [isWeights] },
    event: event('weights.license-required', {
      outcome: 'license-required',
      licensePolicy: 'presumption-of-denial',
    }),
  },
];

/** Built once: rules, shared conditions, and the fact functions every run can call. */
export function buildEngine(): Engine {
  const engine = new Engine(rules);
  engine.setCondition('tier1DestinationAndParties', {
    all: [
      { fact: 'allPlacesTier1', operator: 'equal', value: true },
      { fact: 'affiliationsTier1', operator: 'equal', value: true },
    ],
  });
  engine.addFact(
    'allPlacesUs',
    overPlaces((places) => places.every((c) => c === 'US')),
  );
  engine.addFact(
    'allPlacesTier1',
    overPlaces((places) => places.every((c) => TIER1.includes(c))),
  );
  engine.addFact(
    'midAcaDestination',
    overPlaces((places, day) => places.some((c) => midAcaDestination(c, day))),
  );
  engine.addFact('affiliationsTier1', async (_p, almanac) =>
    (await almanac.factValue<string[]>('affiliations')).every((c) => TIER1.includes(c)),
  );
  engine.addFact('tier3', async (_p, almanac) => {
    const day = await almanac.factValue<number>('day');
    const places = await almanac.factValue<string[]>('places');
    const affiliations = await almanac.factValue<string[]>('affiliations');
    return places.some((c) => inTier3(c, day)) || affiliations.some((c) => inTier3(c, day));
  });
  // 91 FR 1684: from 2026-01-15, exports from the U.S., every place in China or Macau, no D:5
  // (or Macau-elsewhere) headquarters, every advanced chip H200-class.
  engine.addFact('h200Lane', async (_p, almanac) => {
    const day = await almanac.factValue<number>('day');
    if (day < H200_FROM) return false;
    if ((await almanac.factValue<string>('transaction')) !== 'export') return false;
    if ((await almanac.factValue<string>('origin')) !== 'US') return false;
    const places = await almanac.factValue<string[]>('places');
    if (!places.every((c) => c === 'CN' || c === 'HK' || c === 'MO')) return false;
    for (const c of await almanac.factValue<string[]>('affiliations')) {
      if (!inTier3(c, day)) continue;
      const cc = asChina(c);
      if ((cc !== 'CN' && cc !== 'MO') || (cc === 'MO' && places.some((p) => p !== 'MO'))) return false;
    }
    return almanac.factValue<boolean>('everyAdvancedChipH200Class');
  });
  engine.addFact(
    'consigneeTppWithRequest',
    async (_params, almanac) =>
      (await almanac.factValue<number>('consigneeTppThisYear')) +
      (await almanac.factValue<number>('pooledTpp')),
  );
  engine.addFact(
    'allocationWithRequest',
    async (_params, almanac) =>
      (await almanac.factValue<number>('countryAllocationUsedTpp')) +
      (await almanac.factValue<number>('pooledTpp')),
  );
  engine.addFact('allocationCap', async (_params, almanac) =>
    (await almanac.factValue<boolean>('g2gAgreement')) ? COUNTRY_CAP_AGREEMENT : COUNTRY_CAP,
  );
  // First matching rule wins: stop before the next priority set once a rule has fired.
  engine.on('success', () => {
    engine.stop();
  });
  return engine;
}

const catalog = new Map(CHIP_CATALOG.map((c) => [c.id, c]));

interface ChipFigures {
  tpp: number;
  pd: number | null;
  datacenter: boolean;
  bandwidth: number | null;
  usSince: string | null;
}

function chipFigures(item: RequestItem): ChipFigures {
  if (item.chip !== undefined) {
    const c = catalog.get(item.chip)!;
    return {
      tpp: c.tpp,
      pd: c.dieAreaMm2 ? c.tpp / c.dieAreaMm2 : null,
      datacenter: c.datacenter,
      bandwidth: c.memoryBandwidthGBs,
      usSince: c.usCommerciallyAvailableSince,
    };
  }
  const c = item.customChip!;
  return {
    tpp: c.tpp,
    pd: c.dieAreaMm2 ? c.tpp / c.dieAreaMm2 : null,
    datacenter: c.datacenter,
    bandwidth: c.memoryBandwidthGBs ?? null,
    usSince: c.usCommerciallyAvailableSince ?? null,
  };
}

/** 3A090.a and .b (spec §1). */
function classOf(f: ChipFigures): 'advanced' | 'mid' | 'uncontrolled' {
  if (f.tpp >= 4800) return 'advanced';
  if (!f.datacenter || f.tpp < 1600 || f.pd === null) return 'uncontrolled';
  if (f.pd >= 5.92) return 'advanced';
  if ((f.tpp >= 2400 && f.pd >= 1.6) || f.pd >= 3.2) return 'mid';
  return 'uncontrolled';
}

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

export async function jsonRulesEngineDetermine(
  engine: Engine,
  request: ExportRequest,
): Promise<BaselineResult> {
  const day = dayNumber(request.date);
  const { items, endUser, history, assurances, parties } = request;
  const places = [request.destination];
  const affiliations: string[] = [];
  if (endUser.country !== undefined) places.push(endUser.country);
  if (endUser.headquarters !== undefined) affiliations.push(endUser.headquarters);
  if (endUser.ultimateParent !== undefined) affiliations.push(endUser.ultimateParent);
  const consignee = parties.find((p) => p.role === 'ultimate-consignee');
  for (const p of parties) {
    if (p.role !== 'end-user' && p.role !== 'ultimate-consignee') continue;
    if (p.country !== undefined) places.push(p.country);
    if (p.headquarters !== undefined) affiliations.push(p.headquarters);
    if (p.ultimateParent !== undefined) affiliations.push(p.ultimateParent);
  }
  const figures = items.map((item) => (item.modelWeights ? null : chipFigures(item)));
  let pooledTpp = 0;
  let everyAdvancedChipH200Class = true;
  figures.forEach((f, i) => {
    if (!f || classOf(f) !== 'advanced') return;
    if (f.datacenter) pooledTpp += f.tpp * (items[i]!.quantity ?? 0);
    if (f.tpp >= 21_000 || f.usSince === null || f.usSince > '2026-01-15') everyAdvancedChipH200Class = false;
    else if (f.bandwidth !== null && f.bandwidth >= 6500) everyAdvancedChipH200Class = false;
  });

  let outcome: Outcome = 'not-controlled';
  const granted: string[] = [];
  let policy: Policy | null = null;
  const requirements: string[] = [];
  const quota: { pool: string; tpp: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const f = figures[i];
    const { events } = await engine.run({
      kind: f ? 'chip' : 'model-weights',
      day,
      places,
      affiliations,
      transaction: request.transaction,
      origin: request.origin,
      headquarters: endUser.headquarters ?? null,
      veu: endUser.veu,
      chipClass: f ? classOf(f) : null,
      datacenter: f?.datacenter ?? true,
      published: item.modelWeights?.published ?? false,
      excluded: item.modelWeights?.exclusion !== undefined,
      trainingOps: item.modelWeights?.trainingOps ?? 0,
      pooledTpp,
      everyAdvancedChipH200Class,
      consigneeTppThisYear: history.consigneeTppThisYear,
      countryAllocationUsedTpp: history.countryAllocationUsedTpp,
      g2gAgreement: assurances.g2gAgreement,
    });
    const p = events[0]!.params as EventParams;
    if (i === 0 || OUTCOME_RANK[p.outcome] > OUTCOME_RANK[outcome]) outcome = p.outcome;
    if (p.authorization !== null && !granted.includes(p.authorization)) granted.push(p.authorization);
    if (p.licensePolicy && (!policy || POLICY_RANK[p.licensePolicy] > POLICY_RANK[policy]))
      policy = p.licensePolicy;
    if (p.requirement && !requirements.includes(p.requirement)) requirements.push(p.requirement);
    if (p.pool && f) {
      const pool =
        p.pool === 'lpp'
          ? `lpp:consignee:${consignee?.name ?? endUser.name}`
          : `country-allocation:${request.destination}`;
      const tpp = f.tpp * (item.quantity ?? 0);
      const seen = quota.find((q) => q.pool === pool);
      if (seen) seen.tpp += tpp;
      else quota.push({ pool, tpp });
    }
  }
  return {
    outcome,
    authorization: outcome === 'license-exception' && granted.length === 1 ? granted[0]! : null,
    licensePolicy: outcome === 'license-required' ? policy : null,
    requirements,
    quota,
  };
}

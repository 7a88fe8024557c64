import { type Almanac, Engine, type RuleProperties } from 'json-rules-engine';
import { CHIP_CATALOG } from '../../src/data/chips.js';
import { d5MembershipOn } from '../../src/data/country-groups.js';
import { dayNumber } from '../../src/domain/dates.js';
import type { ExportRequest, RequestItem } from '../../src/domain/request.js';
import { TIER_1 } from '../../src/frameworks/us-ai-diffusion-2025/parameters.js';
import type { BaselineResult, Outcome, Policy } from './hand-written.js';

/**
 * spec/frameworks.md §3 (chips and model weights) written the way json-rules-engine is meant
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

/** 0 = not stated, 1 = Tier 1, 2 = Tier 2, 3 = Tier 3 (D:5 on the day, Macau; Hong Kong as China). */
function tierOf(code: string | null, day: number): 0 | 1 | 2 | 3 {
  if (code === null) return 0;
  if (code === 'MO' || d5MembershipOn(code === 'HK' ? 'CN' : code, day)) return 3;
  return TIER1.includes(code) ? 1 : 2;
}

const tierFact = (factId: string) => async (_params: Record<string, unknown>, almanac: Almanac) =>
  tierOf(await almanac.factValue<string | null>(factId), await almanac.factValue<number>('day'));

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

const rules: RuleProperties[] = [
  // ---- chips (spec §1 scope, then §3 rules 1–4, first match wins by priority) ----
  {
    name: 'scope.not-advanced',
    priority: 100,
    conditions: {
      all: [
        isChip,
        {
          not: {
            any: [
              { fact: 'tpp', operator: 'greaterThanInclusive', value: 4800 },
              {
                all: [
                  { fact: 'datacenter', operator: 'equal', value: true },
                  { fact: 'tpp', operator: 'greaterThanInclusive', value: 1600 },
                  { fact: 'pd', operator: 'greaterThanInclusive', value: 5.92 },
                ],
              },
            ],
          },
        },
      ],
    },
    event: event('scope.not-advanced', { outcome: 'not-controlled' }),
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
            { fact: 'trainingOps', operator: 'lessThanInclusive', value: WEIGHTS_OPS_THRESHOLD },
          ],
        },
      ],
    },
    event: event('weights.not-controlled', { outcome: 'not-controlled' }),
  },
  {
    name: 'us-destination',
    priority: 90,
    conditions: { all: [{ fact: 'destination', operator: 'equal', value: 'US' }] },
    event: event('us-destination', { outcome: 'no-license-required' }),
  },
  {
    name: 'tier3',
    priority: 80,
    conditions: {
      all: [
        isChip,
        {
          any: [
            { fact: 'destinationTier', operator: 'equal', value: 3 },
            { fact: 'headquartersTier', operator: 'equal', value: 3 },
            { fact: 'parentTier', operator: 'equal', value: 3 },
          ],
        },
      ],
    },
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
    name: 'tier1-hq-outside-tier1',
    priority: 60,
    conditions: { all: [isChip, { fact: 'destinationTier', operator: 'equal', value: 1 }] },
    event: event('tier1-hq-outside-tier1', { outcome: 'license-required', licensePolicy: 'case-by-case' }),
  },
  {
    name: 'aca',
    priority: 50,
    conditions: { all: [isChip, { fact: 'datacenter', operator: 'equal', value: false }] },
    event: event('aca', { outcome: 'license-exception', authorization: 'ACA' }),
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
      all: [isChip, { fact: 'consigneeTppWithRequest', operator: 'lessThanInclusive', value: LPP_LIMIT }],
    },
    event: event('lpp', {
      outcome: 'license-exception',
      authorization: 'LPP',
      requirement: 'notification',
      pool: 'lpp',
    }),
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
      { fact: 'destinationTier', operator: 'equal', value: 1 },
      { fact: 'headquartersTier', operator: 'in', value: [0, 1] },
      { fact: 'parentTier', operator: 'in', value: [0, 1] },
    ],
  });
  engine.addFact('destinationTier', tierFact('destination'));
  engine.addFact('headquartersTier', tierFact('headquarters'));
  engine.addFact('parentTier', tierFact('ultimateParent'));
  engine.addFact(
    'consigneeTppWithRequest',
    async (_params, almanac) =>
      (await almanac.factValue<number>('consigneeTppThisYear')) +
      (await almanac.factValue<number>('advancedTpp')),
  );
  engine.addFact(
    'allocationWithRequest',
    async (_params, almanac) =>
      (await almanac.factValue<number>('countryAllocationUsedTpp')) +
      (await almanac.factValue<number>('advancedTpp')),
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
}

function chipFigures(item: RequestItem): ChipFigures {
  if (item.chip !== undefined) {
    const c = catalog.get(item.chip)!;
    return { tpp: c.tpp, pd: c.dieAreaMm2 ? c.tpp / c.dieAreaMm2 : null, datacenter: c.datacenter };
  }
  const c = item.customChip!;
  return { tpp: c.tpp, pd: c.dieAreaMm2 ? c.tpp / c.dieAreaMm2 : null, datacenter: c.datacenter };
}

/** 3A090.a, for the request's advanced TPP (the quotas count the whole order). */
const isAdvanced = (f: ChipFigures) =>
  f.tpp >= 4800 || (f.datacenter && f.tpp >= 1600 && f.pd !== null && f.pd >= 5.92);

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
  const { items, endUser, history, assurances } = request;
  const figures = items.map((item) => (item.modelWeights ? null : chipFigures(item)));
  let advancedTpp = 0;
  figures.forEach((f, i) => {
    if (f && isAdvanced(f)) advancedTpp += f.tpp * (items[i]!.quantity ?? 0);
  });

  let outcome: Outcome = 'not-controlled';
  let authorization: string | null = null;
  let policy: Policy | null = null;
  const requirements: string[] = [];
  const quota: { pool: string; tpp: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const f = figures[i];
    const { events } = await engine.run({
      kind: f ? 'chip' : 'model-weights',
      day,
      destination: request.destination,
      headquarters: endUser.headquarters ?? null,
      ultimateParent: endUser.ultimateParent ?? null,
      veu: endUser.veu,
      tpp: f?.tpp ?? 0,
      pd: f?.pd ?? null,
      datacenter: f?.datacenter ?? true,
      published: item.modelWeights?.published ?? false,
      trainingOps: item.modelWeights?.trainingOps ?? 0,
      advancedTpp,
      consigneeTppThisYear: history.consigneeTppThisYear,
      countryAllocationUsedTpp: history.countryAllocationUsedTpp,
      g2gAgreement: assurances.g2gAgreement,
    });
    const p = events[0]!.params as EventParams;
    if (i === 0 || OUTCOME_RANK[p.outcome] > OUTCOME_RANK[outcome]) {
      outcome = p.outcome;
      authorization = p.authorization;
    }
    if (p.licensePolicy && (!policy || POLICY_RANK[p.licensePolicy] > POLICY_RANK[policy]))
      policy = p.licensePolicy;
    if (p.requirement && !requirements.includes(p.requirement)) requirements.push(p.requirement);
    if (p.pool && f) {
      const pool =
        p.pool === 'lpp' ? `lpp:consignee:${endUser.name}` : `country-allocation:${request.destination}`;
      const tpp = f.tpp * (item.quantity ?? 0);
      const seen = quota.find((q) => q.pool === pool);
      if (seen) seen.tpp += tpp;
      else quota.push({ pool, tpp });
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

import type { Evaluation } from '../../rules/evaluation.js';
import type { RuleDefinition } from '../../rules/types.js';
import {
  consequence,
  consigneeSlug,
  inTier3,
  notAdvancedRule,
  requirement,
  tier3DestinationOrParty,
  usDestinationRule,
} from '../common.js';
import { entityListRule } from '../entity-list.js';

/**
 * The Framework for AI Diffusion (90 FR 4544) for advanced ICs, as default logic: the base
 * rule is step (e), a license; each license exception is an exception to the rule below it,
 * in the order of spec/frameworks.md §3 ("first matching rule wins").
 */
const IFR = '90 FR 4544';

export const cite = {
  tier3: `${IFR}; 15 CFR 742.6(a)(13) and 744.23 (Tier 3: D:5 and Macau)`,
  aia: `15 CFR 740.27 (AIA), ${IFR}`,
  aiaCertification: `15 CFR 740.27(b)(2), ${IFR}`,
  tier1Hq: `15 CFR 740.27(a), ${IFR} (AIA not available to entities headquartered outside Tier 1)`,
  aca: `15 CFR 740.8 (ACA), ${IFR}`,
  uveu: `15 CFR 748.15 (Data Center VEU, universal), ${IFR}`,
  nveu: `15 CFR 748.15 (Data Center VEU, national), ${IFR}`,
  lpp: `15 CFR 740.29 (LPP), ${IFR}`,
  notification: `15 CFR 740.29, ${IFR}; seed 002_1f029dfe555180ab.txt (notification only)`,
  allocation: `15 CFR 742.6(b)(10), ${IFR}; Supp. No. 5 to part 740(b)`,
  weights: `ECCN 4E091, ${IFR}`,
  weightsSecurity: `15 CFR 740.27 and Supp. No. 10 to part 748, ${IFR}`,
};

function destinationInTier1(ev: Evaluation): boolean {
  const tier1 = ev.param<readonly string[]>('tiers.tier1');
  return ev.fact('destination in Tier 1', tier1.includes(ev.facts.request.destination), 'tiers.tier1');
}

/** End user headquartered (and ultimate parent) in Tier 1, or not stated. */
function partiesInTier1OrUnstated(ev: Evaluation): boolean {
  const tier1 = ev.param<readonly string[]>('tiers.tier1');
  const { headquarters, ultimateParent } = ev.facts.request.endUser;
  const hqOk = headquarters === undefined || tier1.includes(headquarters);
  const parentOk = ultimateParent === undefined || tier1.includes(ultimateParent);
  ev.fact('end-user headquarters in Tier 1 or not stated', hqOk, headquarters ?? 'not stated');
  ev.fact('end-user ultimate parent in Tier 1 or not stated', parentOk, ultimateParent ?? 'not stated');
  return hqOk && parentOk;
}

/** Rule 2: Tier 3 destination or party → license, presumption of denial. */
const tier3: RuleDefinition = {
  id: 'tier3',
  title: 'Tier 3 destination or end user headquartered or parented in Tier 3',
  citation: cite.tier3,
  overrides: ['aia', 'tier1-hq-outside-tier1'],
  when: tier3DestinationOrParty,
  decide: () => consequence('license-required', { licensePolicy: 'presumption-of-denial' }),
};

/** Rule 3: Tier 1 destination, end user headquartered (and parent) in Tier 1 or not stated → AIA. */
const aia: RuleDefinition = {
  id: 'aia',
  title: 'License Exception AIA: Tier 1 destination and Tier 1 end user',
  citation: cite.aia,
  overrides: ['aca'],
  when: (ev) => destinationInTier1(ev) && partiesInTier1OrUnstated(ev),
  decide: () =>
    consequence('license-exception', {
      authorization: 'AIA',
      requirements: [requirement('aia-certification', null, cite.aiaCertification)],
    }),
};

/** Rule 3, parenthesis: Tier 1 destination, end user headquartered in Tier 2 → license, case by case. */
const tier1HqOutsideTier1: RuleDefinition = {
  id: 'tier1-hq-outside-tier1',
  title: 'Tier 1 destination but end user headquartered outside Tier 1',
  citation: cite.tier1Hq,
  overrides: ['aca'],
  when: (ev) => destinationInTier1(ev) && !partiesInTier1OrUnstated(ev),
  decide: () => consequence('license-required', { licensePolicy: 'case-by-case' }),
};

/** Rule 4a: chip not designed or marketed for data centers → ACA. */
const aca: RuleDefinition = {
  id: 'aca',
  title: 'License Exception ACA: IC not designed or marketed for data centers',
  citation: cite.aca,
  overrides: ['uveu'],
  when: (ev, item) => !ev.fact('designed or marketed for data centers', item.datacenter, 'chip data'),
  decide: () => consequence('license-exception', { authorization: 'ACA' }),
};

/** Rule 4b: a Universal VEU, which must be headquartered in Tier 1 (otherwise the claim is ignored). */
const uveu: RuleDefinition = {
  id: 'uveu',
  title: 'Universal Validated End User',
  citation: cite.uveu,
  overrides: ['nveu'],
  when: (ev) => {
    const { veu, headquarters } = ev.facts.request.endUser;
    if (ev.fact('end user claims VEU status', veu, 'request') !== 'uveu') return false;
    const eligible = ev.param<readonly string[]>('veu.uveuHeadquarters');
    if (headquarters !== undefined && eligible.includes(headquarters)) return true;
    ev.note(
      `UVEU claim ignored: a UVEU must be headquartered in Tier 1, and the end user's headquarters is ${headquarters ?? 'not stated'}`,
    );
    return false;
  },
  decide: (ev) => {
    ev.param('veu.uveuMaxShareAnyTier2Country');
    ev.param('veu.uveuMinShareTier1');
    if (ev.facts.request.endUser.headquarters === 'US') ev.param('veu.uveuMinShareUsForUsHeadquartered');
    return consequence('license-exception', {
      authorization: 'UVEU',
      requirements: [requirement('veu-limits', null, cite.uveu)],
    });
  },
};

/** Rule 4c: a National VEU for this destination. */
const nveu: RuleDefinition = {
  id: 'nveu',
  title: 'National Validated End User for this destination',
  citation: cite.nveu,
  overrides: ['lpp'],
  when: (ev) => ev.fact('end user claims VEU status', ev.facts.request.endUser.veu, 'request') === 'nveu',
  decide: () =>
    consequence('license-exception', {
      authorization: 'NVEU',
      requirements: [requirement('veu-limits', null, cite.nveu)],
    }),
};

/** Rule 4d: consignee's TPP this calendar year + this request ≤ the LPP limit → LPP, notification only. */
const lpp: RuleDefinition = {
  id: 'lpp',
  title: 'License Exception LPP: low processing performance per consignee per year',
  citation: cite.lpp,
  overrides: ['license-required-allocation'],
  when: (ev) => {
    const { history } = ev.facts.request;
    const limit = ev.param<number>('lpp.thresholdTpp');
    return ev.cmp(
      "consignee's TPP this year + this request's advanced TPP",
      history.consigneeTppThisYear + ev.facts.advancedTpp,
      '<=',
      limit,
    );
  },
  decide: (ev, item) => {
    const { request, year } = ev.facts;
    // LPP shipments do not count against the country allocation (90 FR 4544).
    return consequence('license-exception', {
      authorization: 'LPP',
      requirements: [requirement('notification', null, cite.notification)],
      quota: [
        {
          pool: `lpp:consignee:${consigneeSlug(request.endUser.name)}:${year}`,
          tpp: item.tpp,
          limit: ev.param<number>('lpp.thresholdTpp'),
          usedBefore: request.history.consigneeTppThisYear,
        },
      ],
    });
  },
};

/**
 * Rule 4e (the base rule): a license. Presumption of approval while the country allocation has
 * room (doubled under a government-to-government agreement); the request then counts against
 * `country-allocation:<CC>`. No room: presumption of denial.
 */
const licenseRequiredAllocation: RuleDefinition = {
  id: 'license-required-allocation',
  title: 'License required; policy set by the country allocation',
  citation: cite.allocation,
  when: () => true,
  decide: (ev, item) => {
    const { request, advancedTpp } = ev.facts;
    const agreement = ev.fact(
      'government-to-government agreement in place',
      request.assurances.g2gAgreement,
      'assurances',
    );
    const cap = ev.param<number>(
      agreement ? 'allocation.countryCapWithAgreementTpp' : 'allocation.countryCapTpp',
    );
    const used = request.history.countryAllocationUsedTpp;
    const room = ev.cmp(
      "TPP already allocated to the country + this request's advanced TPP",
      used + advancedTpp,
      '<=',
      cap,
    );
    if (!room) return consequence('license-required', { licensePolicy: 'presumption-of-denial' });
    return consequence('license-required', {
      licensePolicy: 'presumption-of-approval',
      quota: [
        { pool: `country-allocation:${request.destination}`, tpp: item.tpp, limit: cap, usedBefore: used },
      ],
    });
  },
};

export const chipRules: readonly RuleDefinition[] = [
  entityListRule(['scope.not-advanced']),
  notAdvancedRule,
  usDestinationRule(['tier3']),
  tier3,
  aia,
  tier1HqOutsideTier1,
  aca,
  uveu,
  nveu,
  lpp,
  licenseRequiredAllocation,
];

/** 4E091: closed weights of a model trained with more than 10^26 operations. */
const weightsNotControlled: RuleDefinition = {
  id: 'weights.not-controlled',
  title: 'Published weights, or trained with no more than the threshold: not controlled',
  citation: cite.weights,
  overrides: ['us-destination'],
  when: (ev, item) => {
    const weights = item.weights!;
    if (ev.fact('weights published', weights.published, 'request')) return true;
    const threshold = ev.param<number>('modelWeights.trainingOpsThreshold');
    return !ev.cmp('training operations', weights.trainingOps, '>', threshold);
  },
  decide: () => consequence('not-controlled'),
};

const weightsAia: RuleDefinition = {
  id: 'weights.aia',
  title: 'License Exception AIA for model weights: Tier 1 destination and Tier 1 end user',
  citation: cite.aia,
  overrides: ['weights.license-required'],
  when: (ev) => destinationInTier1(ev) && partiesInTier1OrUnstated(ev),
  decide: () =>
    consequence('license-exception', {
      authorization: 'AIA',
      requirements: [requirement('model-weight-security', null, cite.weightsSecurity)],
    }),
};

const weightsLicense: RuleDefinition = {
  id: 'weights.license-required',
  title: 'Controlled model weights outside Tier 1: license, presumption of denial',
  citation: cite.weights,
  when: (ev) => {
    // Recorded so the trace shows Tier 3 status, which the policy does not depend on here.
    inTier3(ev, ev.facts.request.destination, 'destination');
    return true;
  },
  decide: () => consequence('license-required', { licensePolicy: 'presumption-of-denial' }),
};

export const modelWeightRules: readonly RuleDefinition[] = [
  entityListRule(['weights.not-controlled']),
  weightsNotControlled,
  usDestinationRule(['weights.aia']),
  weightsAia,
  weightsLicense,
];

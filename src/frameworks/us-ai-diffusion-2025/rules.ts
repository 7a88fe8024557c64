import type { Evaluation } from '../../rules/evaluation.js';
import { lppPool } from '../../rules/places.js';
import type { RuleDefinition } from '../../rules/types.js';
import { h200LaneRule, MID_RULE_IDS, midRules, tier3NacRule } from '../advanced-computing.js';
import {
  consequence,
  everyDestinationIn,
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
  weightsNotSubject: '15 CFR 734.7 (published) and ECCN 4E091 Note 1',
  weightsExcluded:
    'ECCN 4E091, Notes 1 and 2 (models derived from published models; models below the most capable published model)',
  weightsSecurity: `15 CFR 740.27 and Supp. No. 10 to part 748, ${IFR}`,
};

/** Every destination (ship-to, end user's and ultimate consignee's location) in Tier 1. */
function destinationInTier1(ev: Evaluation): boolean {
  return everyDestinationIn(ev, ev.param<readonly string[]>('tiers.tier1'), 'Tier 1');
}

/** End user and ultimate consignee headquartered (and ultimately owned) in Tier 1, or not stated. */
function partiesInTier1OrUnstated(ev: Evaluation): boolean {
  const tier1 = ev.param<readonly string[]>('tiers.tier1');
  const { affiliations } = ev.facts;
  for (const party of affiliations) {
    if (!tier1.includes(party.code)) {
      ev.fact(`${party.role} ${party.code} in Tier 1`, false, 'tiers.tier1');
      return false;
    }
  }
  ev.fact('headquarters and ultimate parents in Tier 1 or not stated', true, 'tiers.tier1');
  return true;
}

/** Rule 2: Tier 3 destination or party → license, presumption of denial. */
const tier3: RuleDefinition = {
  id: 'tier3',
  title: 'Tier 3 destination or end user headquartered or parented in Tier 3',
  citation: cite.tier3,
  overrides: ['aia'],
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

/**
 * Rule 3, parenthesis, as corrected (spec/frameworks.md §3 corrections; 15 CFR 740.29(a)): a Tier 1
 * destination for an end user headquartered outside Tier 1 cannot use AIA, but ACA, VEUs and LPP
 * are not limited to Tier 2 destinations; past them, a license reviewed case by case, with no
 * country allocation in Tier 1.
 */
const tier1HqOutsideTier1: RuleDefinition = {
  id: 'tier1-hq-outside-tier1',
  title:
    'Tier 1 destination, party headquartered outside Tier 1, past ACA, VEU and LPP: license, case by case',
  citation: cite.tier1Hq,
  overrides: ['license-required-allocation'],
  when: (ev) => destinationInTier1(ev),
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
  overrides: ['license-required-allocation', 'tier1-hq-outside-tier1'],
  when: (ev) => {
    const { history, transaction } = ev.facts.request;
    if (ev.fact('transaction', transaction, 'request') === 'transfer') {
      ev.note('LPP authorizes exports and reexports, not in-country transfers (15 CFR 740.29(a))');
      return false;
    }
    const limit = ev.param<number>('lpp.thresholdTpp');
    // Only items on the LPP or license path count (not ACA items): the check and the draw agree.
    return ev.cmp(
      "ultimate consignee's TPP this year + this request's data-center advanced TPP",
      history.consigneeTppThisYear + ev.facts.pooledTpp,
      '<=',
      limit,
    );
  },
  decide: (ev, item) => {
    const { request, year } = ev.facts;
    // LPP shipments do not count against the country allocation (90 FR 4544). Counted per
    // ultimate consignee (parties[role=ultimate-consignee], else the end user), by name and country.
    return consequence('license-exception', {
      authorization: 'LPP',
      requirements: [requirement('notification', null, cite.notification)],
      quota: [
        {
          pool: lppPool(request, year),
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
    const { request, pooledTpp } = ev.facts;
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
      "TPP already allocated to the country + this request's data-center advanced TPP",
      used + pooledTpp,
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
  entityListRule(['scope.not-advanced', MID_RULE_IDS[0]!]),
  notAdvancedRule,
  ...midRules,
  usDestinationRule(['tier3-nac']),
  tier3NacRule(['tier3-china-h200']),
  // 91 FR 1684 amended the CFR: from 2026-01-15 its lane is part of the text this framework reads.
  h200LaneRule(['tier3']),
  tier3,
  aia,
  tier1HqOutsideTier1,
  aca,
  uveu,
  nveu,
  lpp,
  licenseRequiredAllocation,
];

/**
 * 4E091 as corrected (spec/frameworks.md §3): closed weights of a model trained utilizing 10^26 or
 * more operations are controlled; published weights are not subject to the EAR (15 CFR 734.7);
 * a model the request says is excluded by the ECCN's notes is not controlled.
 */
const weightsNotSubject: RuleDefinition = {
  id: 'weights.published',
  title: 'Published weights: not subject to the EAR',
  citation: cite.weightsNotSubject,
  overrides: ['weights.excluded'],
  when: (ev, item) => ev.fact('weights published', item.weights!.published, 'request'),
  decide: () => consequence('not-controlled'),
};

const weightsExcluded: RuleDefinition = {
  id: 'weights.excluded',
  title: 'Weights excluded from 4E091 by its notes (as the request states)',
  citation: cite.weightsExcluded,
  overrides: ['weights.not-controlled'],
  when: (ev, item) => {
    const exclusion = item.weights!.exclusion;
    if (exclusion === null) return false;
    ev.fact('4E091 exclusion asserted by the request', exclusion, 'request');
    ev.note(
      exclusion === 'derived-from-published'
        ? 'stated: derived from a published model without more extra training than 4E091 Note 1 allows'
        : 'stated: trained with fewer operations than the most capable published model (4E091 Note 2)',
    );
    return true;
  },
  decide: () => consequence('not-controlled'),
};

const weightsNotControlled: RuleDefinition = {
  id: 'weights.not-controlled',
  title: 'Trained with fewer operations than the threshold: not controlled',
  citation: cite.weights,
  overrides: ['us-destination'],
  when: (ev, item) => {
    const threshold = ev.param<number>('modelWeights.trainingOpsThreshold');
    // "trained utilizing 10^26 or more 'operations'" (ECCN 4E091 heading).
    return !ev.cmp('training operations', item.weights!.trainingOps, '>=', threshold);
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
    tier3DestinationOrParty(ev);
    return true;
  },
  decide: () => consequence('license-required', { licensePolicy: 'presumption-of-denial' }),
};

export const modelWeightRules: readonly RuleDefinition[] = [
  entityListRule(['weights.published']),
  weightsNotSubject,
  weightsExcluded,
  weightsNotControlled,
  usDestinationRule(['weights.aia']),
  weightsAia,
  weightsLicense,
];

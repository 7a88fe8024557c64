import { rulesCountry } from '../../data/country-groups.js';
import { dayNumber } from '../../domain/dates.js';
import { InputError } from '../../domain/errors.js';
import type { Evaluation } from '../../rules/evaluation.js';
import { ultimateConsignee } from '../../rules/places.js';
import type { ItemFacts, RuleDefinition } from '../../rules/types.js';
import { consequence, requirement } from '../common.js';
import { entityListRule } from '../entity-list.js';
import { type GroupName, membershipOn } from './groups.js';
import { LAW } from './law.js';

/**
 * The export controls on advanced ICs as BIS enforces them (spec/frameworks.md §8), as default
 * logic: a chain in which each rule overrides the next, so the first matching rule wins, per
 * item. The base rule is "no license required".
 */

/** A place and whose it is: a destination or an affiliation (rules/places.ts). */
interface Place {
  readonly role: string;
  readonly code: string;
}

/** Ship-to, the end user's location and each ultimate consignee's: every one is a destination. */
export function destinations(ev: Evaluation): readonly Place[] {
  return ev.facts.destinations;
}

/**
 * Headquarters and ultimate parents of the end user and the ultimate consignee, each with where
 * its party is located (for 91 FR 1684's Macau condition).
 */
export function headquarters(ev: Evaluation): (Place & { readonly locatedIn: string })[] {
  const { request } = ev.facts;
  const consignee = ultimateConsignee(request);
  return ev.facts.affiliations.map((a) => ({
    role: a.role,
    code: a.code,
    locatedIn: a.role.startsWith('end-user')
      ? (request.endUser.country ?? request.destination)
      : (consignee.country ?? request.destination),
  }));
}

function inGroup(ev: Evaluation, group: GroupName, code: string): boolean {
  ev.param(`groups.${group}`);
  return membershipOn(group, code, ev.day) !== undefined;
}

/** D:5 or Macau on the evaluation date (Hong Kong is China); records the membership's source. */
export function inD5OrMacau(ev: Evaluation, place: Place): boolean {
  const code = rulesCountry(place.code);
  const m = membershipOn('D:5', code, ev.day);
  if (m) {
    ev.param('groups.D:5');
    ev.fact(`${place.role} ${place.code} in Country Group D:5`, true, m.source);
    return true;
  }
  if (ev.param<readonly string[]>('groups.namedBesideD5').includes(code)) {
    ev.fact(`${place.role} ${place.code} is Macau, named beside D:5`, true, LAW.eccn3a090);
    return true;
  }
  return false;
}

/** D:1 or D:4 but not also A:5 or A:6, or a destination the CCL names (the UAE). */
function inLicensedScope(ev: Evaluation, place: Place): 'group' | 'named' | null {
  const code = rulesCountry(place.code);
  if (ev.param<readonly string[]>('scope.namedDestinations').includes(code)) {
    ev.fact(`${place.role} ${place.code} named in the 3A090 license requirements`, true, LAW.eccn3a090);
    return 'named';
  }
  const d = inGroup(ev, 'D:1', code) || inGroup(ev, 'D:4', code);
  if (!d) return null;
  const a = inGroup(ev, 'A:5', code) || inGroup(ev, 'A:6', code);
  ev.fact(`${place.role} ${place.code} in D:1 or D:4, and not in A:5 or A:6`, !a, LAW.countryGroups);
  return a ? null : 'group';
}

function hqInD5OrMacau(ev: Evaluation): boolean {
  const affiliations = ev.facts.affiliations;
  if (affiliations.length === 0 || !ev.param<boolean>('hq.rule')) return false;
  for (let i = 0; i < affiliations.length; i++) if (inD5OrMacau(ev, affiliations[i]!)) return true;
  return false;
}

function anyDestinationInD5OrMacau(ev: Evaluation): boolean {
  const places = ev.facts.destinations;
  for (let i = 0; i < places.length; i++) if (inD5OrMacau(ev, places[i]!)) return true;
  return false;
}

function d5Concern(ev: Evaluation): boolean {
  return anyDestinationInD5OrMacau(ev) || hqInD5OrMacau(ev);
}

/** NAC / ACA eligibility: 3A090.b, or 3A090.a not designed or marketed for data centers. */
function nacAcaEligible(ev: Evaluation, item: ItemFacts): boolean {
  const rule = ev.param<{ mid: boolean; advancedNonDatacenter: boolean }>('exceptions.nacAcaEligible');
  const cls = item.classification?.class;
  const eligible =
    (cls === 'mid' && rule.mid) || (cls === 'advanced' && !item.datacenter && rule.advancedNonDatacenter);
  return ev.fact(
    cls === 'mid'
      ? '3A090.b item: eligible for NAC / ACA'
      : 'eligible for NAC / ACA (3A090.a not designed for data centers)',
    eligible,
    LAW.sec7408,
  );
}

function transaction(ev: Evaluation): string {
  return ev.facts.request.transaction;
}

function origin(ev: Evaluation): string {
  return ev.facts.request.origin;
}

const reviewPolicyNote =
  'the license review policy for D:1/D:4 destinations (15 CFR 742.6(b)(10)) was not read from the primary text; presumption of approval absent diversion or D:5 concerns is the common description';
const uaeNote =
  'the UAE is named in the 3A090.b license requirement; for 3A090.a the enforced scope is the pre-Diffusion one, which included the UAE (in D:4 then, by recollection; it is A:5 only today), and whether BIS froze that scope at January 2025 is not known';

const notAn3a090: RuleDefinition = {
  id: 'ear.not-3a090',
  title: 'Neither 3A090.a nor 3A090.b: not controlled by these entries',
  citation: LAW.eccn3a090,
  overrides: ['ear.not-an-export'],
  when: (ev, item) => {
    const cls = item.classification?.class ?? 'uncontrolled';
    if (cls === 'advanced' || cls === 'mid') return false;
    ev.note(
      'not 3A090: end-use controls (15 CFR 744.23), "is-informed" letters and the Entity List can still require a license',
    );
    return true;
  },
  decide: () => consequence('not-controlled'),
};

function allInUs(ev: Evaluation): boolean {
  const places = destinations(ev);
  return ev.fact(
    'every place the items go is in the United States',
    places.every((p) => p.code === 'US'),
    places.map((p) => `${p.role} ${p.code}`).join(', '),
  );
}

const notAnExport: RuleDefinition = {
  id: 'ear.not-an-export',
  title: 'Destination and every party in the United States: not an export',
  citation: LAW.sec734_13,
  overrides: ['ear.d5-transfer-aca'],
  when: allInUs,
  decide: () => consequence('no-license-required'),
};

/** ACA also authorizes in-country transfers within Macau or D:5 (89 FR 23876). */
const d5TransferAca: RuleDefinition = {
  id: 'ear.d5-transfer-aca',
  title: 'License Exception ACA: in-country transfer within Macau or D:5 of an eligible item',
  citation: LAW.sec7408,
  overrides: ['ear.nac'],
  when: (ev, item) => {
    if (ev.fact('transaction', transaction(ev), 'request') !== 'transfer') return false;
    if (!nacAcaEligible(ev, item)) return false;
    const places = destinations(ev);
    return (
      places.every((p) => inD5OrMacau(ev, p)) &&
      places.every((p) => rulesCountry(p.code) === rulesCountry(places[0]!.code))
    );
  },
  decide: () => consequence('license-exception', { authorization: 'ACA' }),
};

const nac: RuleDefinition = {
  id: 'ear.nac',
  title: 'License Exception NAC: eligible item to Macau / D:5 or to an entity headquartered there',
  citation: LAW.sec7408,
  overrides: ['ear.h200-lane'],
  when: (ev, item) => nacAcaEligible(ev, item) && d5Concern(ev),
  decide: () =>
    consequence('license-exception', {
      authorization: 'NAC',
      requirements: [
        requirement('nac-notification', null, `${LAW.sec7408}: prior notification to BIS through SNAP-R`),
      ],
    }),
};

/** Hong Kong is China; an H200-class item is below both thresholds, strictly. */
function h200Class(ev: Evaluation, item: ItemFacts): boolean {
  const maxTpp = ev.param<number>('h200.maxTpp');
  const maxBandwidth = ev.param<number>('h200.maxBandwidthGBs');
  const perChip = item.classification?.tpp ?? 0;
  if (!ev.cmp(`${item.label}: TPP per chip`, perChip, '<', maxTpp)) return false;
  if (item.memoryBandwidthGBs === null) {
    throw InputError.single(
      'missing_memory_bandwidth',
      ['items', item.index, 'customChip', 'memoryBandwidthGBs'],
      `is required: whether "${item.label}" is H200-class (91 FR 1684) depends on its DRAM bandwidth`,
    );
  }
  return ev.cmp(`${item.label}: DRAM bandwidth GB/s`, item.memoryBandwidthGBs, '<', maxBandwidth);
}

/** Catalog chips were all commercially available in the U.S. on 2026-01-15 (spec §1). */
function usCommerciallyAvailable(ev: Evaluation, item: ItemFacts): boolean {
  const by = ev.param<string>('h200.availableBy');
  const since = item.usCommerciallyAvailableSince;
  return ev.fact(
    `${item.label} commercially available in the U.S. on ${by}`,
    since !== null && dayNumber(since) <= dayNumber(by),
    since === null ? 'not stated in the request' : `available since ${since} (chip catalog or request)`,
  );
}

/** 91 FR 1684: H200-class exports from the U.S. to end users located in China or Macau. */
const h200Lane: RuleDefinition = {
  id: 'ear.h200-lane',
  title: 'H200-class chips exported from the U.S. to end users in China or Macau: case-by-case review',
  citation: LAW.fr91_1684,
  overrides: ['ear.d5-macau'],
  when: (ev, item) => {
    if (!ev.param<boolean>('h200.lane')) return false;
    const where = ev.param<readonly string[]>('h200.locations');
    const places = destinations(ev);
    if (!places.every((p) => where.includes(rulesCountry(p.code)))) return false;
    if (ev.fact('transaction', transaction(ev), 'request') !== 'export') return false;
    if (ev.fact('items ship from', origin(ev), 'request') !== 'US') return false;
    // A D:5 headquarters other than China, or Macau for a party located elsewhere, keeps denial.
    for (const hq of headquarters(ev)) {
      const code = rulesCountry(hq.code);
      if (code === 'CN') continue;
      if (code === 'MO' && rulesCountry(hq.locatedIn ?? '') === 'MO') continue;
      if (inD5OrMacau(ev, hq)) return false;
    }
    return h200Class(ev, item) && usCommerciallyAvailable(ev, item);
  },
  decide: () =>
    consequence('license-required', {
      licensePolicy: 'case-by-case',
      requirements: [
        requirement('third-party-testing', null, `${LAW.fr91_1684}: independent U.S. third-party testing`),
        requirement('kyc', null, `${LAW.fr91_1684}: recipient security and know-your-customer procedures`),
        requirement(
          'china-volume-cap',
          null,
          `${LAW.fr91_1684}: China volume ≤ 50 % of U.S. customer volume`,
        ),
        requirement(
          'us-supply-certification',
          null,
          `${LAW.fr91_1684}: sufficient supply in the United States`,
        ),
        requirement(
          'foundry-capacity-certification',
          null,
          `${LAW.fr91_1684}: production will not divert global foundry capacity`,
        ),
      ],
    }),
};

const d5Macau: RuleDefinition = {
  id: 'ear.d5-macau',
  title: 'Macau or D:5, or an entity headquartered there: license, presumption of denial',
  citation: LAW.sec742_6,
  overrides: ['ear.d1-d4-aca'],
  when: d5Concern,
  decide: () => consequence('license-required', { licensePolicy: 'presumption-of-denial' }),
};

function licensedScope(ev: Evaluation): 'group' | 'named' | null {
  let found: 'group' | 'named' | null = null;
  for (const place of destinations(ev)) {
    const scope = inLicensedScope(ev, place);
    if (scope === 'group') return 'group';
    if (scope === 'named') found = 'named';
  }
  return found;
}

const d1d4Aca: RuleDefinition = {
  id: 'ear.d1-d4-aca',
  title: 'License Exception ACA: eligible item to D:1 / D:4 (not A:5 / A:6) or the UAE',
  citation: LAW.sec7408,
  overrides: ['ear.d1-d4-license'],
  when: (ev, item) => nacAcaEligible(ev, item) && licensedScope(ev) !== null,
  decide: (ev) => {
    if (licensedScope(ev) === 'named') ev.uncertain('uae-scope', uaeNote, LAW.eccn3a090);
    return consequence('license-exception', { authorization: 'ACA' });
  },
};

const d1d4License: RuleDefinition = {
  id: 'ear.d1-d4-license',
  title: 'D:1 / D:4 (not A:5 / A:6) or the UAE: license required',
  citation: LAW.sec742_6,
  overrides: ['ear.no-license-required'],
  when: (ev) => licensedScope(ev) !== null,
  decide: (ev, item) => {
    if (licensedScope(ev) === 'named' && item.classification?.class === 'advanced') {
      ev.uncertain('uae-scope', uaeNote, LAW.eccn3a090);
    }
    ev.uncertain('review-policy', reviewPolicyNote, LAW.sec742_6);
    return consequence('license-required', { licensePolicy: 'presumption-of-approval' });
  },
};

const noLicenseRequired: RuleDefinition = {
  id: 'ear.no-license-required',
  title: 'Everywhere else: no license required for 3A090 / 4A090',
  citation: LAW.eccn3a090,
  when: () => true,
  decide: () => consequence('no-license-required'),
};

export const chipRules: readonly RuleDefinition[] = [
  entityListRule(['ear.not-3a090']),
  notAn3a090,
  notAnExport,
  d5TransferAca,
  nac,
  h200Lane,
  d5Macau,
  d1d4Aca,
  d1d4License,
  noLicenseRequired,
];

/** Published weights are not subject to the EAR (15 CFR 734.7): not even the Entity List applies. */
const weightsPublished: RuleDefinition = {
  id: 'ear.weights.published',
  title: 'Published model weights: not subject to the EAR',
  citation: LAW.published,
  overrides: ['entity-list'],
  when: (ev, item) => ev.fact('weights published', item.weights!.published, 'request'),
  decide: () => consequence('not-controlled'),
};

const weightsBelow: RuleDefinition = {
  id: 'ear.weights.not-4e091',
  title: 'Trained with fewer than 10^26 operations, or excluded by the 4E091 notes: not 4E091',
  citation: LAW.eccn4e091,
  overrides: ['ear.weights.not-an-export'],
  when: (ev, item) => {
    const exclusion = item.weights!.exclusion;
    if (exclusion !== null) {
      ev.fact('4E091 exclusion asserted by the request', exclusion, LAW.eccn4e091);
      return true;
    }
    if (ev.day < dayNumber('2025-01-13')) {
      ev.note('ECCN 4E091 did not exist before 2025-01-13');
      return true;
    }
    const threshold = ev.param<number>('weights.trainingOpsThreshold');
    return ev.cmp('training operations', item.weights!.trainingOps, '<', threshold);
  },
  decide: () => consequence('not-controlled'),
};

const weightsNotAnExport: RuleDefinition = {
  id: 'ear.weights.not-an-export',
  title: 'Weights delivered inside the United States: not an export',
  citation: LAW.sec734_13,
  overrides: ['ear.weights.not-enforced'],
  when: allInUs,
  decide: () => consequence('no-license-required'),
};

const weightsNotEnforced: RuleDefinition = {
  id: 'ear.weights.not-enforced',
  title: 'Unpublished 4E091 weights: in the CFR, not enforced',
  citation: LAW.bisRelease,
  when: () => true,
  decide: (ev) => {
    ev.param('weights.enforced');
    ev.uncertain(
      'model-weights-not-enforced',
      '4E091 is part of the Diffusion rule BIS does not enforce ("effectively removed", 2025-05-13); it is still in the CFR, and the Entity List and end-use controls still apply to the weights',
      LAW.eccn4e091,
    );
    return consequence('no-license-required');
  },
};

export const modelWeightRules: readonly RuleDefinition[] = [
  weightsPublished,
  entityListRule(['ear.weights.not-4e091']),
  weightsBelow,
  weightsNotAnExport,
  weightsNotEnforced,
];

import { groupMembershipOn } from '../data/country-groups.js';
import { d } from '../domain/dates.js';
import { InputError } from '../domain/errors.js';
import type { Evaluation } from '../rules/evaluation.js';
import type { Parameter } from '../rules/parameters.js';
import type { ItemFacts, Requirement, RuleDefinition } from '../rules/types.js';
import { consequence, inTier3, requirement, tier3DestinationOrParty } from './common.js';

/**
 * The advanced-computing rules that none of the three frameworks changed and that each of them
 * applies (spec/frameworks.md §1 and the corrections to §3 and §5): the 3A090.b rules, License
 * Exception NAC for Tier 3, and the H200 lane of 91 FR 1684. Shared by every framework.
 */
export const citeAc = {
  mid: '15 CFR 742.6(a)(6)(iii)(B); ECCN 3A090.b (88 FR 73458)',
  nac: '15 CFR 740.8(a)(2) (NAC), 89 FR 23876',
  nacNotification: '15 CFR 740.8(a)(2) (NAC), 89 FR 23876: prior notification to BIS through SNAP-R',
  aca: '15 CFR 740.8(a)(1) (ACA), 89 FR 23876',
  uaeScope: '15 CFR 774 Supp. 1, ECCN 3A090.b (License Requirements: "United Arab Emirates")',
  h200: '91 FR 1684 (FR Doc 2026-00789)',
  h200Testing: '91 FR 1684: independent U.S. third-party testing',
  h200Kyc: '91 FR 1684: recipient security and know-your-customer procedures',
  h200Volume: '91 FR 1684: China volume ≤ 50 % of U.S. customer volume',
  h200Supply: '91 FR 1684: certification of sufficient U.S. supply of the product',
  h200Foundry: '91 FR 1684: certification that production will not divert global foundry capacity',
} as const;

/** D:1 or D:4 and not also A:5 or A:6 (88 FR 73458's destination scope), on the evaluation date. */
function inD1D4NotA5A6(ev: Evaluation, code: string, role: string): boolean {
  const d1 = groupMembershipOn('D:1', code, ev.day);
  const d4 = groupMembershipOn('D:4', code, ev.day);
  if (!d1 && !d4) return false;
  const a = groupMembershipOn('A:5', code, ev.day) ?? groupMembershipOn('A:6', code, ev.day);
  const member = (d1 ?? d4)!;
  ev.fact(
    `${role} ${code} in Country Group ${d1 ? 'D:1' : 'D:4'}${a ? ' but also A:5/A:6' : ''}`,
    !a,
    member.source,
  );
  return !a;
}

/** The destinations the 3A090.b entry names besides the groups. */
function namedForMid(ev: Evaluation, code: string, role: string): boolean {
  const named = ev.param<readonly string[]>('mid.namedDestinations');
  if (!named.includes(code)) return false;
  ev.fact(`${role} ${code} named in the 3A090.b license requirements`, true, citeAc.uaeScope);
  return true;
}

const isMid = (item: ItemFacts) => item.classification?.class === 'mid';

/** Parameters the shared rules read; every framework that uses them includes these. */
export const advancedComputingParameters: readonly Parameter[] = [
  {
    id: 'mid.namedDestinations',
    description: 'Destinations the 3A090.b license requirement names besides Country Groups D:1, D:4 and D:5',
    values: [
      {
        from: d('2023-11-17'),
        value: ['AE'],
        source: `${citeAc.uaeScope} (eCFR 2026-07-23)`,
        note: 'the date the UAE was first named there is not verified; today’s text is used throughout',
      },
    ],
  },
  {
    id: 'china.h200CaseByCase',
    description:
      'Whether H200-class chips exported from the U.S. to China or Macau are reviewed case by case',
    values: [
      {
        from: d('2023-11-17'),
        value: false,
        source: '15 CFR 742.6(a)(6)(iii): presumption of denial for China before 2026',
      },
      { from: d('2026-01-15'), value: true, source: '91 FR 1684 (FR Doc 2026-00789), effective 2026-01-15' },
    ],
  },
  {
    id: 'china.destinations',
    description: 'Where the end users of the H200 lane must be located',
    values: [
      {
        from: d('2023-11-17'),
        value: ['CN', 'HK', 'MO'],
        source: '91 FR 1684: end users located in China (including Hong Kong) and Macau',
      },
    ],
  },
  {
    id: 'china.h200MaxTpp',
    description: 'H200-class: TPP strictly below this',
    unit: 'TPP',
    values: [{ from: d('2023-11-17'), value: 21_000, source: '91 FR 1684' }],
  },
  {
    id: 'china.h200MaxBandwidthGBs',
    description: 'H200-class: total DRAM bandwidth strictly below this',
    unit: 'GB/s',
    values: [{ from: d('2023-11-17'), value: 6500, source: '91 FR 1684' }],
  },
  {
    id: 'china.usAvailableBy',
    description:
      'The chip must have been commercially available in the U.S. on this date (the rule’s publication)',
    values: [{ from: d('2023-11-17'), value: '2026-01-15', source: '91 FR 1684 (summary, govinfo)' }],
  },
];

const nacConsequence = () =>
  consequence('license-exception', {
    authorization: 'NAC',
    requirements: [requirement('nac-notification', null, citeAc.nacNotification)],
  });
const acaConsequence = () => consequence('license-exception', { authorization: 'ACA' });

/**
 * 3A090.b items (spec/frameworks.md §1, §3 corrections): to D:5 or Macau, or to a party
 * headquartered or ultimately owned there → NAC with prior notification; an in-country transfer
 * within D:5 or Macau → ACA (89 FR 23876).
 */
const midNac: RuleDefinition = {
  id: 'mid.nac',
  title: '3A090.b item to D:5 or Macau, or to a party headquartered there: License Exception NAC',
  citation: citeAc.nac,
  overrides: ['mid.aca'],
  when: (ev, item) => {
    if (!isMid(item)) return false;
    ev.note('3A090.b item: the pre-existing 3A090.b rules apply (this framework did not change them)');
    return tier3DestinationOrParty(ev);
  },
  decide: (ev) =>
    ev.fact('transaction', ev.facts.request.transaction, 'request') === 'transfer'
      ? acaConsequence()
      : nacConsequence(),
};

/** 3A090.b item to D:1 or D:4 (not also A:5/A:6), or to the UAE the entry names → ACA. */
const midAca: RuleDefinition = {
  id: 'mid.aca',
  title: '3A090.b item to D:1, D:4 or the UAE: License Exception ACA',
  citation: citeAc.aca,
  overrides: ['mid.no-license'],
  when: (ev, item) => {
    if (!isMid(item)) return false;
    for (const place of ev.facts.destinations) {
      if (inD1D4NotA5A6(ev, place.country, place.role)) return true;
      if (namedForMid(ev, place.country, place.role)) {
        ev.uncertain(
          'uae-scope',
          'the 3A090.b entry names the UAE; whether ACA is available for it (the UAE is in A:5 today) is not settled in the sources',
          citeAc.uaeScope,
        );
        return true;
      }
    }
    return false;
  },
  decide: acaConsequence,
};

/** 3A090.b item elsewhere outside the United States → no license required by the 3A090.b entry. */
const midNoLicense: RuleDefinition = {
  id: 'mid.no-license',
  title: '3A090.b item to a destination the entry does not name: no license required',
  citation: citeAc.mid,
  overrides: ['us-destination'],
  when: (ev, item) => {
    if (!isMid(item)) return false;
    for (const place of ev.facts.destinations) if (place.code !== 'US') return true;
    return false;
  },
  decide: () => consequence('no-license-required'),
};

/** The 3A090.b rules, to be listed in a framework's chip decision beside `us-destination`. */
export const midRules: readonly RuleDefinition[] = [midNac, midAca, midNoLicense];
export const MID_RULE_IDS = midRules.map((r) => r.id);

/**
 * License Exception NAC for 3A090.a items not designed or marketed for data centers to D:5,
 * Macau or parties headquartered there (Note to 3A090; 15 CFR 740.8(a)(2)); an in-country
 * transfer within D:5 or Macau takes ACA. An exception to the framework's Tier 3 rule.
 */
export function tier3NacRule(overrides: readonly string[]): RuleDefinition {
  return {
    id: 'tier3-nac',
    title: 'IC not designed or marketed for data centers to Tier 3: License Exception NAC',
    citation: citeAc.nac,
    overrides,
    when: (ev, item) =>
      !ev.fact('designed or marketed for data centers', item.datacenter, 'chip data') &&
      tier3DestinationOrParty(ev),
    decide: (ev) =>
      ev.fact('transaction', ev.facts.request.transaction, 'request') === 'transfer'
        ? acaConsequence()
        : nacConsequence(),
  };
}

/**
 * Every advanced chip in the request is "H200-class": TPP < 21,000 and DRAM bandwidth < 6,500
 * GB/s (strict), and commercially available in the U.S. when 91 FR 1684 was published. A chip
 * whose bandwidth is unknown is an error only when the answer depends on it.
 */
function everyChipH200Class(ev: Evaluation): boolean {
  const maxTpp = ev.param<number>('china.h200MaxTpp');
  const maxBandwidth = ev.param<number>('china.h200MaxBandwidthGBs');
  const availableBy = ev.param<string>('china.usAvailableBy');
  let unknownBandwidth: ItemFacts | undefined;
  for (const item of ev.facts.items) {
    if (item.classification?.class !== 'advanced') continue;
    if (!ev.cmp(`${item.label}: TPP per chip`, item.classification.tpp, '<', maxTpp)) return false;
    const since = item.usCommerciallyAvailableSince;
    if (since === null || since > availableBy) {
      ev.fact(
        `${item.label}: commercially available in the U.S. on ${availableBy}`,
        false,
        since ?? 'not stated',
      );
      return false;
    }
    if (item.memoryBandwidthGBs === null) {
      unknownBandwidth ??= item;
      continue;
    }
    if (!ev.cmp(`${item.label}: DRAM bandwidth GB/s`, item.memoryBandwidthGBs, '<', maxBandwidth))
      return false;
  }
  if (unknownBandwidth) {
    throw InputError.single(
      'missing_memory_bandwidth',
      ['items', unknownBandwidth.index, 'customChip', 'memoryBandwidthGBs'],
      `is required: whether "${unknownBandwidth.label}" is H200-class (91 FR 1684) depends on its DRAM bandwidth`,
    );
  }
  return true;
}

/**
 * The H200 lane (91 FR 1684, effective 2026-01-15; spec/frameworks.md §5 corrections): an export
 * from the United States of H200-class chips to end users located in China or Macau is reviewed
 * case by case with five certifications. A reexport or in-country transfer, an end user or
 * consignee headquartered (or ultimately owned) in another D:5 country, or in Macau when located
 * elsewhere, stays under presumption of denial (the framework's Tier 3 rule).
 */
export function h200LaneRule(overrides: readonly string[]): RuleDefinition {
  return {
    id: 'tier3-china-h200',
    title: 'H200-class chips exported from the U.S. to end users in China or Macau: case-by-case review',
    citation: `${citeAc.h200}: case-by-case review for H200-class chips to China and Macau`,
    overrides,
    when: (ev) => {
      const { request, destinations, affiliations } = ev.facts;
      // Where the items go first: most requests are not for China or Macau at all.
      const china = ev.param<readonly string[]>('china.destinations');
      for (const place of destinations) {
        if (!china.includes(place.code)) return ev.fact(NOT_CHINA, false, citeAc.h200);
      }
      if (!ev.param<boolean>('china.h200CaseByCase')) return false;
      if (ev.fact('transaction', request.transaction, 'request') !== 'export') return false;
      if (ev.fact('shipped from', request.origin, 'request') !== 'US') return false;
      const located = destinations.map((p) => p.country);
      for (const party of affiliations) {
        const other = party.country !== 'CN' && party.country !== 'MO';
        const macauElsewhere = party.country === 'MO' && located.some((c) => c !== 'MO');
        if ((other || macauElsewhere) && inTier3(ev, party.code, party.role)) {
          ev.note(
            `${party.role} ${party.code}: a D:5 or Macau headquarters outside the lane keeps the denial`,
          );
          return false;
        }
      }
      return everyChipH200Class(ev);
    },
    decide: () =>
      consequence('license-required', {
        licensePolicy: 'case-by-case',
        requirements: h200Requirements,
      }),
  };
}

const NOT_CHINA = 'ship-to and every party located in China or Macau';

const h200Requirements: readonly Requirement[] = [
  requirement('third-party-testing', null, citeAc.h200Testing),
  requirement('kyc', null, citeAc.h200Kyc),
  requirement('china-volume-cap', null, citeAc.h200Volume),
  requirement('us-supply-certification', null, citeAc.h200Supply),
  requirement('foundry-capacity-certification', null, citeAc.h200Foundry),
];

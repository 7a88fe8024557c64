import { d } from '../../domain/dates.js';
import type { Parameter } from '../../rules/parameters.js';
import { advancedComputingParameters } from '../advanced-computing.js';
import { tier3AdditionalParameter } from '../common.js';

const IFR = '90 FR 4544 (2025-01-15), effective 2025-01-13';
const EFFECTIVE = d('2025-01-13');

/** Supp. No. 5 to part 740, paragraph (a), plus the United States. */
export const TIER_1: readonly string[] = [
  'US',
  'AU',
  'BE',
  'CA',
  'DK',
  'FI',
  'FR',
  'DE',
  'IE',
  'IT',
  'JP',
  'NL',
  'NZ',
  'NO',
  'KR',
  'ES',
  'SE',
  'TW',
  'GB',
];

export const parameters: readonly Parameter[] = [
  {
    id: 'tiers.tier1',
    description: 'Tier 1: destinations of Supp. No. 5 to part 740, paragraph (a), plus the United States',
    values: [
      {
        from: EFFECTIVE,
        value: TIER_1,
        source: `15 CFR 740 Supp. No. 5(a), ${IFR}`,
      },
    ],
  },
  tier3AdditionalParameter,
  ...advancedComputingParameters,
  {
    id: 'veu.uveuHeadquarters',
    description: 'Where a Universal VEU must be headquartered (Tier 1)',
    values: [
      {
        from: EFFECTIVE,
        value: TIER_1,
        source: `15 CFR 748.15 (Data Center VEU), ${IFR}`,
      },
    ],
  },
  {
    id: 'veu.uveuMaxShareAnyTier2Country',
    description: "Most of a UVEU's total AI compute it may hold in any one Tier 2 country",
    unit: 'fraction',
    values: [{ from: EFFECTIVE, value: 0.07, source: `15 CFR 748.15, ${IFR}` }],
  },
  {
    id: 'veu.uveuMinShareTier1',
    description: "Least of a UVEU's total AI compute it must keep in Tier 1",
    unit: 'fraction',
    values: [{ from: EFFECTIVE, value: 0.75, source: `15 CFR 748.15, ${IFR}` }],
  },
  {
    id: 'veu.uveuMinShareUsForUsHeadquartered',
    description: 'Least share a US-headquartered UVEU must keep in the United States',
    unit: 'fraction',
    values: [{ from: EFFECTIVE, value: 0.5, source: `15 CFR 748.15, ${IFR}` }],
  },
  {
    id: 'lpp.thresholdTpp',
    description: 'Low Processing Performance: cumulative TPP per ultimate consignee per calendar year',
    unit: 'TPP',
    values: [
      {
        from: EFFECTIVE,
        value: 26_900_000,
        source: `15 CFR 740.29 (LPP), ${IFR}; ≈ 1,699 H100 (seed 002_1f029dfe555180ab.txt: "below 1,700 H100 equivalent units")`,
      },
    ],
  },
  {
    id: 'allocation.countryCapTpp',
    description:
      'Tier 2 country allocation, 2025–2027 cumulative, without a government-to-government agreement',
    unit: 'TPP',
    values: [
      {
        from: EFFECTIVE,
        value: 790_000_000,
        source: `${IFR}, Supp. No. 5 to part 740(b)(2); 49,901 H100e (SemiAnalysis; research/regulatory-facts.md)`,
      },
    ],
  },
  {
    id: 'allocation.countryCapWithAgreementTpp',
    description: 'Tier 2 country allocation when a government-to-government agreement is in place (doubled)',
    unit: 'TPP',
    values: [
      {
        from: EFFECTIVE,
        value: 1_580_000_000,
        source: `${IFR}; 99,802 H100e with a G2G agreement (SemiAnalysis; research/regulatory-facts.md)`,
      },
    ],
  },
  {
    id: 'modelWeights.trainingOpsThreshold',
    description: 'Closed model weights are controlled from this many training operations ("10^26 or more")',
    unit: 'operations',
    // Seed 003 says "10^23 parameters": an error in that document; the rule counts training
    // operations (spec/frameworks.md §3). The preamble and press say "more than"; the CFR's
    // heading says "10^26 or more", and the CFR text controls.
    values: [
      {
        from: EFFECTIVE,
        value: 1e26,
        source: `ECCN 4E091 heading: "trained utilizing 10^26 or more 'operations'" (eCFR 2026-07-23), ${IFR}`,
      },
    ],
  },
];

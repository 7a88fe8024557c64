import { d } from '../../domain/dates.js';
import type { Parameter } from '../../rules/parameters.js';
import { advancedComputingParameters } from '../advanced-computing.js';
import { tier3AdditionalParameter } from '../common.js';
import { parameters as diffusionParameters } from '../us-ai-diffusion-2025/parameters.js';

const SEEDS = 'seeds 000_af86b0d64553dd15.txt, 001_d7314c7397f87934.txt (Reuters, 2026-03-05)';
const FROM = d('2023-11-17');

export const parameters: readonly Parameter[] = [
  tier3AdditionalParameter,
  {
    id: 'installation.unit',
    description: 'Unit of the installation size N: "chips", or "gb300-equivalents" (TPP ÷ 58,484)',
    values: [
      {
        from: FROM,
        value: 'chips',
        // Sources disagree: Reuters (seed 001) counts chips; Bloomberg counts GB300-equivalents.
        // Reuters's document is the one the seeds quote, so chips are the default; a reform can switch.
        source: `seed 001_d7314c7397f87934.txt ("installations of less than 1,000 chips"); cf. Bloomberg 2026-03-05 (GB300-equivalents)`,
      },
    ],
  },
  {
    id: 'installation.smallBelow',
    description: 'Installations below this size may use the small-installation exemption',
    unit: 'chips',
    values: [
      { from: FROM, value: 1000, source: `${SEEDS}: "small chip installations of less than 1,000 chips"` },
    ],
  },
  {
    id: 'installation.g2gAssuranceFrom',
    description: 'From this size: exporter monitoring and government-to-government assurances',
    unit: 'chips',
    values: [
      {
        from: FROM,
        value: 1000,
        source: `${SEEDS}: "up to 100,000 chips would need … government-to-government assurances"`,
      },
    ],
  },
  {
    id: 'installation.siteVisitAbove',
    description: 'Above this size: visits by U.S. export-control officials',
    unit: 'chips',
    values: [
      {
        from: FROM,
        value: 100_000,
        source: `${SEEDS}: "installations of up to 200,000 chips could also require visits"`,
      },
    ],
  },
  {
    id: 'installation.investmentFrom',
    description: 'From this size: U.S. AI investment or security guarantees',
    unit: 'chips',
    values: [{ from: FROM, value: 200_000, source: `${SEEDS}: "exports of 200,000 chips or more"` }],
  },
  {
    id: 'investment.ratio',
    description:
      'Committed U.S. investment per dollar of chips exported that satisfies the investment requirement',
    unit: 'USD per USD',
    values: [
      {
        from: FROM,
        value: 1.0,
        source: 'research/regulatory-facts.md: UAE licenses required $1 of U.S. AI investment per $1 spent',
      },
    ],
  },
  ...advancedComputingParameters,
  {
    id: 'modelWeights.cfrRuleInForce',
    description: 'Whether the CFR holds a model-weights rule (ECCN 4E091) on the date',
    values: [
      { from: FROM, value: false, source: 'no ECCN 4E091 before the Diffusion rule' },
      { from: d('2025-01-13'), value: true, source: 'ECCN 4E091 (90 FR 4544, effective 2025-01-13)' },
    ],
  },
  // The CFR's 4E091 rule, read for model weights (the draft is silent on them).
  ...diffusionParameters.filter(
    (p) => p.id === 'tiers.tier1' || p.id === 'modelWeights.trainingOpsThreshold',
  ),
];

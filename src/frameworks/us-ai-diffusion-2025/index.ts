import { d } from '../../domain/dates.js';
import type { FrameworkDefinition } from '../../rules/types.js';
import { parameters } from './parameters.js';
import { chipRules, modelWeightRules } from './rules.js';

export const usAiDiffusion2025: FrameworkDefinition = {
  kind: 'framework',
  id: 'us-ai-diffusion-2025',
  title: 'Framework for Artificial Intelligence Diffusion (interim final rule)',
  summary:
    'Three country tiers; Tier 1 through License Exception AIA; Tier 2 through ACA, VEUs, LPP (26.9 M TPP per ' +
    'consignee per year) or licenses against a country allocation; Tier 3 presumption of denial; controls on ' +
    'closed model weights above 10^26 training operations.',
  citation: '90 FR 4544',
  sources: [
    { ref: '90 FR 4544', title: 'FR Doc 2025-00636, 90 FR 4544–4584, published 2025-01-15 (RIN 0694-AJ90)' },
    {
      ref: 'seed 004_a6eacdc14308abe1.txt',
      title: 'Navigating the U.S. Framework for Artificial Intelligence Diffusion',
    },
    { ref: 'seed 003_69c65a61de55a417.txt', title: 'New US AI-Export Rules (overview)' },
    {
      ref: 'gao.gov/products/b-337935',
      title: 'GAO B-337935: the non-enforcement release is a rule; the IFR remains in effect',
    },
  ],
  timeline: [
    // Effective 2025-01-13, but "exporters … are not required to comply with the changes made in
    // this rule until 120 days from date of publication" (bis.gov/advanced-compute-resources):
    // compliance deferred until 2025-05-15, and non-enforcement began two days before that.
    {
      date: d('2025-01-13'),
      event: 'Interim final rule effective; compliance deferred until 2025-05-15',
      status: 'compliance-deferred',
      source: '90 FR 4544; bis.gov/advanced-compute-resources (compliance date)',
    },
    { date: d('2025-01-15'), event: 'Published in the Federal Register', source: 'FR Doc 2025-00636' },
    // Sources disagree: 12 or 13 May for the non-enforcement announcement; BIS's release and
    // GAO B-337935 date it 13 May, which is used.
    {
      date: d('2025-05-13'),
      event: 'BIS announces it will not enforce the rule and plans to rescind it (still in the CFR)',
      status: 'not-enforced',
      source: 'bis.gov; gao.gov/products/b-337935',
    },
    {
      date: d('2025-05-15'),
      event: 'Planned compliance date (never reached in enforcement)',
      source: 'bis.gov/advanced-compute-resources',
    },
    {
      date: d('2026-01-15'),
      event:
        'CFR amended: case-by-case review for H200-class chips exported from the U.S. to China and Macau',
      source: '91 FR 1684',
    },
    {
      date: d('2026-05-12'),
      event: 'GAO: the non-enforcement release is a CRA rule; IFR remains in effect',
      source: 'gao.gov/products/b-337935',
    },
  ],
  coverage: { from: d('2025-01-13'), to: null, note: 'the interim final rule took effect on 2025-01-13' },
  parameters,
  decisions: { chips: chipRules, modelWeights: modelWeightRules },
};

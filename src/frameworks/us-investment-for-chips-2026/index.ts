import { d } from '../../domain/dates.js';
import type { FrameworkDefinition } from '../../rules/types.js';
import { parameters } from './parameters.js';
import { chipRules, modelWeightRules } from './rules.js';

export const usInvestmentForChips2026: FrameworkDefinition = {
  kind: 'framework',
  id: 'us-investment-for-chips-2026',
  title: 'Investment-for-chips model (March 2026 draft rule)',
  summary:
    'Global licensing scaled by installation size: below 1,000 chips exempt with exporter monitoring and ' +
    'anti-clustering software; from 1,000 government-to-government assurances; above 100,000 site visits; from ' +
    '200,000 U.S. investment or security guarantees. H200-class chips to China case by case. Withdrawn from review.',
  citation: 'seeds 000_af86b0d64553dd15.txt, 001_d7314c7397f87934.txt',
  sources: [
    {
      ref: 'seed 000_af86b0d64553dd15.txt',
      title: "US Proposes 'Investment-for-Chips' Model for Global AI Export Framework",
    },
    { ref: 'seed 001_d7314c7397f87934.txt', title: 'Reuters, 2026-03-05: draft seen by Reuters' },
    {
      ref: '91 FR 1684',
      title: 'FR Doc 2026-00789: case-by-case review for H200-class chips to China/Macau',
    },
  ],
  timeline: [
    {
      date: d('2023-11-17'),
      event: 'No such draft yet: answers for dates before the report are what-ifs',
      status: 'not-yet-proposed',
      source: 'seed 001_d7314c7397f87934.txt (reported 2026-03-05)',
    },
    {
      date: d('2026-01-15'),
      event: 'H200-class case-by-case rule for China effective (91 FR 1684)',
      source: '91 FR 1684',
    },
    {
      date: d('2026-02-26'),
      event: 'Draft "AI Action Plan Implementation" rule sent to OIRA',
      source: 'letsdatascience.com',
    },
    {
      date: d('2026-03-05'),
      event: 'Reuters and Bloomberg report the draft',
      status: 'proposed',
      source: 'seed 001_d7314c7397f87934.txt',
    },
    // Sources disagree: withdrawn 13 or 15 March 2026; the OIRA record date, 13 March, is used.
    {
      date: d('2026-03-13'),
      event: 'Draft withdrawn from OIRA review',
      status: 'withdrawn',
      source: 'a47news.ai; research/regulatory-facts.md',
    },
  ],
  coverage: {
    from: d('2023-11-17'),
    to: null,
    note: 'evaluated as a what-if from 2023-11-17, when the TPP/PD-based 3A090 thresholds it relies on took effect',
  },
  parameters,
  decisions: { chips: chipRules, modelWeights: modelWeightRules },
};

import { d, dayNumber } from '../../domain/dates.js';
import type { AnnotateContext, FrameworkDefinition, UncertainReading } from '../../rules/types.js';
import { LAW } from './law.js';
import { COVERAGE_FROM, parameters } from './parameters.js';
import { chipRules, modelWeightRules } from './rules.js';

export const US_EAR_ENFORCED = 'us-ear-enforced';

/** "license exception LPP", "license required, presumption of denial". */
const answer = (c: NonNullable<AnnotateContext['cfrText']>): string =>
  `${c.outcome.replace(/-/g, ' ')}${c.authorization ? ` ${c.authorization}` : ''}` +
  `${c.licensePolicy ? `, ${c.licensePolicy.replace(/-/g, ' ')}` : ''}`;

const differs = (c: AnnotateContext): boolean =>
  c.cfrText !== null &&
  (c.cfrText.outcome !== c.outcome ||
    c.cfrText.authorization !== c.authorization ||
    c.cfrText.licensePolicy !== c.licensePolicy);

/**
 * The doubts that belong to the request and date rather than to one rule: where the CFR's text
 * answers otherwise, and the Affiliates Rule (spec/frameworks.md §8).
 */
function annotate(c: AnnotateContext): UncertainReading[] {
  if (c.outcome === 'out-of-coverage') return [];
  const out: UncertainReading[] = [];
  if (differs(c)) {
    const from = c.param<string>('diffusion.nonEnforcementFrom');
    if (c.day < dayNumber(from)) {
      out.push({
        code: 'diffusion-compliance-deferred',
        note: `the CFR text (Diffusion rule, in effect from 2025-01-13) answers ${answer(c.cfrText!)}; compliance with its changes was not required until 2025-05-15, so the pre-Diffusion rules governed`,
        citation: LAW.bisRelease,
      });
    } else {
      out.push({
        code: 'diffusion-non-enforcement',
        note: `the CFR text (Diffusion rule) answers ${answer(c.cfrText!)}; BIS has not enforced it since 2025-05-13, but GAO B-337935 holds that the non-enforcement release is a rule never submitted under the Congressional Review Act`,
        citation: LAW.gao,
      });
    }
  }
  const affiliates = c.param<string>('affiliates.status');
  if (affiliates === 'in-effect' || affiliates === 'reimposed-unless-extended') {
    out.push({
      code: 'affiliates-rule',
      note:
        affiliates === 'in-effect'
          ? 'the Affiliates Rule is in effect: an entity 50 % or more owned by listed parties is treated as listed; ownership is not screened here'
          : 'the Affiliates Rule came back on 2026-11-10 unless its suspension was extended again (no extension found): an entity 50 % or more owned by listed parties may be treated as listed; ownership is not screened here',
      citation: LAW.affiliates,
    });
  }
  return out;
}

export const usEarEnforced: FrameworkDefinition = {
  kind: 'framework',
  id: US_EAR_ENFORCED,
  title: 'Export controls on advanced computing ICs as BIS enforces them',
  summary:
    'The enforced law: licenses for 3A090 / 4A090 items to Macau and D:5 (presumption of denial; NAC for ' +
    '3A090.b and non-data-center items), to D:1 / D:4 destinations not in A:5 / A:6 and the UAE (ACA for ' +
    'eligible items), to entities headquartered in D:5 or Macau anywhere, and the H200 lane of 91 FR 1684; the ' +
    'Diffusion rule (in the CFR, not enforced) answers beside it.',
  citation: LAW.sec742_6,
  sources: [
    { ref: LAW.eccn3a090, title: 'Commerce Control List, eCFR of 2026-07-23' },
    { ref: LAW.sec742_6, title: 'Regional stability license requirements for advanced computing items' },
    { ref: LAW.sec744_23, title: 'Headquarters rule (88 FR 73458, 2023-11-17)' },
    { ref: LAW.sec7408, title: 'License Exceptions NAC and ACA (89 FR 23876)' },
    { ref: LAW.fr91_1684, title: 'H200-class exports to China (effective 2026-01-15)' },
    { ref: LAW.bisRelease, title: 'BIS: the Diffusion rule will not be enforced' },
    { ref: LAW.bisGuidance, title: 'BIS guidance on the requirements enforced' },
    { ref: LAW.gao, title: 'GAO: the non-enforcement release is a rule under the CRA' },
  ],
  timeline: [
    {
      date: d('2023-11-17'),
      event: '88 FR 73458: 3A090 thresholds, D:1/D:4/D:5 destination scope, headquarters rule',
      status: 'in-force',
      source: LAW.fr88_73458,
    },
    {
      date: COVERAGE_FROM,
      event: '89 FR 23876: NAC split into NAC and ACA (coverage begins)',
      source: LAW.fr89_23876,
    },
    {
      date: d('2024-12-02'),
      event: '89 FR 96790: 3A090.c (HBM) and License Exception HBM',
      source: LAW.fr89_96790,
    },
    {
      date: d('2025-01-13'),
      event:
        'Diffusion rule in effect in the CFR (compliance deferred to 2025-05-15): the CFR text answer begins',
      source: LAW.fr90_4544,
    },
    { date: d('2025-05-13'), event: 'BIS will not enforce the Diffusion rule', source: LAW.bisRelease },
    { date: d('2025-11-07'), event: 'Cambodia off the State list: no longer D:5', source: LAW.itar1261 },
    { date: d('2026-01-15'), event: '91 FR 1684: H200 lane for exports to China', source: LAW.fr91_1684 },
    { date: d('2026-05-12'), event: 'GAO B-337935', source: LAW.gao },
    { date: d('2026-11-10'), event: 'Affiliates Rule back unless extended', source: LAW.affiliates },
  ],
  coverage: {
    from: COVERAGE_FROM,
    to: null,
    note: 'the enforced rules are formalised from 2024-04-04, when 89 FR 23876 split License Exception NAC into NAC and ACA',
  },
  cfrText: { framework: 'us-ai-diffusion-2025', annotate },
  parameters,
  decisions: { chips: chipRules, modelWeights: modelWeightRules },
};

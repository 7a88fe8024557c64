import { GB300_EQUIVALENT_TPP } from '../../classify/thresholds.js';
import type { Evaluation } from '../../rules/evaluation.js';
import type { Requirement, RuleDefinition } from '../../rules/types.js';
import { h200LaneRule, MID_RULE_IDS, midRules, tier3NacRule } from '../advanced-computing.js';
import {
  consequence,
  notAdvancedRule,
  requirement,
  tier3DestinationOrParty,
  usDestinationRule,
} from '../common.js';
import { entityListRule } from '../entity-list.js';
import { modelWeightRules as diffusionWeightRules } from '../us-ai-diffusion-2025/rules.js';

/**
 * The March 2026 draft "investment-for-chips" model (seeds 000, 001): no ally exemption; the
 * license requirements grow with the size N of the installation (spec/frameworks.md §5).
 */
const SEED_000 = 'seed 000_af86b0d64553dd15.txt';
const SEED_001 = 'seed 001_d7314c7397f87934.txt';

export const cite = {
  tier3: `${SEED_001} ("would not affect blacklisted countries"); 15 CFR 744.23 (D:5 and Macau)`,
  small: `${SEED_001}: exemption below 1,000 chips if the exporter monitors and the recipient runs anti-clustering software`,
  monitoring: `${SEED_000}; ${SEED_001} (exporters monitor chip usage)`,
  antiClustering: `${SEED_001} (software that does not allow the chips to be linked into a cluster)`,
  g2g: `${SEED_001} ("up to 100,000 chips would need … government-to-government assurances")`,
  siteVisit: `${SEED_001} ("installations of up to 200,000 chips could also require visits")`,
  investment: `${SEED_001} ("invest in U.S. AI data centers or security guarantees … 200,000 chips or more"); ${SEED_000}`,
  weights: `${SEED_001} (the draft does not address model weights)`,
};

/** N = chips already at the installation + advanced chips in this request, in the configured unit. */
function installationSize(ev: Evaluation): number {
  const { request, advancedChips, advancedTpp } = ev.facts;
  const unit = ev.param<'chips' | 'gb300-equivalents'>('installation.unit');
  const existing = request.installation.existingChips;
  const incoming = unit === 'chips' ? advancedChips : advancedTpp / GB300_EQUIVALENT_TPP;
  return ev.fact(
    `installation size N (${unit}: existing ${existing} + this request)`,
    existing + incoming,
    'request',
  );
}

const tier3: RuleDefinition = {
  id: 'tier3',
  title: 'Tier 3 destination or end user headquartered or parented in Tier 3',
  citation: cite.tier3,
  overrides: ['small-installation-exemption'],
  when: tier3DestinationOrParty,
  decide: () => consequence('license-required', { licensePolicy: 'presumption-of-denial' }),
};

function smallInstallationRequirements(ev: Evaluation): Requirement[] {
  const { assurances } = ev.facts.request;
  return [
    requirement(
      'exporter-monitoring',
      ev.fact('exporter monitoring agreed', assurances.exporterMonitoring, 'assurances'),
      cite.monitoring,
    ),
    requirement(
      'anti-clustering-software',
      ev.fact('anti-clustering software agreed', assurances.antiClusteringSoftware, 'assurances'),
      cite.antiClustering,
    ),
  ];
}

function isSmall(ev: Evaluation): boolean {
  return ev.cmp(
    'installation size N',
    installationSize(ev),
    '<',
    ev.param<number>('installation.smallBelow'),
  );
}

/** N < 1,000 with both exporter monitoring and anti-clustering software → exemption. */
const smallInstallationExemption: RuleDefinition = {
  id: 'small-installation-exemption',
  title: 'Small installation with exporter monitoring and anti-clustering software: exempt',
  citation: cite.small,
  overrides: ['small-installation-license'],
  when: (ev) => {
    const { exporterMonitoring, antiClusteringSoftware } = ev.facts.request.assurances;
    return (
      isSmall(ev) &&
      ev.fact(
        'both monitoring and anti-clustering agreed',
        exporterMonitoring && antiClusteringSoftware,
        'assurances',
      )
    );
  },
  decide: (ev) =>
    consequence('license-exception', {
      authorization: 'SMALL-INSTALLATION',
      requirements: smallInstallationRequirements(ev),
    }),
};

/** N < 1,000 without both → license, case by case, the missing condition(s) unsatisfied. */
const smallInstallationLicense: RuleDefinition = {
  id: 'small-installation-license',
  title: 'Small installation without both monitoring and anti-clustering: license, case by case',
  citation: cite.small,
  overrides: ['installation-license'],
  when: isSmall,
  decide: (ev) =>
    consequence('license-required', {
      licensePolicy: 'case-by-case',
      requirements: smallInstallationRequirements(ev),
    }),
};

/**
 * N ≥ 1,000: a license whose requirements accumulate by band; approval when every
 * requirement is satisfied by the assurances given, otherwise case by case.
 */
const installationLicense: RuleDefinition = {
  id: 'installation-license',
  title: 'Installation of 1,000 chips or more: license with banded requirements',
  citation: `${SEED_001}; ${SEED_000}`,
  when: () => true,
  decide: (ev) => {
    const { assurances } = ev.facts.request;
    const n = installationSize(ev);
    const requirements: Requirement[] = [];
    if (ev.cmp('installation size N', n, '>=', ev.param<number>('installation.g2gAssuranceFrom'))) {
      requirements.push(
        requirement(
          'exporter-monitoring',
          ev.fact('exporter monitoring agreed', assurances.exporterMonitoring, 'assurances'),
          cite.monitoring,
        ),
        requirement(
          'g2g-assurance',
          ev.fact('government-to-government assurances given', assurances.g2gAssurances, 'assurances'),
          cite.g2g,
        ),
      );
    }
    if (ev.cmp('installation size N', n, '>', ev.param<number>('installation.siteVisitAbove'))) {
      requirements.push(
        requirement(
          'site-visit',
          ev.fact('site visits accepted', assurances.siteVisitsAccepted, 'assurances'),
          cite.siteVisit,
        ),
      );
    }
    if (ev.cmp('installation size N', n, '>=', ev.param<number>('installation.investmentFrom'))) {
      requirements.push(
        requirement('us-investment-or-security-guarantee', investmentSatisfied(ev), cite.investment),
      );
    }
    const allMet = requirements.every((r) => r.satisfied === true);
    return consequence('license-required', {
      licensePolicy: allMet ? 'presumption-of-approval' : 'case-by-case',
      requirements,
    });
  },
};

/** A security guarantee, or committed U.S. investment ≥ ratio × the request's value; unknown without prices. */
function investmentSatisfied(ev: Evaluation): boolean | null {
  const { assurances } = ev.facts.request;
  if (ev.fact('security guarantee offered', assurances.securityGuarantee, 'assurances')) return true;
  const value = ev.facts.advancedValueUsd;
  if (value === null) {
    ev.note(
      'the request gives no unit prices for every advanced chip, so the investment test cannot be made',
    );
    return null;
  }
  const ratio = ev.param<number>('investment.ratio');
  return ev.cmp('committed U.S. investment (USD)', assurances.usInvestmentUsd, '>=', ratio * value);
}

export const chipRules: readonly RuleDefinition[] = [
  entityListRule(['scope.not-advanced', MID_RULE_IDS[0]!]),
  notAdvancedRule,
  ...midRules,
  usDestinationRule(['tier3-nac']),
  tier3NacRule(['tier3-china-h200']),
  h200LaneRule(['tier3']),
  tier3,
  smallInstallationExemption,
  smallInstallationLicense,
  installationLicense,
];

/**
 * Model weights: the draft is silent on them (seed 001: it "did not touch on exports of … model
 * weights"), so the rule already in the CFR stands: the Diffusion rule's 4E091 rules, with an
 * explanation and an `uncertain` entry saying the draft is silent (spec/frameworks.md §5 step 5).
 */
const [, ...cfrWeightRules] = diffusionWeightRules;

/** Before 2025-01-13 the CFR had no 4E091 rule to leave in place. */
const weightsBefore4e091: RuleDefinition = {
  id: 'weights.before-4e091',
  title: 'Model weights before ECCN 4E091 existed (2025-01-13): not controlled',
  citation: `${cite.weights}; ECCN 4E091 (90 FR 4544, effective 2025-01-13)`,
  overrides: ['weights.published'],
  when: (ev) => {
    ev.note(
      'the March 2026 draft does not address model weights: the rule already in the CFR (ECCN 4E091) stands',
    );
    ev.uncertain(
      'draft-silent-on-weights',
      'the draft does not address model weights; the answer is the CFR rule it would have left in place',
      cite.weights,
    );
    return !ev.param<boolean>('modelWeights.cfrRuleInForce');
  },
  decide: () => consequence('not-controlled'),
};

/**
 * Model weights: the draft is silent on them (seed 001: it "did not touch on exports of … model
 * weights"), so the rule already in the CFR stands: the Diffusion rule's 4E091 rules, with an
 * explanation and an `uncertain` entry saying the draft is silent (spec/frameworks.md §5 step 5).
 */
export const modelWeightRules: readonly RuleDefinition[] = [
  entityListRule(['weights.before-4e091']),
  weightsBefore4e091,
  ...cfrWeightRules,
];

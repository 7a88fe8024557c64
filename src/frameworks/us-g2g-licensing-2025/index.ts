import { d } from '../../domain/dates.js';
import type { ReformDefinition, RuleDefinition } from '../../rules/types.js';
import { consequence, requirement } from '../common.js';

/**
 * The revision reported on 2025-04-29 (seed 002_1f029dfe555180ab.txt): the three tiers are
 * replaced by government-to-government licensing, and the notification threshold drops from
 * ~1,700 to ~500 H100e. A patch over us-ai-diffusion-2025, not a copy (spec/frameworks.md §4).
 */
const SEED = 'seed 002_1f029dfe555180ab.txt';
const TIERS_REMOVED =
  'the Tier 1 / Tier 2 distinction is removed: every destination other than the US and Tier 3 follows the Tier 2 path';

/**
 * Step (e) replaced: a license in every case; with a government-to-government agreement the
 * policy is approval and the `g2g-agreement` requirement is met, without one it is denial.
 * No country allocation; an agreement that carries its own cap is counted against it.
 */
const g2gLicense: RuleDefinition = {
  id: 'license-required-allocation',
  title: 'License required; approval only under a government-to-government agreement',
  citation: `${SEED} (bilateral government-to-government licensing)`,
  when: () => true,
  decide: (ev, item) => {
    const { request, advancedTpp } = ev.facts;
    const { assurances, history, destination } = request;
    const citation = `${SEED}`;
    if (!ev.fact('government-to-government agreement in place', assurances.g2gAgreement, 'assurances')) {
      return consequence('license-required', {
        licensePolicy: 'presumption-of-denial',
        requirements: [requirement('g2g-agreement', false, citation)],
      });
    }
    const cap = assurances.g2gAgreementCapTpp;
    if (cap === null) {
      ev.note('the agreement carries no cap of its own');
      return consequence('license-required', {
        licensePolicy: 'presumption-of-approval',
        requirements: [requirement('g2g-agreement', true, citation)],
      });
    }
    const used = history.agreementUsedTpp;
    if (
      !ev.cmp("TPP drawn under the agreement + this request's advanced TPP", used + advancedTpp, '<=', cap)
    ) {
      ev.note("the request exceeds the agreement's cap: the agreement does not cover it");
      return consequence('license-required', {
        licensePolicy: 'presumption-of-denial',
        requirements: [requirement('g2g-agreement', false, citation)],
      });
    }
    return consequence('license-required', {
      licensePolicy: 'presumption-of-approval',
      requirements: [requirement('g2g-agreement', true, citation)],
      quota: [{ pool: `agreement:${destination}`, tpp: item.tpp, limit: cap, usedBefore: used }],
    });
  },
};

export const usG2gLicensing2025: ReformDefinition = {
  kind: 'reform',
  base: 'us-ai-diffusion-2025',
  id: 'us-g2g-licensing-2025',
  title: 'Government-to-government licensing (reported revision of the AI Diffusion rule)',
  summary:
    'Tiers 1 and 2 merged: outside the US and Tier 3, licenses are approved under bilateral agreements; the ' +
    'notification (LPP) threshold falls to 500 H100e (7,916,000 TPP); no country allocation. Never adopted.',
  citation: SEED,
  sources: [
    {
      ref: SEED,
      title: 'US to Implement Bilateral Licensing Framework for AI Chips (Reuters report, 2025-04-29)',
    },
    { ref: 'benzinga.com/25/04/45090935', title: 'Reuters via Benzinga, 2025-04-29/30' },
  ],
  // Status labels that mean what they say (spec/frameworks.md §4; issue of 2026-12): before the
  // report the answer is a what-if; after 2025-05-13 the plan was overtaken and never published.
  timeline: [
    {
      date: d('2025-01-13'),
      event: 'Not yet reported: answers for earlier dates are what-ifs over the Diffusion rule',
      status: 'not-yet-proposed',
      source: SEED,
    },
    {
      date: d('2025-04-29'),
      event: 'Reuters reports the planned revision',
      status: 'proposed',
      source: SEED,
    },
    {
      date: d('2025-05-13'),
      event: 'BIS stops enforcing the Diffusion rule; the revision is abandoned, never published',
      status: 'abandoned',
      source: 'BIS press release 2025-05-13; GAO B-337935',
    },
  ],
  coverage: {
    from: d('2025-01-13'),
    to: null,
    note: 'a patch over the AI Diffusion rule, which took effect on 2025-01-13',
  },
  patches: [
    { op: 'neutralize-rule', decision: 'chips', rule: 'aia', reason: TIERS_REMOVED, citation: SEED },
    {
      op: 'neutralize-rule',
      decision: 'chips',
      rule: 'tier1-hq-outside-tier1',
      reason: TIERS_REMOVED,
      citation: SEED,
    },
    {
      op: 'set-parameter',
      reason: 'notification threshold lowered from ~1,700 to ~500 H100e',
      parameter: {
        id: 'lpp.thresholdTpp',
        description: 'Notification threshold: cumulative TPP per consignee per calendar year (500 H100e)',
        unit: 'TPP',
        values: [
          {
            from: d('2025-01-13'),
            value: 7_916_000,
            source: `${SEED}: "approximately 500 H100 equivalents" × 15,832 TPP`,
          },
        ],
      },
    },
    {
      op: 'replace-rule',
      decision: 'chips',
      rule: g2gLicense,
      reason: 'country allocations replaced by G2G agreements',
    },
  ],
};

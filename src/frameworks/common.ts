import { d5MembershipOn, rulesCountry } from '../data/country-groups.js';
import { d } from '../domain/dates.js';
import type { Evaluation } from '../rules/evaluation.js';
import type { Parameter } from '../rules/parameters.js';
import type {
  Authorization,
  Consequence,
  LicensePolicy,
  Outcome,
  QuotaDraw,
  Requirement,
  RequirementCode,
  RuleDefinition,
} from '../rules/types.js';

/** Building blocks shared by the frameworks: Tier 3 tests, consequences, common rules. */

export const D5_CITATION = '15 CFR 740 Supp. No. 1, Country Group D:5';

/**
 * "Macau or a destination specified in Country Group D:5": the EAR names Macau beside D:5
 * throughout (90 FR 4544; eCFR note to D:5). Hong Kong is treated as China.
 */
export const tier3AdditionalParameter: Parameter<readonly string[]> = {
  id: 'tiers.tier3Additional',
  description: 'Destinations treated like Country Group D:5 although not in it',
  values: [
    {
      from: d('2023-11-17'),
      value: ['MO'],
      source: '15 CFR 744.23 and 90 FR 4544: "Macau or a destination specified in Country Group D:5"',
    },
  ],
};

/** Whether a country is Tier 3 (D:5 ∪ Macau) on the evaluation date; records why. */
export function inTier3(ev: Evaluation, code: string, role: string): boolean {
  const country = rulesCountry(code);
  if (country !== code) ev.note(`${role} ${code} (Hong Kong) is treated as China (CN) for these rules`);
  const membership = d5MembershipOn(country, ev.day);
  if (membership) {
    ev.fact(`${role} ${country} in Country Group D:5`, true, membership.source);
    return true;
  }
  const additional = ev.param<readonly string[]>('tiers.tier3Additional');
  if (additional.includes(country)) {
    ev.fact(`${role} ${country} named beside D:5`, true, D5_CITATION);
    return true;
  }
  ev.fact(`${role} ${country} in Country Group D:5 or Macau`, false, D5_CITATION);
  return false;
}

/** Destination in Tier 3, or the end user headquartered or ultimately owned there (§3 rule 2). */
export function tier3DestinationOrParty(ev: Evaluation): boolean {
  const { request } = ev.facts;
  if (inTier3(ev, request.destination, 'destination')) return true;
  const { headquarters, ultimateParent } = request.endUser;
  if (headquarters && inTier3(ev, headquarters, 'end-user headquarters')) return true;
  if (ultimateParent && inTier3(ev, ultimateParent, 'end-user ultimate parent')) return true;
  return false;
}

export function requirement(code: RequirementCode, satisfied: boolean | null, citation: string): Requirement {
  return { code, satisfied, citation };
}

/** Shared by every consequence without requirements or quota draws; frozen, so never changed. */
const NONE: readonly never[] = Object.freeze([]);
/** A consequence with nothing but an outcome is one value per outcome: made once, shared. */
const bare = new Map<Outcome, Consequence>();

export function consequence(
  outcome: Outcome,
  fields?: {
    authorization?: Authorization;
    licensePolicy?: LicensePolicy;
    requirements?: readonly Requirement[];
    quota?: readonly QuotaDraw[];
  },
): Consequence {
  if (fields === undefined) {
    let shared = bare.get(outcome);
    if (shared === undefined) {
      shared = Object.freeze({
        outcome,
        authorization: null,
        licensePolicy: null,
        requirements: NONE,
        quota: NONE,
      });
      bare.set(outcome, shared);
    }
    return shared;
  }
  return {
    outcome,
    authorization: fields.authorization ?? null,
    licensePolicy: fields.licensePolicy ?? null,
    requirements: fields.requirements ?? NONE,
    quota: fields.quota ?? NONE,
  };
}

/** A consignee's pool key: `lpp:consignee:<slug of the end user's name>:<year>`. */
export function consigneeSlug(name: string): string {
  let slug = slugCache.get(name);
  if (slug === undefined) {
    slug =
      name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'unnamed';
    if (slugCache.size >= SLUG_CACHE_LIMIT) slugCache.clear();
    slugCache.set(name, slug);
  }
  return slug;
}

/** Slugs already computed: the same consignees recur, and the slug is a pure function of the name. */
const slugCache = new Map<string, string>();
const SLUG_CACHE_LIMIT = 4096;

/** Items that are not advanced ICs are outside these frameworks (spec/frameworks.md §1). */
export const notAdvancedRule: RuleDefinition = {
  id: 'scope.not-advanced',
  title: 'Not an advanced IC: outside this framework',
  citation: '15 CFR 774 Supp. 1, ECCN 3A090 (88 FR 73458)',
  overrides: ['us-destination'],
  when: (ev, item) => {
    const cls = item.classification?.class ?? 'uncontrolled';
    if (cls === 'mid') {
      ev.note(
        '3A090.b item: governed by the pre-existing 3A090.b rules (15 CFR 742.6(a)(6)), not by this framework',
      );
    } else if (cls === 'uncontrolled') {
      ev.note('below the 3A090 thresholds: not controlled by these rules');
    }
    return cls !== 'advanced';
  },
  decide: () => consequence('not-controlled'),
};

/** An export to the United States is not an export (§3 rule 1, §5 rule 1). */
export function usDestinationRule(overrides: readonly string[]): RuleDefinition {
  return {
    id: 'us-destination',
    title: 'Destination is the United States: not an export',
    citation: '15 CFR 734.13 (definition of export)',
    overrides,
    when: (ev) => ev.fact('destination', ev.facts.request.destination, 'request') === 'US',
    decide: () => consequence('no-license-required'),
  };
}

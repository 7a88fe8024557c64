import { d5MembershipOn, rulesCountry } from '../data/country-groups.js';
import { d } from '../domain/dates.js';
import type { Evaluation } from '../rules/evaluation.js';
import type { Parameter } from '../rules/parameters.js';
import { slug } from '../rules/places.js';
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

/**
 * Any destination (ship-to, end user's or ultimate consignee's location) in Tier 3, or the end
 * user or ultimate consignee headquartered or ultimately owned there (spec/frameworks.md §2).
 */
export function tier3DestinationOrParty(ev: Evaluation): boolean {
  const { destinations, affiliations } = ev.facts;
  for (const place of destinations) if (inTier3(ev, place.code, place.role)) return true;
  for (const party of affiliations) if (inTier3(ev, party.code, party.role)) return true;
  return false;
}

/** Every destination of the request (ship-to, end user's and consignee's locations) is in `list`. */
export function everyDestinationIn(ev: Evaluation, list: readonly string[], label: string): boolean {
  const { destinations } = ev.facts;
  let all = true;
  for (const place of destinations) {
    if (!list.includes(place.code)) {
      all = false;
      break;
    }
  }
  return ev.fact(allInLabel(label), all, label);
}

/** "ship-to and every party located in <label>", made once per label. */
const allInLabels = new Map<string, string>();
function allInLabel(label: string): string {
  let text = allInLabels.get(label);
  if (text === undefined) {
    text = `ship-to and every party's location in ${label}`;
    allInLabels.set(label, text);
  }
  return text;
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

/** A consignee's name as a pool-key fragment (rules/places.ts). */
export const consigneeSlug = slug;

/**
 * Items below the 3A090 thresholds are outside these frameworks (spec/frameworks.md §1); 3A090.b
 * ("mid") items are answered by the `mid.*` rules (mid-items.ts), never as not controlled.
 */
export const notAdvancedRule: RuleDefinition = {
  id: 'scope.not-advanced',
  title: 'Below the 3A090 thresholds: not controlled by these rules',
  citation: '15 CFR 774 Supp. 1, ECCN 3A090 (88 FR 73458)',
  overrides: ['us-destination'],
  when: (ev, item) => {
    const cls = item.classification?.class ?? 'uncontrolled';
    if (cls !== 'uncontrolled') return false;
    ev.note(
      'below the 3A090 thresholds: not controlled by these rules (end-use controls of 15 CFR 744.23, "is-informed" letters and the Entity List can still require a license)',
    );
    return true;
  },
  decide: () => consequence('not-controlled'),
};

/**
 * Not an export (§3 rule 1, §5 rule 1, §8 rule 1): the items are shipped to the United States and
 * every party is located there. A U.S. ship-to for an end user located abroad is an export to it.
 */
export function usDestinationRule(overrides: readonly string[]): RuleDefinition {
  return {
    id: 'us-destination',
    title: 'Destination and every party in the United States: not an export',
    citation: '15 CFR 734.13 (definition of export)',
    overrides,
    when: (ev) => everyDestinationIn(ev, US_ONLY, 'the United States'),
    decide: () => consequence('no-license-required'),
  };
}
const US_ONLY: readonly string[] = ['US'];

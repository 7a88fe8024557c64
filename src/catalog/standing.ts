import { d5MembershipOn, groupMembershipOn, rulesCountry } from '../data/country-groups.js';
import { dayNumber } from '../domain/dates.js';
import type { FrameworkRegistry } from '../frameworks/registry.js';
import { ParameterNotInForceError, readingOn } from '../rules/parameters.js';

/**
 * Where a country stands under a framework on a date: its tier (AI Diffusion) or the group of
 * destinations a framework's rules treat alike. Read from the frameworks' own parameters and
 * Country Group D:5, never a copy of them.
 */
export interface CountryStanding {
  /**
   * `tier-1`, `tier-2`, `tier-3`, `us`, `g2g`, `china-h200`, `installation-size`; under
   * us-ear-enforced `d5-macau`, `d1-d4`, `named`, `no-license`.
   */
  readonly group: string;
  readonly label: string;
  readonly source: string;
}

const DIFFUSION = 'us-ai-diffusion-2025';
const G2G = 'us-g2g-licensing-2025';
const INVESTMENT = 'us-investment-for-chips-2026';
const ENFORCED = 'us-ear-enforced';

const US: CountryStanding = {
  group: 'us',
  label: 'United States (not an export)',
  source: '15 CFR 734.13 (definition of export)',
};

/** D:5 or named beside it (Macau): Tier 3 in every framework; null when neither. */
function tier3(registry: FrameworkRegistry, framework: string, code: string, day: number) {
  const ruled = rulesCountry(code);
  const membership = d5MembershipOn(ruled, day);
  if (membership) return { group: 'tier-3', label: 'Tier 3 (Country Group D:5)', source: membership.source };
  const additional = registry.get(framework).parameters.get('tiers.tier3Additional');
  if (additional) {
    const reading = readingOn(additional, day);
    if ((reading.value as string[]).includes(ruled))
      return { group: 'tier-3', label: 'Tier 3 (named beside D:5)', source: reading.source };
  }
  return null;
}

/**
 * Under the enforced law (spec/frameworks.md §8): D:5 or Macau (presumption of denial), D:1 / D:4
 * not also A:5 / A:6 or a destination the CCL names (the UAE: a license, presumption of
 * approval), or no license for 3A090 items. The headquarters rule and the H200 lane depend on the
 * parties and the items, not on the country alone.
 */
function enforcedStanding(registry: FrameworkRegistry, code: string, day: number): CountryStanding {
  const ruled = rulesCountry(code);
  const d5 = groupMembershipOn('D:5', ruled, day);
  if (d5)
    return {
      group: 'd5-macau',
      label: 'License, presumption of denial (Country Group D:5)',
      source: d5.source,
    };
  const params = registry.get(ENFORCED).parameters;
  const beside = readingOn(params.get('groups.namedBesideD5')!, day);
  if ((beside.value as string[]).includes(ruled))
    return { group: 'd5-macau', label: 'License, presumption of denial (Macau)', source: beside.source };
  const named = readingOn(params.get('scope.namedDestinations')!, day);
  if ((named.value as string[]).includes(ruled))
    return {
      group: 'named',
      label: 'License (named in the 3A090 entries; scope uncertain)',
      source: named.source,
    };
  const d = groupMembershipOn('D:1', ruled, day) ?? groupMembershipOn('D:4', ruled, day);
  const a = groupMembershipOn('A:5', ruled, day) ?? groupMembershipOn('A:6', ruled, day);
  if (d && !a)
    return { group: 'd1-d4', label: 'License, presumption of approval (D:1 / D:4)', source: d.source };
  return {
    group: 'no-license',
    label: 'No license for 3A090 items (unless the parties or end use require one)',
    source: readingOn(params.get('groups.D:1')!, day).source,
  };
}

/** The AI Diffusion tier of a country on a date (spec/frameworks.md §2): 1, 2 or 3. */
export function diffusionTier(registry: FrameworkRegistry, code: string, date: string): 1 | 2 | 3 {
  const day = dayNumber(date);
  if (tier3(registry, DIFFUSION, code, day)) return 3;
  const tier1 = readingOn(registry.get(DIFFUSION).parameters.get('tiers.tier1')!, day).value as string[];
  return tier1.includes(code) ? 1 : 2;
}

/**
 * A country's standing under `framework` on `date`; null outside the dates the framework
 * covers, or when it draws no country distinction the map could show.
 */
export function countryStanding(
  registry: FrameworkRegistry,
  framework: string,
  code: string,
  date: string,
): CountryStanding | null {
  const day = dayNumber(date);
  const compiled = registry.get(framework);
  if (day < compiled.coverageFromDay || day > compiled.coverageToDay) return null;
  try {
    if (framework === DIFFUSION) {
      const t3 = tier3(registry, framework, code, day);
      if (t3) return t3;
      const reading = readingOn(registry.get(framework).parameters.get('tiers.tier1')!, day);
      if ((reading.value as string[]).includes(code))
        return { group: 'tier-1', label: 'Tier 1', source: reading.source };
      return {
        group: 'tier-2',
        label: 'Tier 2 (country allocation)',
        source: readingOn(registry.get(framework).parameters.get('allocation.countryCapTpp')!, day).source,
      };
    }
    if (code === 'US') return US;
    if (framework === ENFORCED) return enforcedStanding(registry, code, day);
    if (framework === G2G) {
      return (
        tier3(registry, framework, code, day) ?? {
          group: 'g2g',
          label: 'License under a government-to-government agreement',
          source: registry.get(framework).citation,
        }
      );
    }
    if (framework === INVESTMENT) {
      const caseByCase = compiled.parameters.get('china.h200CaseByCase');
      const china = compiled.parameters.get('china.destinations');
      if (caseByCase && china && readingOn(caseByCase, day).value === true) {
        const reading = readingOn(china, day);
        if ((reading.value as string[]).includes(code))
          return { group: 'china-h200', label: 'China: H200-class case by case', source: reading.source };
      }
      return (
        tier3(registry, framework, code, day) ?? {
          group: 'installation-size',
          label: 'Requirements by installation size',
          source: readingOn(registry.get(framework).parameters.get('installation.unit')!, day).source,
        }
      );
    }
    return null;
  } catch (error) {
    if (error instanceof ParameterNotInForceError) return null;
    throw error;
  }
}

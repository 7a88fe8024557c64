import { d5MembershipOn, rulesCountry } from '../data/country-groups.js';
import { dayNumber } from '../domain/dates.js';
import type { FrameworkRegistry } from '../frameworks/registry.js';
import { ParameterNotInForceError, readingOn } from '../rules/parameters.js';

/**
 * Where a country stands under a framework on a date: its tier (AI Diffusion) or the group of
 * destinations a framework's rules treat alike. Read from the frameworks' own parameters and
 * Country Group D:5, never a copy of them.
 */
export interface CountryStanding {
  /** `tier-1`, `tier-2`, `tier-3`, `us`, `g2g`, `china-h200`, `installation-size`. */
  readonly group: string;
  readonly label: string;
  readonly source: string;
}

const DIFFUSION = 'us-ai-diffusion-2025';
const G2G = 'us-g2g-licensing-2025';
const INVESTMENT = 'us-investment-for-chips-2026';

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

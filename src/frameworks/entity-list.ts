import type { LicensePolicy, RuleDefinition } from '../rules/types.js';
import { consequence } from './common.js';

/**
 * A party confirmed to be on the Entity List (15 CFR 744.11, Supp. No. 4 to part 744): a
 * license is required for all items subject to the EAR, under the license review policy the
 * entry states. It sits above every other rule of every framework — the frameworks change
 * how advanced chips are licensed, not the Entity List.
 */
export const ENTITY_LIST_CITATION = '15 CFR 744.11 and Supp. No. 4 to part 744 (Entity List)';

/** The Entity List states its policies in words; they map onto the three policies. */
export function policyFromText(text: string | null): LicensePolicy {
  const t = (text ?? '').toLowerCase();
  if (t.includes('approval')) return 'presumption-of-approval';
  if (t.includes('denial')) return 'presumption-of-denial';
  return 'case-by-case';
}

export function entityListRule(overrides: readonly string[]): RuleDefinition {
  return {
    id: 'entity-list',
    title: 'A party is on the Entity List: license required under the entry’s policy',
    citation: ENTITY_LIST_CITATION,
    overrides,
    when: (ev) => {
      const hits = ev.facts.request.screening.entityList;
      for (const hit of hits) {
        ev.fact(
          `${hit.party} matches Entity List entry "${hit.name}" (${hit.entityId})`,
          hit.licensePolicy ?? 'policy not stated',
          hit.federalRegisterNotice ?? ENTITY_LIST_CITATION,
        );
      }
      return hits.length > 0;
    },
    decide: (ev) => {
      const policies = ev.facts.request.screening.entityList.map((h) => policyFromText(h.licensePolicy));
      const rank = { 'presumption-of-approval': 1, 'case-by-case': 2, 'presumption-of-denial': 3 } as const;
      const strictest = policies.reduce(
        (a, b) => (rank[b] > rank[a] ? b : a),
        'presumption-of-approval' as LicensePolicy,
      );
      return consequence('license-required', { licensePolicy: strictest });
    },
  };
}

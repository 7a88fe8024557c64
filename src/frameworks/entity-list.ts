import type { ItemFacts, LicensePolicy, RuleDefinition } from '../rules/types.js';
import { consequence, everyDestinationIn } from './common.js';

/**
 * A party confirmed to be on the Entity List (15 CFR 744.11, Supp. No. 4 to part 744): a
 * license is required for all items subject to the EAR, under the license review policy the
 * entry states, and no license exception. It sits above every other rule of every framework —
 * the frameworks change how advanced chips are licensed, not the Entity List. It never fires for
 * published model weights (not subject to the EAR, 15 CFR 734.7) nor for a delivery inside the
 * United States (not an export).
 */
export const ENTITY_LIST_CITATION = '15 CFR 744.11 and Supp. No. 4 to part 744 (Entity List)';

/** The class of item an entry's policy is read for: every item these frameworks decide is on the CCL. */
export type ItemClassForPolicy = 'ccl' | 'ear99';

/**
 * Reads the license review policy an Entity List entry states, for an item of the given class
 * (spec/frameworks.md §3 corrections). The texts are the entries' own words in the Consolidated
 * Screening List; each sentence or clause names a policy and, often, the items it covers:
 * - "Case-by-case for all items listed on the CCL. Presumption of approval for EAR99 items" →
 *   case-by-case for a CCL item;
 * - "See § 746.8(b)(2)" (Russia and Belarus: a policy of denial) → presumption of denial;
 * - "Policy of denial for all items … apart from food and medicine designated as EAR99, which
 *   will be reviewed on a case-by-case basis" → denial for a CCL item;
 * - "Case-by-case review for ECCNs 1A004.c, …; presumption of denial for all other items" →
 *   denial for a chip (not among the ECCNs listed);
 * - "Presumption of denial except case-by-case for items not described in ECCN 3B001…" →
 *   case-by-case for a chip (not described there);
 * - a text naming no policy for the item (e.g. "See §§ 744.2(d) and 744.3(d)") → presumption
 *   of denial, the conservative reading.
 */
export function policyFromText(text: string | null, itemClass: ItemClassForPolicy = 'ccl'): LicensePolicy {
  const t = normalize(text ?? '');
  if (t === '') return 'presumption-of-denial';
  if (/746\.8\s*\(b\)/.test(t)) return 'presumption-of-denial';
  // "Presumption of denial except case-by-case for items not described in ECCN 3B001…": chips
  // are not semiconductor manufacturing equipment, so the exception is theirs.
  if (/denial except case-by-case for items not described in eccn 3b/.test(t)) return 'case-by-case';
  const clauses = t.split(/[.;]\s+|[.;]$/).filter((c) => c.trim() !== '');
  for (const clause of clauses) {
    const policy = policyWord(clause);
    if (policy === null) continue;
    if (appliesTo(clause, itemClass)) return policy;
  }
  return 'presumption-of-denial';
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/case[- ]by[- ]case|casa-by-case/g, 'case-by-case')
    .trim();
}

function policyWord(clause: string): LicensePolicy | null {
  const denial = clause.search(/(presumption|policy) (of|for) denial/);
  const caseByCase = clause.search(/case-by-case/);
  const approval = clause.search(/presumption of approval/);
  const found = [
    [denial, 'presumption-of-denial'],
    [caseByCase, 'case-by-case'],
    [approval, 'presumption-of-approval'],
  ].filter(([at]) => (at as number) >= 0) as [number, LicensePolicy][];
  if (found.length === 0) return null;
  found.sort((a, b) => a[0] - b[0]);
  return found[0]![1];
}

/** Whether a clause's policy covers an item of the class: by its scope words, or by having none. */
function appliesTo(clause: string, itemClass: ItemClassForPolicy): boolean {
  if (/all items (listed )?on the ccl|items listed on the ccl/.test(clause)) return itemClass === 'ccl';
  if (/all other items/.test(clause)) return true;
  if (/all items subject to the ear/.test(clause)) return true;
  if (/for all items/.test(clause)) return true;
  // A policy scoped to something else: named ECCNs, EAR99, infectious-disease, telecommunications,
  // ISS, civil aviation or space items, 200 mm wafer production.
  if (/\bfor (ear99|eccns?|items|licenses|u\.s\. government|telecommunications)\b/.test(clause)) {
    return itemClass === 'ear99' && /ear99/.test(clause);
  }
  if (/ear99/.test(clause)) return itemClass === 'ear99';
  return true;
}

/** A delivery inside the United States, or published weights: nothing subject to export controls. */
function outsideTheEar(ev: Parameters<RuleDefinition['when']>[0], item: ItemFacts): boolean {
  if (item.weights?.published) {
    ev.note(
      'published weights are not subject to the EAR (15 CFR 734.7): the Entity List does not reach them',
    );
    return true;
  }
  if (everyDestinationIn(ev, US_ONLY, 'the United States')) {
    ev.note(
      'a delivery inside the United States is not an export: the Entity List license requirement does not arise',
    );
    return true;
  }
  return false;
}
const US_ONLY: readonly string[] = ['US'];

export function entityListRule(overrides: readonly string[]): RuleDefinition {
  return {
    id: 'entity-list',
    title: 'A party is on the Entity List: license required under the entry’s policy',
    citation: ENTITY_LIST_CITATION,
    overrides,
    when: (ev, item) => {
      const hits = ev.facts.request.screening.entityList;
      if (hits.length === 0) return false;
      for (const hit of hits) {
        ev.fact(
          `${hit.party} matches Entity List entry "${hit.name}" (${hit.entityId})`,
          hit.licensePolicy ?? 'policy not stated',
          hit.federalRegisterNotice ?? ENTITY_LIST_CITATION,
        );
      }
      return !outsideTheEar(ev, item);
    },
    decide: (ev) => {
      const rank = { 'presumption-of-approval': 1, 'case-by-case': 2, 'presumption-of-denial': 3 } as const;
      let strictest: LicensePolicy = 'presumption-of-approval';
      for (const hit of ev.facts.request.screening.entityList) {
        const policy = ev.fact(
          `policy of the entry "${hit.name}" for an item on the CCL`,
          policyFromText(hit.licensePolicy, 'ccl'),
          hit.licensePolicy ?? 'no policy stated: presumption of denial',
        );
        if (rank[policy] > rank[strictest]) strictest = policy;
      }
      return consequence('license-required', { licensePolicy: strictest });
    },
  };
}

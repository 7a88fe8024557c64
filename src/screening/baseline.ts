import { osaDistance } from './similarity.js';
import type { ListSnapshot } from './types.js';

/** The CSL search's fuzzy mode, as documented: Damerau–Levenshtein ≤ 2 on whole names. */
export const BASELINE_MAX_EDITS = 2;

export interface BaselineResult {
  readonly decision: 'clear' | 'potential-match';
  /** Entry ids with a name or alt name within the edit bound, in list order. */
  readonly entityIds: readonly string[];
}

/**
 * The comparison point for the benchmark: what the Consolidated Screening List's own search
 * does — the query and every name and alt name lower-cased with spaces collapsed, a hit when
 * the Damerau–Levenshtein distance between the whole strings is at most 2. No phonetics, no
 * transliteration, no word order, no index: every name is compared on every query (the
 * distance gives up early when the lengths alone differ by more than 2).
 */
export class CslBaseline {
  private readonly names: string[] = [];
  private readonly entryOf: number[] = [];
  private readonly ids: string[];

  constructor(snapshot: ListSnapshot) {
    this.ids = snapshot.entries.map((entry) => entry.id);
    snapshot.entries.forEach((entry, index) => {
      for (const name of [entry.name, ...entry.altNames]) {
        this.names.push(fold(name));
        this.entryOf.push(index);
      }
    });
  }

  screen(name: string): BaselineResult {
    const query = fold(name);
    const hits: number[] = [];
    for (let k = 0; k < this.names.length; k++) {
      if (osaDistance(query, this.names[k]!, BASELINE_MAX_EDITS) <= BASELINE_MAX_EDITS) {
        const entry = this.entryOf[k]!;
        if (hits[hits.length - 1] !== entry) hits.push(entry);
      }
    }
    return {
      decision: hits.length > 0 ? 'potential-match' : 'clear',
      entityIds: hits.map((entry) => this.ids[entry]!),
    };
  }
}

function fold(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

import { resolveCountry } from '../data/countries.js';
import { InputError } from '../domain/errors.js';
import { type Alignment, align, combineCoverage, LEFTOVER_MAX_SIMILARITY } from './align.js';
import { explain } from './explain.js';
import { NameIndex } from './name-index.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import type {
  ListedEntry,
  ListSnapshot,
  ScreeningHit,
  ScreeningQuery,
  ScreeningResult,
  ScreenOptions,
} from './types.js';

/** Recorded with every screening; bump when scoring changes so old results can be told apart. */
export const ALGORITHM_VERSION = 'chipexport-match/1';

/**
 * A hit needs this name score (0–1, see align.ts) after the country qualifier. Chosen with
 * `npm run bench:screening` (docs/benchmarks.md): recall ≥ 0.95 on mangled listed names with
 * a false-positive rate ≤ 0.02 on real unlisted companies, universities and person names.
 */
export const DEFAULT_THRESHOLD = 0.8;

/**
 * The country qualifier: a query country among the entry's countries adds COUNTRY_BOOST (and
 * can lift a name just under the threshold into a hit); a query country the entry does not
 * list takes COUNTRY_PENALTY off for ranking, but never drops a hit the name alone made —
 * the list's addresses are incomplete and parties move. Entries without countries (the DTC
 * list has none) are left as they are.
 */
export const COUNTRY_BOOST = 0.05;
export const COUNTRY_PENALTY = 0.05;

const DEFAULT_LIMIT = 10;
/** Names fully scored per query, at most (those sharing the most weight with it). */
const MAX_CANDIDATES = 40;
/** Slack on the cheap estimate that picks the names to score fully. */
const ESTIMATE_MARGIN = 0.12;

interface Scored {
  readonly variant: number;
  readonly alignment: Alignment;
  readonly score: number;
  readonly adjustment: number;
}

/**
 * Screens names against one list snapshot. Build once (it indexes every name: 1–3 s for the
 * full CSL) and reuse; `screen` gives the same answer for the same query and snapshot.
 */
export class Screener {
  readonly snapshot: ListSnapshot;
  readonly index: NameIndex;
  // Scratch space for candidate collection, one slot per indexed name.
  private readonly estimate: Float64Array;
  private readonly listedEstimate: Float64Array;
  private readonly slotBest: Float64Array;
  private readonly slotBestListed: Float64Array;
  private readonly bound: Float64Array;
  private readonly seenStamp: Int32Array;
  private readonly slotStamp: Int32Array;
  private readonly touched: number[] = [];
  private stamp = 0;
  private byId: Map<string, ListedEntry> | undefined;
  private queryStamp = 0;
  private allowNew = true;

  constructor(snapshot: ListSnapshot) {
    this.snapshot = snapshot;
    this.index = new NameIndex(snapshot.entries);
    const size = this.index.variants.length;
    this.estimate = new Float64Array(size);
    this.listedEstimate = new Float64Array(size);
    this.slotBest = new Float64Array(size);
    this.slotBestListed = new Float64Array(size);
    this.bound = new Float64Array(size);
    this.seenStamp = new Int32Array(size);
    this.slotStamp = new Int32Array(size);
  }

  /** The listed entry with this id (built on first use: the workflow looks up only its hits). */
  entry(id: string): ListedEntry | undefined {
    this.byId ??= new Map(this.snapshot.entries.map((e) => [e.id, e]));
    return this.byId.get(id);
  }

  screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningResult {
    const name = typeof query.name === 'string' ? query.name.trim() : '';
    if (name === '') throw InputError.single('invalid_name', ['name'], 'must be a non-empty name');
    const country = query.country ? resolveCountry(query.country, ['country']) : undefined;
    if (query.type !== undefined && query.type !== 'entity' && query.type !== 'individual') {
      throw InputError.single('invalid_type', ['type'], 'must be "entity" or "individual"');
    }
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const normalizedQuery: ScreeningQuery = {
      name,
      ...(country ? { country } : {}),
      ...(query.type ? { type: query.type } : {}),
    };
    const plan = planQuery(this.index, name);
    const best = this.scoreCandidates(plan, threshold, country, query.type);
    const ranked = [...best.values()]
      .filter(
        (scored) =>
          scored.score >= threshold || (scored.adjustment < 0 && scored.alignment.score >= threshold),
      )
      .sort((a, b) => b.score - a.score || this.order(a) - this.order(b));
    const hits = ranked.slice(0, limit).map((scored) => this.hit(plan, scored, name, country));
    return {
      query: normalizedQuery,
      listVersion: this.snapshot.version,
      algorithm: ALGORITHM_VERSION,
      threshold,
      decision: ranked.length > 0 ? 'potential-match' : 'clear',
      hitCount: ranked.length,
      hits,
    };
  }

  /** Ties: names as listed before parts of names, then list order. */
  private order(scored: Scored): number {
    const variant = this.index.variants[scored.variant]!;
    return variant.part ? this.index.entries.length + variant.entry : variant.entry;
  }

  /** Best-scoring name per entry, among the names sharing enough weight with the query. */
  private scoreCandidates(
    plan: QueryPlan,
    threshold: number,
    country: string | undefined,
    type: ScreeningQuery['type'],
  ): Map<number, Scored> {
    const candidates = this.collect(plan, threshold);
    const best = new Map<number, Scored>();
    for (const variantId of candidates) {
      const variant = this.index.variants[variantId]!;
      const entry = this.index.entries[variant.entry]!;
      if (type && entry.type !== null && entry.type !== type) continue;
      const alignment = align(this.index, plan, variant, Math.max(0, threshold - COUNTRY_BOOST));
      if (alignment.score <= 0) continue;
      let adjustment = 0;
      if (country && entry.countries.length > 0) {
        adjustment = entry.countries.includes(country) ? COUNTRY_BOOST : -COUNTRY_PENALTY;
      }
      const score = Math.max(0, Math.min(1, alignment.score + adjustment));
      const previous = best.get(variant.entry);
      if (previous === undefined || score > previous.score) {
        best.set(variant.entry, { variant: variantId, alignment, score, adjustment });
      }
    }
    return best;
  }

  /**
   * Names worth scoring. Each query word adds, to every name holding a word near it (once
   * per query word and name), its weight × similarity on the query's side and the listed
   * word's weight × similarity on the name's side. From these, optimistic query and listed
   * coverages bound the score; names that cannot reach the threshold are not aligned.
   */
  private collect(plan: QueryPlan, threshold: number): number[] {
    const index = this.index;
    const n = plan.tokens.length;
    const weights = new Float64Array(n);
    let total = 0;
    // Legal forms are not looked up, and words with no exact counterpart may still pair up as
    // leftovers (align.ts): both are allowed for, optimistically, in the bounds below.
    let legalCredit = 0;
    let unmatchedWeight = 0;
    for (let i = 0; i < n; i++) {
      const token = plan.tokens[i]!;
      let weight = plan.ownWeight[i]!;
      if (token.legal) legalCredit += weight;
      else {
        // A word with no exact counterpart may be a slip beyond the index's reach: a leftover.
        let exact = false;
        if (plan.matches[i]!.size > 0) {
          weight = 0;
          for (const [canon, match] of plan.matches[i]!) {
            weight = Math.max(weight, index.canonWeight[canon]!);
            exact ||= match.similarity === 1;
          }
        }
        if (!exact && plan.splits[i]!.length === 0 && plan.pairMatches[i] == null) unmatchedWeight += weight;
      }
      weights[i] = weight;
      total += weight;
    }
    if (this.stamp > 0x3fffffff) {
      this.stamp = 0;
      this.seenStamp.fill(0);
      this.slotStamp.fill(0);
    }
    this.queryStamp = ++this.stamp;
    this.touched.length = 0;
    const reachable = Math.max(0, threshold - COUNTRY_BOOST) - ESTIMATE_MARGIN;
    // Query words in order of the most each can add (MaxScore): once the words left could
    // not lift a name none of the earlier words touched to the coverage a hit needs
    // (t / (2 − t) under the harmonic mean), they only add to names already found. A name
    // must share a word with the query before leftover pairs are hoped for.
    const neededCoverage = reachable > 0 ? reachable / (2 - reachable) : 0;
    const most = new Float64Array(n);
    let remaining = 0;
    for (let i = 0; i < n; i++) {
      const pairWeight = plan.pairMatches[i] ? weights[i]! + weights[i + 1]! : 0;
      const own = plan.matches[i]!.size > 0 || plan.splits[i]!.length > 0 ? weights[i]! : 0;
      most[i] = Math.max(own, pairWeight);
      remaining += most[i]!;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => most[b]! - most[a]!);
    for (const i of order) {
      this.allowNew = total > 0 && (remaining + legalCredit) / total >= neededCoverage;
      remaining -= most[i]!;
      const slot = ++this.stamp;
      for (const [canon, match] of plan.matches[i]!) {
        this.accumulate(canon, weights[i]! * match.similarity, match.similarity, slot);
      }
      const pair = plan.pairMatches[i];
      if (pair) {
        const pairWeight = weights[i]! + weights[i + 1]!;
        for (const [canon, match] of pair) {
          this.accumulate(canon, pairWeight * match.similarity, match.similarity, slot);
        }
      }
      // A split needs both halves; the names holding the rarer half include every candidate.
      for (const [left, right, similarity] of plan.splits[i]!) {
        const rarer = index.postings[left]!.length <= index.postings[right]!.length ? left : right;
        this.accumulate(rarer, weights[i]! * similarity, similarity, slot);
      }
    }
    const kept: number[] = [];
    const bound = this.bound;
    for (const v of this.touched) {
      let queryCoverage = (this.estimate[v]! + legalCredit) / total;
      let listedCoverage = (this.listedEstimate[v]! + legalCredit) / index.variantWeight[v]!;
      // Best case for leftover pairs (align.ts): every unmatched listed word pairs with an
      // unmatched query word at the most a leftover pair earns, and those query words, paired,
      // weigh no more than the listed words they pair with.
      const unmatchedListed = Math.max(0, index.variantWeight[v]! - this.listedEstimate[v]!);
      if (unmatchedWeight > 0 && unmatchedListed > 0) {
        const gain = LEFTOVER_MAX_SIMILARITY * unmatchedListed;
        queryCoverage =
          (this.estimate[v]! + legalCredit + gain) /
          Math.max(total - unmatchedWeight + unmatchedListed, 1e-9);
        listedCoverage += gain / index.variantWeight[v]!;
      }
      bound[v] = combineCoverage(Math.min(1, queryCoverage), Math.min(1, listedCoverage));
      if (bound[v]! >= reachable) kept.push(v);
    }
    if (kept.length > MAX_CANDIDATES) {
      kept.sort((a, b) => bound[b]! - bound[a]!);
      kept.length = MAX_CANDIDATES;
    }
    return kept;
  }

  /** Adds one query word's match with listed word `canon` to every name holding it. */
  private accumulate(canon: number, queryContribution: number, similarity: number, slot: number): void {
    const postings = this.index.postings[canon]!;
    const listedContribution = this.index.canonWeight[canon]! * similarity;
    const { estimate, listedEstimate, slotBest, slotBestListed, seenStamp, slotStamp } = this;
    for (let k = 0; k < postings.length; k++) {
      const v = postings[k]!;
      if (seenStamp[v] !== this.queryStamp) {
        if (!this.allowNew) continue;
        seenStamp[v] = this.queryStamp;
        estimate[v] = 0;
        listedEstimate[v] = 0;
        this.touched.push(v);
      }
      if (slotStamp[v] !== slot) {
        slotStamp[v] = slot;
        slotBest[v] = queryContribution;
        slotBestListed[v] = listedContribution;
        estimate[v]! += queryContribution;
        listedEstimate[v]! += listedContribution;
        continue;
      }
      if (queryContribution > slotBest[v]!) {
        estimate[v]! += queryContribution - slotBest[v]!;
        slotBest[v] = queryContribution;
      }
      if (listedContribution > slotBestListed[v]!) {
        listedEstimate[v]! += listedContribution - slotBestListed[v]!;
        slotBestListed[v] = listedContribution;
      }
    }
  }

  private hit(plan: QueryPlan, scored: Scored, queryName: string, country: string | undefined): ScreeningHit {
    const variant = this.index.variants[scored.variant]!;
    const entry = this.index.entries[variant.entry]!;
    const adjustment = Math.round(scored.adjustment * 100) / 100;
    let countryNote = '';
    if (adjustment > 0)
      countryNote = `Listed in the query's country (${country}): +${adjustment.toFixed(2)}.`;
    else if (adjustment < 0) {
      countryNote =
        `Listed in ${entry.countries.join(', ')}, not the query's ${country}: ${adjustment.toFixed(2)} ` +
        '(a country never clears a name match on its own).';
    }
    return {
      entityId: entry.id,
      name: entry.name,
      matchedName: variant.text,
      source: entry.source,
      type: entry.type,
      countries: entry.countries,
      licenseRequirement: entry.licenseRequirement,
      licensePolicy: entry.licensePolicy,
      federalRegisterNotice: entry.federalRegisterNotice,
      score: Math.round(scored.score * 1000) / 1000,
      explanation: explain(
        this.index,
        plan,
        variant,
        scored.alignment,
        queryName,
        entry.source,
        adjustment,
        countryNote,
      ),
    };
  }
}

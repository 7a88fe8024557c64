import { resolveCountry } from '../data/countries.js';
import { InputError } from '../domain/errors.js';
import { type Alignment, align, LEFTOVER_MAX_SIMILARITY, LEFTOVER_MIN_SIMILARITY } from './align.js';
import { explain } from './explain.js';
import { bitCount, letterMask, NameIndex } from './name-index.js';
import { LEGAL_FORM_MISMATCH_SIMILARITY, planQuery, type QueryPlan } from './query-plan.js';
import { allowedEdits } from './similarity.js';
import type {
  ListedEntry,
  ListSnapshot,
  ScreeningHit,
  ScreeningQuery,
  ScreeningResult,
  ScreenOptions,
} from './types.js';

/**
 * Recorded with every screening; bump when scoring changes so old results can be told apart.
 * 2: retrieval complete (every name that can reach the threshold is scored, no candidate cap),
 * a name must share a word with the query before anything else counts, only words the list
 * lacks pair as leftovers, legal-form phrases in any order, glued words split even when the
 * list has the glued form, and the default threshold chosen on a held-out set.
 */
export const ALGORITHM_VERSION = 'chipexport-match/2';

/**
 * A hit needs this name score (0–1, see align.ts) after the country qualifier. Chosen with
 * `npm run bench:screening` (docs/benchmarks.md) on its held-out set — listed names and
 * manglings kept apart from those the matcher was tuned on, and the other half of the real
 * unlisted companies, universities and person names: the lowest threshold whose
 * false-positive rate there is within 1 %, i.e. the most recall within that budget
 * (chipexport-match/2 on the CSL of 2026-07-31: 0.96 % false positives, 88.7 % recall; 0.80
 * gave 0.82 % and 88.2 %).
 */
export const DEFAULT_THRESHOLD = 0.79;

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
/** The most edits a leftover pair may have (align.ts pairLeftovers: allowedEdits + 1). */
const LEFTOVER_MOST_EDITS = allowedEdits(Number.MAX_SAFE_INTEGER) + 1;

/**
 * A second bound, from how many query words can pair at all: each pair takes a listed word
 * (a join takes two query words for one, allowed for by `most`), so at most `most` query words
 * pair; M is at most the `most` largest credits (and at most V), and Q at least the weights of
 * the unpairable words and of the lightest pairable ones beyond `most`. The score is at most
 * 2M / (V + M + Q) with M as large and Q as small as that allows.
 */
export function fewPairs(
  c: Float64Array,
  own: Float64Array,
  lightestFirst: Int32Array,
  listedWeight: number,
  most: number,
  scratch: Float64Array,
): number {
  let unpairable = 0;
  let pairable = 0;
  for (let i = 0; i < c.length; i++) {
    if (c[i]! < 0) unpairable += own[i]!;
    else scratch[pairable++] = c[i]!;
  }
  if (pairable === 0) return 0;
  let matched = 0;
  let queryRest = unpairable;
  if (pairable > most) {
    const sorted = scratch.subarray(0, pairable).sort();
    for (let k = pairable - most; k < pairable; k++) matched += sorted[k]!;
    let left = pairable - most;
    for (let k = 0; k < lightestFirst.length && left > 0; k++) {
      const i = lightestFirst[k]!;
      if (c[i]! < 0) continue;
      queryRest += own[i]!;
      left--;
    }
  } else {
    for (let k = 0; k < pairable; k++) matched += scratch[k]!;
  }
  matched = Math.min(matched, listedWeight);
  return (2 * matched) / (listedWeight + matched + queryRest);
}

/**
 * The most 2·ΣS c / (V + Σ o − ΣS o + ΣS c) can be over the sets S of query words that pair
 * (c[i] < 0: word i cannot pair in this name): see Screener.collect. Words with c ≤ o always
 * belong; the others join best first by c / (c − o), while they raise the ratio.
 */
export function bestRatio(
  c: Float64Array,
  own: Float64Array,
  listedWeight: number,
  ownTotal: number,
  order: number[],
): number {
  let numerator = 0;
  let denominator = listedWeight + ownTotal;
  order.length = 0;
  for (let i = 0; i < c.length; i++) {
    const credit = c[i]!;
    if (credit < 0) continue;
    if (credit <= own[i]!) {
      numerator += 2 * credit;
      denominator += credit - own[i]!;
    } else order.push(i);
  }
  if (order.length > 1) order.sort((a, b) => c[b]! / (c[b]! - own[b]!) - c[a]! / (c[a]! - own[a]!));
  let ratio = denominator > 0 ? numerator / denominator : 0;
  for (const i of order) {
    const next = (numerator + 2 * c[i]!) / (denominator + c[i]! - own[i]!);
    if (next <= ratio) break;
    numerator += 2 * c[i]!;
    denominator += c[i]! - own[i]!;
    ratio = next;
  }
  return ratio;
}

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
  // Scratch space for candidate collection: per indexed name, whether this query touched it
  // and where its row is; per touched name, one value per query word (slotValues).
  private readonly bound: Float64Array;
  private readonly seenStamp: Int32Array;
  private readonly position: Int32Array;
  private readonly touched: number[] = [];
  private slotValues = new Float64Array(4096);
  // Per touched name: its credits from the postings summed, and the weight of the query
  // words those came from (a quick first bound before the exact one).
  private credit = new Float64Array(1024);
  private covered = new Float64Array(1024);
  private own: Float64Array = new Float64Array(0);
  private width = 0;
  private stamp = 0;
  private byId: Map<string, ListedEntry> | undefined;
  private queryStamp = 0;

  constructor(snapshot: ListSnapshot) {
    this.snapshot = snapshot;
    this.index = new NameIndex(snapshot.entries);
    const size = this.index.variants.length;
    this.bound = new Float64Array(size);
    this.seenStamp = new Int32Array(size);
    this.position = new Int32Array(size);
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
    if (!(threshold >= 0 && threshold <= 1)) {
      throw InputError.single('invalid_threshold', ['threshold'], 'must be a number from 0 to 1');
    }
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
      decidedBy: {
        algorithm: ALGORITHM_VERSION,
        threshold,
        thresholdSource: options.threshold === undefined ? 'default' : 'caller',
        defaultThreshold: DEFAULT_THRESHOLD,
      },
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
    // A hit needs this name score: the threshold, less the boost a country could add.
    const minScore = Math.max(0, country ? threshold - COUNTRY_BOOST : threshold);
    const candidates = this.collect(plan, minScore);
    const best = new Map<number, Scored>();
    for (const variantId of candidates) {
      const variant = this.index.variants[variantId]!;
      const entry = this.index.entries[variant.entry]!;
      if (type && entry.type !== null && entry.type !== type) continue;
      const alignment = align(this.index, plan, variant, minScore);
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
   * Names worth scoring: every name holding a word that one of the query's lookups reaches
   * (its near words, the words two of its words make together, the pairs of words one of its
   * words runs together) — the only names align.ts can score above 0 — less those whose score
   * is provably below `minScore`. No cap, no estimate: the set kept holds every name that can
   * reach `minScore`, whatever `minScore` is (matcher.test.ts checks it against aligning every
   * name of the list).
   *
   * The bound. Write the score as 2M / (V + W + Q): V the listed name's weight, W the weight of
   * its words paired, M that weight × each pair's similarity (M ≤ W), Q the weight of the query
   * words left unpaired; so it is at most 2M / (V + M + Q). Each query word is either paired,
   * adding at most c (its best pair in this name) to M, or not, adding its own weight o to Q;
   * the best choice of which words pair is a prefix of the words ordered by c / (c − o)
   * (words with c ≤ o always pair). c is the best of: the listed weight × similarity of its
   * lookups' words in this name (gathered from the postings), any legal form of the name at
   * full similarity (legal query words), and, for stray words (the only ones that pair as
   * leftovers), LEFTOVER_MAX_SIMILARITY × the heaviest listed word it could be a leftover pair
   * with — one whose length and letters (letterMask) are within the leftover pass's edit
   * allowance. A quick bound (all credits at once) skips most names before the exact one.
   */
  private collect(plan: QueryPlan, minScore: number): number[] {
    const index = this.index;
    const n = plan.tokens.length;
    if (this.stamp > 0x3fffffff) {
      this.stamp = 0;
      this.seenStamp.fill(0);
    }
    this.queryStamp = ++this.stamp;
    this.touched.length = 0;
    this.width = n;
    this.own = plan.ownWeight;
    for (let i = 0; i < n; i++) {
      for (const [canon, match] of plan.matches[i]!) {
        this.accumulate(canon, index.canonWeight[canon]! * match.similarity, i);
      }
      const pair = plan.pairMatches[i];
      if (pair) {
        // Two query words, one listed word: the pair credits slot i; word i + 1 is used up
        // at no credit, which the bound allows by letting it pair at 0 (the slot is marked
        // below, after the postings of every word are in).
        for (const [canon, match] of pair) {
          this.accumulate(canon, index.canonWeight[canon]! * match.similarity, i);
        }
      }
      // A split needs both halves; the names holding the rarer half include every candidate.
      for (const [left, right, similarity] of plan.splits[i]!) {
        const rarer = index.postings[left]!.length <= index.postings[right]!.length ? left : right;
        const weight = index.canonWeight[left]! + index.canonWeight[right]!;
        this.accumulate(rarer, weight * similarity, i);
      }
    }
    const kept: number[] = [];
    const bound = this.bound;
    const queryMask = new Int32Array(n);
    const queryLength = new Int32Array(n);
    const wildcard = new Uint8Array(n);
    let ownTotal = 0;
    for (let i = 0; i < n; i++) {
      const token = plan.tokens[i]!;
      ownTotal += plan.ownWeight[i]!;
      queryMask[i] = letterMask(token.surface);
      queryLength[i] = token.surface.length;
      wildcard[i] = token.surface.includes('?') ? 1 : 0;
    }
    const c = new Float64Array(n);
    const scratch = new Float64Array(n);
    const strayAt = new Int32Array(n);
    const before = new Float64Array(n);
    const lightestFirst = Int32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => plan.ownWeight[a]! - plan.ownWeight[b]!,
    );
    // Query words a join can use up beyond one per listed word (see fewPairs).
    let joins = 0;
    for (let i = 0; i < n; i++) if (plan.pairMatches[i]) joins++;
    const order: number[] = [];
    const values = this.slotValues;
    // For the quick bound: what legal forms, strays and the second words of joins could add.
    let legalCount = 0;
    let legalOwn = 0;
    let strayCount = 0;
    let strayOwn = 0;
    let joinedOwn = 0;
    for (let i = 0; i < n; i++) {
      if (plan.tokens[i]!.legal) {
        legalCount++;
        legalOwn += plan.ownWeight[i]!;
      } else if (plan.stray[i]) {
        strayCount++;
        strayOwn += plan.ownWeight[i]!;
      }
      if (i > 0 && plan.pairMatches[i - 1]) joinedOwn += plan.ownWeight[i]!;
    }
    for (let t = 0; t < this.touched.length; t++) {
      const v = this.touched[t]!;
      const variant = index.variants[v]!;
      const legalWeight = index.variantLegalWeight[v]!;
      const listedWeight = index.variantWeight[v]!;
      // Quick bound: every word at its best credit at once, every word that could pair paired.
      let most = this.credit[t]! + (legalWeight > 0 ? legalCount * legalWeight : 0);
      const heaviest = index.variantHeaviest[v]! * LEFTOVER_MAX_SIMILARITY;
      if (strayCount > 0) most += strayCount * heaviest;
      most = Math.min(most, listedWeight);
      const least = Math.max(
        0,
        ownTotal - this.covered[t]! - (legalWeight > 0 ? legalOwn : 0) - strayOwn - joinedOwn,
      );
      if ((2 * most) / (listedWeight + most + least) < minScore - 1e-9) continue;
      let strays = 0;
      for (let i = 0; i < n; i++) {
        let best = values[t * n + i]!;
        // The word after a joined pair is used up with it.
        if (i > 0 && plan.pairMatches[i - 1] && values[t * n + i - 1]! >= 0 && best < 0) best = 0;
        const token = plan.tokens[i]!;
        if (token.legal) {
          if (legalWeight > 0) best = Math.max(best, legalWeight);
        } else if (plan.stray[i]) {
          if (legalWeight > 0) best = Math.max(best, legalWeight * LEGAL_FORM_MISMATCH_SIMILARITY);
          // Refined below, only if the name could reach minScore with it at its heaviest.
          if (heaviest > best) {
            before[strays] = best;
            strayAt[strays++] = i;
            best = heaviest;
          }
        }
        c[i] = best;
      }
      if (strays > 0) {
        if (
          fewPairs(c, plan.ownWeight, lightestFirst, listedWeight, variant.tokens.length + joins, scratch) <
          minScore - 1e-9
        )
          continue;
        for (let k = 0; k < strays; k++) {
          const i = strayAt[k]!;
          c[i] = Math.max(
            before[k]!,
            this.leftoverBound(v, queryMask[i]!, queryLength[i]!, wildcard[i] === 1),
          );
        }
      }
      bound[v] = fewPairs(
        c,
        plan.ownWeight,
        lightestFirst,
        listedWeight,
        variant.tokens.length + joins,
        scratch,
      );
      if (bound[v]! < minScore - 1e-9) continue;
      bound[v] = Math.min(bound[v]!, bestRatio(c, plan.ownWeight, listedWeight, ownTotal, order));
      if (bound[v]! >= minScore - 1e-9) kept.push(v);
    }
    return kept;
  }

  /**
   * The most a leftover pair (align.ts pairLeftovers) of a query word with one of this name's
   * ordinary words can credit: LEFTOVER_MAX_SIMILARITY × the listed word's weight, for listed
   * words whose length and letters leave the pair within the pass's edit allowance; −1 if none.
   */
  private leftoverBound(variant: number, mask: number, length: number, wildcard: boolean): number {
    const index = this.index;
    // No word of the name can be within the allowance (at most 4 edits) of one that has
    // letters none of them has.
    if (bitCount(mask & ~index.variantMask[variant]!) > LEFTOVER_MOST_EDITS) return -1;
    const { tokenWeight, tokenLength, tokenMask } = index;
    const tokens = index.variants[variant]!.tokens;
    let best = -1;
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!;
      const credit = tokenWeight[token]! * LEFTOVER_MAX_SIMILARITY;
      if (credit <= best) continue;
      const listedLength = tokenLength[token]!;
      const longer = Math.max(length, listedLength);
      if (longer < 3) continue;
      const allowed = allowedEdits(longer) + 1;
      const listedMask = tokenMask[token]!;
      // Edits needed, at least: the length difference; the characters one has and the other lacks.
      let least = length > listedLength ? length - listedLength : listedLength - length;
      const missing = bitCount(mask & ~listedMask);
      if (missing > least) least = missing;
      if (!wildcard) {
        const extra = bitCount(listedMask & ~mask);
        if (extra > least) least = extra;
      }
      if (least > allowed || 1 - least / longer < LEFTOVER_MIN_SIMILARITY) continue;
      best = credit;
    }
    return best;
  }

  /** Adds one query word's match with listed word `canon` to every name holding it. */
  private accumulate(canon: number, contribution: number, word: number): void {
    const postings = this.index.postings[canon]!;
    const seenStamp = this.seenStamp;
    const n = this.width;
    for (let k = 0; k < postings.length; k++) {
      const v = postings[k]!;
      if (seenStamp[v] !== this.queryStamp) {
        seenStamp[v] = this.queryStamp;
        this.position[v] = this.touched.length;
        this.touched.push(v);
        const need = this.touched.length * n;
        if (need > this.slotValues.length) {
          const grown = new Float64Array(Math.max(need, this.slotValues.length * 2));
          grown.set(this.slotValues);
          this.slotValues = grown;
        }
        this.slotValues.fill(-1, need - n, need);
        const t = this.touched.length - 1;
        if (t >= this.credit.length) {
          const credit = new Float64Array(this.credit.length * 2);
          credit.set(this.credit);
          this.credit = credit;
          const covered = new Float64Array(this.covered.length * 2);
          covered.set(this.covered);
          this.covered = covered;
        }
        this.credit[t] = 0;
        this.covered[t] = 0;
      }
      const at = this.position[v]! * n + word;
      const before = this.slotValues[at]!;
      if (contribution <= before) continue;
      this.slotValues[at] = contribution;
      const t = this.position[v]!;
      if (before < 0) {
        this.credit[t]! += contribution;
        this.covered[t]! += this.own[word]!;
      } else this.credit[t]! += contribution - before;
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

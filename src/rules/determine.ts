import { type Classification, classifyChip } from '../classify/classify.js';
import { CHIP_CATALOG, catalogChip } from '../data/chips.js';
import { type IsoDate, yearOf } from '../domain/dates.js';
import type { ExportRequest, RequestItem } from '../domain/request.js';
import { runDecision as runDecisionFor } from './defaults.js';
import {
  type AuthorizationUse,
  type CfrTextAnswer,
  type Determination,
  type ItemDetermination,
  OUTCOME_RANK,
  POLICY_RANK,
} from './determination.js';
import { Evaluation } from './evaluation.js';
import { type CompiledFramework, dayOf, statusOnDay } from './framework.js';
import { readingOn } from './parameters.js';
import {
  affiliations,
  DIVERSION_REVIEW_CITATION,
  effectiveDestinations,
  endUserLocatedElsewhere,
} from './places.js';
import { sourcesFor } from './sources.js';
import type {
  Authorization,
  ItemFacts,
  LicensePolicy,
  Outcome,
  QuotaDraw,
  RequestFacts,
  Requirement,
  UncertainReading,
} from './types.js';

/** Catalog chips are classified once, at start-up. */
const catalogClassification = new Map<string, Classification>(
  CHIP_CATALOG.map((c) => [c.id, classifyChip(c)]),
);

/**
 * The request as a plain copy with a shared hidden class. Objects as they come from
 * `parseExportRequest` (a spread, then a key added) each get a hidden class of their own in V8,
 * so every property read on them misses the inline caches and takes a slow lookup; rules read
 * the request many times per determination. A spread copy (same own fields, same values) is
 * made through V8's clone path, which gives requests with the same keys one shared class.
 */
function withStableShape(request: ExportRequest): ExportRequest {
  return { ...request };
}

/** Facts about a request that every framework reads; computed once per request. */
export function requestFacts(given: ExportRequest): RequestFacts {
  const request = withStableShape(given);
  let advancedTpp = 0;
  let pooledTpp = 0;
  let advancedChips = 0;
  let advancedValueUsd: number | null = 0;
  const source = request.items;
  const items: ItemFacts[] = new Array(source.length);
  for (let index = 0; index < source.length; index++) {
    const item = source[index]!;
    const facts = itemFacts(item, index);
    if (facts.classification?.class === 'advanced') {
      advancedTpp += facts.tpp;
      if (facts.datacenter) pooledTpp += facts.tpp;
      advancedChips += facts.quantity;
      advancedValueUsd =
        advancedValueUsd === null || item.unitPriceUsd === undefined
          ? null
          : advancedValueUsd + item.unitPriceUsd * facts.quantity;
    }
    items[index] = facts;
  }
  return {
    request,
    items,
    advancedTpp,
    pooledTpp,
    advancedChips,
    advancedValueUsd,
    year: yearOfDate(request.date),
    destinations: effectiveDestinations(request),
    endUserElsewhere: endUserLocatedElsewhere(request),
    affiliations: affiliations(request),
  };
}

/** `yearOf` without the substring: the four leading digits of a checked ISO date. */
function yearOfDate(date: IsoDate): number {
  const c0 = date.charCodeAt(0) - 48;
  const c1 = date.charCodeAt(1) - 48;
  const c2 = date.charCodeAt(2) - 48;
  const c3 = date.charCodeAt(3) - 48;
  if (
    c0 < 0 ||
    c0 > 9 ||
    c1 < 0 ||
    c1 > 9 ||
    c2 < 0 ||
    c2 > 9 ||
    c3 < 0 ||
    c3 > 9 ||
    date.charCodeAt(4) !== 45
  )
    return yearOf(date);
  return c0 * 1000 + c1 * 100 + c2 * 10 + c3;
}

function itemFacts(item: RequestItem, index: number): ItemFacts {
  if (item.modelWeights) {
    return {
      index,
      kind: 'model-weights',
      label: `model weights "${item.modelWeights.name}"`,
      quantity: 1,
      tpp: 0,
      classification: null,
      datacenter: true,
      memoryBandwidthGBs: null,
      weights: {
        trainingOps: item.modelWeights.trainingOps,
        published: item.modelWeights.published,
        exclusion: item.modelWeights.exclusion ?? null,
      },
      usCommerciallyAvailableSince: null,
    };
  }
  const quantity = item.quantity ?? 0;
  if (item.chip) {
    const chip = catalogChip(item.chip)!;
    const classification = catalogClassification.get(chip.id)!;
    return {
      index,
      kind: 'chip',
      label: chip.name,
      quantity,
      tpp: chip.tpp * quantity,
      classification,
      datacenter: chip.datacenter,
      memoryBandwidthGBs: chip.memoryBandwidthGBs,
      weights: null,
      usCommerciallyAvailableSince: chip.usCommerciallyAvailableSince,
    };
  }
  const custom = item.customChip!;
  const classification = classifyChip(
    {
      name: custom.name,
      tpp: custom.tpp,
      dieAreaMm2: custom.dieAreaMm2 ?? null,
      datacenter: custom.datacenter,
    },
    ['items', index, 'customChip', 'dieAreaMm2'],
  );
  return {
    index,
    kind: 'chip',
    label: custom.name,
    quantity,
    tpp: custom.tpp * quantity,
    classification,
    datacenter: custom.datacenter,
    memoryBandwidthGBs: custom.memoryBandwidthGBs ?? null,
    weights: null,
    usCommerciallyAvailableSince: custom.usCommerciallyAvailableSince ?? null,
  };
}

/** Node labels for item indexes, built once (an item node is opened for every item). */
const ITEM_LABELS = Array.from({ length: 64 }, (_, i) => `item[${i}]`);
const itemLabel = (index: number) => ITEM_LABELS[index] ?? `item[${index}]`;

/** Per classification, what determinations repeat: its trace title and its summary. */
interface ClassificationView {
  readonly title: string;
  readonly summary: NonNullable<ItemDetermination['classification']>;
}

function makeView(c: Classification): ClassificationView {
  return {
    title: `${c.class}: ${c.basis}`,
    summary: { class: c.class, eccn: c.eccn, tpp: c.tpp, pd: c.pd, h100e: c.h100e },
  };
}

/** Views of the catalog's classifications, built once; a custom chip's is built when it is met. */
const catalogViews = new Map<Classification, ClassificationView>(
  [...catalogClassification.values()].map((c) => [c, makeView(c)]),
);
const viewOf = (c: Classification): ClassificationView => catalogViews.get(c) ?? makeView(c);

/**
 * Determines one request under one framework: each item on its own, then the request's
 * outcome is the most restrictive, its policy the most restrictive, its requirements the
 * union and its quota draws summed per pool (spec/frameworks.md §7). Pure: the date and all
 * prior usage are in the request.
 */
export function determine(
  framework: CompiledFramework,
  request: ExportRequest,
  facts: RequestFacts = requestFacts(request),
): Determination {
  // Read from the facts' copy of the request (the same values; see `withStableShape`).
  const { date, id } = facts.request;
  const day = dayOf(date);
  const ev = new Evaluation(framework, facts, day);
  const status = statusOnDay(framework, day);
  ev.begin(framework.id, framework.citation, framework.title);
  ev.fact('framework status on the evaluation date', status, 'framework timeline');
  // Kept in first-seen order, as the contract lists them; a handful of entries, so arrays.
  const citations: string[] = [framework.citation];

  if (day < framework.coverageFromDay || day > framework.coverageToDay) {
    ev.cmp('evaluation date (day number)', day, '>=', framework.coverageFromDay);
    ev.note(`out of coverage: ${framework.coverage.note}`);
    ev.end('out-of-coverage');
    const outOfCoverage: Determination = {
      framework: framework.id,
      frameworkTitle: framework.title,
      frameworkRevision: framework.revision,
      frameworkStatus: status,
      asOf: date,
      requestId: id ?? null,
      log: ev.finish(),
      outcome: 'out-of-coverage',
      authorization: null,
      authorizations: [],
      licensePolicy: null,
      requirements: [],
      quota: [],
      items: [],
      citations,
      sources: sourcesFor(citations),
      coveredRange: { from: framework.coverage.from, to: framework.coverage.to },
    };
    if (framework.cfrTextFramework !== null) withCompanion(outOfCoverage, framework, facts);
    return outOfCoverage;
  }

  const itemFacts = facts.items;
  const items: ItemDetermination[] = new Array(itemFacts.length);
  // Made on first use: most items add no requirement or quota draw.
  let requirements: Requirement[] | null = null;
  let quota: QuotaDraw[] | null = null;
  let outcome: Outcome = 'not-controlled';
  let policy: LicensePolicy | null = null;
  let authorizations: { authorization: Authorization; items: number[] }[] | null = null;

  for (let k = 0; k < itemFacts.length; k++) {
    const item = itemFacts[k]!;
    ev.begin(itemLabel(item.index), '', item.label);
    const c = item.classification;
    let summary: ItemDetermination['classification'] = null;
    if (c) {
      const view = viewOf(c);
      summary = view.summary;
      ev.classified(c, view.title);
      addCitation(citations, c.citation);
    }
    const decision = item.kind === 'chip' ? framework.decisions.chips : framework.decisions.modelWeights;
    ev.begin(decision.name, '');
    const { rule, consequence } = runDecisionFor(ev, decision, item);
    ev.end(rule.id);
    ev.end(consequence.outcome);
    addCitation(citations, rule.citation);

    const itemResult: ItemDetermination = {
      index: item.index,
      kind: item.kind,
      label: item.label,
      quantity: item.quantity,
      classification: summary,
      outcome: consequence.outcome,
      authorization: consequence.authorization,
      licensePolicy: consequence.licensePolicy,
      rule: rule.id,
      citation: rule.citation,
      quota: consequence.quota,
    };
    items[k] = itemResult;
    if (k === 0 || OUTCOME_RANK[consequence.outcome] > OUTCOME_RANK[outcome]) {
      outcome = consequence.outcome;
    }
    const granted = consequence.authorization;
    if (granted !== null) {
      if (authorizations === null) authorizations = [{ authorization: granted, items: [item.index] }];
      else {
        const use = authorizations.find((a) => a.authorization === granted);
        if (use) use.items.push(item.index);
        else authorizations.push({ authorization: granted, items: [item.index] });
      }
    }
    if (
      consequence.licensePolicy &&
      (!policy || POLICY_RANK[consequence.licensePolicy] > POLICY_RANK[policy])
    ) {
      policy = consequence.licensePolicy;
    }
    const required = consequence.requirements;
    for (let r = 0; r < required.length; r++) {
      const req = required[r]!;
      if (requirements === null) requirements = [req];
      else {
        const at = indexOfCode(requirements, req.code);
        if (at < 0) requirements.push(req);
        else requirements[at] = weakerOf(requirements[at]!, req);
      }
      addCitation(citations, req.citation);
    }
    const draws = consequence.quota;
    for (let q = 0; q < draws.length; q++) {
      const draw = draws[q]!;
      if (quota === null) {
        quota = [draw];
        continue;
      }
      const at = indexOfPool(quota, draw.pool);
      if (at < 0) quota.push(draw);
      else {
        const seen = quota[at]!;
        quota[at] = { ...seen, tpp: seen.tpp + draw.tpp };
      }
    }
  }
  if (facts.endUserElsewhere) {
    // spec/frameworks.md §2: an end user located elsewhere than the ship-to is a diversion red flag.
    ev.fact(
      'end user located in another country than the ship-to destination',
      true,
      DIVERSION_REVIEW_CITATION,
    );
    const review: Requirement = {
      code: 'diversion-review',
      satisfied: false,
      citation: DIVERSION_REVIEW_CITATION,
    };
    if (requirements === null) requirements = [review];
    else requirements.push(review);
    addCitation(citations, DIVERSION_REVIEW_CITATION);
  }
  ev.end(outcome);
  const uses: readonly AuthorizationUse[] = authorizations ?? [];
  const uncertain = ev.uncertainties;
  if (uncertain !== null) for (const u of uncertain) addCitation(citations, u.citation);
  const determination: Determination = {
    framework: framework.id,
    frameworkTitle: framework.title,
    frameworkRevision: framework.revision,
    frameworkStatus: status,
    asOf: date,
    requestId: id ?? null,
    log: ev.finish(),
    outcome,
    // The request's one authorization only when every license-exception item shares it
    // (spec/frameworks.md §3, corrections): otherwise `authorizations` lists them.
    authorization: outcome === 'license-exception' && uses.length === 1 ? uses[0]!.authorization : null,
    authorizations: uses,
    licensePolicy: outcome === 'license-required' ? policy : null,
    requirements: requirements ?? [],
    quota: quota ?? [],
    items,
    citations,
    sources: sourcesFor(citations),
    coveredRange: null,
  };
  if (uncertain !== null) (determination as { uncertain?: typeof uncertain }).uncertain = uncertain;
  if (framework.cfrTextFramework !== null) {
    withCompanion(determination, framework, facts);
    // The framework's own request-level open readings, once both answers are known.
    const annotated = annotate(framework, determination, facts, day);
    if (annotated !== null && annotated.length > 0) {
      for (const u of annotated) addCitation(citations, u.citation);
      const all = uncertain === null ? annotated : [...annotated, ...uncertain];
      (determination as { uncertain?: typeof all }).uncertain = all;
      (determination as { sources: Determination['sources'] }).sources = sourcesFor(citations);
    }
  }
  return determination;
}

/**
 * The framework's request-level open readings (`cfrText.annotate`), once both its answer and
 * the CFR text's are known; null for a framework without them.
 */
function annotate(
  framework: CompiledFramework,
  det: Determination,
  facts: RequestFacts,
  day: number,
): UncertainReading[] | null {
  const hook = framework.cfrText?.annotate;
  if (!hook) return null;
  return [
    ...hook({
      facts,
      day,
      outcome: det.outcome,
      authorization: det.authorization,
      licensePolicy: det.licensePolicy,
      cfrText: det.cfrText ?? null,
      param: <T>(id: string) => {
        const parameter = framework.parameters.get(id);
        if (!parameter) throw new Error(`framework ${framework.id} has no parameter "${id}"`);
        return readingOn(parameter, day).value as T;
      },
    }),
  ];
}

/**
 * `cfrText` for a framework that reports the CFR text's answer beside its own (spec §8): the
 * other framework's answer for the same request; null when that rule was not yet in effect.
 */
function withCompanion(
  determination: Determination,
  framework: CompiledFramework,
  facts: RequestFacts,
): void {
  const other = determine(framework.cfrTextFramework!, facts.request, facts);
  const cfrText: CfrTextAnswer | null =
    other.outcome === 'out-of-coverage'
      ? null
      : {
          framework: other.framework,
          outcome: other.outcome,
          authorization: other.authorization,
          licensePolicy: other.licensePolicy,
        };
  (determination as { cfrText?: CfrTextAnswer | null }).cfrText = cfrText;
}

function addCitation(citations: string[], citation: string): void {
  for (let i = 0; i < citations.length; i++) if (citations[i] === citation) return;
  citations.push(citation);
}

function indexOfCode(requirements: readonly Requirement[], code: string): number {
  for (let i = 0; i < requirements.length; i++) if (requirements[i]!.code === code) return i;
  return -1;
}

function indexOfPool(quota: readonly QuotaDraw[], pool: string): number {
  for (let i = 0; i < quota.length; i++) if (quota[i]!.pool === pool) return i;
  return -1;
}

const satisfiedRank = (s: boolean | null) => (s === false ? 0 : s === null ? 1 : 2);

/** Of two entries for one requirement, keep the less satisfied: false < null < true. */
function weakerOf(a: Requirement, b: Requirement): Requirement {
  return satisfiedRank(b.satisfied) < satisfiedRank(a.satisfied) ? b : a;
}

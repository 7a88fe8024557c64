import { type Classification, classifyChip } from '../classify/classify.js';
import { CHIP_CATALOG, catalogChip } from '../data/chips.js';
import { yearOf } from '../domain/dates.js';
import type { ExportRequest, RequestItem } from '../domain/request.js';
import { runDecision as runDecisionFor } from './defaults.js';
import { type Determination, type ItemDetermination, OUTCOME_RANK, POLICY_RANK } from './determination.js';
import { Evaluation } from './evaluation.js';
import { type CompiledFramework, dayOf, statusOnDay } from './framework.js';
import type { ItemFacts, LicensePolicy, Outcome, QuotaDraw, RequestFacts, Requirement } from './types.js';

/** Catalog chips are classified once, at start-up. */
const catalogClassification = new Map<string, Classification>(
  CHIP_CATALOG.map((c) => [c.id, classifyChip(c)]),
);

/** Facts about a request that every framework reads; computed once per request. */
export function requestFacts(request: ExportRequest): RequestFacts {
  let advancedTpp = 0;
  let advancedChips = 0;
  let advancedValueUsd: number | null = 0;
  const source = request.items;
  const items: ItemFacts[] = new Array(source.length);
  for (let index = 0; index < source.length; index++) {
    const item = source[index]!;
    const facts = itemFacts(item, index);
    if (facts.classification?.class === 'advanced') {
      advancedTpp += facts.tpp;
      advancedChips += facts.quantity;
      advancedValueUsd =
        advancedValueUsd === null || item.unitPriceUsd === undefined
          ? null
          : advancedValueUsd + item.unitPriceUsd * facts.quantity;
    }
    items[index] = facts;
  }
  return { request, items, advancedTpp, advancedChips, advancedValueUsd, year: yearOf(request.date) };
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
      weights: { trainingOps: item.modelWeights.trainingOps, published: item.modelWeights.published },
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
  const day = dayOf(request.date);
  const ev = new Evaluation(framework, facts, day, logCapacityFor(facts.items.length));
  const status = statusOnDay(framework, day);
  ev.begin(framework.id, framework.citation, framework.title);
  ev.fact('framework status on the evaluation date', status, 'framework timeline');
  // Kept in first-seen order, as the contract lists them; a handful of entries, so arrays.
  const citations: string[] = [framework.citation];

  if (day < framework.coverageFromDay || day > framework.coverageToDay) {
    ev.cmp('evaluation date (day number)', day, '>=', framework.coverageFromDay);
    ev.note(`out of coverage: ${framework.coverage.note}`);
    ev.end('out-of-coverage');
    return {
      framework: framework.id,
      frameworkTitle: framework.title,
      frameworkRevision: framework.revision,
      frameworkStatus: status,
      asOf: request.date,
      requestId: request.id ?? null,
      log: ev.finish(),
      outcome: 'out-of-coverage',
      authorization: null,
      licensePolicy: null,
      requirements: [],
      quota: [],
      items: [],
      citations,
      coveredRange: { from: framework.coverage.from, to: framework.coverage.to },
    };
  }

  const itemFacts = facts.items;
  const items: ItemDetermination[] = new Array(itemFacts.length);
  const requirements: Requirement[] = [];
  const quota: QuotaDraw[] = [];
  let outcome: Outcome = 'not-controlled';
  let policy: LicensePolicy | null = null;
  let deciding: ItemDetermination | undefined;

  for (let k = 0; k < itemFacts.length; k++) {
    const item = itemFacts[k]!;
    ev.begin(itemLabel(item.index), '', item.label);
    const c = item.classification;
    let summary: ItemDetermination['classification'] = null;
    if (c) {
      const view = viewOf(c);
      summary = view.summary;
      ev.begin('classification', c.citation, view.title);
      const tests = c.tests;
      for (let t = 0; t < tests.length; t++) {
        const test = tests[t]!;
        ev.cmp(test.what, test.actual, test.op, test.threshold);
      }
      ev.end(c.class);
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
    if (!deciding || OUTCOME_RANK[consequence.outcome] > OUTCOME_RANK[outcome]) {
      outcome = consequence.outcome;
      deciding = itemResult;
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
      const at = indexOfCode(requirements, req.code);
      if (at < 0) requirements.push(req);
      else requirements[at] = weakerOf(requirements[at]!, req);
      addCitation(citations, req.citation);
    }
    const draws = consequence.quota;
    for (let q = 0; q < draws.length; q++) {
      const draw = draws[q]!;
      const at = indexOfPool(quota, draw.pool);
      if (at < 0) quota.push(draw);
      else {
        const seen = quota[at]!;
        quota[at] = { ...seen, tpp: seen.tpp + draw.tpp };
      }
    }
  }
  ev.end(outcome);
  return {
    framework: framework.id,
    frameworkTitle: framework.title,
    frameworkRevision: framework.revision,
    frameworkStatus: status,
    asOf: request.date,
    requestId: request.id ?? null,
    log: ev.finish(),
    outcome,
    authorization: outcome === 'license-exception' ? (deciding?.authorization ?? null) : null,
    licensePolicy: outcome === 'license-required' ? policy : null,
    requirements,
    quota,
    items,
    citations,
    coveredRange: null,
  };
}

/**
 * Room for the trace log up front: a single-item request records up to about 160 entries under
 * the frameworks here, each further item about 130. A guess, capped (a very large array would
 * not be kept in fast elements); the log grows past it if needed.
 */
function logCapacityFor(itemCount: number): number {
  return Math.min(40 + 128 * itemCount, 4096);
}

function addCitation(citations: string[], citation: string): void {
  if (!citations.includes(citation)) citations.push(citation);
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

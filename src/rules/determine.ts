import { type Classification, classifyChip } from '../classify/classify.js';
import { CHIP_CATALOG, catalogChip } from '../data/chips.js';
import { dayNumber, yearOf } from '../domain/dates.js';
import type { ExportRequest, RequestItem } from '../domain/request.js';
import { runDecision as runDecisionFor } from './defaults.js';
import { type Determination, type ItemDetermination, OUTCOME_RANK, POLICY_RANK } from './determination.js';
import { Evaluation } from './evaluation.js';
import { type CompiledFramework, statusOn } from './framework.js';
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
  const items = request.items.map((item, index) => {
    const facts = itemFacts(item, index);
    if (facts.classification?.class === 'advanced') {
      advancedTpp += facts.tpp;
      advancedChips += facts.quantity;
      advancedValueUsd =
        advancedValueUsd === null || item.unitPriceUsd === undefined
          ? null
          : advancedValueUsd + item.unitPriceUsd * facts.quantity;
    }
    return facts;
  });
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
  const day = dayNumber(request.date);
  const ev = new Evaluation(framework, facts, day);
  const status = statusOn(framework, request.date);
  ev.begin(framework.id, framework.citation, framework.title);
  ev.fact('framework status on the evaluation date', status, 'framework timeline');
  const citations = new Set<string>([framework.citation]);
  const base = {
    framework: framework.id,
    frameworkTitle: framework.title,
    frameworkRevision: framework.revision,
    frameworkStatus: status,
    asOf: request.date,
    requestId: request.id ?? null,
    log: ev.log,
  };

  if (day < framework.coverageFromDay || day > framework.coverageToDay) {
    ev.cmp('evaluation date (day number)', day, '>=', framework.coverageFromDay);
    ev.note(`out of coverage: ${framework.coverage.note}`);
    ev.end('out-of-coverage');
    return {
      ...base,
      outcome: 'out-of-coverage',
      authorization: null,
      licensePolicy: null,
      requirements: [],
      quota: [],
      items: [],
      citations: [...citations],
      coveredRange: { from: framework.coverage.from, to: framework.coverage.to },
    };
  }

  const items: ItemDetermination[] = [];
  const requirements = new Map<string, Requirement>();
  const quota = new Map<string, QuotaDraw>();
  let outcome: Outcome = 'not-controlled';
  let policy: LicensePolicy | null = null;
  let deciding: ItemDetermination | undefined;

  for (const item of facts.items) {
    ev.begin(`item[${item.index}]`, '', item.label);
    const c = item.classification;
    if (c) {
      ev.begin('classification', c.citation, `${c.class}: ${c.basis}`);
      for (const t of c.tests) ev.cmp(t.what, t.actual, t.op, t.threshold);
      ev.end(c.class);
      citations.add(c.citation);
    }
    const decision = item.kind === 'chip' ? framework.decisions.chips : framework.decisions.modelWeights;
    ev.begin(decision.name, '');
    const { rule, consequence } = runDecisionFor(ev, decision, item);
    ev.end(rule.id);
    ev.end(consequence.outcome);
    citations.add(rule.citation);

    const itemResult: ItemDetermination = {
      index: item.index,
      kind: item.kind,
      label: item.label,
      quantity: item.quantity,
      classification: c ? { class: c.class, eccn: c.eccn, tpp: c.tpp, pd: c.pd, h100e: c.h100e } : null,
      outcome: consequence.outcome,
      authorization: consequence.authorization,
      licensePolicy: consequence.licensePolicy,
      rule: rule.id,
      citation: rule.citation,
    };
    items.push(itemResult);
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
    for (const r of consequence.requirements) {
      const seen = requirements.get(r.code);
      requirements.set(r.code, seen ? weakerOf(seen, r) : r);
      citations.add(r.citation);
    }
    for (const q of consequence.quota) {
      const seen = quota.get(q.pool);
      quota.set(q.pool, seen ? { ...seen, tpp: seen.tpp + q.tpp } : q);
    }
  }
  ev.end(outcome);
  return {
    ...base,
    outcome,
    authorization: outcome === 'license-exception' ? (deciding?.authorization ?? null) : null,
    licensePolicy: outcome === 'license-required' ? policy : null,
    requirements: [...requirements.values()],
    quota: [...quota.values()],
    items,
    citations: [...citations],
    coveredRange: null,
  };
}

/** Of two entries for one requirement, keep the less satisfied: false < null < true. */
function weakerOf(a: Requirement, b: Requirement): Requirement {
  const rank = (s: boolean | null) => (s === false ? 0 : s === null ? 1 : 2);
  return rank(b.satisfied) < rank(a.satisfied) ? b : a;
}

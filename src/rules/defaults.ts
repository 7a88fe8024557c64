import { RuleConflictError } from '../domain/errors.js';
import type { Evaluation } from './evaluation.js';
import type { TracedRule } from './trace-log.js';
import type { Consequence, ItemFacts, RuleDefinition } from './types.js';

/** A rule ready to run, with where it sits in the precedence order. */
export interface CompiledRule extends RuleDefinition {
  readonly index: number;
  readonly neutralizedBy?: { readonly reform: string; readonly reason: string; readonly citation: string };
  /** The trace node of the rule's consequence (`<id>:consequence`), built once. */
  readonly consequenceNode: TracedRule;
}

/**
 * A decision in default logic (after Catala): a base rule and labelled exceptions. Rules are
 * kept in an order where every rule comes before the rules it overrides, and `dominates[a][b]`
 * says whether a overrides b directly or transitively.
 */
export interface CompiledDecision {
  readonly name: string;
  readonly rules: readonly CompiledRule[];
  readonly dominates: readonly (readonly boolean[])[];
}

export function compileDecision(
  name: string,
  definitions: readonly (RuleDefinition & { neutralizedBy?: CompiledRule['neutralizedBy'] })[],
): CompiledDecision {
  const byId = new Map(definitions.map((r) => [r.id, r]));
  if (byId.size !== definitions.length) throw new Error(`decision "${name}" has two rules with one id`);
  for (const rule of definitions) {
    for (const target of rule.overrides ?? []) {
      if (!byId.has(target))
        throw new Error(`rule "${rule.id}" overrides unknown rule "${target}" in "${name}"`);
    }
  }
  // Topological order: a rule before everything it overrides (Kahn's algorithm on "overrides").
  const incoming = new Map(definitions.map((r) => [r.id, 0]));
  for (const rule of definitions) for (const t of rule.overrides ?? []) incoming.set(t, incoming.get(t)! + 1);
  const ready = definitions.filter((r) => incoming.get(r.id) === 0);
  const ordered: (RuleDefinition & { neutralizedBy?: CompiledRule['neutralizedBy'] })[] = [];
  while (ready.length > 0) {
    const rule = ready.shift()!;
    ordered.push(rule);
    for (const t of rule.overrides ?? []) {
      incoming.set(t, incoming.get(t)! - 1);
      if (incoming.get(t) === 0) ready.push(byId.get(t)!);
    }
  }
  if (ordered.length !== definitions.length) throw new Error(`decision "${name}" has a precedence cycle`);
  const position = new Map(ordered.map((r, i) => [r.id, i]));
  const n = ordered.length;
  const dominates = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  // Walk from the bottom so each rule's closure is complete before the rules above read it.
  for (let i = n - 1; i >= 0; i--) {
    for (const t of ordered[i]!.overrides ?? []) {
      const j = position.get(t)!;
      dominates[i]![j] = true;
      for (let k = 0; k < n; k++) if (dominates[j]![k]) dominates[i]![k] = true;
    }
  }
  return {
    name,
    // Every compiled rule has the same fields in the same order (absent ones undefined), so
    // the engine's reads of them see one object layout.
    rules: ordered.map(
      (r, index): CompiledRule => ({
        id: r.id,
        title: r.title,
        citation: r.citation,
        overrides: r.overrides,
        when: r.when,
        decide: r.decide,
        index,
        neutralizedBy: r.neutralizedBy,
        consequenceNode: { id: `${r.id}:consequence`, title: r.title, citation: r.citation },
      }),
    ),
    dominates,
  };
}

export interface DecisionResult {
  readonly rule: CompiledRule;
  readonly consequence: Consequence;
}

/**
 * Runs a decision: the applicable rule that overrides every other applicable rule wins.
 * Rules overridden by the winner are not tried (recorded as skipped); any other rule is
 * tried, and if it applies too, that is a conflict naming both rules.
 */
export function runDecision(ev: Evaluation, decision: CompiledDecision, item: ItemFacts): DecisionResult {
  let winner: CompiledRule | undefined;
  const { rules, dominates } = decision;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (winner && dominates[winner.index]![rule.index]) {
      // A run of rules the winner overrides is recorded as one entry (see `Op.SkipRun`).
      let end = i + 1;
      while (end < rules.length && dominates[winner.index]![rules[end]!.index]) end++;
      ev.skipRun(rules, i, end, winner);
      i = end - 1;
      continue;
    }
    if (rule.neutralizedBy) {
      ev.neutralized(rule, rule.neutralizedBy.reform, rule.neutralizedBy.reason);
      continue;
    }
    ev.beginRule(rule);
    const applies = rule.when(ev, item);
    ev.end(applies);
    if (!applies) continue;
    if (winner) throw new RuleConflictError(winner, rule);
    winner = rule;
  }
  if (!winner)
    throw new Error(`no rule of decision "${decision.name}" applies: the framework has no base rule`);
  ev.beginRule(winner.consequenceNode);
  const consequence = winner.decide(ev, item);
  ev.end(consequence.outcome);
  return { rule: winner, consequence };
}

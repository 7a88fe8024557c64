import { createHash } from 'node:crypto';
import { dayNumber, type IsoDate } from '../domain/dates.js';
import { type CompiledDecision, type CompiledRule, compileDecision } from './defaults.js';
import { type CompiledParameter, compileParameter, type Parameter } from './parameters.js';
import type {
  AnyFrameworkDefinition,
  DecisionName,
  Decisions,
  FrameworkDefinition,
  FrameworkMeta,
  FrameworkStatus,
  ReformDefinition,
  RuleDefinition,
} from './types.js';

/** A framework ready to evaluate: compiled once at start-up, then shared by every request. */
export interface CompiledFramework extends FrameworkMeta {
  readonly kind: 'framework' | 'reform';
  readonly base: string | null;
  readonly parameters: ReadonlyMap<string, CompiledParameter>;
  readonly decisions: Decisions<CompiledDecision>;
  /** Content hash of parameters and rules: recorded with every determination for replay. */
  readonly revision: string;
  readonly coverageFromDay: number;
  readonly coverageToDay: number;
  readonly patches: readonly { readonly op: string; readonly target: string; readonly reason: string }[];
  /** The framework whose answer is reported as `cfrText` beside this one's (spec §8), if any. */
  readonly cfrTextFramework: CompiledFramework | null;
  /** The timeline's status events as day numbers, in timeline order (see `statusOnDay`). */
  readonly statusTimeline: readonly { readonly day: number; readonly status: FrameworkStatus }[];
}

type RuleEntry = RuleDefinition & { neutralizedBy?: CompiledRule['neutralizedBy'] };

interface Flat {
  parameters: Map<string, Parameter>;
  decisions: Record<DecisionName, RuleEntry[]>;
  patches: { op: string; target: string; reason: string }[];
}

/** Resolves a framework (applying a reform's patches over its base) and compiles it. */
export function compileFramework(
  definition: AnyFrameworkDefinition,
  lookup: (id: string) => AnyFrameworkDefinition | undefined,
): CompiledFramework {
  const flat = flatten(definition, lookup, new Set());
  const parameters = new Map([...flat.parameters.values()].map((p) => [p.id, compileParameter(p)]));
  const decisions = {
    chips: compileDecision(`${definition.id}/chips`, flat.decisions.chips),
    modelWeights: compileDecision(`${definition.id}/modelWeights`, flat.decisions.modelWeights),
  };
  let cfrTextFramework: CompiledFramework | null = null;
  if (definition.cfrText) {
    const companion = lookup(definition.cfrText.framework);
    if (!companion)
      throw new Error(
        `framework "${definition.id}" reports cfrText of unknown "${definition.cfrText.framework}"`,
      );
    if (companion.cfrText) throw new Error(`framework "${companion.id}" cannot itself report cfrText`);
    cfrTextFramework = compileFramework(companion, lookup);
  }
  return {
    ...definition,
    kind: definition.kind,
    cfrTextFramework,
    base: definition.kind === 'reform' ? definition.base : null,
    parameters,
    decisions,
    // The CFR text's answer is part of the determination, so its rules are part of the revision.
    revision: cfrTextFramework
      ? createHash('sha256')
          .update(revisionOf(definition.id, flat))
          .update(cfrTextFramework.revision)
          .digest('hex')
          .slice(0, 12)
      : revisionOf(definition.id, flat),
    coverageFromDay: dayNumber(definition.coverage.from),
    coverageToDay: definition.coverage.to ? dayNumber(definition.coverage.to) : Number.POSITIVE_INFINITY,
    patches: flat.patches,
    statusTimeline: definition.timeline.flatMap((event) =>
      event.status ? [{ day: dayNumber(event.date), status: event.status }] : [],
    ),
  };
}

function flatten(
  definition: AnyFrameworkDefinition,
  lookup: (id: string) => AnyFrameworkDefinition | undefined,
  seen: Set<string>,
): Flat {
  if (seen.has(definition.id)) throw new Error(`reform cycle through "${definition.id}"`);
  seen.add(definition.id);
  if (definition.kind === 'framework') return flattenFramework(definition);
  const base = lookup(definition.base);
  if (!base) throw new Error(`reform "${definition.id}" patches unknown framework "${definition.base}"`);
  const flat = flatten(base, lookup, seen);
  applyPatches(definition, flat);
  return flat;
}

function flattenFramework(definition: FrameworkDefinition): Flat {
  const parameters = new Map<string, Parameter>();
  for (const p of definition.parameters) {
    if (parameters.has(p.id))
      throw new Error(`framework "${definition.id}" defines parameter "${p.id}" twice`);
    parameters.set(p.id, p);
  }
  return {
    parameters,
    decisions: {
      chips: [...definition.decisions.chips],
      modelWeights: [...definition.decisions.modelWeights],
    },
    patches: [],
  };
}

function applyPatches(reform: ReformDefinition, flat: Flat): void {
  for (const patch of reform.patches) {
    switch (patch.op) {
      case 'set-parameter': {
        if (!flat.parameters.has(patch.parameter.id)) {
          throw new Error(`reform "${reform.id}" sets unknown parameter "${patch.parameter.id}"`);
        }
        flat.parameters.set(patch.parameter.id, patch.parameter);
        flat.patches.push({ op: patch.op, target: patch.parameter.id, reason: patch.reason });
        break;
      }
      case 'neutralize-rule': {
        const rules = flat.decisions[patch.decision];
        const i = indexOfRule(rules, patch.rule, reform.id);
        // The rule stays in the precedence graph (so A > neutralized > B still orders A over B)
        // but never applies, and the trace says why.
        rules[i] = {
          ...rules[i]!,
          neutralizedBy: { reform: reform.id, reason: patch.reason, citation: patch.citation },
        };
        flat.patches.push({ op: patch.op, target: patch.rule, reason: patch.reason });
        break;
      }
      case 'replace-rule': {
        const rules = flat.decisions[patch.decision];
        const i = indexOfRule(rules, patch.rule.id, reform.id);
        const overrides = patch.rule.overrides ?? rules[i]!.overrides;
        rules[i] = { ...patch.rule, overrides };
        flat.patches.push({ op: patch.op, target: patch.rule.id, reason: patch.reason });
        break;
      }
      case 'add-rule': {
        flat.decisions[patch.decision].push(patch.rule);
        flat.patches.push({ op: patch.op, target: patch.rule.id, reason: patch.reason });
        break;
      }
    }
  }
}

function indexOfRule(rules: readonly RuleEntry[], id: string, reform: string): number {
  const i = rules.findIndex((r) => r.id === id);
  if (i < 0) throw new Error(`reform "${reform}" patches unknown rule "${id}"`);
  return i;
}

function revisionOf(id: string, flat: Flat): string {
  const hash = createHash('sha256');
  hash.update(id);
  for (const p of [...flat.parameters.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(JSON.stringify([p.id, p.values]));
  }
  for (const name of ['chips', 'modelWeights'] as const) {
    for (const r of flat.decisions[name]) {
      hash.update(
        JSON.stringify([
          r.id,
          r.citation,
          r.overrides ?? [],
          r.neutralizedBy ?? null,
          String(r.when),
          String(r.decide),
        ]),
      );
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * `dayNumber` for the evaluation date, by arithmetic on the digits (days from civil, proleptic
 * Gregorian) rather than a `split` and a `Date.UTC` per determination. The same number for every
 * checked ISO date from year 0100; anything else (and years before 0100, which `Date.UTC` reads
 * as 19xx) goes through `dayNumber` itself.
 */
export function dayOf(date: IsoDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return dayNumber(date);
  let y =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  if (y < 100 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return dayNumber(date);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `statusOn` for a compiled framework and a day number: the same walk over precompiled days. */
export function statusOnDay(framework: CompiledFramework, day: number): FrameworkStatus {
  const timeline = framework.statusTimeline;
  let status: FrameworkStatus | undefined;
  for (let i = 0; i < timeline.length; i++) {
    const event = timeline[i]!;
    if (status === undefined || event.day <= day) status = event.status;
  }
  if (!status) throw new Error(`framework "${framework.id}" has no status in its timeline`);
  return status;
}

/**
 * The framework's status on a date, from its timeline. Before its first status event (a
 * proposal evaluated as a what-if for a date before it was reported) the first status applies.
 */
export function statusOn(framework: FrameworkMeta, date: IsoDate): FrameworkStatus {
  const day = dayNumber(date);
  let status: FrameworkStatus | undefined;
  for (const event of framework.timeline) {
    if (!event.status) continue;
    if (status === undefined || dayNumber(event.date) <= day) status = event.status;
  }
  if (!status) throw new Error(`framework "${framework.id}" has no status in its timeline`);
  return status;
}

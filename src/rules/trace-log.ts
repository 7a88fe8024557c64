import type { ParameterReading } from './parameters.js';

/**
 * The trace is recorded as a flat log of operations (opcode followed by its operands) while
 * rules run, so that recording costs a few array pushes and no objects; `materializeTrace`
 * turns it into the tree of the determination contract when someone asks for it. Nothing is
 * lost between the two: every rule tried, every parameter read and every comparison is here.
 */
export const Op = {
  /** BEGIN label citation result-slot: opens a node (framework, item, decision, classification). */
  Begin: 1,
  /** END result: closes the innermost node. */
  End: 2,
  /** RULE rule: a rule is tried; closed by END with true/false. */
  Rule: 3,
  /** PARAM reading. */
  Param: 4,
  /** CMP label op actual threshold passed. */
  Cmp: 5,
  /** FACT label value source. */
  Fact: 6,
  /** NOTE text. */
  Note: 7,
  /** SKIP rule winner: not tried because a rule with precedence over it applied. */
  Skip: 8,
  /** NEUTRALIZED rule reform reason. */
  Neutralized: 9,
  /**
   * CLASSIFIED classification title: a chip's classification node — the threshold tests made
   * while classifying it, kept (immutable) in the classification itself, and its class. The same
   * node as BEGIN + one CMP per test + END would give, in three slots instead of 6 + 6 per test.
   */
  Classified: 10,
  /**
   * SKIPRUN rules from to winner: rules[from] … rules[to - 1], each not tried because the
   * winner has precedence over it — the same nodes as one SKIP per rule, in four slots.
   */
  SkipRun: 11,
} as const;

/** What a CLASSIFIED entry refers to (a `Classification` of src/classify). */
export interface ClassifiedRecord {
  readonly class: string;
  readonly citation: string;
  readonly tests: readonly {
    readonly what: string;
    readonly actual: number;
    readonly op: ComparisonOp;
    readonly threshold: number;
    readonly passed: boolean;
  }[];
}

export type TraceLog = unknown[];

export interface TracedRule {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
}

export type ComparisonOp = '<=' | '<' | '>=' | '>' | '==';

export interface TraceComparison {
  what: string;
  actual: number;
  op: ComparisonOp;
  threshold: number;
  passed: boolean;
}

export interface TraceParameter {
  id: string;
  value: unknown;
  from: string;
  source: string;
}

export interface TraceFact {
  what: string;
  value: unknown;
  source: string;
}

/** One node of the trace tree (spec/contracts.md: `{rule, citation, result, children}`). */
export interface TraceNode {
  rule: string;
  title?: string;
  citation: string;
  result: unknown;
  status?: 'applied' | 'not-applicable' | 'overridden' | 'neutralized';
  parameters?: TraceParameter[];
  comparisons?: TraceComparison[];
  facts?: TraceFact[];
  notes?: string[];
  children: TraceNode[];
}

export function compare(actual: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case '<=':
      return actual <= threshold;
    case '<':
      return actual < threshold;
    case '>=':
      return actual >= threshold;
    case '>':
      return actual > threshold;
    case '==':
      return actual === threshold;
  }
}

type ListKey = 'parameters' | 'comparisons' | 'facts' | 'notes';

function listOf<K extends ListKey>(node: TraceNode, key: K): NonNullable<TraceNode[K]> {
  let list = node[key];
  if (!list) {
    list = [] as unknown as TraceNode[K];
    node[key] = list;
  }
  return list as NonNullable<TraceNode[K]>;
}

export function materializeTrace(log: TraceLog): TraceNode {
  const root: TraceNode = { rule: '(root)', citation: '', result: null, children: [] };
  const stack: TraceNode[] = [root];
  const top = () => stack[stack.length - 1]!;
  let i = 0;
  while (i < log.length) {
    const op = log[i++] as number;
    switch (op) {
      case Op.Begin: {
        const rule = log[i++] as string;
        const citation = log[i++] as string;
        const title = log[i++] as string | undefined;
        const node: TraceNode = title
          ? { rule, title, citation, result: null, children: [] }
          : { rule, citation, result: null, children: [] };
        top().children.push(node);
        stack.push(node);
        break;
      }
      case Op.Rule: {
        const rule = log[i++] as TracedRule;
        const node: TraceNode = {
          rule: rule.id,
          title: rule.title,
          citation: rule.citation,
          result: null,
          children: [],
        };
        top().children.push(node);
        stack.push(node);
        break;
      }
      case Op.End: {
        const node = stack.pop()!;
        const result = log[i++];
        node.result = result;
        if (typeof result === 'boolean') node.status = result ? 'applied' : 'not-applicable';
        // Children last, so a reader sees a node's own evidence before what it contains.
        const { children } = node;
        delete (node as Partial<TraceNode>).children;
        node.children = children;
        break;
      }
      case Op.Param: {
        const r = log[i++] as ParameterReading;
        listOf(top(), 'parameters').push({ id: r.id, value: r.value, from: r.from, source: r.source });
        break;
      }
      case Op.Cmp: {
        const what = log[i++] as string;
        const cmpOp = log[i++] as ComparisonOp;
        const actual = log[i++] as number;
        const threshold = log[i++] as number;
        const passed = log[i++] as boolean;
        listOf(top(), 'comparisons').push({ what, actual, op: cmpOp, threshold, passed });
        break;
      }
      case Op.Fact: {
        const what = log[i++] as string;
        const value = log[i++];
        const source = log[i++] as string;
        listOf(top(), 'facts').push({ what, value, source });
        break;
      }
      case Op.Note:
        listOf(top(), 'notes').push(log[i++] as string);
        break;
      case Op.Skip: {
        const rule = log[i++] as TracedRule;
        const winner = log[i++] as TracedRule;
        top().children.push({
          rule: rule.id,
          title: rule.title,
          citation: rule.citation,
          result: false,
          status: 'overridden',
          notes: [`not tried: "${winner.id}" applies and has precedence`],
          children: [],
        });
        break;
      }
      case Op.SkipRun: {
        const rules = log[i++] as readonly TracedRule[];
        const from = log[i++] as number;
        const to = log[i++] as number;
        const winner = log[i++] as TracedRule;
        const children = top().children;
        for (let k = from; k < to; k++) {
          const rule = rules[k]!;
          children.push({
            rule: rule.id,
            title: rule.title,
            citation: rule.citation,
            result: false,
            status: 'overridden',
            notes: [`not tried: "${winner.id}" applies and has precedence`],
            children: [],
          });
        }
        break;
      }
      case Op.Classified: {
        const record = log[i++] as ClassifiedRecord;
        const title = log[i++] as string | undefined;
        // Keys in the order BEGIN + CMP + END give: own fields, comparisons, then children.
        const node = (
          title
            ? { rule: 'classification', title, citation: record.citation, result: record.class }
            : { rule: 'classification', citation: record.citation, result: record.class }
        ) as TraceNode;
        if (record.tests.length > 0) {
          node.comparisons = record.tests.map((t) => ({
            what: t.what,
            actual: t.actual,
            op: t.op,
            threshold: t.threshold,
            passed: t.passed,
          }));
        }
        node.children = [];
        top().children.push(node);
        break;
      }
      case Op.Neutralized: {
        const rule = log[i++] as TracedRule;
        const reform = log[i++] as string;
        const reason = log[i++] as string;
        top().children.push({
          rule: rule.id,
          title: rule.title,
          citation: rule.citation,
          result: false,
          status: 'neutralized',
          notes: [`neutralized by ${reform}: ${reason}`],
          children: [],
        });
        break;
      }
      default:
        throw new Error(`corrupt trace log: opcode ${String(op)} at ${i - 1}`);
    }
  }
  if (stack.length !== 1) throw new Error('corrupt trace log: unclosed nodes');
  const [first] = root.children;
  return root.children.length === 1 && first ? first : root;
}

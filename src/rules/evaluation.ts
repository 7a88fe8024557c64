import type { CompiledFramework } from './framework.js';
import { readingOn } from './parameters.js';
import { type ComparisonOp, compare, Op, type TracedRule, type TraceLog } from './trace-log.js';
import type { RequestFacts } from './types.js';

/**
 * What a rule sees while it runs: the request's facts, the parameters in force on the
 * evaluation date, and a recorder for the trace. It holds no clock and no I/O.
 */
export class Evaluation {
  readonly log: TraceLog = [];

  constructor(
    readonly framework: CompiledFramework,
    readonly facts: RequestFacts,
    readonly day: number,
  ) {}

  /** Reads a parameter in force on the evaluation date and records the reading. */
  param<T>(id: string): T {
    const parameter = this.framework.parameters.get(id);
    if (!parameter) throw new Error(`framework ${this.framework.id} has no parameter "${id}"`);
    const reading = readingOn(parameter, this.day);
    this.log.push(Op.Param, reading);
    return reading.value as T;
  }

  /** Compares an actual value with a threshold and records both. */
  cmp(what: string, actual: number, op: ComparisonOp, threshold: number): boolean {
    const passed = compare(actual, op, threshold);
    this.log.push(Op.Cmp, what, op, actual, threshold, passed);
    return passed;
  }

  /** Records a fact a rule relied on (a group membership, an assurance given). */
  fact<T>(what: string, value: T, source: string): T {
    this.log.push(Op.Fact, what, value, source);
    return value;
  }

  note(text: string): void {
    this.log.push(Op.Note, text);
  }

  begin(label: string, citation: string, title?: string): void {
    this.log.push(Op.Begin, label, citation, title);
  }

  end(result: unknown): void {
    this.log.push(Op.End, result);
  }

  beginRule(rule: TracedRule): void {
    this.log.push(Op.Rule, rule);
  }

  skip(rule: TracedRule, winner: TracedRule): void {
    this.log.push(Op.Skip, rule, winner);
  }

  neutralized(rule: TracedRule, reform: string, reason: string): void {
    this.log.push(Op.Neutralized, rule, reform, reason);
  }
}

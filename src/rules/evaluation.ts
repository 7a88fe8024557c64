import type { CompiledFramework } from './framework.js';
import { readingOn } from './parameters.js';
import { type ComparisonOp, compare, Op, type TracedRule, type TraceLog } from './trace-log.js';
import type { RequestFacts } from './types.js';

/**
 * What a rule sees while it runs: the request's facts, the parameters in force on the
 * evaluation date, and a recorder for the trace. It holds no clock and no I/O.
 *
 * The log is written by index into an array sized up front (`logCapacity`, a guess from the
 * request's size) rather than grown push by push; `finish` trims it to what was written.
 */
export class Evaluation {
  readonly log: TraceLog;
  private n = 0;

  constructor(
    readonly framework: CompiledFramework,
    readonly facts: RequestFacts,
    readonly day: number,
    logCapacity = 0,
  ) {
    this.log = logCapacity > 0 ? new Array(logCapacity) : [];
  }

  /** The log as recorded so far, trimmed to its length: the determination keeps this. */
  finish(): TraceLog {
    this.log.length = this.n;
    return this.log;
  }

  /** Reads a parameter in force on the evaluation date and records the reading. */
  param<T>(id: string): T {
    const parameter = this.framework.parameters.get(id);
    if (!parameter) throw new Error(`framework ${this.framework.id} has no parameter "${id}"`);
    const reading = readingOn(parameter, this.day);
    const log = this.log;
    const n = this.n;
    log[n] = Op.Param;
    log[n + 1] = reading;
    this.n = n + 2;
    return reading.value as T;
  }

  /** Compares an actual value with a threshold and records both. */
  cmp(what: string, actual: number, op: ComparisonOp, threshold: number): boolean {
    const passed = compare(actual, op, threshold);
    const log = this.log;
    const n = this.n;
    log[n] = Op.Cmp;
    log[n + 1] = what;
    log[n + 2] = op;
    log[n + 3] = actual;
    log[n + 4] = threshold;
    log[n + 5] = passed;
    this.n = n + 6;
    return passed;
  }

  /** Records a fact a rule relied on (a group membership, an assurance given). */
  fact<T>(what: string, value: T, source: string): T {
    const log = this.log;
    const n = this.n;
    log[n] = Op.Fact;
    log[n + 1] = what;
    log[n + 2] = value;
    log[n + 3] = source;
    this.n = n + 4;
    return value;
  }

  note(text: string): void {
    const n = this.n;
    this.log[n] = Op.Note;
    this.log[n + 1] = text;
    this.n = n + 2;
  }

  begin(label: string, citation: string, title?: string): void {
    const log = this.log;
    const n = this.n;
    log[n] = Op.Begin;
    log[n + 1] = label;
    log[n + 2] = citation;
    log[n + 3] = title;
    this.n = n + 4;
  }

  end(result: unknown): void {
    const n = this.n;
    this.log[n] = Op.End;
    this.log[n + 1] = result;
    this.n = n + 2;
  }

  beginRule(rule: TracedRule): void {
    const n = this.n;
    this.log[n] = Op.Rule;
    this.log[n + 1] = rule;
    this.n = n + 2;
  }

  skip(rule: TracedRule, winner: TracedRule): void {
    const log = this.log;
    const n = this.n;
    log[n] = Op.Skip;
    log[n + 1] = rule;
    log[n + 2] = winner;
    this.n = n + 3;
  }

  neutralized(rule: TracedRule, reform: string, reason: string): void {
    const log = this.log;
    const n = this.n;
    log[n] = Op.Neutralized;
    log[n + 1] = rule;
    log[n + 2] = reform;
    log[n + 3] = reason;
    this.n = n + 4;
  }
}

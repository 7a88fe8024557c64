import type { RequestFacts, UncertainReading } from './facts.js';
import { type CompiledParameter, readingOn } from './parameters.js';
import {
  type ClassifiedRecord,
  type ComparisonOp,
  compare,
  Op,
  type TracedRule,
  type TraceLog,
} from './trace-log.js';

/**
 * What an evaluation reads of its framework: its id and its parameters (a `CompiledFramework`,
 * src/rules/framework.ts, is one; named here so the framework's types and the evaluation they
 * describe do not import each other).
 */
export interface EvaluatedFramework {
  readonly id: string;
  readonly parameters: ReadonlyMap<string, CompiledParameter>;
}

/**
 * The buffer the trace is written into while rules run, lent to one evaluation at a time and
 * kept between them: it grows once to the longest log seen instead of every log growing push by
 * push. `finish` copies what was written into an array of exactly that length.
 */
let spareBuffer: unknown[] | null = null;

/**
 * What a rule sees while it runs: the request's facts, the parameters in force on the
 * evaluation date, and a recorder for the trace. It holds no clock and no I/O.
 */
export class Evaluation {
  private buffer: unknown[];
  private n = 0;
  /** Readings the sources leave open, met while rules ran (made on first use). */
  uncertainties: UncertainReading[] | null = null;

  constructor(
    readonly framework: EvaluatedFramework,
    readonly facts: RequestFacts,
    readonly day: number,
  ) {
    const spare = spareBuffer;
    if (spare !== null) {
      spareBuffer = null;
      this.buffer = spare;
    } else {
      this.buffer = [];
    }
  }

  /** The log recorded so far (a copy). */
  get log(): TraceLog {
    return this.buffer.slice(0, this.n);
  }

  /** The recorded log, exactly as long as what was written: the determination keeps this. */
  finish(): TraceLog {
    const buffer = this.buffer;
    const log = buffer.slice(0, this.n);
    // Any further record goes to the returned log; the buffer goes back for the next evaluation.
    this.buffer = log;
    spareBuffer = buffer;
    return log;
  }

  /** Reads a parameter in force on the evaluation date and records the reading. */
  param<T>(id: string): T {
    const parameter = this.framework.parameters.get(id);
    if (!parameter) throw new Error(`framework ${this.framework.id} has no parameter "${id}"`);
    const reading = readingOn(parameter, this.day);
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.Param;
    log[n + 1] = reading;
    this.n = n + 2;
    return reading.value as T;
  }

  /** Compares an actual value with a threshold and records both. */
  cmp(what: string, actual: number, op: ComparisonOp, threshold: number): boolean {
    const passed = compare(actual, op, threshold);
    const log = this.buffer;
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
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.Fact;
    log[n + 1] = what;
    log[n + 2] = value;
    log[n + 3] = source;
    this.n = n + 4;
    return value;
  }

  /**
   * Records a reading the sources leave open (spec/contracts.md `uncertain`): kept once per code
   * for the determination, and noted in the trace where it was met.
   */
  uncertain(code: string, note: string, citation: string): void {
    let list = this.uncertainties;
    if (list === null) {
      list = [];
      this.uncertainties = list;
    }
    this.note(`uncertain (${code}): ${note}`);
    for (let i = 0; i < list.length; i++) if (list[i]!.code === code) return;
    list.push({ code, note, citation });
  }

  note(text: string): void {
    const n = this.n;
    this.buffer[n] = Op.Note;
    this.buffer[n + 1] = text;
    this.n = n + 2;
  }

  begin(label: string, citation: string, title?: string): void {
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.Begin;
    log[n + 1] = label;
    log[n + 2] = citation;
    log[n + 3] = title;
    this.n = n + 4;
  }

  /** Records a classification node (its tests and class, by reference; see `Op.Classified`). */
  classified(record: ClassifiedRecord, title: string): void {
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.Classified;
    log[n + 1] = record;
    log[n + 2] = title;
    this.n = n + 3;
  }

  end(result: unknown): void {
    const n = this.n;
    this.buffer[n] = Op.End;
    this.buffer[n + 1] = result;
    this.n = n + 2;
  }

  beginRule(rule: TracedRule): void {
    const n = this.n;
    this.buffer[n] = Op.Rule;
    this.buffer[n + 1] = rule;
    this.n = n + 2;
  }

  skip(rule: TracedRule, winner: TracedRule): void {
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.Skip;
    log[n + 1] = rule;
    log[n + 2] = winner;
    this.n = n + 3;
  }

  /** Records rules[from] … rules[to - 1] as not tried, the winner having precedence over each. */
  skipRun(rules: readonly TracedRule[], from: number, to: number, winner: TracedRule): void {
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.SkipRun;
    log[n + 1] = rules;
    log[n + 2] = from;
    log[n + 3] = to;
    log[n + 4] = winner;
    this.n = n + 5;
  }

  neutralized(rule: TracedRule, reform: string, reason: string): void {
    const log = this.buffer;
    const n = this.n;
    log[n] = Op.Neutralized;
    log[n + 1] = rule;
    log[n + 2] = reform;
    log[n + 3] = reason;
    this.n = n + 4;
  }
}

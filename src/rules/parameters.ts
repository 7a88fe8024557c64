import { dayNumber, type IsoDate } from '../domain/dates.js';

/**
 * An effective-dated parameter (after OpenFisca): each value applies from its date until the
 * next value's date, and carries its source. `from` is the effective date, kept apart from
 * the publication date, which belongs in the source text.
 */
export interface ParameterValue<T = unknown> {
  readonly from: IsoDate;
  readonly value: T;
  readonly source: string;
  readonly note?: string;
}

export interface Parameter<T = unknown> {
  readonly id: string;
  readonly description: string;
  readonly unit?: string;
  readonly values: readonly ParameterValue<T>[];
}

/** A value as read by a rule: what the trace records. */
export interface ParameterReading<T = unknown> extends ParameterValue<T> {
  readonly id: string;
  readonly fromDay: number;
}

export interface CompiledParameter<T = unknown> {
  readonly id: string;
  readonly description: string;
  readonly unit?: string;
  /** Sorted by date, earliest first. */
  readonly readings: readonly ParameterReading<T>[];
}

export class ParameterNotInForceError extends Error {
  constructor(id: string, day: number) {
    super(
      `parameter "${id}" has no value in force on day ${day}: a date outside what the framework formalises`,
    );
    this.name = 'ParameterNotInForceError';
  }
}

export function compileParameter<T>(parameter: Parameter<T>): CompiledParameter<T> {
  if (parameter.values.length === 0) throw new Error(`parameter "${parameter.id}" has no values`);
  const readings = parameter.values
    .map((v) => ({ ...v, id: parameter.id, fromDay: dayNumber(v.from) }))
    .sort((a, b) => a.fromDay - b.fromDay);
  for (let i = 1; i < readings.length; i++) {
    if (readings[i]!.fromDay === readings[i - 1]!.fromDay) {
      throw new Error(`parameter "${parameter.id}" has two values from ${readings[i]!.from}`);
    }
  }
  return { id: parameter.id, description: parameter.description, unit: parameter.unit, readings };
}

/** The value in force on `day`: the latest value whose date is on or before it. */
export function readingOn<T>(parameter: CompiledParameter<T>, day: number): ParameterReading<T> {
  const { readings } = parameter;
  for (let i = readings.length - 1; i >= 0; i--) {
    const reading = readings[i]!;
    if (reading.fromDay <= day) return reading;
  }
  throw new ParameterNotInForceError(parameter.id, day);
}

import type { IsoDate } from '../domain/dates.js';
import type { Evaluation } from './evaluation.js';
import type {
  Authorization,
  Consequence,
  FrameworkStatus,
  ItemFacts,
  LicensePolicy,
  Outcome,
  RequestFacts,
  UncertainReading,
} from './facts.js';
import type { Parameter } from './parameters.js';

export {
  type Authorization,
  type Consequence,
  type FrameworkStatus,
  type ItemFacts,
  type LicensePolicy,
  type ModelWeightsExclusion,
  type Outcome,
  type QuotaDraw,
  REQUIREMENT_CODES,
  type RequestFacts,
  type Requirement,
  type RequirementCode,
  type UncertainReading,
} from './facts.js';

/**
 * A rule: a small pure function with an id and a citation. `when` says whether it applies;
 * `decide` says what follows. `overrides` lists the rules it is an exception to (default logic):
 * of two applicable rules, one must override the other, directly or through others.
 */
export interface RuleDefinition {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly overrides?: readonly string[];
  readonly when: (ev: Evaluation, item: ItemFacts) => boolean;
  readonly decide: (ev: Evaluation, item: ItemFacts) => Consequence;
}

export interface FrameworkSource {
  readonly ref: string;
  readonly title: string;
}

export interface TimelineEvent {
  readonly date: IsoDate;
  readonly event: string;
  /** The framework's status from this date, if the event changes it. */
  readonly status?: FrameworkStatus;
  readonly source: string;
}

export interface FrameworkMeta {
  readonly id: string;
  /**
   * A framework that also reports the answer of the rule in the CFR for the same request and
   * date (spec/frameworks.md §8 `cfrText`): the id of that framework.
   */
  readonly cfrText?: {
    readonly framework: string;
    /**
     * The open readings that belong to the request and date rather than to one rule (e.g. where
     * the CFR text answers otherwise), added after both answers are known.
     */
    readonly annotate?: (context: AnnotateContext) => readonly UncertainReading[];
  };
  readonly title: string;
  readonly summary: string;
  readonly citation: string;
  readonly sources: readonly FrameworkSource[];
  readonly timeline: readonly TimelineEvent[];
  /** Dates the rules are formalised for; an earlier date gives `out-of-coverage`. */
  readonly coverage: { readonly from: IsoDate; readonly to: IsoDate | null; readonly note: string };
}

/** What `cfrText.annotate` sees: the request, the date, this framework's answer and the CFR text's. */
export interface AnnotateContext {
  readonly facts: RequestFacts;
  readonly day: number;
  readonly outcome: Outcome | 'out-of-coverage';
  readonly authorization: Authorization | null;
  readonly licensePolicy: LicensePolicy | null;
  readonly cfrText: {
    readonly framework: string;
    readonly outcome: Outcome | 'out-of-coverage';
    readonly authorization: Authorization | null;
    readonly licensePolicy: LicensePolicy | null;
  } | null;
  /** Reads a parameter of this framework in force on the date (not traced). */
  readonly param: <T>(id: string) => T;
}

export interface Decisions<R> {
  readonly chips: R;
  readonly modelWeights: R;
}
export type DecisionName = keyof Decisions<unknown>;

export interface FrameworkDefinition extends FrameworkMeta {
  readonly kind: 'framework';
  readonly parameters: readonly Parameter[];
  readonly decisions: Decisions<readonly RuleDefinition[]>;
}

/** A reform: declarative patches over a base framework (after OpenFisca reforms). */
export type Patch =
  | { readonly op: 'set-parameter'; readonly parameter: Parameter; readonly reason: string }
  | {
      readonly op: 'neutralize-rule';
      readonly decision: DecisionName;
      readonly rule: string;
      readonly reason: string;
      readonly citation: string;
    }
  | {
      readonly op: 'replace-rule';
      readonly decision: DecisionName;
      readonly rule: RuleDefinition;
      readonly reason: string;
    }
  | {
      readonly op: 'add-rule';
      readonly decision: DecisionName;
      readonly rule: RuleDefinition;
      readonly reason: string;
    };

export interface ReformDefinition extends FrameworkMeta {
  readonly kind: 'reform';
  readonly base: string;
  readonly patches: readonly Patch[];
}

export type AnyFrameworkDefinition = FrameworkDefinition | ReformDefinition;

import type { Classification } from '../classify/classify.js';
import type { IsoDate } from '../domain/dates.js';
import type { ExportRequest } from '../domain/request.js';
import type { Evaluation } from './evaluation.js';
import type { Parameter } from './parameters.js';
import type { AffiliationRole, Place } from './places.js';

export type Outcome = 'not-controlled' | 'no-license-required' | 'license-exception' | 'license-required';
export type LicensePolicy = 'presumption-of-approval' | 'case-by-case' | 'presumption-of-denial';
export type Authorization = 'AIA' | 'ACA' | 'NAC' | 'LPP' | 'UVEU' | 'NVEU' | 'SMALL-INSTALLATION';
/**
 * spec/contracts.md: in-force | compliance-deferred | not-enforced | proposed | withdrawn; and two
 * more so a label never claims what did not exist: `not-yet-proposed` (a date before the draft or
 * report existed: the answer is a what-if) and `abandoned` (a reported plan overtaken before it
 * was ever published).
 */
export type FrameworkStatus =
  | 'in-force'
  | 'compliance-deferred'
  | 'not-enforced'
  | 'proposed'
  | 'withdrawn'
  | 'not-yet-proposed'
  | 'abandoned';

/** The closed vocabulary of spec/frameworks.md §6. */
export const REQUIREMENT_CODES = [
  'notification',
  'aia-certification',
  'veu-limits',
  'model-weight-security',
  'g2g-agreement',
  'g2g-assurance',
  'site-visit',
  'us-investment-or-security-guarantee',
  'exporter-monitoring',
  'anti-clustering-software',
  'third-party-testing',
  'kyc',
  'china-volume-cap',
  // Added 2026-12 (spec/frameworks.md §6).
  'diversion-review',
  'nac-notification',
  'us-supply-certification',
  'foundry-capacity-certification',
  'license-exception-conditions',
] as const;
export type RequirementCode = (typeof REQUIREMENT_CODES)[number];

export interface Requirement {
  readonly code: RequirementCode;
  /** true / false / null = unknown (e.g. a certification still to be filed). */
  readonly satisfied: boolean | null;
  readonly citation: string;
}

export interface QuotaDraw {
  readonly pool: string;
  readonly tpp: number;
  readonly limit: number;
  readonly usedBefore: number;
}

/**
 * A reading the sources leave open (spec/contracts.md `uncertain`): a stable code, what is
 * uncertain and the source that makes it so.
 */
export interface UncertainReading {
  readonly code: string;
  readonly note: string;
  readonly citation: string;
}

/** What a rule decides for one item. */
export interface Consequence {
  readonly outcome: Outcome;
  readonly authorization: Authorization | null;
  readonly licensePolicy: LicensePolicy | null;
  readonly requirements: readonly Requirement[];
  readonly quota: readonly QuotaDraw[];
}

/** The facts about one item that rules read. */
export interface ItemFacts {
  readonly index: number;
  readonly kind: 'chip' | 'model-weights';
  readonly label: string;
  readonly quantity: number;
  /** TPP of the whole line (per-chip TPP × quantity); 0 for model weights. */
  readonly tpp: number;
  readonly classification: Classification | null;
  readonly datacenter: boolean;
  readonly memoryBandwidthGBs: number | null;
  readonly weights: {
    readonly trainingOps: number;
    readonly published: boolean;
    /** The 4E091 exclusion the request asserts (the ECCN's notes), if any. */
    readonly exclusion: ModelWeightsExclusion | null;
  } | null;
  /**
   * Whether the chip was commercially available in the United States on `asOf`'s reference date
   * for 91 FR 1684: the date it was, from the catalog or the request; null when not known.
   */
  readonly usCommerciallyAvailableSince: IsoDate | null;
}

export type ModelWeightsExclusion = 'derived-from-published' | 'below-published-frontier';

/** Facts about the whole request, computed once before any rule runs. */
export interface RequestFacts {
  readonly request: ExportRequest;
  readonly items: readonly ItemFacts[];
  /** TPP of every advanced chip in the request: quotas count the order, not its lines. */
  readonly advancedTpp: number;
  /**
   * TPP of the advanced chips designed or marketed for data centers: what the LPP and allocation
   * pools count (ACA and NAC items, not designed for data centers, draw on no pool).
   */
  readonly pooledTpp: number;
  readonly advancedChips: number;
  /** Sum of quantity × unit price over advanced chips; null when any price is missing. */
  readonly advancedValueUsd: number | null;
  readonly year: number;
  /** Ship-to, end user's and ultimate consignee's locations (rules/places.ts), ship-to first. */
  readonly destinations: readonly Place[];
  /** The end user is located in another country than the ship-to destination (a red flag). */
  readonly endUserElsewhere: boolean;
  /** Headquarters and ultimate parents of the end user and the ultimate consignee. */
  readonly affiliations: readonly Place<AffiliationRole>[];
}

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

import type { Classification } from '../classify/classify.js';
import type { IsoDate } from '../domain/dates.js';
import type { TraceLog } from './trace-log.js';
import type {
  Authorization,
  FrameworkStatus,
  LicensePolicy,
  Outcome,
  QuotaDraw,
  Requirement,
  UncertainReading,
} from './types.js';

/** One entry of a determination's bibliography (spec/contracts.md `sources`). */
export interface Source {
  /** Stable id; for a seed, the seed's file name (a compliance officer cites the report). */
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly date: string | null;
  readonly url: string | null;
}

/** One authorization of a request and the items that use it (spec/contracts.md `authorizations`). */
export interface AuthorizationUse {
  readonly authorization: Authorization;
  readonly items: readonly number[];
}

/** The answer of the rule in the CFR for the same request and date (spec/frameworks.md §8). */
export interface CfrTextAnswer {
  readonly framework: string;
  readonly outcome: Outcome | 'out-of-coverage';
  readonly authorization: Authorization | null;
  readonly licensePolicy: LicensePolicy | null;
}

export interface ItemDetermination {
  readonly index: number;
  readonly kind: 'chip' | 'model-weights';
  readonly label: string;
  readonly quantity: number;
  readonly classification: Pick<Classification, 'class' | 'eccn' | 'tpp' | 'pd' | 'h100e'> | null;
  readonly outcome: Outcome;
  readonly authorization: Authorization | null;
  readonly licensePolicy: LicensePolicy | null;
  readonly rule: string;
  readonly citation: string;
  /** What this item draws from quota pools (the request's `quota` sums these per pool). */
  readonly quota: readonly QuotaDraw[];
}

/**
 * The result of evaluating one request under one framework. `log` is the recorded trace;
 * the contract's `trace` tree and `explanation` are rendered from it on demand (render.ts).
 */
export interface Determination {
  readonly framework: string;
  readonly frameworkTitle: string;
  readonly frameworkRevision: string;
  readonly frameworkStatus: FrameworkStatus;
  readonly asOf: IsoDate;
  readonly outcome: Outcome | 'out-of-coverage';
  /** The license exception, when every license-exception item uses the same one; else null. */
  readonly authorization: Authorization | null;
  /** Each distinct authorization with the indexes of the items that use it. */
  readonly authorizations: readonly AuthorizationUse[];
  readonly licensePolicy: LicensePolicy | null;
  readonly requirements: readonly Requirement[];
  readonly quota: readonly QuotaDraw[];
  readonly items: readonly ItemDetermination[];
  readonly citations: readonly string[];
  /** The bibliography behind `citations`: what a reader can open. */
  readonly sources: readonly Source[];
  /** Frameworks that declare `cfrText`: the CFR text's answer (null before it took effect). */
  readonly cfrText?: CfrTextAnswer | null;
  /** Readings the sources leave open, when there are any. */
  readonly uncertain?: readonly UncertainReading[];
  readonly coveredRange: { readonly from: IsoDate; readonly to: IsoDate | null } | null;
  readonly requestId: string | null;
  readonly log: TraceLog;
}

/** Most restrictive first (spec/frameworks.md §7). */
export const OUTCOME_RANK: Record<Outcome, number> = {
  'not-controlled': 0,
  'no-license-required': 1,
  'license-exception': 2,
  'license-required': 3,
};

export const POLICY_RANK: Record<LicensePolicy, number> = {
  'presumption-of-approval': 1,
  'case-by-case': 2,
  'presumption-of-denial': 3,
};

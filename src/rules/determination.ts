import type { Classification } from '../classify/classify.js';
import type { IsoDate } from '../domain/dates.js';
import type { TraceLog } from './trace-log.js';
import type {
  Authorization,
  CfrText,
  FrameworkStatus,
  LicensePolicy,
  Outcome,
  QuotaDraw,
  Requirement,
  Uncertain,
} from './types.js';

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
  readonly authorization: Authorization | null;
  readonly licensePolicy: LicensePolicy | null;
  readonly requirements: readonly Requirement[];
  readonly quota: readonly QuotaDraw[];
  readonly items: readonly ItemDetermination[];
  readonly citations: readonly string[];
  readonly coveredRange: { readonly from: IsoDate; readonly to: IsoDate | null } | null;
  readonly requestId: string | null;
  readonly log: TraceLog;
  /**
   * Frameworks that answer beside the CFR text (us-ear-enforced): the CFR text's answer for the
   * same request and date (null before that text existed) and the open readings. Absent for the
   * other frameworks.
   */
  readonly cfrText?: CfrText | null;
  readonly uncertain?: readonly Uncertain[];
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

import type { Classification } from '../classify/classify.js';
import type { IsoDate } from '../domain/dates.js';
import type { ExportRequest } from '../domain/request.js';
import type { AffiliationRole, Place } from './places.js';

/**
 * What the rules are about: the facts of a request and its items, the consequences a rule draws,
 * and the words of a determination (outcomes, policies, authorizations, requirements). They know
 * nothing of the evaluation that reads them (src/rules/evaluation.ts).
 */
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

/** Kinds of listed party, as in the CSL `type` column (null there for most BIS and State rows). */
export type EntryType = 'entity' | 'individual' | 'vessel' | 'aircraft';

/** One row of a restricted-party list, normalized across the CSL formats and internal lists. */
export interface ListedEntry {
  /**
   * Stable across snapshots and formats: `<list code>-<entity number>` when the list gives one
   * (OFAC rows), otherwise `<list code>-<first 12 hex of sha256(name, countries)>`.
   */
  readonly id: string;
  readonly name: string;
  readonly altNames: readonly string[];
  /** The CSL `source`, e.g. "Entity List (EL) - Bureau of Industry and Security". */
  readonly source: string;
  /** Null when the list does not say (the CSL leaves `type` empty for BIS and State rows). */
  readonly type: EntryType | null;
  /** ISO 3166-1 alpha-2 codes from the addresses (and citizenships/nationalities); may be empty. */
  readonly countries: readonly string[];
  readonly programs: readonly string[];
  readonly licenseRequirement: string | null;
  readonly licensePolicy: string | null;
  readonly federalRegisterNotice: string | null;
  readonly remarks: string | null;
  readonly sourceListUrl: string | null;
}

export type ListFormat = 'csl-csv' | 'csl-json' | 'csl-compact' | 'csv';

/** One import of a list: what was read, from which bytes, when. Immutable. */
export interface ListSnapshot {
  /** First 16 hex digits of the sha256 of the raw bytes imported. */
  readonly version: string;
  readonly sha256: string;
  readonly format: ListFormat;
  /** When the publisher generated the list (ISO 8601), if the file or the caller says. */
  readonly sourceDate: string | null;
  /** When it was imported: given by the caller, never read from a clock here. */
  readonly importedAt: string;
  readonly entryCount: number;
  readonly countsBySource: Readonly<Record<string, number>>;
  /** Rows left out, by reason (empty name, exact duplicate of an earlier row). */
  readonly skipped: Readonly<{ emptyName: number; duplicate: number }>;
  readonly entries: readonly ListedEntry[];
}

export interface ScreeningQuery {
  readonly name: string;
  /** ISO 3166-1 alpha-2; a qualifier that re-ranks, never a filter. */
  readonly country?: string | undefined;
  /** Leaves out entries of the other known type; entries of unknown type are always kept. */
  readonly type?: 'entity' | 'individual' | undefined;
}

export type TokenMatchKind =
  | 'exact'
  | 'abbreviation'
  | 'legal-form'
  | 'fuzzy'
  | 'phonetic'
  | 'transliteration';

/** One query word paired with one listed word (either side may be two words run together). */
export interface TokenMatch {
  readonly query: string;
  readonly listed: string;
  readonly how: TokenMatchKind;
  readonly similarity: number;
}

export interface HitExplanation {
  /** A sentence a reviewer can read. */
  readonly text: string;
  readonly tokens: readonly TokenMatch[];
  /** Query words with no counterpart in the listed name. */
  readonly unmatchedQuery: readonly string[];
  /** Listed words with no counterpart in the query. */
  readonly unmatchedListed: readonly string[];
  /** Share of the query's weight matched, and of the listed name's weight matched (0–1). */
  readonly queryCoverage: number;
  readonly listedCoverage: number;
  /** Score added (+) or taken (−) by the country qualifier. */
  readonly countryAdjustment: number;
}

export interface ScreeningHit {
  readonly entityId: string;
  /** The entry's primary name. */
  readonly name: string;
  /** The name or alt name that matched best. */
  readonly matchedName: string;
  readonly source: string;
  readonly type: EntryType | null;
  readonly countries: readonly string[];
  readonly licenseRequirement: string | null;
  readonly licensePolicy: string | null;
  readonly federalRegisterNotice: string | null;
  /** 0–1, rounded to 3 decimals; after the country qualifier. */
  readonly score: number;
  readonly explanation: HitExplanation;
}

export type ScreeningDecision = 'clear' | 'potential-match';

/** What decided a screening: the matcher's version and the threshold, and where that came from. */
export interface ScreeningDecidedBy {
  /** ALGORITHM_VERSION of the matcher that scored the names. */
  readonly algorithm: string;
  /** The name score a hit needed. */
  readonly threshold: number;
  /** 'default': the matcher's DEFAULT_THRESHOLD of that version; 'caller': set in the options. */
  readonly thresholdSource: 'default' | 'caller';
  /** DEFAULT_THRESHOLD of that version, for comparison when the caller set another. */
  readonly defaultThreshold: number;
}

export interface ScreeningResult {
  readonly query: ScreeningQuery;
  readonly listVersion: string;
  readonly algorithm: string;
  readonly threshold: number;
  readonly decision: ScreeningDecision;
  /** The algorithm version and threshold that decided `decision` (kept with stored results). */
  readonly decidedBy: ScreeningDecidedBy;
  /** Entries at or above the threshold; `hits` holds the first `limit` of them. */
  readonly hitCount: number;
  readonly hits: readonly ScreeningHit[];
}

export interface ScreenOptions {
  /** Hits scoring below are left out; `decision` is potential-match when any hit remains. */
  readonly threshold?: number;
  /** At most this many hits, best first (default 10). */
  readonly limit?: number;
}

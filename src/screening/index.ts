/**
 * Restricted-party screening against the Consolidated Screening List (and internal lists).
 *
 *     const screener = new Screener(loadDefaultList());
 *     const result = screener.screen({ name: 'Huawei Technologies', country: 'CN' });
 *     result.decision; // 'potential-match'
 *     result.hits[0].explanation.text; // which query words matched which listed words, how
 *
 * Every result records `listVersion` and `algorithm`, so a screening can be reproduced.
 * Snapshots are immutable data (JSON-safe); a Screener indexes one snapshot (about a second
 * for the full CSL) and is meant to be kept and reused.
 */
export { BASELINE_MAX_EDITS, type BaselineResult, CslBaseline } from './baseline.js';
export { DEFAULT_LIST_FILE, loadDefaultList } from './default-list.js';
export { diffSnapshots, type EntryChange, entryChange, type SnapshotDiff } from './lists/diff.js';
export { entryContentHash } from './lists/entry.js';
export { guessListFormat, importList, LIST_FORMATS } from './lists/import.js';
export { INTERNAL_LIST_COLUMNS } from './lists/internal-csv.js';
export type { ImportOptions } from './lists/snapshot.js';
export { ALGORITHM_VERSION, COUNTRY_BOOST, COUNTRY_PENALTY, DEFAULT_THRESHOLD, Screener } from './matcher.js';
export { cachedScreener, readCachedScreener, writeCachedScreener } from './screener-cache.js';
export type {
  EntryType,
  HitExplanation,
  ListedEntry,
  ListFormat,
  ListSnapshot,
  ScreeningDecidedBy,
  ScreeningDecision,
  ScreeningHit,
  ScreeningQuery,
  ScreeningResult,
  ScreenOptions,
  TokenMatch,
  TokenMatchKind,
} from './types.js';

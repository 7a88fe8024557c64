import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importCslCompact } from './lists/csl-compact.js';
import type { ListSnapshot } from './types.js';

/** The shipped copy of the CSL (see data/PROVENANCE.md); beside this module in src/ and dist/. */
export const DEFAULT_LIST_FILE = new URL('./data/screening-list.compact.json.gz', import.meta.url);

/** The capture's retrieval time: the shipped copy was imported then, not when the CLI starts. */
const SHIPPED_IMPORTED_AT = '2026-07-31T14:14:59.252Z';

let cached: ListSnapshot | undefined;

/**
 * The shipped Consolidated Screening List. Its version is the sha256 of the uncompressed
 * JSON (`4cb2be849d976ae3`), so it equals the version of importing the same JSON by hand.
 * Read once per process; the snapshot is immutable.
 */
export function loadDefaultList(): ListSnapshot {
  cached ??= importCslCompact(gunzipSync(readFileSync(DEFAULT_LIST_FILE)), {
    importedAt: SHIPPED_IMPORTED_AT,
    fileName: 'screening-list.compact.json.gz',
  });
  return cached;
}

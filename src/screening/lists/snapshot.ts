import { createHash } from 'node:crypto';
import type { ListedEntry, ListFormat, ListSnapshot } from '../types.js';
import { entryContentHash, type RawEntry, toListedEntry } from './entry.js';

export interface ImportOptions {
  /** When the import happened (ISO 8601); the caller's clock, so imports are reproducible. */
  readonly importedAt: string;
  /** When the publisher generated the list; overrides a date found in the file. */
  readonly sourceDate?: string | null | undefined;
  /** Named in error messages. */
  readonly fileName?: string | undefined;
}

/**
 * Cleans the rows and seals them into a snapshot. Rows without a name are skipped, exact
 * duplicates (the CSL repeats some OFAC rows) kept once, and two different rows that would
 * share an id get `-2`, `-3`… in file order.
 */
export function buildSnapshot(
  bytes: Uint8Array,
  format: ListFormat,
  rows: readonly RawEntry[],
  options: ImportOptions,
  sourceDateInFile: string | null,
): ListSnapshot {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const entries: ListedEntry[] = [];
  // Content hashes are computed only when two rows share an id (rare), not for every row.
  const rowsById = new Map<string, ListedEntry[]>();
  let emptyName = 0;
  let duplicate = 0;
  for (const raw of rows) {
    const entry = toListedEntry(raw);
    if (entry === null) {
      emptyName++;
      continue;
    }
    const seen = rowsById.get(entry.id);
    if (seen === undefined) {
      rowsById.set(entry.id, [entry]);
      entries.push(entry);
      continue;
    }
    const content = entryContentHash(entry);
    if (seen.some((other) => entryContentHash({ ...other, id: entry.id }) === content)) {
      duplicate++;
      continue;
    }
    seen.push(entry);
    entries.push({ ...entry, id: `${entry.id}-${seen.length}` });
  }
  const countsBySource: Record<string, number> = {};
  for (const entry of entries) countsBySource[entry.source] = (countsBySource[entry.source] ?? 0) + 1;
  return {
    version: sha256.slice(0, 16),
    sha256,
    format,
    sourceDate: options.sourceDate ?? sourceDateInFile,
    importedAt: options.importedAt,
    entryCount: entries.length,
    countsBySource,
    skipped: { emptyName, duplicate },
    entries,
  };
}

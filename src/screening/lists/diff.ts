import type { ListedEntry, ListSnapshot } from '../types.js';
import { entryContentHash } from './entry.js';

export type EntryChange = 'unchanged' | 'changed' | 'added' | 'removed' | 'absent';

function find(snapshot: ListSnapshot, entityId: string): ListedEntry | undefined {
  return snapshot.entries.find((entry) => entry.id === entityId);
}

/**
 * What happened to one listed entry between two snapshots: `changed` when the id is in both
 * and any field differs (name, alt names, countries, license policy…). A clearance given
 * against the earlier entry should be re-examined unless the answer is `unchanged`.
 */
export function entryChange(before: ListSnapshot, after: ListSnapshot, entityId: string): EntryChange {
  const old = find(before, entityId);
  const now = find(after, entityId);
  if (old === undefined) return now === undefined ? 'absent' : 'added';
  if (now === undefined) return 'removed';
  return entryContentHash(old) === entryContentHash(now) ? 'unchanged' : 'changed';
}

export interface SnapshotDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** Ids added, removed and changed (same id, different content hash), for re-screening. */
export function diffSnapshots(before: ListSnapshot, after: ListSnapshot): SnapshotDiff {
  const oldHashes = new Map(before.entries.map((entry) => [entry.id, entryContentHash(entry)]));
  const added: string[] = [];
  const changed: string[] = [];
  const seen = new Set<string>();
  for (const entry of after.entries) {
    seen.add(entry.id);
    const old = oldHashes.get(entry.id);
    if (old === undefined) added.push(entry.id);
    else if (old !== entryContentHash(entry)) changed.push(entry.id);
  }
  const removed = [...oldHashes.keys()].filter((id) => !seen.has(id));
  return { added, removed, changed };
}

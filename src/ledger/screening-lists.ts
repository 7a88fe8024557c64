import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ListFormat, ListSnapshot } from '../screening/index.js';
import { cachedScreener, loadDefaultList, Screener } from '../screening/index.js';
import type { Db, Tx } from '../store/store.js';

/** Building a screener indexes the whole list (about a second): the shipped list's is shared. */
let builtinScreener: Screener | undefined;
function builtin(): Screener {
  builtinScreener ??= new Screener(loadDefaultList());
  return builtinScreener;
}

/** The Consolidated Screening List's own name among the lists. */
export const CSL_LIST = 'csl';
/** An internal list's name when the import does not give one. */
export const DEFAULT_INTERNAL_LIST = 'internal';

/**
 * Which list an import versions: the CSL for the CSL formats; for an internal CSV, the name given
 * (a company may keep several: denied customers, parties under review), default "internal".
 */
export function listNameFor(format: ListFormat, name?: string): string {
  return format === 'csv' ? (name ?? DEFAULT_INTERNAL_LIST) : CSL_LIST;
}

const empty = (importedAt: string): ListSnapshot => ({
  version: 'none',
  sha256: '',
  format: 'csv',
  sourceDate: null,
  importedAt,
  entryCount: 0,
  countsBySource: {},
  skipped: { emptyName: 0, duplicate: 0 },
  entries: [],
});

/**
 * The restricted-party lists in force for this ledger, each versioned on its own: the
 * Consolidated Screening List (the newest imported version, or the copy shipped with the software
 * until one is imported) and every internal list. Screening uses all of them together: an
 * internal list adds to the CSL, never replaces it. Versions are kept (`list_versions`, one
 * current per `list_name`), and every screening names the combination it used.
 */
export class ScreeningLists {
  private cached: { key: string; screener: Screener } | undefined;
  private decoded = new Map<string, ListSnapshot>();

  /** `cacheDir`: where built indexes are kept between processes (src/screening/screener-cache.ts). */
  constructor(
    private readonly db: Db,
    private readonly cacheDir?: string,
  ) {}

  private decode(version: string, bytes: Uint8Array | null): ListSnapshot {
    if (!bytes) return builtin().snapshot;
    let snapshot = this.decoded.get(version);
    if (!snapshot) {
      snapshot = JSON.parse(gunzipSync(bytes).toString('utf8')) as ListSnapshot;
      this.decoded.set(version, snapshot);
    }
    return snapshot;
  }

  /** Each list's current version: the CSL first (recording the shipped one if none is imported). */
  private async currentRows(db: Db | Tx) {
    const rows = await db
      .selectFrom('list_versions')
      .select(['version', 'snapshot', 'list_name'])
      .where('is_current', '=', true)
      .orderBy('list_name')
      .execute();
    if (!rows.some((r) => r.list_name === CSL_LIST)) {
      const shipped = builtin().snapshot;
      await this.record(db, shipped, null, true, CSL_LIST);
      rows.unshift({ version: shipped.version, snapshot: null, list_name: CSL_LIST });
    }
    return [...rows.filter((r) => r.list_name === CSL_LIST), ...rows.filter((r) => r.list_name !== CSL_LIST)];
  }

  /** The screener over every list in force. */
  async current(db: Db | Tx = this.db): Promise<Screener> {
    const rows = await this.currentRows(db);
    const key = rows.map((r) => `${r.list_name}:${r.version}`).join(',');
    if (this.cached?.key === key) return this.cached.screener;
    // A built index is kept on disk per combination of list versions (screener-cache.ts).
    const screener = cachedScreener(this.cacheDir, key, () =>
      rows.length === 1 && !rows[0]!.snapshot
        ? builtin()
        : new Screener(
            combine(
              key,
              rows.map((r) => this.decode(r.version, r.snapshot)),
            ),
          ),
    );
    this.cached = { key, screener };
    return screener;
  }

  /** One list's current version (an empty one for an internal list never imported). */
  async snapshotOf(listName: string, db: Db | Tx = this.db): Promise<ListSnapshot> {
    const row = (await this.currentRows(db)).find((r) => r.list_name === listName);
    return row ? this.decode(row.version, row.snapshot) : empty(new Date(0).toISOString());
  }

  /** Makes `snapshot` the current version of `listName` (in `tx`); the other lists stay as they are. */
  async install(tx: Tx, snapshot: ListSnapshot, listName: string = CSL_LIST): Promise<Screener> {
    await tx
      .updateTable('list_versions')
      .set({ is_current: false })
      .where('is_current', '=', true)
      .where('list_name', '=', listName)
      .execute();
    const bytes = gzipSync(Buffer.from(JSON.stringify(snapshot)));
    await this.record(tx, snapshot, bytes, true, listName);
    await tx
      .updateTable('list_versions')
      .set({ is_current: true })
      .where('version', '=', snapshot.version)
      .execute();
    this.decoded.set(snapshot.version, snapshot);
    return this.current(tx);
  }

  private async record(
    db: Db | Tx,
    snapshot: ListSnapshot,
    bytes: Uint8Array | null,
    current: boolean,
    listName: string,
  ): Promise<void> {
    await db
      .insertInto('list_versions')
      .values({
        version: snapshot.version,
        sha256: snapshot.sha256,
        format: bytes ? snapshot.format : 'builtin',
        source_date: snapshot.sourceDate,
        imported_at: snapshot.importedAt,
        entry_count: snapshot.entryCount,
        counts: JSON.stringify(snapshot.countsBySource),
        snapshot: bytes,
        is_current: current,
        list_name: listName,
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
  }

  async versions() {
    const rows = await this.db
      .selectFrom('list_versions')
      .select([
        'version',
        'sha256',
        'format',
        'source_date',
        'imported_at',
        'entry_count',
        'counts',
        'is_current',
        'list_name',
      ])
      .orderBy('is_current', 'desc')
      .orderBy('imported_at', 'desc')
      .execute();
    return rows.map((r) => ({
      list: r.list_name,
      version: r.version,
      sha256: r.sha256,
      format: r.format,
      sourceDate: r.source_date,
      importedAt: new Date(r.imported_at).toISOString(),
      entryCount: r.entry_count,
      countsBySource: r.counts,
      current: r.is_current,
    }));
  }
}

/** The lists in force as one snapshot; its version names the combination of list versions. */
function combine(key: string, snapshots: readonly ListSnapshot[]): ListSnapshot {
  if (snapshots.length === 1) return snapshots[0]!;
  const [csl] = snapshots as [ListSnapshot, ...ListSnapshot[]];
  const counts: Record<string, number> = {};
  for (const s of snapshots)
    for (const [source, n] of Object.entries(s.countsBySource)) counts[source] = (counts[source] ?? 0) + n;
  const entries = snapshots.flatMap((s) => s.entries);
  return {
    ...csl,
    version: createHash('sha256').update(key).digest('hex').slice(0, 16),
    sha256: createHash('sha256').update(key).digest('hex'),
    entryCount: entries.length,
    countsBySource: counts,
    entries,
  };
}

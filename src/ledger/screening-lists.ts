import { gunzipSync, gzipSync } from 'node:zlib';
import { loadDefaultList } from '../screening/default-list.js';
import { Screener } from '../screening/matcher.js';
import { cachedScreener, writeCachedScreener } from '../screening/screener-cache.js';
import type { ListSnapshot } from '../screening/types.js';
import type { Db, Tx } from '../store/store.js';

/** Building a screener indexes the whole list (about a second): the shipped list's is shared. */
let builtinScreener: Screener | undefined;
function builtin(): Screener {
  builtinScreener ??= new Screener(loadDefaultList());
  return builtinScreener;
}

/**
 * The restricted-party list in force for this ledger: the newest imported version, or the
 * copy of the Consolidated Screening List shipped with the software until one is imported.
 * Versions are kept (`list_versions`), so every screening names the one it used.
 */
export class ScreeningLists {
  private cached: { version: string; screener: Screener } | undefined;

  /** `cacheDir`: where built indexes are kept between processes (src/screening/screener-cache.ts). */
  constructor(
    private readonly db: Db,
    private readonly cacheDir?: string,
  ) {}

  async current(db: Db | Tx = this.db): Promise<Screener> {
    const row = await db
      .selectFrom('list_versions')
      .select(['version', 'snapshot'])
      .where('is_current', '=', true)
      .executeTakeFirst();
    if (!row) {
      const screener = builtin();
      if (this.cacheDir) writeCachedScreener(this.cacheDir, screener.snapshot.version, screener);
      await this.record(db, screener.snapshot, null, true);
      this.cached = { version: screener.snapshot.version, screener };
      return screener;
    }
    if (this.cached?.version === row.version) return this.cached.screener;
    const snapshot = row.snapshot;
    const screener = cachedScreener(this.cacheDir, row.version, () =>
      snapshot ? new Screener(JSON.parse(gunzipSync(snapshot).toString('utf8')) as ListSnapshot) : builtin(),
    );
    this.cached = { version: row.version, screener };
    return screener;
  }

  /** Makes `snapshot` the current list (in `tx`); returns the screener for it. */
  async install(tx: Tx, snapshot: ListSnapshot): Promise<Screener> {
    await tx.updateTable('list_versions').set({ is_current: false }).where('is_current', '=', true).execute();
    const bytes = gzipSync(Buffer.from(JSON.stringify(snapshot)));
    await this.record(tx, snapshot, bytes, true);
    await tx
      .updateTable('list_versions')
      .set({ is_current: true })
      .where('version', '=', snapshot.version)
      .execute();
    const screener = new Screener(snapshot);
    this.cached = { version: snapshot.version, screener };
    return screener;
  }

  private async record(
    db: Db | Tx,
    snapshot: ListSnapshot,
    bytes: Uint8Array | null,
    current: boolean,
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
      ])
      .orderBy('is_current', 'desc')
      .orderBy('imported_at', 'desc')
      .execute();
    return rows.map((r) => ({
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

import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { migrate } from './migrations.js';
import { PGliteDialect } from './pglite-dialect.js';
import { prepareFromEnv, preparingPool, StatementCache } from './prepared-statements.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/**
 * The system of record: PostgreSQL dialect everywhere. The embedded PGlite store by default
 * (a data directory, no server to set up); a PostgreSQL server when `databaseUrl` is given.
 */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Where the embedded store and the log key live (also used with a server for the key). */
  readonly dataDir: string;
  /** The server's address, for connections of their own (the check-in workers' leases). */
  readonly databaseUrl?: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL's address (default DATABASE_URL); `''` chooses the embedded store whatever DATABASE_URL says. */
  databaseUrl?: string | undefined;
  /** Data directory; `memory://` keeps the embedded store in memory (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (created if missing): lets test runs share one database. */
  schema?: string | undefined;
  /** Connections in the PostgreSQL pool (default 20). */
  poolSize?: number | undefined;
  /** Prepare hot statements once per connection (default: CHIPEXPORT_PG_PREPARE, on). */
  prepare?: boolean | undefined;
}

// int8 (TPP, chips) as JavaScript numbers: amounts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const dataDir = options.dataDir ?? process.env['CHIPEXPORT_DATA_DIR'] ?? './.chipexport';
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'];
  const schema = options.schema ?? process.env['CHIPEXPORT_DB_SCHEMA'];
  let db: Db;
  let kind: Store['kind'];
  let lock: DataDirLock | undefined;
  if (databaseUrl) {
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    if (schema) {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`create schema if not exists ${schema}`);
      await admin.end();
    }
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.poolSize ?? 20,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const prepare = options.prepare ?? prepareFromEnv();
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: prepare ? preparingPool(pool, new StatementCache()) : pool }),
    });
    kind = 'postgres';
  } else {
    const memory = dataDir.startsWith('memory://');
    if (!memory) {
      mkdirSync(dataDir, { recursive: true });
      // Before the files are opened: a second process must not touch them.
      lock = await lockDataDir(dataDir);
    }
    const pglite = new PGlite(memory ? undefined : `${dataDir}/pgdata`, {
      parsers: { [types.INT8]: (value: string) => Number(value) },
    });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    kind = 'pglite';
  }
  try {
    await migrate(db as Kysely<unknown>, kind === 'postgres' ? schema : undefined);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await lock?.release();
    throw error;
  }
  const close = async () => {
    try {
      await db.destroy();
    } finally {
      await lock?.release();
    }
  };
  return { kind, db, dataDir, ...(kind === 'postgres' && databaseUrl ? { databaseUrl } : {}), close };
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StoreOptions } from '../../src/store/store.js';

/**
 * The stores every conformance suite runs against: embedded PGlite always, and the
 * PostgreSQL server at TEST_DATABASE_URL (default: the local server CI provides) when it
 * answers. A run without a reachable server says so; with CHIPEXPORT_REQUIRE_POSTGRES=1
 * (set by CI) a missing server fails the run instead.
 */
export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export interface StoreVariant {
  readonly name: 'pglite' | 'postgres';
  readonly available: boolean;
  readonly skipReason: string;
  /** Fresh, empty store options (a new in-memory PGlite, or a new schema on the server). */
  options(): StoreOptions;
  /** Drops what `options()` created (the schema on the server). */
  cleanup(options: StoreOptions): Promise<void>;
}

export async function storeVariants(): Promise<StoreVariant[]> {
  const pgUp = await postgresReachable();
  if (!pgUp && process.env['CHIPEXPORT_REQUIRE_POSTGRES'] === '1') {
    throw new Error(
      `PostgreSQL is required (CHIPEXPORT_REQUIRE_POSTGRES=1) but ${TEST_DATABASE_URL} is not reachable`,
    );
  }
  if (!pgUp) {
    console.warn(
      `[chipexport tests] PostgreSQL not reachable at ${TEST_DATABASE_URL}: its conformance runs are SKIPPED`,
    );
  }
  return [
    {
      name: 'pglite',
      available: true,
      skipReason: '',
      options: () => ({ dataDir: 'memory://' }),
      cleanup: async () => undefined,
    },
    {
      name: 'postgres',
      available: pgUp,
      skipReason: pgUp ? '' : `skipped: PostgreSQL not reachable at ${TEST_DATABASE_URL}`,
      options: () => ({ databaseUrl: TEST_DATABASE_URL, schema: `t_${randomBytes(6).toString('hex')}` }),
      cleanup: async (options) => {
        if (!options.schema) return;
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists ${options.schema} cascade`);
        await client.end();
      },
    },
  ];
}

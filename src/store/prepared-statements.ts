import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** When a statement is prepared (see `StatementCache`). */
export interface StatementCacheOptions {
  /** Executions of one text before it is prepared (default 3): one-off texts stay unnamed. */
  readonly after?: number;
  /** Most texts prepared per store (default 500); past it, statements run unnamed. */
  readonly max?: number;
}

/**
 * Which statements the server should parse and plan once per connection: a text run `after`
 * times with parameters gets a name derived from its hash (`ce_` + 20 hex digits), and the `pg`
 * client then sends Parse only the first time on each connection, Bind/Execute after — what
 * postgres.js and pgx do by default. The hot paths (a shipment's two statements, a check-in
 * batch's reads, an audit append) are the same texts every time; texts that vary (a batch's
 * `values` list of n rows) repeat only for the same n, and at most `max` are ever named, so the
 * server keeps a bounded set of statements per connection.
 */
export class StatementCache {
  private readonly after: number;
  private readonly max: number;
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(options: StatementCacheOptions = {}) {
    this.after = options.after ?? 3;
    this.max = options.max ?? 500;
  }

  /** The name to prepare `text` under, or undefined to run it unnamed. */
  nameFor(text: string, parameters: readonly unknown[]): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    // Statements without parameters are DDL, migrations (several commands in one text, which
    // cannot be prepared) and `begin`/`commit`: nothing to gain.
    if (parameters.length === 0 || this.names.size >= this.max) return undefined;
    const count = (this.counts.get(text) ?? 0) + 1;
    if (count < this.after) {
      // Counting is bounded as well: forget the tally of one-off texts now and then.
      if (this.counts.size >= 10 * this.max) this.counts.clear();
      this.counts.set(text, count);
      return undefined;
    }
    this.counts.delete(text);
    const name = `ce_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, name);
    return name;
  }

  /** Texts named so far (tests, metrics). */
  get size(): number {
    return this.names.size;
  }
}

/** `pool` as Kysely's PostgresDialect wants it, each query named by `cache` when it is hot. */
export function preparingPool(pool: pg.Pool, cache: StatementCache): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        text: string | PostgresCursor<R>,
        parameters?: readonly unknown[],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof text !== 'string') return client.query(text as never) as unknown as PostgresCursor<R>;
        // Kysely hands over a fresh array of its own for each query: no copy needed.
        const values = (parameters ?? []) as unknown[];
        const name = cache.nameFor(text, values);
        const run = name ? client.query({ name, text, values }) : client.query(text, values);
        return run as unknown as Promise<PostgresQueryResult<R>>;
      }
      return { query, release: () => client.release() };
    },
    end: () => pool.end(),
  };
}

/** Whether to prepare statements: CHIPEXPORT_PG_PREPARE=off turns it off (poolers that cannot hold them). */
export function prepareFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env['CHIPEXPORT_PG_PREPARE'];
  if (raw === undefined || raw === '' || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new Error(`CHIPEXPORT_PG_PREPARE must be "on" or "off" (got "${raw}")`);
}

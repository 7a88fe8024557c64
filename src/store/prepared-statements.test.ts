import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../test/support/stores.js';
import { prepareFromEnv, StatementCache } from './prepared-statements.js';
import { openStore, type Store } from './store.js';

describe('StatementCache', () => {
  it('names a text with parameters once it has run `after` times, the same name every time', () => {
    const cache = new StatementCache({ after: 3 });
    const text = 'select * from licenses where id = $1';
    expect(cache.nameFor(text, ['a'])).toBeUndefined();
    expect(cache.nameFor(text, ['b'])).toBeUndefined();
    const name = cache.nameFor(text, ['c']);
    expect(name).toMatch(/^ce_[0-9a-f]{20}$/);
    expect(cache.nameFor(text, ['d'])).toBe(name);
    expect(new StatementCache({ after: 1 }).nameFor(text, ['e'])).toBe(name);
  });

  it('never names a text without parameters (migrations, begin, commit)', () => {
    const cache = new StatementCache({ after: 1 });
    for (let i = 0; i < 5; i++) expect(cache.nameFor('begin', [])).toBeUndefined();
    expect(cache.nameFor('create table a (x int); create index on a (x)', [])).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('names at most `max` texts; the rest run unnamed', () => {
    const cache = new StatementCache({ after: 1, max: 2 });
    expect(cache.nameFor('select $1::int', [1])).toBeDefined();
    expect(cache.nameFor('select $1::text', ['a'])).toBeDefined();
    expect(cache.nameFor('select $1::bigint', [1])).toBeUndefined();
    expect(cache.size).toBe(2);
    expect(cache.nameFor('select $1::int', [2])).toBeDefined();
  });
});

describe('CHIPEXPORT_PG_PREPARE', () => {
  it('is on unless set to off, and refuses anything else by name', () => {
    expect(prepareFromEnv({})).toBe(true);
    expect(prepareFromEnv({ CHIPEXPORT_PG_PREPARE: 'on' })).toBe(true);
    expect(prepareFromEnv({ CHIPEXPORT_PG_PREPARE: 'off' })).toBe(false);
    expect(() => prepareFromEnv({ CHIPEXPORT_PG_PREPARE: 'yes' })).toThrow(/CHIPEXPORT_PG_PREPARE.*"yes"/);
  });
});

const postgres = (await storeVariants()).find((v) => v.name === 'postgres')!;

describe.skipIf(!postgres.available)('prepared statements on PostgreSQL', () => {
  const opened: Store[] = [];
  afterAll(async () => {
    for (const store of opened) {
      await store.close();
      await postgres.cleanup({ schema: (store as { schema?: string }).schema });
    }
  });

  async function open(prepare: boolean) {
    const options = { ...postgres.options(), poolSize: 1, prepare };
    const store = await openStore(options);
    opened.push(Object.assign(store, { schema: options.schema }));
    return store;
  }

  /** The session's prepared statements (protocol-level ones are listed with from_sql = false). */
  async function prepared(store: Store): Promise<string[]> {
    const { rows } = await sql<{
      name: string;
    }>`select name from pg_prepared_statements where not from_sql order by name`.execute(store.db);
    return rows.map((r) => r.name);
  }

  it('a hot statement is parsed once on the connection and keeps answering right', async () => {
    const store = await open(true);
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { rows } = await sql<{ n: number }>`select ${i}::int + 1 as n`.execute(store.db);
      answers.push(rows[0]!.n);
    }
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    const name = new StatementCache({ after: 1 }).nameFor('select $1::int + 1 as n', [0]);
    expect(await prepared(store)).toContain(name);
  });

  it('with prepare off, nothing is prepared', async () => {
    const store = await open(false);
    for (let i = 0; i < 5; i++) await sql`select ${i}::int + 1 as n`.execute(store.db);
    expect((await prepared(store)).filter((n) => n.startsWith('ce_'))).toEqual([]);
  });
});

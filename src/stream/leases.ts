/**
 * Who consumes a partition (worker.ts): one worker at a time holds a partition's lease. Between
 * processes the lease is a PostgreSQL session advisory lock, taken on a connection of its own:
 * every worker of a fleet shares the store's server, and a worker that dies loses its session and
 * with it its leases, with nothing to expire or clean up. Within one process (the embedded store,
 * `serve --worker`, tests) a lock in memory does the same.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

export interface PartitionLeases {
  /** Takes partition `k` of `stream` if no other holder has it; true when this holder has it. */
  tryAcquire(stream: string, k: number): Promise<boolean>;
  release(stream: string, k: number): Promise<void>;
  /** Called once if the leases are lost (the connection holding them broke): stop consuming. */
  onLost(listener: (error: Error) => void): void;
  /** Releases every lease this holder has. */
  close(): Promise<void>;
}

const held = new Set<string>();

/** Leases among the workers of this process. */
export function processLeases(): PartitionLeases {
  const mine = new Set<string>();
  return {
    async tryAcquire(stream, k) {
      const key = `${stream}\0${k}`;
      if (mine.has(key)) return true;
      if (held.has(key)) return false;
      held.add(key);
      mine.add(key);
      return true;
    },
    async release(stream, k) {
      const key = `${stream}\0${k}`;
      if (mine.delete(key)) held.delete(key);
    },
    onLost() {},
    async close() {
      for (const key of mine) held.delete(key);
      mine.clear();
    },
  };
}

/** The two 32-bit keys of a partition's advisory lock: a hash of the stream, and the partition. */
export function leaseKeys(stream: string, k: number): [number, number] {
  const digest = createHash('sha256').update(`chipexport check-in stream\0${stream}`, 'utf8').digest();
  return [digest.readInt32BE(0), k];
}

/** Leases among every worker on one PostgreSQL server, on a connection of their own. */
export function postgresLeases(connectionString: string): PartitionLeases {
  let client: pg.Client | undefined;
  let lost: Error | undefined;
  const listeners: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    if (lost) return;
    lost = error;
    for (const listener of listeners) listener(error);
  };
  const connection = async () => {
    if (lost) throw lost;
    if (!client) {
      client = new pg.Client({ connectionString, application_name: 'chipexport-worker-leases' });
      client.on('error', (error) => fail(error));
      client.on('end', () => fail(new Error('the connection holding the partition leases closed')));
      await client.connect();
    }
    return client;
  };
  return {
    async tryAcquire(stream, k) {
      const [a, b] = leaseKeys(stream, k);
      const result = await (await connection()).query('select pg_try_advisory_lock($1::int, $2::int) as ok', [
        a,
        b,
      ]);
      return result.rows[0].ok === true;
    },
    async release(stream, k) {
      const [a, b] = leaseKeys(stream, k);
      await (await connection()).query('select pg_advisory_unlock($1::int, $2::int)', [a, b]);
    },
    onLost(listener) {
      listeners.push(listener);
    },
    async close() {
      const c = client;
      client = undefined;
      lost ??= new Error('the partition leases were closed');
      await c?.end().catch(() => undefined);
    },
  };
}

/** The leases for workers over `store`: PostgreSQL's when it is a server, else this process's. */
export function leasesFor(store: { readonly kind: string; readonly databaseUrl?: string }): PartitionLeases {
  return store.kind === 'postgres' && store.databaseUrl ? postgresLeases(store.databaseUrl) : processLeases();
}

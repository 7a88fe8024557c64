import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { JobRegistry } from '../../src/jobs/registry.js';
import { type Ledger, openLedger } from '../../src/ledger/ledger.js';
import { createApiKey, createOrganization } from '../../src/ledger/organizations.js';
import { authenticate, type Principal, type Role } from '../../src/ledger/principal.js';
import type { StoreOptions } from '../../src/store/store.js';
import type { StoreVariant } from './stores.js';

/** The organizations the API tests act as: each role, and a second organization of a role. */
export const ACTORS = [
  'exporter',
  'otherExporter',
  'regulator',
  'hostGov',
  'otherHostGov',
  'auditor',
] as const;
export type Actor = (typeof ACTORS)[number];

const ORGANIZATIONS: Record<Actor, { name: string; role: Role; country: string }> = {
  exporter: { name: 'Chipmaker Inc', role: 'exporter', country: 'US' },
  otherExporter: { name: 'Other Cloud Ltd', role: 'exporter', country: 'GB' },
  regulator: { name: 'BIS', role: 'regulator', country: 'US' },
  hostGov: { name: 'UAE Government', role: 'host-government', country: 'AE' },
  otherHostGov: { name: 'KSA Government', role: 'host-government', country: 'SA' },
  auditor: { name: 'Independent Auditor', role: 'auditor', country: 'US' },
};

export interface TestApi {
  readonly ledger: Ledger;
  readonly app: FastifyInstance;
  readonly keys: Record<Actor, string>;
  readonly principals: Record<Actor, Principal>;
  /** The server's jobs (closing waits for them). */
  readonly jobs: JobRegistry;
  /** Calls the API as `actor` (null: without a key). */
  call(
    actor: Actor | null,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh store of the variant, its organizations and keys, and the server over it. */
export async function startTestApi(variant: StoreVariant): Promise<TestApi> {
  const options: StoreOptions = variant.options();
  const ledger = await openLedger(options, { now: () => new Date('2025-06-02T12:00:00Z') });
  const keys = {} as Record<Actor, string>;
  const principals = {} as Record<Actor, Principal>;
  for (const actor of ACTORS) {
    const org = ORGANIZATIONS[actor];
    await createOrganization(ledger.ctx, org);
    keys[actor] = (await createApiKey(ledger.ctx, org.name)).key;
    principals[actor] = await authenticate(ledger.ctx.db, keys[actor]);
  }
  const jobs = new JobRegistry(ledger.ctx.db);
  const app = await buildServer(ledger, { jobs });
  return {
    ledger,
    app,
    jobs,
    keys,
    principals,
    call: (actor, method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(actor ? { authorization: `Bearer ${keys[actor]}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    close: async () => {
      await jobs.idle();
      await app.close();
      await ledger.close();
      await variant.cleanup(options);
    },
  };
}

/** An export request for GB300s to the UAE (license required above the LPP limit). */
export const gb300 = (quantity: number, extra: Record<string, unknown> = {}) => ({
  date: '2025-06-01',
  destination: 'AE',
  items: [{ chip: 'nvidia-gb300', quantity }],
  endUser: { name: 'G42', headquarters: 'AE' },
  ...extra,
});

/** The `(METHOD, /path/:param)` pairs of a server's routes under `prefix`, from `printRoutes`. */
export function registeredRoutes(app: FastifyInstance, prefix = '/v1/'): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD' && path.startsWith(prefix)) routes.add(`${method} ${path}`);
    }
  }
  return routes;
}

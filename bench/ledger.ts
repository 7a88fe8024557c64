import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { LedgerError } from '../src/ledger/errors.js';
import { type Ledger, openLedger } from '../src/ledger/ledger.js';
import { createAgreement, decideRequest, recordShipment } from '../src/ledger/licensing/index.js';
import { createApiKey, createOrganization } from '../src/ledger/organizations.js';
import { authenticate, type Principal } from '../src/ledger/principal.js';
import { submitRequest } from '../src/ledger/requests/index.js';
import { TEST_DATABASE_URL } from '../test/support/stores.js';
import { auditAppends } from './audit-appends.js';

/**
 * `npm run bench:ledger [-- --json --clients 16 --seconds 8 --procs 1]`
 *
 * Licensed shipments per second through the ledger (`recordShipment`: license row lock, quota
 * pool row locks, shipment, draws, license update and audit entry in one transaction) with
 * `--clients` concurrent clients on PostgreSQL, against `pgbench -b simple-update -c <clients>`
 * on the same server in the same run (its own scratch database, dropped afterwards). The two
 * alternate A-B-B-A, each half `--seconds` long, so drift weighs on both alike. Each client
 * ships one chip at a time mostly against its own license and one time in eight against a
 * small license all clients share, so the run exhausts it and races for its last units;
 * afterwards every license and pool is checked against the rows drawn on it
 * (`over_allocations` counts any that exceed their limit or disagree with their rows). The
 * clients run in `--procs` processes, each with its own ledger on the same schema, as API
 * processes sharing one PostgreSQL do, and pgbench in as many threads (`-j`): by default one,
 * as the issue's `pgbench -b simple-update -c 16` runs (one thread) — on a 2-core machine every
 * extra client process competes with the server for the same cores. The
 * same load then runs on the embedded store (PGlite, in memory) for `pglite_tps`.
 * Also measured: audit appends per second from `--clients` concurrent writers, one entry per
 * transaction, timed until the integrator has given every entry its index, against pgbench
 * committing transactions of the same shape (one insert of a leaf-sized row) from as many
 * clients (`pgbench_insert_tps`).
 *
 * PostgreSQL at $DATABASE_URL or the test server; a fresh schema, dropped afterwards.
 * With --json the last line of stdout is one JSON object.
 */
const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '8' },
    'pglite-seconds': { type: 'string', default: '4' },
    procs: { type: 'string', default: '1' },
  },
  allowPositionals: true,
});
const clients = Number(args.clients);
const phaseSeconds = Number(args.seconds) / 2;
const pgliteSeconds = Number(args['pglite-seconds']);
const procs = Math.min(Number(args.procs), clients);
for (const [name, value] of Object.entries({ clients, seconds: phaseSeconds * 2, pgliteSeconds })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
}
const databaseUrl = process.env['DATABASE_URL'] || TEST_DATABASE_URL;
const log = (line: string) => {
  if (args.json) process.stderr.write(`${line}\n`);
  else console.log(line);
};
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** Tier 2 destinations under the 2025 rule (country allocation each); Tier 1 ones draw on none. */
const DESTINATIONS = [
  'SA',
  'IN',
  'BR',
  'MX',
  'ID',
  'MY',
  'TH',
  'VN',
  'PH',
  'TR',
  'EG',
  'ZA',
  'AR',
  'CL',
  'CO',
  'PL',
  'AE',
  'PE',
  'KE',
  'NG',
  'PK',
  'BD',
  'UA',
  'RS',
];

interface Fixture {
  ledger: Ledger;
  exporter: Principal;
  own: string[];
  shared: string;
  key?: string;
}

interface ChildConfig {
  databaseUrl: string;
  schema: string;
  key: string;
  own: string[];
  shared: string;
}
type ChildReply = { ready: true } | { shipped: number; refused: number; cpu: number };

/**
 * A client process: its share of the clients, its own ledger (pool, integrator loop) on the
 * same schema, as several API processes share one PostgreSQL. Ships when told to.
 */
async function runChild(config: ChildConfig): Promise<void> {
  const ledger = await openLedger(
    { databaseUrl: config.databaseUrl, schema: config.schema, poolSize: config.own.length + 2 },
    { now: () => new Date('2025-07-01T00:00:00Z') },
  );
  const exporter = await authenticate(ledger.ctx.db, config.key);
  const f: Fixture = { ledger, exporter, own: config.own, shared: config.shared };
  process.on('message', (message: { seconds?: number }) => {
    if (message.seconds === undefined) {
      void ledger.close().then(() => process.exit(0));
      return;
    }
    const cpu = process.cpuUsage();
    void shipFor(f, message.seconds).then((r) => {
      const used = process.cpuUsage(cpu);
      process.send!({ ...r, cpu: (used.user + used.system) / 1e6 } satisfies ChildReply);
    });
  });
  process.send!({ ready: true } satisfies ChildReply);
}

function reply(child: ChildProcess): Promise<ChildReply> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as ChildReply));
    child.once('exit', (code) => reject(new Error(`a client process exited (${code})`)));
  });
}

async function fixture(ledger: Ledger): Promise<Fixture> {
  for (const [name, role, country] of [
    ['Bench Exporter', 'exporter', 'US'],
    ['Bench Regulator', 'regulator', 'US'],
    ['Bench UAE', 'host-government', 'AE'],
  ] as const) {
    await createOrganization(ledger.ctx, { name, role, country });
  }
  const key = async (name: string) => authenticate(ledger.ctx.db, (await createApiKey(ledger.ctx, name)).key);
  const exporterKey = (await createApiKey(ledger.ctx, 'Bench Exporter')).key;
  const exporter = await authenticate(ledger.ctx.db, exporterKey);
  const regulator = await key('Bench Regulator');
  await createAgreement(ledger.ctx, await key('Bench UAE'), {
    country: 'AE',
    framework: 'us-ai-diffusion-2025',
  });
  const license = async (chips: number, destination: string) => {
    const submitted = await submitRequest(ledger.ctx, exporter, {
      framework: 'us-ai-diffusion-2025',
      request: {
        date: '2025-06-01',
        destination,
        items: [{ chip: 'nvidia-gb300', quantity: chips }],
        endUser: { name: `Bench DC ${destination}` },
      },
    });
    // Small requests are authorized by a license exception at submission; others need a decision.
    const licenseId =
      submitted.licenseId ??
      (await decideRequest(ledger.ctx, regulator, submitted.id, { decision: 'approve' })).licenseId;
    if (!licenseId) throw new Error(`the bench license to ${destination} was not issued`);
    return licenseId;
  };
  // Each client ships to its own destination (its own country allocation), as exporters
  // shipping to many countries do; the shared license (to AE) is where they all collide.
  const own: string[] = [];
  for (const destination of DESTINATIONS) {
    if (own.length === clients) break;
    try {
      own.push(await license(5_000, destination));
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      log(`  no license to ${destination}: ${error.message}`);
    }
  }
  log(`  ${own.length} licenses to ${own.length} destinations for ${clients} clients`);
  while (own.length < clients) own.push(own[own.length % DESTINATIONS.length]!);
  const shared = await license(Math.max(clients * 4, 50), 'AE');
  return { ledger, exporter, own, shared, key: exporterKey };
}

/** `clients` loops shipping one chip at a time for `seconds`; returns committed shipments. */
async function shipFor(f: Fixture, seconds: number): Promise<{ shipped: number; refused: number }> {
  const until = Date.now() + seconds * 1000;
  let shipped = 0;
  let refused = 0;
  await Promise.all(
    f.own.map(async (licenseId, c) => {
      for (let i = 0; Date.now() < until; i++) {
        const target = (i + c) % 8 === 0 ? f.shared : licenseId;
        try {
          await recordShipment(f.ledger.ctx, f.exporter, { licenseId: target, chips: 1 });
          shipped++;
        } catch (error) {
          if (error instanceof LedgerError && target === f.shared) refused++;
          else throw error;
        }
      }
    }),
  );
  return { shipped, refused };
}

/** Licenses and pools whose counters exceed their limits or disagree with the rows drawn on them. */
async function overAllocations(ledger: Ledger): Promise<number> {
  const db = ledger.ctx.db;
  const licenses = await db
    .selectFrom('licenses as l')
    .leftJoin('shipments as s', 's.license_id', 'l.id')
    .select(['l.id', 'l.used_chips', 'l.limit_chips', 'l.used_tpp', 'l.limit_tpp'])
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('s.chips'), eb.lit(0)).as('chips'),
      eb.fn.coalesce(eb.fn.sum<number>('s.tpp'), eb.lit(0)).as('tpp'),
    ])
    .groupBy(['l.id', 'l.used_chips', 'l.limit_chips', 'l.used_tpp', 'l.limit_tpp'])
    .execute();
  let bad = 0;
  for (const l of licenses) {
    if (l.used_chips > l.limit_chips || l.used_tpp > l.limit_tpp) bad++;
    else if (Number(l.chips) !== l.used_chips || Number(l.tpp) !== l.used_tpp) bad++;
  }
  const pools = await db
    .selectFrom('quota_pools as p')
    .leftJoin('quota_draws as d', (j) =>
      j.onRef('d.framework', '=', 'p.framework').onRef('d.pool', '=', 'p.pool'),
    )
    .select(['p.pool', 'p.used_tpp', 'p.limit_tpp'])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('d.tpp'), eb.lit(0)).as('drawn'))
    .groupBy(['p.framework', 'p.pool', 'p.used_tpp', 'p.limit_tpp'])
    .execute();
  for (const p of pools) if (p.used_tpp > p.limit_tpp || Number(p.drawn) !== p.used_tpp) bad++;
  return bad;
}

/**
 * pgbench transactions per second with `clients` clients: the built-in simple-update, or with
 * `script` (a file) the transaction it holds.
 */
function pgbench(dbUrl: string, seconds: number, script?: string): number {
  const run = spawnSync(
    'pgbench',
    [
      ...(script ? ['-f', script] : ['-b', 'simple-update']),
      '-c',
      String(clients),
      '-j',
      String(procs),
      '-T',
      String(Math.ceil(seconds)),
      '-n',
      dbUrl,
    ],
    { encoding: 'utf8' },
  );
  const match = /tps = ([\d.]+)/.exec(run.stdout ?? '');
  if (run.status !== 0 || !match) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`);
  return Number(match[1]);
}

const childConfig = process.env['CHIPEXPORT_BENCH_LEDGER_CHILD'];
if (childConfig) await runChild(JSON.parse(childConfig) as ChildConfig);
else await runParent();

async function runParent(): Promise<void> {
  if (spawnSync('pgbench', ['--version']).status !== 0) {
    throw new Error(
      'pgbench is not installed (Debian: apt-get install postgresql-client or postgresql-contrib)',
    );
  }

  // pgbench in a scratch database of its own on the same server, scale 16 (one branch per client).
  const scratch = `chipexport_pgbench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  const scratchUrl = new URL(databaseUrl);
  scratchUrl.pathname = `/${scratch}`;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  let ledger: Ledger | undefined;
  try {
    log(`pgbench -i -s ${clients} in ${scratch} …`);
    const init = spawnSync('pgbench', ['-i', '-q', '-s', String(clients), scratchUrl.toString()], {
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);

    ledger = await openLedger(
      { databaseUrl, schema, poolSize: clients + 4 },
      { now: () => new Date('2025-07-01T00:00:00Z') },
    );
    const pgFixture = await fixture(ledger);
    // The clients run in `procs` processes (pgbench runs in as many threads), each with its own
    // ledger on the schema: a process is one event loop, as each API server is.
    const children: ChildProcess[] = [];
    for (let p = 0; p < procs; p++) {
      const config: ChildConfig = {
        databaseUrl,
        schema,
        key: pgFixture.key!,
        own: pgFixture.own.filter((_, c) => c % procs === p),
        shared: pgFixture.shared,
      };
      const child = fork(process.argv[1]!, [], {
        env: { ...process.env, CHIPEXPORT_BENCH_LEDGER_CHILD: JSON.stringify(config) },
        execArgv: process.execArgv,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
    }
    await Promise.all(children.map(reply));
    const shipAcross = async (seconds: number) => {
      const replies = children.map(reply);
      for (const child of children) child.send({ seconds });
      const done = (await Promise.all(replies)) as { shipped: number; refused: number; cpu: number }[];
      return done.reduce((a, r) => ({ shipped: a.shipped + r.shipped, cpu: a.cpu + r.cpu }), {
        shipped: 0,
        cpu: 0,
      });
    };
    await shipAcross(1); // warm-up

    let ledgerShipped = 0;
    let ledgerSeconds = 0;
    let pgbenchTps = 0;
    let ledgerCpu = 0;
    const timeLedger = async () => {
      const start = process.hrtime.bigint();
      const run = await shipAcross(phaseSeconds);
      ledgerShipped += run.shipped;
      ledgerCpu += run.cpu;
      ledgerSeconds += Number(process.hrtime.bigint() - start) / 1e9;
    };
    await timeLedger();
    pgbenchTps += pgbench(scratchUrl.toString(), phaseSeconds) / 2;
    pgbenchTps += pgbench(scratchUrl.toString(), phaseSeconds) / 2;
    await timeLedger();
    const ledgerTps = ledgerShipped / ledgerSeconds;
    for (const child of children) child.send({});
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    const pgOver = await overAllocations(ledger);
    log(
      `  client processes' CPU: ${((1000 * ledgerCpu) / ledgerShipped).toFixed(2)} ms per shipment (${((100 * ledgerCpu) / ledgerSeconds).toFixed(0)} % of a core)`,
    );
    log(
      `PostgreSQL: ${fmt(ledgerTps)} shipments/s, pgbench simple-update ${fmt(pgbenchTps)} tps (${((100 * ledgerTps) / pgbenchTps).toFixed(1)} %)`,
    );

    const appendsPerS = await auditAppends(ledger, clients, phaseSeconds, 1);
    log(`audit appends, ${clients} writers, one entry per transaction: ${fmt(appendsPerS)}/s`);
    // What the server commits of the same shape (begin, one insert of a leaf-sized row, commit)
    // from as many pgbench clients: the ceiling for one entry per transaction.
    const scriptDir = mkdtempSync(join(tmpdir(), 'chipexport-bench-'));
    const script = join(scriptDir, 'append.sql');
    writeFileSync(
      script,
      "BEGIN;\nINSERT INTO bench_append (leaf) VALUES (convert_to(repeat(md5(random()::text), 20), 'UTF8'));\nEND;\n",
    );
    const scratchDb = new pg.Client({ connectionString: scratchUrl.toString() });
    await scratchDb.connect();
    await scratchDb.query(
      'create table bench_append (seq bigserial primary key, leaf bytea not null, created_at timestamptz not null default clock_timestamp())',
    );
    await scratchDb.end();
    const pgbenchAppendTps = pgbench(scratchUrl.toString(), phaseSeconds, script);
    rmSync(scriptDir, { recursive: true, force: true });
    log(
      `pgbench, ${clients} clients, one insert per transaction: ${fmt(pgbenchAppendTps)} tps (appends ${((100 * appendsPerS) / pgbenchAppendTps).toFixed(1)} % of it)`,
    );
    const batchedAppendsPerS = await auditAppends(ledger, clients, phaseSeconds, 10);
    log(`audit appends, ${clients} writers, ten entries per transaction: ${fmt(batchedAppendsPerS)}/s`);
    await ledger.ctx.audit.sync();
    const verified = await ledger.ctx.audit.head();
    log(`audit log: ${fmt(verified.size)} entries integrated`);
    await ledger.close();
    ledger = undefined;

    // The integrator alone: entries committed while it was off, then one sync, timed.
    const integ = await openLedger(
      { databaseUrl, schema: `${schema}_i`, poolSize: 4 },
      { integrator: false },
    );
    const pendingN = 20_000;
    for (let i = 0; i < pendingN; i += 1000) {
      await integ.ctx.db.transaction().execute((tx) =>
        integ.ctx.audit.appendMany(
          tx,
          Array.from({ length: 1000 }, (_, k) => ({
            who: { organizationId: 'system', role: 'system', keyId: null },
            when: new Date().toISOString(),
            action: 'bench.append',
            entity: 'bench',
            id: `e${i + k}`,
            before: null,
            after: { i: i + k },
          })),
        ),
      );
    }
    const integStart = process.hrtime.bigint();
    await integ.ctx.audit.sync();
    const integratorPerS = pendingN / (Number(process.hrtime.bigint() - integStart) / 1e9);
    await integ.close();
    await admin.query(`drop schema if exists ${schema}_i cascade`);
    log(
      `integrator alone: ${fmt(integratorPerS)} entries/s (indices, roots, one signed checkpoint per batch)`,
    );

    // `databaseUrl: ''`: the embedded store even when DATABASE_URL names the server.
    const lite = await openLedger(
      { dataDir: 'memory://', databaseUrl: '' },
      { now: () => new Date('2025-07-01T00:00:00Z') },
    );
    const liteFixture = await fixture(lite);
    await shipFor(liteFixture, 0.5);
    const liteStart = process.hrtime.bigint();
    const liteShipped = (await shipFor(liteFixture, pgliteSeconds)).shipped;
    const pgliteTps = liteShipped / (Number(process.hrtime.bigint() - liteStart) / 1e9);
    const liteOver = await overAllocations(lite);
    await lite.close();
    log(`PGlite (in memory): ${fmt(pgliteTps)} shipments/s`);

    const cpu = cpus()[0]?.model ?? 'unknown';
    const result = {
      ledger_tps: Math.round(ledgerTps),
      pgbench_tps: Math.round(pgbenchTps),
      ratio: Number((ledgerTps / pgbenchTps).toFixed(3)),
      clients,
      processes: procs,
      over_allocations: pgOver + liteOver,
      pglite_tps: Math.round(pgliteTps),
      audit_appends_per_s: Math.round(appendsPerS),
      pgbench_insert_tps: Math.round(pgbenchAppendTps),
      audit_appends_per_s_10_per_tx: Math.round(batchedAppendsPerS),
      integrator_entries_per_s: Math.round(integratorPerS),
      cores: availableParallelism(),
      cpu,
    };
    if (args.json) console.log(JSON.stringify(result));
    else console.log(result);
    if (result.over_allocations > 0) process.exitCode = 1;
  } finally {
    await ledger?.close();
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.query(`drop database if exists ${scratch}`).catch(() => undefined);
    await admin.end();
  }
}

import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openLedger } from '../src/ledger/ledger.js';
import { seededKey, signedCheckIn } from '../src/ledger/monitoring/fleet.js';
import { activeLandmarks, registerLandmark } from '../src/ledger/monitoring/index.js';
import { monitoringSettings } from '../src/ledger/monitoring/settings.js';
import { assignLandmarks } from '../src/monitoring/assignment.js';
import type { CheckIn } from '../src/monitoring/protocol.js';
import { SignaturePool } from '../src/monitoring/signature-pool.js';
import { signBytes } from '../src/monitoring/signatures.js';
import type { SignatureCheck } from '../src/monitoring/verifier.js';
import type { StreamLayout } from '../src/stream/layout.js';
import { leasesFor } from '../src/stream/leases.js';
import { ledgerHandler } from '../src/stream/ledger-handler.js';
import { connectNats, deleteStreams, ensureStreams, manager, NATS_URL_ENV } from '../src/stream/nats.js';
import { NatsCheckInPublisher } from '../src/stream/publisher.js';
import { CheckInWorker } from '../src/stream/worker.js';
import { LANDMARKS, monitoredInstallation, SITE, type Site } from '../test/support/ledger-fixture.js';
import { TEST_DATABASE_URL } from '../test/support/stores.js';
import { auditAppends } from './audit-appends.js';

/**
 * `npm run bench:ingest [-- --json --sites 64 --devices 16 --rounds 20 --workers 2 --partitions 256]`
 *
 * Check-ins per second into the ledger on PostgreSQL through NATS JetStream (issue 16 item 3):
 * `--sites` installations × `--devices` devices × `--rounds` honest check-ins each, every one with
 * 3 landmark receipts (7 signatures: the device's over the check-in and over each landmark's
 * challenge, each landmark's over its receipt), published to a fresh stream of `--partitions`
 * partitions with the exporter as the caller, then drained by `--workers` worker processes, each
 * consuming its share of the partitions, with its own ledger on the same schema and a signature pool of (cores ÷ workers) threads. Timed
 * from the workers' start to the last check-in committed.
 *
 * The baseline, measured in the same run: `floor_checkins_per_s`, raw Ed25519 verifications per
 * second on all cores (a SignaturePool of one thread per core), ÷ 7 signatures per check-in — what
 * the signatures alone would allow. Afterwards every published check-in is looked up: `lost`
 * counts those not stored, `duplicates` rows or audit entries beyond one per check-in, `rejected`
 * those not accepted (the bench's check-ins are all honest: anything but 0 is a defect). Also
 * `audit_appends_per_s`: audit entries per second from 16 concurrent writers, one entry per
 * transaction, until integrated.
 *
 * PostgreSQL at $DATABASE_URL or the test server (a fresh schema, dropped afterwards); NATS at
 * --nats, $CHIPEXPORT_NATS_URL or nats://127.0.0.1:4222 — when either does not answer, the
 * benchmark says so and exits 0. With --json the last line of stdout is one JSON object.
 */
const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sites: { type: 'string', default: '64' },
    devices: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '20' },
    workers: { type: 'string', default: '2' },
    partitions: { type: 'string', default: '256' },
    writers: { type: 'string', default: '16' },
    nats: { type: 'string' },
  },
  allowPositionals: true,
});
const SIGNATURES_PER_CHECKIN = 7;
const databaseUrl = process.env['DATABASE_URL'] || TEST_DATABASE_URL;
const natsUrl = args.nats ?? process.env[NATS_URL_ENV] ?? 'nats://127.0.0.1:4222';
const log = (line: string) => {
  if (args.json) process.stderr.write(`${line}\n`);
  else console.log(line);
};
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

interface ChildConfig {
  databaseUrl: string;
  schema: string;
  natsUrl: string;
  layout: StreamLayout;
  threads: number;
  /** This worker's share of the partitions. */
  partitions: number[];
}

const childConfig = process.env['CHIPEXPORT_BENCH_INGEST_CHILD'];
if (childConfig) await runWorker(JSON.parse(childConfig) as ChildConfig);
else await runParent();

/** A worker process: its own ledger and signature pool; starts pulling on the parent's word. */
async function runWorker(config: ChildConfig): Promise<void> {
  const ledger = await openLedger({ databaseUrl: config.databaseUrl, schema: config.schema });
  const nc = await connectNats(config.natsUrl, 'chipexport-bench-ingest');
  const pool = new SignaturePool(config.threads);
  let worker: CheckInWorker | undefined;
  process.on('message', async (message: { go?: boolean; stop?: boolean }) => {
    if (message.go) {
      worker = await CheckInWorker.start(nc, {
        layout: config.layout,
        partitions: config.partitions,
        batchHandler: ledgerHandler(ledger.ctx, { verifier: pool }),
        leases: leasesFor(ledger.store),
        onEvent: (event) => {
          if (event.kind === 'dead-letter') process.stderr.write(`dead letter: ${event.detail}\n`);
          if (event.kind === 'retry') process.stderr.write(`retry: ${event.error}\n`);
        },
      });
    }
    if (message.stop) {
      await worker?.stop();
      const stats = worker?.stats;
      await nc.close();
      await pool.close();
      await ledger.close();
      process.send!({ stats });
      process.exit(0);
    }
  });
  process.send!({ ready: true });
}

async function runParent(): Promise<void> {
  const sites = Number(args.sites);
  const devicesPerSite = Number(args.devices);
  const rounds = Number(args.rounds);
  const workers = Number(args.workers);
  const partitions = Number(args.partitions);
  const writers = Number(args.writers);
  for (const [name, value] of Object.entries({
    sites,
    devices: devicesPerSite,
    rounds,
    workers,
    partitions,
    writers,
  })) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  }
  let nc: Awaited<ReturnType<typeof connectNats>>;
  try {
    nc = await connectNats(natsUrl, 'chipexport-bench-ingest');
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    await probe.end();
  } catch (error) {
    const reason = (error as Error).message;
    log(`bench:ingest skipped: ${reason}`);
    if (args.json) console.log(JSON.stringify({ skipped: reason }));
    process.exit(0);
  }
  const cores = availableParallelism();
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const ledger = await openLedger({ databaseUrl, schema, poolSize: writers + 4 });
  const jsm = await manager(nc);
  let layout: StreamLayout | undefined;
  try {
    // The fleet: installations at one inland site with three landmarks around it.
    const clock = { now: Date.now() };
    const fixture = await monitoredInstallation(ledger, clock, devicesPerSite + 2);
    const third = {
      id: 'lm-abu-dhabi',
      name: 'Abu Dhabi',
      lat: 24.4539,
      lon: 54.3773,
      key: seededKey('ed25519', 'lm-ad'),
    };
    await registerLandmark(ledger.ctx, fixture.regulator, {
      id: third.id,
      name: third.name,
      lat: third.lat,
      lon: third.lon,
      operator: 'BIS landmark network',
      publicKey: third.key.publicKeySpki,
    });
    const landmarks = [...LANDMARKS, third];
    const settings = await monitoringSettings(ledger.ctx.db);
    const assigned = assignLandmarks(
      SITE,
      await activeLandmarks(ledger.ctx.db),
      settings.landmarksPerCheckIn,
    );
    const assignment = assigned.landmarks.map((l) => l.id);
    if (assignment.length !== 3) throw new Error(`expected 3 assigned landmarks, got ${assignment.length}`);
    const answered = assignment.map((id) => landmarks.find((l) => l.id === id)!);

    log(`enrolling ${fmt(sites * devicesPerSite)} devices at ${sites} installations …`);
    const fleet: { site: Site; deviceId: string }[] = [];
    for (let s = 0; s < sites; s++) {
      const site = s === 0 ? fixture : await fixture.addSite();
      for (let d = 0; d < devicesPerSite; d++) {
        const deviceId = `ingest-${s}-${d}`;
        await fixture.enroll(deviceId, site);
        fleet.push({ site, deviceId });
      }
    }
    const total = fleet.length * rounds;
    log(`signing ${fmt(total)} check-ins (${SIGNATURES_PER_CHECKIN} signatures each) …`);
    const base = Date.now();
    const messages: { checkIn: CheckIn; site: Site }[] = [];
    const keys = new Map(fleet.map((f) => [f.deviceId, seededKey('ed25519', f.deviceId)]));
    for (let r = 0; r < rounds; r++) {
      for (const { site, deviceId } of fleet) {
        const issuedAt = base + r;
        messages.push({
          site,
          checkIn: signedCheckIn({
            deviceId,
            key: keys.get(deviceId)!,
            at: SITE,
            nonce: settings.nonces.issue(deviceId, issuedAt, assignment),
            sequence: r + 1,
            issuedAt,
            landmarks: answered,
            assignment,
          }),
        });
      }
    }

    // The floor: raw Ed25519 verifications per second on all cores.
    const floorPool = new SignaturePool(cores);
    const key = seededKey('ed25519', 'floor');
    const checks: SignatureCheck[] = Array.from({ length: 2_000 }, (_, k) => {
      const data = Buffer.from(`floor message ${k}`);
      return {
        algorithm: 'ed25519',
        publicKey: key.publicKey,
        data,
        signature: signBytes('ed25519', key.privateKey, data),
      };
    });
    await floorPool.verifyAll(checks); // warm
    const floorStart = process.hrtime.bigint();
    let verified = 0;
    while (since(floorStart) < 3) {
      const ok = await floorPool.verifyAll(checks);
      if (!ok.every(Boolean)) throw new Error('a floor signature did not verify');
      verified += checks.length;
    }
    const verificationsPerS = verified / since(floorStart);
    await floorPool.close();
    const floor = verificationsPerS / SIGNATURES_PER_CHECKIN;
    log(
      `floor: ${fmt(verificationsPerS)} Ed25519 verifications/s on ${cores} cores = ${fmt(floor)} check-ins/s`,
    );

    layout = await ensureStreams(jsm, `BENCH_INGEST_${randomBytes(4).toString('hex')}`, { partitions });
    const publisher = new NatsCheckInPublisher(nc, layout);
    log(`publishing ${fmt(total)} check-ins to ${partitions} partitions …`);
    const publishStart = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i += 1_000) {
      await Promise.all(
        messages.slice(i, i + 1_000).map((m) => publisher.publish(m.checkIn, m.site.route, fixture.exporter)),
      );
    }
    log(`published in ${since(publishStart).toFixed(1)} s`);

    const threads = Math.max(1, Math.ceil(cores / workers));
    const children: ChildProcess[] = [];
    for (let w = 0; w < workers; w++) {
      const share = Array.from({ length: partitions }, (_, k) => k).filter((k) => k % workers === w);
      const config: ChildConfig = { databaseUrl, schema, natsUrl, layout, threads, partitions: share };
      children.push(
        fork(process.argv[1]!, [], {
          env: { ...process.env, CHIPEXPORT_BENCH_INGEST_CHILD: JSON.stringify(config) },
          execArgv: process.execArgv,
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
    }
    const reply = (child: ChildProcess) =>
      new Promise<{ ready?: boolean; stats?: { processed: number; batches: number } }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as never));
        child.once('exit', (code) =>
          code === 0 ? undefined : reject(new Error(`a worker exited (${code})`)),
        );
      });
    await Promise.all(children.map(reply));
    const stored = async () =>
      Number((await pg_count(`select count(*) as n from "${schema}".checkins`)) ?? 0);
    log(`${workers} worker processes (${threads} signature threads each) draining …`);
    const start = process.hrtime.bigint();
    for (const child of children) child.send({ go: true });
    let count = 0;
    let last = 0;
    let lastProgress = Date.now();
    while (count < total) {
      await new Promise((ok) => setTimeout(ok, 100));
      count = await stored();
      if (count > last) lastProgress = Date.now();
      last = count;
      if (Date.now() - lastProgress > 30_000) {
        log(`no progress for 30 s at ${fmt(count)} of ${fmt(total)}`);
        break;
      }
    }
    const seconds = since(start);
    const checkinsPerS = count / seconds;
    const replies = children.map(reply);
    for (const child of children) child.send({ stop: true });
    const stats = (await Promise.all(replies)).map((r) => r.stats!);
    const batches = stats.reduce((n, s) => n + s.batches, 0);
    log(
      `${fmt(count)} check-ins in ${seconds.toFixed(1)} s: ${fmt(checkinsPerS)}/s (${(checkinsPerS / floor).toFixed(2)} of the floor), ` +
        `${fmt(batches)} batches (${(count / Math.max(1, batches)).toFixed(0)} per batch)`,
    );

    // Every published check-in, once.
    const distinct = Number(
      await pg_count(`select count(distinct (device_id, sequence)) as n from "${schema}".checkins`),
    );
    const rejected = Number(
      await pg_count(`select count(*) as n from "${schema}".checkins where not accepted`),
    );
    await ledger.ctx.audit.sync();
    const leaves = await ledger.ctx.db.selectFrom('audit_entries').select('leaf').execute();
    const received = leaves
      .map(
        (l) =>
          JSON.parse(Buffer.from(l.leaf).toString('utf8')) as {
            action: string;
            id: string;
            who: { role: string };
          },
      )
      .filter((e) => e.action === 'checkin.received');
    const auditIds = new Set(received.map((e) => e.id));
    const lost = total - distinct;
    const duplicates = count - distinct + (received.length - auditIds.size);
    const asCaller = received.filter((e) => e.who.role === 'exporter').length;
    log(
      `lost ${lost}, duplicates ${duplicates}, rejected ${rejected}; audit entries naming the exporter: ${fmt(asCaller)} of ${fmt(received.length)}`,
    );

    const appendsPerS = await auditAppends(ledger, writers, 4);
    log(`audit appends, ${writers} writers, one entry per transaction: ${fmt(appendsPerS)}/s`);

    const result = {
      checkins_per_s: Math.round(checkinsPerS),
      floor_checkins_per_s: Math.round(floor),
      ratio: Number((checkinsPerS / floor).toFixed(3)),
      workers,
      lost,
      duplicates,
      rejected,
      audit_appends_per_s: Math.round(appendsPerS),
      store: 'postgres',
      checkins: total,
      receipts_per_checkin: 3,
      partitions,
      batches,
      cores,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
    };
    if (args.json) console.log(JSON.stringify(result));
    else console.log(result);
  } finally {
    if (layout) await deleteStreams(jsm, layout).catch(() => undefined);
    await nc.close();
    await ledger.close();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }

  async function pg_count(query: string): Promise<number> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return Number((await client.query(query)).rows[0].n);
    } finally {
      await client.end();
    }
  }
}

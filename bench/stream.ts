import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openLedger } from '../src/ledger/ledger.js';
import { ingestCheckIn } from '../src/ledger/monitoring/index.js';
import { SYSTEM } from '../src/ledger/principal.js';
import type { CheckIn } from '../src/monitoring/protocol.js';
import { partitionOf } from '../src/stream/layout.js';
import { ledgerHandler } from '../src/stream/ledger-handler.js';
import { connectNats, deleteStreams, ensureStreams, manager, NATS_URL_ENV } from '../src/stream/nats.js';
import { NatsCheckInPublisher } from '../src/stream/publisher.js';
import { CheckInWorker } from '../src/stream/worker.js';
import { monitoredInstallation, type Site } from '../test/support/ledger-fixture.js';

/**
 * `npm run bench:stream [-- --json --sites 16 --devices 4 --checkins 10 --partitions 8]`
 *
 * Check-ins per second through NATS JetStream + worker + ledger against the in-process path
 * (ingestCheckIn called directly, as `POST /v1/checkins` does without NATS), measured in the same
 * run on the same store: the embedded store in memory, or PostgreSQL when DATABASE_URL is set
 * (in a fresh schema, dropped afterwards). Each path gets its own devices —
 * `--sites` installations with `--devices` devices each, `--checkins` honest signed check-ins per
 * device (2 landmark receipts, 5 signatures) — and the same parallelism: the in-process path runs
 * one lane per partition, each lane taking the installations that hash to it, exactly as the
 * stream's partitions do; the two paths alternate A-B-B-A over halves of their installations.
 * The stream path is timed from the first publish to the last acknowledgement, with the worker in
 * this process. NATS at --nats, $CHIPEXPORT_NATS_URL or
 * nats://127.0.0.1:4222; when it does not answer, the benchmark says so and exits 0.
 * With --json the last line of stdout is one JSON object.
 */

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sites: { type: 'string', default: '16' },
    devices: { type: 'string', default: '4' },
    checkins: { type: 'string', default: '10' },
    partitions: { type: 'string', default: '8' },
    nats: { type: 'string' },
  },
  allowPositionals: true,
});
const sites = Number(args.sites);
const devicesPerSite = Number(args.devices);
const perDevice = Number(args.checkins);
const partitions = Number(args.partitions);
for (const [name, value] of Object.entries({
  sites,
  devices: devicesPerSite,
  checkins: perDevice,
  partitions,
})) {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
}
const url = args.nats ?? process.env[NATS_URL_ENV] ?? 'nats://127.0.0.1:4222';
const log = (line: string) => {
  if (args.json) process.stderr.write(`${line}\n`);
  else console.log(line);
};
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

let nc: Awaited<ReturnType<typeof connectNats>>;
try {
  nc = await connectNats(url, 'chipexport-bench');
} catch (error) {
  const reason = (error as Error).message;
  log(`bench:stream skipped: ${reason}`);
  if (args.json) console.log(JSON.stringify({ skipped: reason }));
  process.exit(0);
}

const schema = process.env['DATABASE_URL'] ? `bench_${randomBytes(4).toString('hex')}` : undefined;
const clock = { now: Date.UTC(2026, 0, 5, 8) };
const ledger = await openLedger(process.env['DATABASE_URL'] ? { schema } : { dataDir: 'memory://' }, {
  now: () => new Date(clock.now),
});
const fixture = await monitoredInstallation(ledger, clock, devicesPerSite * 2 + 2);

interface Lane {
  site: Site;
  checkIns: CheckIn[];
}

/** `count` installations with their devices enrolled and every check-in signed (device by device, in sequence order). */
async function prepare(label: string, count: number, checkIns: number): Promise<Lane[]> {
  const lanes: Lane[] = [];
  for (let s = 0; s < count; s++) {
    const site = await fixture.addSite();
    const lane: Lane = { site, checkIns: [] };
    const ids = Array.from({ length: devicesPerSite }, (_, d) => `${label}-${s}-${d}`);
    for (const id of ids) await fixture.enroll(id, site);
    for (let seq = 1; seq <= checkIns; seq++) {
      for (const id of ids) lane.checkIns.push(await fixture.checkIn(id, seq));
    }
    lanes.push(lane);
  }
  return lanes;
}

/** In-process: one lane per partition, each taking the installations that hash to it, in order. */
async function inProcess(lanes: Lane[]): Promise<number> {
  const byPartition = new Map<number, Lane[]>();
  for (const lane of lanes) {
    const k = partitionOf(lane.site.installationId, partitions);
    byPartition.set(k, [...(byPartition.get(k) ?? []), lane]);
  }
  let accepted = 0;
  await Promise.all(
    [...byPartition.values()].map(async (group) => {
      for (const lane of group) {
        for (const checkIn of lane.checkIns) {
          if ((await ingestCheckIn(ledger.ctx, SYSTEM, checkIn)).accepted) accepted++;
        }
      }
    }),
  );
  return accepted;
}

/**
 * Through the stream: a fresh stream and the worker in this process (set up before the clock
 * starts), every installation published concurrently; timed from the first publish to the last
 * acknowledgement.
 */
async function throughStream(
  lanes: Lane[],
): Promise<{ accepted: number; seconds: number; publishSeconds: number }> {
  const jsm = await manager(nc);
  const layout = await ensureStreams(jsm, `BENCH_${randomBytes(4).toString('hex')}`, { partitions });
  const total = lanes.reduce((n, lane) => n + lane.checkIns.length, 0);
  let accepted = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const worker = await CheckInWorker.start(nc, {
    layout,
    batchHandler: ledgerHandler(ledger.ctx),
    onEvent: (event) => {
      if (event.kind === 'processed' && event.outcome.accepted) accepted++;
      if (event.kind === 'dead-letter') log(`  dead letter: ${event.detail}`);
      if (worker.stats.processed + worker.stats.deadLettered >= total) finish();
    },
  });
  const publisher = new NatsCheckInPublisher(nc, layout);
  const start = process.hrtime.bigint();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const checkIn of lane.checkIns) await publisher.publish(checkIn, lane.site.route);
    }),
  );
  const publishSeconds = seconds(start);
  await done;
  const elapsed = seconds(start);
  await worker.stop();
  await deleteStreams(jsm, layout);
  return { accepted, seconds: elapsed, publishSeconds };
}

log(`preparing ${sites} installations × ${devicesPerSite} devices × ${perDevice} check-ins for each path …`);
const warmIn = await prepare('warm-in', 1, 3);
const warmStream = await prepare('warm-stream', 1, 3);
const direct = await prepare('direct', sites, perDevice);
const queued = await prepare('queued', sites, perDevice);
const total = sites * devicesPerSite * perDevice;

await inProcess(warmIn);
await throughStream(warmStream);

// A-B-B-A over halves of each path's installations, so drift during the run (a growing audit
// log and store, other load on the machine) weighs on both paths alike.
const half = Math.ceil(sites / 2);
let directSeconds = 0;
let directAccepted = 0;
let streamSeconds = 0;
let streamAccepted = 0;
let publishSeconds = 0;
const timeDirect = async (lanes: Lane[]) => {
  const start = process.hrtime.bigint();
  directAccepted += await inProcess(lanes);
  directSeconds += seconds(start);
};
const timeStream = async (lanes: Lane[]) => {
  const run = await throughStream(lanes);
  streamAccepted += run.accepted;
  streamSeconds += run.seconds;
  publishSeconds += run.publishSeconds;
};
await timeDirect(direct.slice(0, half));
await timeStream(queued.slice(0, half));
await timeStream(queued.slice(half));
await timeDirect(direct.slice(half));
if (directAccepted !== total || streamAccepted !== total) {
  throw new Error(
    `not every check-in was accepted: in-process ${directAccepted}, stream ${streamAccepted} of ${total}`,
  );
}

const inprocessPerS = total / directSeconds;
const streamPerS = total / streamSeconds;
const result = {
  checkins: total,
  sites,
  devices_per_site: devicesPerSite,
  partitions,
  store: ledger.store.kind,
  inprocess_checkins_per_s: Math.round(inprocessPerS),
  stream_checkins_per_s: Math.round(streamPerS),
  stream_vs_inprocess: Math.round((streamPerS / inprocessPerS) * 1000) / 1000,
  publish_per_s: Math.round(total / publishSeconds),
  nats_server: nc.info?.version ?? 'unknown',
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
await nc.close();
await ledger.close();
if (schema) {
  const client = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}

log('');
log(
  `machine: ${result.cpu}, ${result.cores} cores, ${result.memory_gb} GB, Node ${result.node}; NATS ${result.nats_server}; store ${result.store}`,
);
log(
  `in-process (ingestCheckIn, ${partitions} lanes): ${fmt(inprocessPerS)} check-ins/s (${total} in ${directSeconds.toFixed(2)} s)`,
);
log(
  `NATS + worker + ledger (${partitions} partitions): ${fmt(streamPerS)} check-ins/s (${total} in ${streamSeconds.toFixed(2)} s; published at ${fmt(result.publish_per_s)}/s)`,
);
log(`ratio stream / in-process: ${result.stream_vs_inprocess}`);
if (args.json) console.log(JSON.stringify(result));

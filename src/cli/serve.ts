import { parseRateLimit } from '../api/hygiene.js';
import { Metrics } from '../api/metrics.js';
import { buildServer } from '../api/server.js';
import { InputError } from '../domain/errors.js';
import { JobRegistry } from '../jobs/registry.js';
import { checkpointIntervalFromEnv, startAutoCheckpoint } from '../ledger/audit-log/index.js';
import { seedDemo } from '../ledger/demo.js';
import { openLedger } from '../ledger/ledger.js';
import { licensingForServe } from '../ledger/licensing-settings.js';
import { InProcessCheckInIntake, startMissingSweep } from '../ledger/monitoring/index.js';
import { SignaturePool } from '../monitoring/index.js';
import { serveStreamSettings, startServeStream } from '../stream/serve-stream.js';
import { c } from './format.js';
import type { Output } from './io.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  demo?: boolean;
  nats?: string;
  worker?: boolean;
  stream?: string;
  createPartitions?: string;
  rateLimit?: string;
  logLevel?: string;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * `chipexport serve`: the ledger and its HTTP API on one port. The embedded store in the data
 * directory unless DATABASE_URL names a PostgreSQL server. Runs until SIGINT / SIGTERM.
 */
export async function runServe(options: ServeOptions, io: Output): Promise<void> {
  const port = Number(options.port ?? process.env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw InputError.single('invalid_port', ['--port'], `"${options.port}" is not a port number`);
  }
  const host = options.host ?? '127.0.0.1';
  const logLevel = options.logLevel ?? process.env['CHIPEXPORT_LOG_LEVEL'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw InputError.single('invalid_log_level', ['--log-level'], `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  serveStreamSettings(options); // bad NATS options exit 2 before the ledger is opened
  const rateText = options.rateLimit ?? process.env['CHIPEXPORT_RATE_LIMIT'];
  const rateLimit = rateText ? parseRateLimit(rateText) : undefined;
  // The frameworks this deployment licenses under, and applications as of today only. An
  // integrator that cannot integrate says so (entries then wait; GET /metrics shows their age).
  const ledger = await openLedger(
    {},
    {
      licensing: licensingForServe(Boolean(options.demo)),
      audit: { onError: (error) => io.err(`audit integrator: ${(error as Error).message}`) },
    },
  );
  const demo = options.demo ? await seedDemo(ledger) : undefined;
  const demoAccounts = demo
    ? () => Object.entries(demo.keys).map(([organization, { role, key }]) => ({ organization, role, key }))
    : undefined;
  let stream: Awaited<ReturnType<typeof startServeStream>>;
  let metrics: Metrics | undefined;
  try {
    stream = await startServeStream(options, ledger.ctx, io.out, ledger.store, (event) =>
      metrics?.observeWorkerEvent(event),
    );
  } catch (error) {
    await ledger.close();
    throw error;
  }
  // Jobs in the store: this process also takes over jobs another (or a previous) process left.
  const jobs = new JobRegistry(ledger.ctx.db);
  const lag = stream?.lag;
  metrics = new Metrics(ledger, lag ? { consumerLag: lag } : {});
  // Check-ins: queued on NATS for the workers, or committed here in batches with their signatures
  // checked on every core.
  const signatures = stream ? undefined : new SignaturePool();
  const checkinIntake = stream
    ? stream.intake
    : new InProcessCheckInIntake(ledger.ctx, { verifier: signatures! });
  const server = await buildServer(ledger, {
    jobs,
    logger: logLevel !== 'silent',
    logLevel,
    metrics,
    demoAccounts,
    checkinIntake,
    ...(rateLimit ? { rateLimit } : {}),
    readiness: stream ? [{ name: 'nats', check: () => stream.publisher.ready() }] : [],
  });
  jobs.startSweeping((error) => io.err(`job sweep failed: ${(error as Error).message}`));
  // Devices silent for two check-in intervals raise `missing` alerts.
  const sweeper = startMissingSweep(ledger.ctx, {
    onError: (error) => io.err(`missing-device sweep failed: ${(error as Error).message}`),
  });
  // Checkpoints signed as the log grows, and exported where CHIPEXPORT_CHECKPOINT_DIR says.
  const checkpoints = startAutoCheckpoint(ledger.ctx.db, ledger.ctx.audit, ledger.signer, {
    intervalMs: checkpointIntervalFromEnv(),
    onError: (error) => io.err(`audit checkpoint not signed: ${(error as Error).message}`),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sweeper.stop();
    await checkpoints.stop();
    await server.close();
    await checkinIntake.close();
    await signatures?.close();
    await jobs.close();
    await stream?.stop();
    await ledger.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  const keysNote = demo
    ? `demo organizations ${demo.created ? 'created' : 'already present'}; ${demo.path ? `their keys are in ${demo.path}` : 'their keys are on the sign-in page (in-memory store: not written to a file)'}`
    : '';
  const address = await server.listen({ port, host });
  io.out(
    `${c.bold('chipexport')} serving on ${address} (${ledger.store.kind === 'pglite' ? `embedded store in ${ledger.store.dataDir}` : 'PostgreSQL'})`,
  );
  io.out(`  dashboard          ${address}/${demo ? '   (sign in with a demo organization)' : ''}`);
  io.out(`  API documentation  ${address}/docs   OpenAPI  ${address}/openapi.json`);
  if (keysNote) io.out(`  ${keysNote}`);
  if (stream) io.out(`  ${stream.summary}`);
  io.out(`  try: curl -H "Authorization: Bearer <key>" ${address}/v1/requests`);
  await new Promise<void>((resolve) => server.server.once('close', () => resolve()));
}

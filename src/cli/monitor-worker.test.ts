import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropStreams, eventually, natsSkipReason, TEST_NATS_URL } from '../../test/support/nats.js';
import { ed25519KeyPairFromSeed, signCheckIn } from '../monitoring/index.js';
import { type StreamLayout, streamLayout } from '../stream/layout.js';
import { connectNats } from '../stream/nats.js';
import { NatsCheckInPublisher } from '../stream/publisher.js';
import { main } from './main.js';
import { runMonitorWorker } from './monitor-worker.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

describe('chipexport monitor worker: options', () => {
  it('exits 2 naming the option at fault', async () => {
    const cases: [string[], RegExp][] = [
      [['--partitions', 'first'], /--partitions: "first" is not "all" or a list/],
      [['--stream', 'a.b'], /--stream: "a.b" is not a stream name/],
      [['--nats', 'http://x y'], /--nats: "http:\/\/x y" is not a NATS URL/],
      [['--create-partitions', '0'], /--create-partitions: must be a whole number from 1 to 1024/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run('monitor', 'worker', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it('says plainly that NATS does not answer (exit 1, no stack)', async () => {
    const { code, stderr } = await run('monitor', 'worker', '--nats', 'nats://127.0.0.1:1');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: cannot reach NATS at nats:\/\/127\.0\.0\.1:1: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('serve refuses --worker without a NATS URL', async () => {
    const saved = process.env['CHIPEXPORT_NATS_URL'];
    delete process.env['CHIPEXPORT_NATS_URL'];
    try {
      const { code, stderr } = await run('serve', '--worker');
      expect(code).toBe(2);
      expect(stderr).toMatch(/--worker: runs a check-in worker and needs --nats URL/);
    } finally {
      if (saved !== undefined) process.env['CHIPEXPORT_NATS_URL'] = saved;
    }
  });
});

const skip = await natsSkipReason();

describe.skipIf(skip !== undefined)('chipexport monitor worker on NATS', () => {
  let nc: NatsConnection;
  let layout: StreamLayout;
  const savedDataDir = process.env['CHIPEXPORT_DATA_DIR'];
  const savedDatabase = process.env['DATABASE_URL'];
  beforeAll(async () => {
    nc = await connectNats(TEST_NATS_URL);
    process.env['CHIPEXPORT_DATA_DIR'] = 'memory://';
    delete process.env['DATABASE_URL'];
  });
  afterAll(async () => {
    await nc.close();
    if (savedDataDir === undefined) delete process.env['CHIPEXPORT_DATA_DIR'];
    else process.env['CHIPEXPORT_DATA_DIR'] = savedDataDir;
    if (savedDatabase !== undefined) process.env['DATABASE_URL'] = savedDatabase;
  });
  afterEach(async () => {
    await dropStreams(nc, layout);
  });

  const fresh = () => {
    layout = streamLayout({ stream: `TEST_${randomBytes(5).toString('hex')}`, partitions: 2 });
    return layout;
  };
  const stranger = () =>
    signCheckIn(ed25519KeyPairFromSeed(new Uint8Array(32).fill(9)), {
      deviceId: 'gpu-not-enrolled',
      sequence: 1,
      issuedAt: 1,
      nonce: Buffer.alloc(32, 1).toString('base64'),
      assignment: [],
      receipts: [],
      links: [],
    });

  it('creates the stream, reports what it does, and stops cleanly', async () => {
    fresh();
    const lines: string[] = [];
    let stop!: () => void;
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runMonitorWorker(
      { nats: TEST_NATS_URL, stream: layout.stream, createPartitions: '2', partitions: '0,1' },
      { out: (t) => lines.push(t), err: (t) => lines.push(t) },
      until,
    );
    // The banner follows the embedded store's first open (initdb): slow on a loaded machine.
    await eventually(
      () => lines.some((l) => l.startsWith('chipexport monitor worker:')),
      'the banner',
      90_000,
    );
    expect(lines[0]).toContain(
      `${layout.stream} at ${TEST_NATS_URL}, partitions 0,1 of 2; ledger: embedded store`,
    );
    expect(lines[0]).toContain('one process only');
    const info = await (await jetstreamManager(nc)).streams.info(layout.stream);
    expect(info.config.subjects).toEqual([`${layout.subjectPrefix}.0.>`, `${layout.subjectPrefix}.1.>`]);

    await new NatsCheckInPublisher(nc, layout).publish(stranger(), {
      installationId: 'ins_x',
      organizationId: 'org_x',
    });
    await eventually(
      () => lines.some((l) => l.includes('dead-lettered (rejected)')),
      'the dead letter',
      60_000,
    );
    stop();
    await running;
    expect(lines.at(-1)).toBe('stopped: processed 0 (duplicates 0), retried 0, dead-lettered 1');
  }, 180_000);

  it('refuses a partition the stream does not have (exit 2)', async () => {
    fresh();
    const { code, stderr } = await run(
      'monitor',
      'worker',
      '--nats',
      TEST_NATS_URL,
      '--stream',
      layout.stream,
      '--create-partitions',
      '2',
      '--partitions',
      '1,2',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/--partitions: stream TEST_\w+ has partitions 0–1; there is no partition 2/);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    fresh();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/bin.ts',
        'monitor',
        'worker',
        '--nats',
        TEST_NATS_URL,
        '--stream',
        layout.stream,
        '--create-partitions',
        '2',
      ],
      { env: { ...process.env, CHIPEXPORT_DATA_DIR: 'memory://', DATABASE_URL: '' }, stdio: 'pipe' },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await eventually(() => output.includes('chipexport monitor worker:'), `the banner (${output})`, 60_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stopping: finishing the check-ins in hand');
    expect(output).toContain('stopped: processed 0');
  });
});

/**
 * The transport against the real NATS server, with a recording handler in place of the ledger
 * (stream.ledger.test.ts runs the same path into the ledger): partitioning, ordering with two
 * worker processes, durable resume, redelivery with backoff, dead letters.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  dropStreams,
  eventually,
  freshStreams,
  natsSkipReason,
  TEST_NATS_URL,
} from '../../test/support/nats.js';
import { InputError } from '../domain/errors.js';
import { deadLetterStream, partitionOf, type StreamLayout, subjectFor } from './layout.js';
import { connectNats } from './nats.js';
import {
  CheckInWorker,
  DEAD_REASON,
  type HandledCheckIn,
  type MessageContext,
  PULL_EXPIRES_MS,
  type WorkerEvent,
} from './worker.js';

const skip = await natsSkipReason();

interface Seen {
  installationId: string;
  deviceId: string;
  sequence: number;
  context: MessageContext;
  worker: string;
}

const outcome = (raw: { deviceId: string; sequence: number }): HandledCheckIn => ({
  deviceId: raw.deviceId,
  sequence: raw.sequence,
  duplicate: false,
  accepted: true,
  problems: [],
  alertIds: [],
});

describe.skipIf(skip !== undefined)('check-in workers on NATS JetStream', () => {
  let nc: NatsConnection;
  let layout: StreamLayout;
  const workers: CheckInWorker[] = [];
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    nc = await connectNats(TEST_NATS_URL);
  });
  afterAll(async () => {
    await nc.close();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(connections.splice(0).map((c) => c.close()));
    if (layout) await dropStreams(nc, layout);
  });

  /** A worker on its own connection, as a separate process would have. */
  async function startWorker(
    name: string,
    seen: Seen[],
    options: {
      fail?: (raw: Record<string, unknown>, context: MessageContext) => Error | undefined;
      events?: WorkerEvent[];
      delayMs?: number;
      partitions?: number[];
      leaseRetryMs?: number;
      window?: number;
    } = {},
  ) {
    const conn = await connectNats(TEST_NATS_URL, name);
    connections.push(conn);
    const worker = await CheckInWorker.start(conn, {
      layout,
      backoffMs: [50, 100],
      maxAttempts: 3,
      ...(options.partitions ? { partitions: options.partitions } : {}),
      ...(options.leaseRetryMs ? { leaseRetryMs: options.leaseRetryMs } : {}),
      ...(options.window ? { window: options.window } : {}),
      onEvent: (e) => options.events?.push(e),
      handler: async (raw, context) => {
        const r = raw as { installationId: string; deviceId: string; sequence: number };
        if (options.delayMs) await new Promise((ok) => setTimeout(ok, Math.random() * options.delayMs!));
        const failure = options.fail?.(raw as Record<string, unknown>, context);
        if (failure) throw failure;
        seen.push({
          installationId: r.installationId,
          deviceId: r.deviceId,
          sequence: r.sequence,
          context,
          worker: name,
        });
        return outcome(r);
      },
    });
    workers.push(worker);
    return worker;
  }

  async function publish(installationId: string, deviceId: string, sequence: number) {
    await jetstream(nc).publish(
      subjectFor(layout, installationId),
      JSON.stringify({ installationId, deviceId, sequence }),
    );
  }

  const installations = ['ins_dallas', 'ins_atlanta', 'ins.with.dots', 'ins_abu_dhabi', 'ins_riyadh'];

  it('routes every check-in of an installation to the partition its id hashes to', async () => {
    layout = await freshStreams(nc, 4);
    for (const ins of installations) for (let s = 0; s < 3; s++) await publish(ins, `${ins}-gpu`, s);
    const seen: Seen[] = [];
    await startWorker('w1', seen);
    await eventually(() => seen.length === installations.length * 3, 'every check-in');
    for (const s of seen) expect(s.context.partition).toBe(partitionOf(s.installationId, 4));
    expect(new Set(seen.map((s) => s.context.partition)).size).toBeGreaterThan(1);
  });

  it('keeps each installation in order when a standby worker takes over from one that stops', async () => {
    layout = await freshStreams(nc, 2);
    const seen: Seen[] = [];
    // Two messages of a partition in flight: a stop finishes those and leaves the rest.
    const w1 = await startWorker('w1', seen, { delayMs: 20, window: 2 });
    // Both partitions are w1's: w2 stands by and takes them when w1 lets them go.
    const w2 = await startWorker('w2', seen, { delayMs: 20, leaseRetryMs: 100, window: 2 });
    expect(w1.consuming).toEqual([0, 1]);
    expect(w2.consuming).toEqual([]);
    const perInstallation = 25;
    const published = Promise.all(
      installations.map(async (ins) => {
        for (let s = 0; s < perInstallation; s++) await publish(ins, `${ins}-gpu`, s);
      }),
    );
    await eventually(() => seen.length >= 5, 'w1 at work');
    await w1.stop();
    await published;
    expect(seen.length).toBeLessThan(installations.length * perInstallation);
    await eventually(() => seen.length === installations.length * perInstallation, 'every check-in', 60_000);
    for (const ins of installations) {
      const order = seen.filter((s) => s.installationId === ins).map((s) => s.sequence);
      expect(order).toEqual(Array.from({ length: perInstallation }, (_, k) => k));
    }
    expect(new Set(seen.map((s) => s.worker))).toEqual(new Set(['w1', 'w2']));
    expect(w2.consuming).toEqual([0, 1]);
  });

  it('splits a stream between workers by their partitions', async () => {
    layout = await freshStreams(nc, 2);
    const seen: Seen[] = [];
    const w1 = await startWorker('w1', seen, { partitions: [0] });
    const w2 = await startWorker('w2', seen, { partitions: [1] });
    expect([w1.consuming, w2.consuming]).toEqual([[0], [1]]);
    for (const ins of installations) for (let s = 0; s < 3; s++) await publish(ins, `${ins}-gpu`, s);
    await eventually(() => seen.length === installations.length * 3, 'every check-in');
    for (const s of seen) expect(s.worker).toBe(s.context.partition === 0 ? 'w1' : 'w2');
  });

  it('processes check-ins published while no worker ran, and resumes where it stopped', async () => {
    layout = await freshStreams(nc, 2);
    for (let s = 0; s < 10; s++) await publish('ins_dallas', 'gpu-1', s);
    const seen: Seen[] = [];
    const first = await startWorker('w1', seen);
    await eventually(() => seen.length === 10, 'the backlog');
    await first.stop();
    // The stopped worker's last pull expires at the server: from then on no worker runs.
    await new Promise((r) => setTimeout(r, PULL_EXPIRES_MS + 500));
    for (let s = 10; s < 20; s++) await publish('ins_dallas', 'gpu-1', s);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(10);
    await startWorker('w2', seen);
    await eventually(() => seen.length === 20, 'the second backlog');
    expect(seen.map((s) => s.sequence)).toEqual(Array.from({ length: 20 }, (_, k) => k));
    const info = await (await jetstreamManager(nc)).streams.info(layout.stream);
    await eventually(
      async () => (await (await jetstreamManager(nc)).streams.info(layout.stream)).state.messages === 0,
      'acknowledged check-ins to leave the work queue',
    );
    expect(info.config.subjects).toHaveLength(2);
  });

  it('redelivers after a failure with backoff, and the next check-in waits for it', async () => {
    layout = await freshStreams(nc, 1);
    const seen: Seen[] = [];
    const events: WorkerEvent[] = [];
    await startWorker('w1', seen, {
      events,
      fail: (raw, context) =>
        raw['sequence'] === 1 && context.deliveryCount < 3 ? new Error('store unavailable') : undefined,
    });
    for (let s = 0; s < 3; s++) await publish('ins_dallas', 'gpu-1', s);
    await eventually(() => seen.length === 3, 'all three check-ins');
    expect(seen.map((s) => [s.sequence, s.context.deliveryCount])).toEqual([
      [0, 1],
      [1, 3],
      [2, 1],
    ]);
    const retries = events.filter((e) => e.kind === 'retry');
    expect(retries.map((e) => (e.kind === 'retry' ? e.delayMs : 0))).toEqual([50, 100]);
  });

  it('dead-letters malformed messages once, and failures after the last attempt', async () => {
    layout = await freshStreams(nc, 1);
    const seen: Seen[] = [];
    const events: WorkerEvent[] = [];
    let handled = 0;
    await startWorker('w1', seen, {
      events,
      fail: (raw) => {
        handled++;
        if (raw['sequence'] === 2)
          return InputError.single('invalid_input', ['signature'], 'must be a base64 signature');
        if (raw['sequence'] === 3) return new Error('store unavailable');
        return undefined;
      },
    });
    const subject = subjectFor(layout, 'ins_dallas');
    const js = jetstream(nc);
    await js.publish(subject, 'not json {');
    await js.publish(subject, '[1, 2]');
    await publish('ins_dallas', 'gpu-1', 2);
    await publish('ins_dallas', 'gpu-1', 3);
    await publish('ins_dallas', 'gpu-1', 4);
    await eventually(() => seen.length === 1, `the good check-in ${JSON.stringify(events)}`);
    expect(seen[0]?.sequence).toBe(4);
    // Two malformed messages never reached the handler; sequence 2 once; sequence 3 three times.
    expect(handled).toBe(1 + 3 + 1);
    const dead = events.filter((e) => e.kind === 'dead-letter');
    expect(dead.map((e) => (e.kind === 'dead-letter' ? e.reason : ''))).toEqual([
      'malformed',
      'malformed',
      'malformed',
      'failed',
    ]);
    const jsm = await jetstreamManager(nc);
    const deadInfo = await jsm.streams.info(deadLetterStream(layout));
    expect(deadInfo.state.messages).toBe(4);
    const first = await jsm.streams.getMessage(deadLetterStream(layout), { seq: 1 });
    expect(first?.string()).toBe('not json {');
    expect(first?.header.get(DEAD_REASON)).toBe('malformed');
    const last = await jsm.streams.getMessage(deadLetterStream(layout), { seq: 4 });
    expect(last?.header.get('Chipexport-Dead-Detail')).toContain('3 attempts; last: store unavailable');
    await eventually(
      async () => (await jsm.streams.info(layout.stream)).state.messages === 0,
      'an empty work queue',
    );
  });

  it('keeps a slow check-in in hand past ack_wait instead of letting it be delivered twice', async () => {
    layout = await freshStreams(nc, 1);
    const calls: number[] = [];
    const conn = await connectNats(TEST_NATS_URL, 'slow');
    connections.push(conn);
    const slow = await CheckInWorker.start(conn, {
      layout,
      ackWaitMs: 1_000,
      handler: async (raw, context) => {
        calls.push(context.deliveryCount);
        await new Promise((ok) => setTimeout(ok, 2_500));
        return outcome(raw as { deviceId: string; sequence: number });
      },
    });
    workers.push(slow);
    await publish('ins_dallas', 'gpu-1', 1);
    await eventually(() => calls.length === 1, 'the slow worker to take the check-in');
    // Another process pulls from the same consumer while the slow one works past ack_wait.
    const seen: Seen[] = [];
    await startWorker('other', seen);
    await eventually(() => slow.stats.processed === 1, 'the slow check-in');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(calls).toEqual([1]);
    expect(seen).toEqual([]);
  });

  it('refuses a partition the stream does not have', async () => {
    layout = await freshStreams(nc, 2);
    await expect(
      CheckInWorker.start(nc, {
        layout,
        partitions: [2],
        handler: async () => outcome({ deviceId: 'x', sequence: 0 }),
      }),
    ).rejects.toThrow(/partition 2 does not exist/);
  });
});

import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropStreams, freshStreams, natsSkipReason, TEST_NATS_URL } from '../../test/support/nats.js';
import { InputError } from '../domain/errors.js';
import { ed25519KeyPairFromSeed, signCheckIn } from '../monitoring/index.js';
import { partitionOf, type StreamLayout } from './layout.js';
import { connectNats, ensureStreams, NatsUnreachableError, StreamLayoutError } from './nats.js';
import { HEADER_INSTALLATION, NatsCheckInPublisher } from './publisher.js';

const skip = await natsSkipReason();
const key = ed25519KeyPairFromSeed(new Uint8Array(32).fill(7));
const nonce = Buffer.alloc(32, 3).toString('base64');
const checkIn = (sequence: number, issuedAt: number) =>
  signCheckIn(key, { deviceId: 'gpu-1', sequence, issuedAt, nonce, assignment: [], receipts: [], links: [] });
const route = { installationId: 'ins_dallas', organizationId: 'org_1' };

it('says plainly when NATS does not answer', async () => {
  await expect(connectNats('nats://127.0.0.1:1')).rejects.toThrow(NatsUnreachableError);
  await expect(connectNats('nats://127.0.0.1:1')).rejects.toThrow(
    /cannot reach NATS at nats:\/\/127\.0\.0\.1:1/,
  );
});

describe.skipIf(skip !== undefined)('publishing check-ins', () => {
  let nc: NatsConnection;
  let layout: StreamLayout;
  beforeAll(async () => {
    nc = await connectNats(TEST_NATS_URL);
  });
  afterAll(async () => {
    await nc.close();
  });
  afterEach(async () => {
    await dropStreams(nc, layout);
  });

  it('drops a re-published check-in and keeps a different one that reuses its sequence', async () => {
    layout = await freshStreams(nc, 4);
    const publisher = new NatsCheckInPublisher(nc, layout);
    const original = checkIn(5, 1_000);
    const first = await publisher.publish(original, route);
    const again = await publisher.publish(structuredClone(original), route);
    expect(first).toEqual({ stream: layout.stream, seq: 1, duplicate: false });
    expect(again).toEqual({ stream: layout.stream, seq: 1, duplicate: true });
    // Same device and sequence, another signature: evidence of a replay or forgery, so kept.
    const reused = await publisher.publish(checkIn(5, 2_000), route);
    expect(reused).toEqual({ stream: layout.stream, seq: 2, duplicate: false });

    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(layout.stream)).state.messages).toBe(2);
    const stored = await jsm.streams.getMessage(layout.stream, { seq: 1 });
    expect(stored?.subject).toBe(`${layout.subjectPrefix}.${partitionOf('ins_dallas', 4)}.ins_dallas`);
    expect(stored?.header.get(HEADER_INSTALLATION)).toBe('ins_dallas');
    expect(stored?.json()).toEqual(original);
  });

  it('refuses a malformed check-in before it reaches the stream', async () => {
    layout = await freshStreams(nc, 1);
    const publisher = new NatsCheckInPublisher(nc, layout);
    const bad = { ...checkIn(1, 1), sequence: -1 };
    await expect(publisher.publish(bad, route)).rejects.toThrow(InputError);
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(layout.stream)).state.messages).toBe(0);
  });

  it('keeps the partition count a stream was created with', async () => {
    layout = await freshStreams(nc, 3);
    const jsm = await jetstreamManager(nc);
    expect(await ensureStreams(jsm, layout.stream)).toEqual(layout);
    await expect(ensureStreams(jsm, layout.stream, { partitions: 4 })).rejects.toThrow(StreamLayoutError);
    await expect(ensureStreams(jsm, layout.stream, { partitions: 4 })).rejects.toThrow(
      /created with 3 partitions/,
    );
  });
});

/**
 * The NATS server the stream tests run against: TEST_NATS_URL (default the local server CI
 * provides). When it does not answer, the tests are skipped with the reason printed; with
 * CHIPEXPORT_REQUIRE_NATS=1 (CI) they fail instead. Each test uses its own stream and subject
 * prefix and deletes them afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { type StreamLayout, streamLayout } from '../../src/stream/layout.js';
import { connectNats, deleteStreams, ensureStreams, manager } from '../../src/stream/nats.js';

export const TEST_NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

let reachable: Promise<string | undefined> | undefined;

/** undefined when the server answers with JetStream; otherwise why the tests are skipped. */
export function natsSkipReason(): Promise<string | undefined> {
  reachable ??= (async () => {
    let reason: string | undefined;
    try {
      const nc = await connectNats(TEST_NATS_URL, 'chipexport-tests');
      if (!nc.info?.jetstream) reason = `the NATS server at ${TEST_NATS_URL} has no JetStream`;
      await nc.close();
    } catch (error) {
      reason = (error as Error).message;
    }
    if (reason && process.env['CHIPEXPORT_REQUIRE_NATS'] === '1') {
      throw new Error(`NATS is required (CHIPEXPORT_REQUIRE_NATS=1): ${reason}`);
    }
    if (reason) console.warn(`[chipexport tests] NATS stream tests SKIPPED: ${reason}`);
    return reason;
  })();
  return reachable;
}

/** A fresh stream (and its dead-letter stream) with a unique name and subject prefix. */
export async function freshStreams(nc: NatsConnection, partitions: number): Promise<StreamLayout> {
  const tag = randomBytes(5).toString('hex');
  const layout = streamLayout({ stream: `TEST_${tag}`, subjectPrefix: `test.${tag}.checkins`, partitions });
  return ensureStreams(await manager(nc), layout.stream, {
    partitions,
    subjectPrefix: layout.subjectPrefix,
  });
}

export async function dropStreams(nc: NatsConnection, layout: StreamLayout): Promise<void> {
  await deleteStreams(await manager(nc), layout);
}

/** Polls until `done()` or the time is up (then fails with `what`). */
export async function eventually(done: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

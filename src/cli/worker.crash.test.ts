/**
 * Crash safety of the check-in workers: a `monitor worker` process is killed with SIGKILL while it
 * drains a backlog on PostgreSQL, holding check-ins it has not acknowledged. The kill is made to land
 * mid-batch on every run: after the first check-ins are stored the test takes a SHARE lock on the
 * check-in table, so the worker's next batch waits on its INSERT, verified but neither committed nor
 * acknowledged, and the test kills it only once PostgreSQL shows that wait; a second one takes
 * its partitions over once the dead one's session (and with it its leases) is gone, and waits out
 * the acknowledgement wait so the check-ins the dead one held come back before newer ones. Afterwards every published check-in
 * is stored exactly once and accepted — none judged out of order — with one audit entry each.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MonitoredInstallation,
  monitoredInstallation,
  type Site,
} from '../../test/support/ledger-fixture.js';
import { dropStreams, eventually, natsSkipReason, TEST_NATS_URL } from '../../test/support/nats.js';
import { storeVariants } from '../../test/support/stores.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import type { CheckIn } from '../monitoring/index.js';
import type { StreamLayout } from '../stream/layout.js';
import { connectNats, ensureStreams, manager } from '../stream/nats.js';
import { NatsCheckInPublisher } from '../stream/publisher.js';

const postgres = (await storeVariants()).find((v) => v.name === 'postgres')!;
const natsSkip = await natsSkipReason();

describe.skipIf(!postgres.available || natsSkip !== undefined)(
  `a check-in worker killed under load ${postgres.skipReason}`,
  () => {
    const options = postgres.options();
    let ledger: Ledger;
    let nc: NatsConnection;
    let layout: StreamLayout;
    let fixture: MonitoredInstallation;
    const children: ChildProcess[] = [];
    beforeAll(async () => {
      ledger = await openLedger(options);
      nc = await connectNats(TEST_NATS_URL);
      layout = await ensureStreams(await manager(nc), `CRASH_${randomBytes(4).toString('hex')}`, {
        partitions: 2,
      });
      fixture = await monitoredInstallation(ledger, { now: Date.now() });
    });
    afterAll(async () => {
      for (const c of children) c.kill('SIGKILL');
      await dropStreams(nc, layout).catch(() => undefined);
      await nc?.close();
      await ledger?.close();
      await postgres.cleanup(options);
    });

    function worker(name: string): ChildProcess {
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
          '--ack-wait',
          '3',
        ],
        {
          env: { ...process.env, DATABASE_URL: options.databaseUrl, CHIPEXPORT_DB_SCHEMA: options.schema },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      (child as ChildProcess & { output: () => string }).output = () => `${name}: ${output}`;
      children.push(child);
      return child;
    }

    const stored = async () =>
      (
        await ledger.ctx.db
          .selectFrom('checkins')
          .select(['device_id', 'sequence', 'accepted', 'problems'])
          .where('device_id', 'like', 'crash-%')
          .execute()
      ).map((r) => ({ ...r, sequence: Number(r.sequence) }));

    it('loses nothing, duplicates nothing and keeps the order when a worker is killed mid-batch', async () => {
      // 8 devices at 4 installations, 25 check-ins each, signed in order.
      const sites: Site[] = [
        fixture,
        await fixture.addSite(),
        await fixture.addSite(),
        await fixture.addSite(),
      ];
      const devices = Array.from({ length: 8 }, (_, k) => ({ id: `crash-${k}`, site: sites[k % 4]! }));
      for (const d of devices) await fixture.enroll(d.id, d.site);
      const messages: { checkIn: CheckIn; site: Site }[] = [];
      for (let sequence = 1; sequence <= 25; sequence++) {
        for (const d of devices)
          messages.push({ checkIn: await fixture.checkIn(d.id, sequence), site: d.site });
      }
      const publisher = new NatsCheckInPublisher(nc, layout);
      const early = messages.slice(0, 40);
      for (const m of early) await publisher.publish(m.checkIn, m.site.route, fixture.exporter);

      const first = worker('first');
      await eventually(
        async () => (await stored()).length >= early.length,
        'the first worker at work',
        90_000,
      );
      // Hold the check-in table against inserts, publish the rest, and wait until the worker is
      // blocked inside its batch's transaction: it holds that batch unacknowledged when it dies.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const lockTaken = new Promise<void>((r) => (locked = r));
      const holder = ledger.ctx.db.transaction().execute(async (trx) => {
        await sql`lock table checkins in share mode`.execute(trx);
        locked();
        await released;
      });
      try {
        await lockTaken;
        for (const m of messages.slice(early.length))
          await publisher.publish(m.checkIn, m.site.route, fixture.exporter);
        await eventually(
          async () => {
            const waiting = await sql<{ n: number }>`
              select count(*)::int as n from pg_locks
              where not granted and relation = 'checkins'::regclass`.execute(ledger.ctx.db);
            return (waiting.rows[0]?.n ?? 0) > 0;
          },
          'the first worker waiting on its batch',
          90_000,
        );
        first.kill('SIGKILL');
        await new Promise<void>((r) =>
          first.exitCode !== null || first.signalCode !== null ? r() : first.once('exit', () => r()),
        );
      } finally {
        release();
        await holder;
      }
      const atKill = (await stored()).length;
      expect(atKill).toBe(early.length);
      worker('second');
      await eventually(
        async () => (await stored()).length >= messages.length,
        'every check-in after the take-over',
        120_000,
      );
      await new Promise((r) => setTimeout(r, 1_000));
      const rows = await stored();
      const ids = rows.map((r) => `${r.device_id}#${r.sequence}`);
      expect(new Set(ids).size).toBe(ids.length);
      expect(rows).toHaveLength(messages.length);
      const wrong = rows.filter((r) => !r.accepted);
      expect(wrong, JSON.stringify(wrong)).toEqual([]);
      await ledger.ctx.audit.sync();
      const entries = (await ledger.ctx.db.selectFrom('audit_entries').select('leaf').execute())
        .map((e) => JSON.parse(Buffer.from(e.leaf).toString('utf8')) as { action: string; id: string })
        .filter((e) => e.action === 'checkin.received' && e.id.startsWith('crash-'));
      expect(entries).toHaveLength(messages.length);
    }, 300_000);
  },
);

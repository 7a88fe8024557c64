import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { natsSkipReason, TEST_NATS_URL } from '../../test/support/nats.js';
import { storeVariants } from '../../test/support/stores.js';
import { generateLogKey, verifyCheckpoint, verifyConsistency } from '../audit/index.js';
import { seededKey, signedCheckIn } from '../ledger/monitoring/index.js';
import { connectNats, deleteStreams, manager, readLayout } from '../stream/nats.js';

/** The demo's G42 campus (src/ledger/demo.ts), where Skyline's g42-gb300 devices are. */
const G42_CAMPUS = { lat: 23.68, lon: 53.7 };

/**
 * Scale-out shown: two `serve` processes share one PostgreSQL schema (and the log's key) and
 * queue check-ins on one NATS stream that two `monitor worker` processes drain, each its share of
 * the partitions, under a mixed load of submissions, shipments against one license, signed
 * check-ins and checkpoint reads, spread over both servers. Afterwards every acknowledged write is
 * there exactly once (each queued check-in stored once, accepted, in order), the license's
 * counters equal its shipments and stay within its limit, `audit verify` passes, and every
 * checkpoint either server signed is consistent with the one before it.
 */
const variants = await storeVariants();
const natsSkip = await natsSkipReason();
const postgres = variants.find((v) => v.name === 'postgres')!;
const LOAD_MS = 4000;

function startServer(
  env: NodeJS.ProcessEnv,
  port: number,
  demo: boolean,
  stream: string,
): Promise<ChildProcess> {
  const args = ['serve', '--port', String(port), '--log-level', 'silent'];
  args.push('--nats', TEST_NATS_URL, '--stream', stream, '--create-partitions', '4');
  if (demo) args.push('--demo');
  return start(env, args, 'serving on');
}

function startWorker(env: NodeJS.ProcessEnv, stream: string, partitions: string): Promise<ChildProcess> {
  return start(
    env,
    ['monitor', 'worker', '--nats', TEST_NATS_URL, '--stream', stream, '--partitions', partitions],
    'chipexport monitor worker:',
  );
}

function start(env: NodeJS.ProcessEnv, cli: string[], ready: string): Promise<ChildProcess> {
  const args = ['--import', 'tsx', 'src/cli/bin.ts', ...cli];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${cli[0]} did not start: ${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${cli[0]} exited (${code}): ${output}`)));
  });
}

describe.skipIf(!postgres.available || natsSkip !== undefined)(
  `two API processes and two check-in workers on one PostgreSQL and NATS ${postgres.skipReason}`,
  () => {
    const options = postgres.options();
    const dataDir = mkdtempSync(join(tmpdir(), 'chipexport-scale-'));
    const key = generateLogKey().privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const env: NodeJS.ProcessEnv = {
      CHIPEXPORT_DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl,
      CHIPEXPORT_DB_SCHEMA: options.schema,
      CHIPEXPORT_AUDIT_KEY: key,
      CHIPEXPORT_AUDIT_DELAY_MS: '200',
    };
    const stream = `SCALE_${randomBytes(4).toString('hex')}`;
    const servers: ChildProcess[] = [];
    afterAll(async () => {
      for (const s of servers) s.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      for (const s of servers) s.kill('SIGKILL');
      const nc = await connectNats(TEST_NATS_URL);
      const jsm = await manager(nc);
      const layout = await readLayout(jsm, stream).catch(() => undefined);
      if (layout) await deleteStreams(jsm, layout);
      await nc.close();
      await postgres.cleanup(options);
    });

    it('lands every acknowledged write once, never over-allocates, and signs one consistent log', async () => {
      const portA = 22_000 + Math.floor(Math.random() * 2000);
      const portB = portA + 1;
      servers.push(await startServer(env, portA, true, stream));
      servers.push(await startServer(env, portB, true, stream)); // demo keys work only on --demo servers; the data is already there
      servers.push(await startWorker(env, stream, '0,1'));
      servers.push(await startWorker(env, stream, '2,3'));
      const bases = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
      const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'));
      const exporter = {
        authorization: `Bearer ${keys['Skyline Cloud Inc'].key}`,
        'content-type': 'application/json',
      };
      const regulator = { authorization: `Bearer ${keys['Bureau of Industry and Security'].key}` };
      const licenses = (await (await fetch(`${bases[1]}/v1/licenses`, { headers: exporter })).json()) as {
        licenses: {
          id: string;
          kind: string;
          status: string;
          limits: { chips: number };
          used: { chips: number };
        }[];
      };
      const license = licenses.licenses
        .filter((l) => l.kind === 'license' && l.status === 'active')
        .sort((a, b) => b.limits.chips - b.used.chips - (a.limits.chips - a.used.chips))[0]!;
      const usedBefore = license.used.chips;

      const acknowledged = { requests: [] as string[], shipments: [] as string[], checkIns: [] as string[] };
      const notes: string[] = [];
      const loadStart = new Date();
      const until = Date.now() + LOAD_MS;
      const client = async (n: number) => {
        const base = bases[n % 2]!;
        for (let i = 0; Date.now() < until; i++) {
          const kind = (n + i) % 5;
          if (kind === 0) {
            notes.push(await (await fetch(`${base}/v1/audit/checkpoint`, { headers: regulator })).text());
          } else if (kind === 1) {
            const res = await fetch(`${base}/v1/requests`, {
              method: 'POST',
              headers: exporter,
              body: JSON.stringify({
                framework: 'us-ai-diffusion-2025',
                request: {
                  date: '2025-06-01',
                  destination: 'DE',
                  items: [{ chip: 'nvidia-h100-sxm', quantity: 8 }],
                  endUser: { name: `Lab ${n}-${i}`, headquarters: 'DE' },
                },
              }),
            });
            expect(res.status).toBe(201);
            acknowledged.requests.push(((await res.json()) as { id: string }).id);
          } else {
            const res = await fetch(`${base}/v1/shipments`, {
              method: 'POST',
              headers: exporter,
              body: JSON.stringify({ licenseId: license.id, chips: 1 }),
            });
            if (res.status === 201) acknowledged.shipments.push(((await res.json()) as { id: string }).id);
            else expect(res.status).toBe(409); // exhausted: the only refusal allowed
          }
        }
      };
      // Skyline's devices at the G42 campus check in, each in sequence, through both servers.
      const checkInClient = async (deviceId: string, n: number) => {
        const base = bases[n % 2]!;
        const device = (await (
          await fetch(`${base}/v1/devices/${deviceId}`, { headers: exporter })
        ).json()) as {
          monitoring: { lastSequence: number | null };
        };
        for (let sequence = (device.monitoring.lastSequence ?? 0) + 1; Date.now() < until; sequence++) {
          const nonce = (await (
            await fetch(`${base}/v1/checkins/nonce`, {
              method: 'POST',
              headers: exporter,
              body: JSON.stringify({ deviceId }),
            })
          ).json()) as { nonce: string; landmarks: { id: string; lat: number; lon: number }[] };
          const body = signedCheckIn({
            deviceId,
            key: seededKey('ed25519', deviceId),
            at: G42_CAMPUS,
            nonce: nonce.nonce,
            sequence,
            issuedAt: Date.now(),
            landmarks: nonce.landmarks.map((l) => ({ ...l, name: l.id, key: seededKey('ed25519', l.id) })),
            assignment: nonce.landmarks.map((l) => l.id),
          });
          const res = await fetch(`${base}/v1/checkins`, {
            method: 'POST',
            headers: exporter,
            body: JSON.stringify(body),
          });
          expect(res.status).toBe(202);
          acknowledged.checkIns.push(`${deviceId}#${sequence}`);
        }
      };
      await Promise.all([
        ...Array.from({ length: 8 }, (_, n) => client(n)),
        checkInClient('g42-gb300-0001', 0),
        checkInClient('g42-gb300-0002', 1),
      ]);
      expect(acknowledged.checkIns.length).toBeGreaterThan(5);
      // Every queued check-in is committed by a worker once, accepted, each device's in order.
      const db = new pg.Client({ connectionString: options.databaseUrl });
      await db.connect();
      try {
        const stored = async () =>
          (
            await db.query(
              `select device_id || '#' || sequence as id, accepted from "${options.schema}".checkins
             where device_id in ('g42-gb300-0001', 'g42-gb300-0002') and received_at >= $1
             order by received_at`,
              [loadStart],
            )
          ).rows as { id: string; accepted: boolean }[];
        const deadline = Date.now() + 60_000;
        while (
          (await stored()).filter((r) => acknowledged.checkIns.includes(r.id)).length <
          acknowledged.checkIns.length
        ) {
          if (Date.now() > deadline) throw new Error('the workers did not commit every queued check-in');
          await new Promise((r) => setTimeout(r, 200));
        }
        // Only what was acknowledged (the demo's own check-ins came before), and each once.
        const rows = await stored();
        expect(rows.map((r) => r.id).sort()).toEqual([...acknowledged.checkIns].sort());
        expect(rows.every((r) => r.accepted)).toBe(true);
      } finally {
        await db.end();
      }
      expect(acknowledged.shipments.length).toBeGreaterThan(5);
      expect(acknowledged.requests.length).toBeGreaterThan(2);

      // Each write is visible through the other server, once.
      for (const [i, id] of acknowledged.requests.entries()) {
        expect((await fetch(`${bases[(i + 1) % 2]}/v1/requests/${id}`, { headers: exporter })).status).toBe(
          200,
        );
      }
      const stored: string[] = [];
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page = (await (
          await fetch(
            `${bases[0]}/v1/shipments?licenseId=${license.id}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { headers: exporter },
          )
        ).json()) as { shipments: { id: string; chips: number }[]; nextCursor: string | null };
        stored.push(...page.shipments.map((s) => s.id));
        cursor = page.nextCursor;
      }
      expect(new Set(stored).size).toBe(stored.length);
      for (const id of acknowledged.shipments) expect(stored).toContain(id);
      const after = (await (
        await fetch(`${bases[1]}/v1/licenses/${license.id}`, { headers: exporter })
      ).json()) as {
        limits: { chips: number };
        used: { chips: number };
      };
      expect(after.used.chips).toBe(usedBefore + acknowledged.shipments.length);
      expect(after.used.chips).toBeLessThanOrEqual(after.limits.chips);

      // One log: verify passes, and the checkpoints both servers signed extend one another.
      notes.push(await (await fetch(`${bases[1]}/v1/audit/checkpoint`, { headers: regulator })).text());
      const verify = (await (await fetch(`${bases[0]}/v1/audit/verify`, { headers: regulator })).json()) as {
        ok: boolean;
        size: number;
      };
      expect(verify.ok).toBe(true);
      const verifierKey = await (await fetch(`${bases[0]}/v1/audit/key`, { headers: regulator })).text();
      const heads = notes
        .map((note) => verifyCheckpoint(note, verifierKey))
        .sort((a, b) => a.size - b.size)
        .filter((cp, i, all) => i === 0 || cp.size !== all[i - 1]!.size);
      expect(heads.length).toBeGreaterThan(1);
      for (let i = 1; i < heads.length; i++) {
        const [m, n] = [heads[i - 1]!, heads[i]!];
        const proof = (await (
          await fetch(`${bases[i % 2]}/v1/audit/proof/consistency?from=${m.size}&to=${n.size}`, {
            headers: regulator,
          })
        ).json()) as { hashes: string[] };
        const hashes = proof.hashes.map((h) => new Uint8Array(Buffer.from(h, 'base64')));
        expect(verifyConsistency(m.size, n.size, m.rootHash, n.rootHash, hashes)).toBe(true);
      }
      expect(heads[heads.length - 1]!.size).toBeLessThanOrEqual(verify.size);
    }, 240_000);
  },
);

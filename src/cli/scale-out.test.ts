import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLogKey, verifyCheckpoint } from '../audit/checkpoint.js';
import { verifyConsistency } from '../audit/merkle.js';
import { storeVariants } from '../store/test-stores.js';

/**
 * Scale-out shown: two `serve` processes share one PostgreSQL schema (and the log's key) under
 * a mixed load of submissions, shipments against one license and checkpoint reads, spread over
 * both. Afterwards every acknowledged write is there exactly once, the license's counters equal
 * its shipments and stay within its limit, `audit verify` passes, and every checkpoint either
 * server signed is consistent with the one before it.
 */
const variants = await storeVariants();
const postgres = variants.find((v) => v.name === 'postgres')!;
const LOAD_MS = 4000;

function startServer(env: NodeJS.ProcessEnv, port: number, demo: boolean): Promise<ChildProcess> {
  const args = [
    '--import',
    'tsx',
    'src/cli/bin.ts',
    'serve',
    '--port',
    String(port),
    '--log-level',
    'silent',
  ];
  if (demo) args.push('--demo');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('serving on')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

describe.skipIf(!postgres.available)(`two API processes on one PostgreSQL ${postgres.skipReason}`, () => {
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
  const servers: ChildProcess[] = [];
  afterAll(async () => {
    for (const s of servers) s.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    for (const s of servers) s.kill('SIGKILL');
    await postgres.cleanup(options);
  });

  it('lands every acknowledged write once, never over-allocates, and signs one consistent log', async () => {
    const portA = 22_000 + Math.floor(Math.random() * 2000);
    const portB = portA + 1;
    servers.push(await startServer(env, portA, true));
    servers.push(await startServer(env, portB, true)); // demo keys work only on --demo servers; the data is already there
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

    const acknowledged = { requests: [] as string[], shipments: [] as string[] };
    const notes: string[] = [];
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
    await Promise.all(Array.from({ length: 8 }, (_, n) => client(n)));
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
});

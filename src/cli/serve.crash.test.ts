import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../test/support/stores.js';

/**
 * Crash safety: the server is killed with SIGKILL in the middle of a write load; after a
 * restart every write it acknowledged with 2xx is there and the audit log verifies.
 */
const variants = await storeVariants();
const LOAD_MS = 2500;

function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--demo', '--port', String(port)],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
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

for (const variant of variants) {
  describe.skipIf(!variant.available)(`crash safety on ${variant.name} ${variant.skipReason}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chipexport-crash-'));
    const options = variant.options();
    const env: NodeJS.ProcessEnv = {
      CHIPEXPORT_DATA_DIR: dataDir,
      ...(variant.name === 'postgres'
        ? { DATABASE_URL: options.databaseUrl, CHIPEXPORT_DB_SCHEMA: options.schema }
        : { DATABASE_URL: '' }),
    };
    const port = 18_000 + Math.floor(Math.random() * 2000) + (variant.name === 'postgres' ? 2000 : 0);
    const base = `http://127.0.0.1:${port}`;
    let server: ChildProcess | undefined;
    afterAll(async () => {
      server?.kill('SIGKILL');
      await variant.cleanup(options);
    });

    it('keeps every acknowledged write through a SIGKILL', async () => {
      server = await startServer(env, port);
      const keys = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8'));
      const exporter = {
        authorization: `Bearer ${keys['Skyline Cloud Inc'].key}`,
        'content-type': 'application/json',
      };
      const regulator = { authorization: `Bearer ${keys['Bureau of Industry and Security'].key}` };
      const licenses = (await (await fetch(`${base}/v1/licenses`, { headers: exporter })).json()) as {
        licenses: {
          id: string;
          kind: string;
          status: string;
          limits: { chips: number };
          used: { chips: number };
        }[];
      };
      // The active license with the most chips left (the demo has several, some nearly drawn down).
      const license = licenses.licenses
        .filter((l) => l.kind === 'license' && l.status === 'active')
        .sort((a, b) => b.limits.chips - b.used.chips - (a.limits.chips - a.used.chips))[0]!;
      expect(license.limits.chips - license.used.chips).toBeGreaterThan(100);

      const acknowledged = { requests: [] as string[], shipments: [] as string[] };
      let stop = false;
      const worker = async (n: number) => {
        for (let i = 0; !stop; i++) {
          try {
            if ((n + i) % 2 === 0) {
              const body = {
                framework: 'us-ai-diffusion-2025',
                request: {
                  date: '2025-06-01',
                  destination: 'DE',
                  items: [{ chip: 'nvidia-h100-sxm', quantity: 8 }],
                  endUser: { name: `Lab ${n}-${i}`, headquarters: 'DE' },
                },
              };
              const res = await fetch(`${base}/v1/requests`, {
                method: 'POST',
                headers: exporter,
                body: JSON.stringify(body),
              });
              if (res.status === 201) acknowledged.requests.push(((await res.json()) as { id: string }).id);
            } else {
              const body = { licenseId: license.id, chips: 1 };
              const res = await fetch(`${base}/v1/shipments`, {
                method: 'POST',
                headers: exporter,
                body: JSON.stringify(body),
              });
              if (res.status === 201) acknowledged.shipments.push(((await res.json()) as { id: string }).id);
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, n) => worker(n));
      await new Promise((r) => setTimeout(r, LOAD_MS));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      expect(acknowledged.requests.length + acknowledged.shipments.length).toBeGreaterThan(10);

      server = await startServer(env, port);
      for (const id of acknowledged.requests) {
        expect((await fetch(`${base}/v1/requests/${id}`, { headers: exporter })).status).toBe(200);
      }
      // Every page of the license's shipments (the list is paged, newest first).
      const stored = new Set<string>();
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page = (await (
          await fetch(
            `${base}/v1/shipments?licenseId=${license.id}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { headers: exporter },
          )
        ).json()) as { shipments: { id: string }[]; nextCursor: string | null };
        for (const s of page.shipments) stored.add(s.id);
        cursor = page.nextCursor;
      }
      for (const id of acknowledged.shipments) expect(stored.has(id)).toBe(true);
      const verify = (await (await fetch(`${base}/v1/audit/verify`, { headers: regulator })).json()) as {
        ok: boolean;
      };
      expect(verify.ok).toBe(true);
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
      server = undefined;

      // And the command line agrees, reading the store directly.
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', 'verify'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(cli.stdout).toContain('audit log OK');
      expect(cli.status).toBe(0);
    }, 240_000);
  });
}

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './store.js';

/**
 * Issue 14, finding 5: two `serve` processes on one embedded data directory both started, and one
 * lost 400 acknowledged requests. The embedded store is PGlite only (a PostgreSQL server arbitrates
 * its own clients), so this runs on the embedded store.
 */
describe('one process per embedded data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'chipexport-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a second opener is refused with a message naming the directory and the holder; free again after close', async () => {
    const dataDir = join(root, 'a');
    const first = await openStore({ dataDir });
    try {
      await expect(openStore({ dataDir })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(
          new RegExp(`${dataDir}.*in use by another chipexport process \\(pid ${process.pid}\\)`),
        ),
      });
      // Another process too, through the real CLI: exit 2 and the message.
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', 'verify'], {
        env: { ...process.env, CHIPEXPORT_DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(cli.stderr).toContain('is in use by another chipexport process');
      expect(cli.status).toBe(2);
    } finally {
      await first.close();
    }
    const again = await openStore({ dataDir });
    await again.close();
  }, 120_000);

  it('the lock dies with its process: after kill -9 the directory opens', async () => {
    const dataDir = join(root, 'b');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/store/store.ts').then(async (m) => { await m.openStore({ dataDir: ${JSON.stringify(dataDir)} }); console.log('open'); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('open') && resolve());
      child.once('exit', () => reject(new Error('the child exited before opening')));
    });
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'conflict' });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const store = await openStore({ dataDir });
    await store.close();
  }, 120_000);
});

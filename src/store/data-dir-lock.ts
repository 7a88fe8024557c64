import { createHash } from 'node:crypto';
import { existsSync, realpathSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerError } from '../ledger/errors.js';

/**
 * One process per embedded data directory. The embedded store (PGlite) is a single-process
 * database: a second process on the same files loses the first one's writes. The lock is a
 * Unix domain socket the process listens on, so the operating system releases it when the
 * process exits, however it exits (kill -9 included): a later start finds the socket file
 * refusing connections, removes it and takes the lock. While the holder lives, a connection
 * gets its process id, which the refusal names.
 */
export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Socket paths are limited to about 100 bytes: a long data directory's lives in the temp directory. */
function socketPath(dataDir: string): string {
  const inDir = join(dataDir, '.chipexport.lock');
  if (Buffer.byteLength(inDir) < 100) return inDir;
  const key = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 24);
  return join(tmpdir(), `chipexport-${key}.lock`);
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The holder's process id, or null when nobody answers (a lock left by a process that died). */
function holder(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(path);
    let data = '';
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('unknown');
    });
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(data || 'unknown'));
    socket.on('error', () => resolve(null));
  });
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = socketPath(dataDir);
  const serve = () => createServer((socket) => socket.end(String(process.pid)));
  let server = serve();
  try {
    await listen(server, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const pid = await holder(path);
    if (pid !== null) {
      throw new LedgerError(
        'conflict',
        `the data directory ${dataDir} is in use by another chipexport process (pid ${pid}); ` +
          'the embedded store serves one process: stop it, or use another data directory or a PostgreSQL server (DATABASE_URL)',
        ['CHIPEXPORT_DATA_DIR'],
      );
    }
    // Left by a process that died: the socket file remains, nobody listens.
    if (existsSync(path)) unlinkSync(path);
    server = serve();
    await listen(server, path);
  }
  server.unref();
  return {
    path,
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

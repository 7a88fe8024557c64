import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Screener } from '../screening/index.js';
import { readCachedScreener } from '../screening/index.js';

/**
 * The one-shot `chipexport screen` fast path on the embedded store: the list version in force
 * and its cached index (src/screening/screener-cache.ts) are read without opening the database,
 * when nothing has written to the database since a full run recorded that version.
 *
 * "Nothing has written" is a fingerprint of the data directory's files (count, total size and
 * newest modification time), taken after the recording run closed the store: any import, any
 * write by any process (a server, a restore from backup) changes it, and the next run takes the
 * full path again. PostgreSQL (DATABASE_URL) always takes the full path.
 */
const MARKER = 'current.json';

export function embeddedDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['DATABASE_URL']) return undefined;
  const dir = env['CHIPEXPORT_DATA_DIR'] ?? './.chipexport';
  return dir.startsWith('memory://') ? undefined : dir;
}

export const indexDir = (dataDir: string) => join(dataDir, 'screening-index');

function fingerprint(dataDir: string): string | null {
  let files = 0;
  let bytes = 0;
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        files++;
        bytes += stat.size;
        newest = Math.max(newest, stat.mtimeMs);
      }
    }
  };
  try {
    walk(join(dataDir, 'pgdata'));
  } catch {
    return null;
  }
  return `${files}:${bytes}:${newest}`;
}

/** The screener in force, when the fast path may be taken; null: open the ledger. */
export function fastScreener(dataDir: string): Screener | null {
  try {
    const marker = JSON.parse(readFileSync(join(indexDir(dataDir), MARKER), 'utf8')) as {
      version: string;
      fingerprint: string;
    };
    const now = fingerprint(dataDir);
    if (!now || marker.fingerprint !== now) return null;
    return readCachedScreener(indexDir(dataDir), marker.version);
  } catch {
    return null;
  }
}

/** After a full run has closed the store: `version` is in force as of the data directory now. */
export function rememberCurrentList(dataDir: string, version: string): void {
  const now = fingerprint(dataDir);
  if (!now) return;
  try {
    writeFileSync(join(indexDir(dataDir), MARKER), JSON.stringify({ version, fingerprint: now }));
  } catch {
    // Only a cache.
  }
}

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { HashedKeys } from './hashed-keys.js';
import { Screener } from './matcher.js';
import { NameIndex } from './name-index.js';

/**
 * A built screener (the list's name index) kept on disk, so a one-shot `chipexport screen`
 * reads it instead of indexing the whole list again (about 1.5 s of CPU for the CSL).
 *
 * It wraps the build and does not look inside the matcher: the screener object graph is
 * written with `v8.serialize`, and on reading the prototypes of the classes it holds are put
 * back. A file is used only for the same list version AND the same screening code (a hash of
 * this directory's modules), so a new list or a new matcher never reads an old index; a graph
 * holding a class this file does not know is simply not cached. Any unreadable file is ignored
 * and rebuilt.
 */
const CLASSES: Record<string, object> = {
  Screener: Screener.prototype,
  NameIndex: NameIndex.prototype,
  HashedKeys: HashedKeys.prototype,
};
const PLAIN = new Set<object | null>([null, Object.prototype, Array.prototype, Map.prototype, Set.prototype]);
const FORMAT = 1;

let codeHash: string | undefined;
/** The screening modules' code, hashed: a change to the matcher invalidates every cached index. */
function screeningCodeHash(): string {
  if (codeHash) return codeHash;
  const dir = fileURLToPath(new URL('./', import.meta.url));
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  for (const sub of ['', 'lists/']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, sub)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/\.(js|ts)$/.test(name) || /\.(test|d)\.ts$/.test(name)) continue;
      hash.update(`${sub}${name}\n`).update(readFileSync(join(dir, sub, name)));
    }
  }
  codeHash = hash.digest('hex').slice(0, 16);
  return codeHash;
}

const fileFor = (dir: string, version: string) =>
  join(dir, `${createHash('sha256').update(version).digest('hex').slice(0, 24)}-${screeningCodeHash()}.v8`);

type Path = (string | number)[];

/** Paths to the class instances of the graph, or null when it holds a class not in CLASSES. */
function classInstances(root: object): [Path, string][] | null {
  const found: [Path, string][] = [];
  const seen = new Set<object>();
  const stack: [unknown, Path][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    seen.add(value);
    const proto = Object.getPrototypeOf(value) as object | null;
    if (!PLAIN.has(proto)) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? '';
      if (CLASSES[name] !== proto) return null;
      found.push([path, name]);
    }
    if (value instanceof Map) {
      for (const v of value.values())
        if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
          // An instance inside a Map has no property path; such a graph is not cached.
          if (!PLAIN.has(Object.getPrototypeOf(v) as object | null)) return null;
          stack.push([v, path]);
        }
      continue;
    }
    if (value instanceof Set) continue;
    if (Array.isArray(value)) {
      // Arrays of numbers and strings are the bulk of the index: look only at object elements.
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== null && typeof v === 'object') stack.push([v, [...path, i]]);
      }
      continue;
    }
    for (const key of Object.keys(value))
      stack.push([(value as Record<string, unknown>)[key], [...path, key]]);
  }
  return found;
}

/** CHIPEXPORT_SCREENING_CACHE=off: never read or write an index (the benchmark's baseline). */
const disabled = () => process.env['CHIPEXPORT_SCREENING_CACHE'] === 'off';

/** The screener of `version` from `dir`, or null when there is none for this version and code. */
export function readCachedScreener(dir: string, version: string): Screener | null {
  if (disabled()) return null;
  try {
    const data = deserialize(readFileSync(fileFor(dir, version))) as {
      version: string;
      classes: [Path, string][];
      screener: Record<string, unknown>;
    };
    if (data.version !== version) return null;
    for (const [path, name] of data.classes) {
      let target: unknown = data.screener;
      for (const key of path) target = (target as Record<string | number, unknown>)[key];
      Object.setPrototypeOf(target as object, CLASSES[name]!);
    }
    return data.screener as unknown as Screener;
  } catch {
    return null;
  }
}

/** Writes `screener` for `version` into `dir` (atomically; older files of the version removed). */
export function writeCachedScreener(dir: string, version: string, screener: Screener): void {
  if (disabled()) return;
  const classes = classInstances(screener);
  if (!classes) return;
  try {
    mkdirSync(dir, { recursive: true });
    const file = fileFor(dir, version);
    // One index is kept (each is tens of MB): the list in force, for the code installed.
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.v8') && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
    }
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, serialize({ version, classes, screener }));
    renameSync(temp, file);
  } catch {
    // A cache: a full disk or a read-only directory costs time, not correctness.
  }
}

/** The screener of `version`: from `dir` when cached there, else built by `build` and cached. */
export function cachedScreener(dir: string | undefined, version: string, build: () => Screener): Screener {
  if (!dir) return build();
  const cached = readCachedScreener(dir, version);
  if (cached) return cached;
  const screener = build();
  writeCachedScreener(dir, version, screener);
  return screener;
}

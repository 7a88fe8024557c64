/**
 * The proof-verification test vectors of github.com/transparency-dev/merkle (Apache-2.0), read at
 * test time from `../shared/data/merkle-vectors` next to the repository root (or the directory in
 * MERKLE_VECTORS_DIR); they are not copied into this repository. Layout and format:
 * src/audit/merkle.vectors.test.ts. Readers shared by that test and the verifiers' suite
 * (test/support/audit-verifier-suite.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const VECTORS_DIR =
  process.env['MERKLE_VECTORS_DIR'] ?? resolve(process.cwd(), '..', 'shared', 'data', 'merkle-vectors');
export const TESTDATA = join(VECTORS_DIR, 'testdata');
export const OUT_OF_SCOPE = ['subtreeinclusion', 'subtreeconsistency'];

export function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFilesUnder(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

/** A 64-bit probe field: `number` when it is a safe integer, else the exact value for the record. */
export type Count = { readonly value: number; readonly exact: bigint };

const INTEGER_FIELDS = ['leafIdx', 'treeSize', 'size1', 'size2'];

/** JSON.parse with the integer fields kept exact (as strings) before JSON.parse can round them. */
export function parseProbe(text: string): Record<string, unknown> {
  const quoted = text.replace(
    new RegExp(`"(${INTEGER_FIELDS.join('|')})"(\\s*):(\\s*)(\\d+)`, 'g'),
    (_match, key: string, a: string, b: string, digits: string) => `"${key}"${a}:${b}"${digits}"`,
  );
  return JSON.parse(quoted) as Record<string, unknown>;
}

export function count(probe: Record<string, unknown>, key: string): Count {
  const raw = probe[key];
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw new Error(`vector field ${key} is not an integer`);
  const exact = BigInt(raw);
  // Outside the safe range Number() rounds, and the verifier must refuse the (unsafe) result.
  return { value: Number(exact), exact };
}

export const bytes = (value: unknown): Uint8Array => {
  if (value === null) return new Uint8Array(0);
  if (typeof value !== 'string') throw new Error('vector byte field is not base64 text');
  return new Uint8Array(Buffer.from(value, 'base64'));
};
export const hashes = (value: unknown): Uint8Array[] => {
  if (value === null) return []; // Go's nil slice
  if (!Array.isArray(value)) throw new Error('vector proof is not an array');
  return value.map(bytes);
};

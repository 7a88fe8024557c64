/**
 * Landmarks (issue 5 item 1): servers at known coordinates that time a device's answer to their
 * challenge and sign a receipt. The regulator registers them; everyone may list them, since a
 * receipt can be checked only against a landmark's published key and position.
 */
import type { KeyObject } from 'node:crypto';
import { InputError } from '../../domain/errors.js';
import type { RegisteredLandmark } from '../../monitoring/index.js';
import { importPublicKey, parseInput } from '../../monitoring/index.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import type { Principal } from '../principal.js';
import { RegisterLandmarkBody } from './schemas.js';
import { type LandmarkJson, landmarkJson } from './views.js';

export async function registerLandmark(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<LandmarkJson> {
  authorize(principal, 'landmark.register');
  const input = parseInput(RegisterLandmarkBody, raw);
  if (!importPublicKey('ed25519', input.publicKey)) {
    throw InputError.single('invalid_key', ['publicKey'], 'is not a base64 SPKI Ed25519 public key');
  }
  return inTransaction(ctx, principal, async (tx, record) => {
    const existing = await tx
      .selectFrom('landmarks')
      .select('id')
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (existing) throw new LedgerError('conflict', `landmark "${input.id}" is already registered`, ['id']);
    const row = {
      id: input.id,
      name: input.name,
      lat: input.lat,
      lon: input.lon,
      operator: input.operator,
      public_key: input.publicKey,
      registered_by: principal.organizationId,
      registered_at: ctx.now(),
    };
    await tx.insertInto('landmarks').values(row).execute();
    await record('landmark.registered', 'landmark', row.id, null, row);
    return landmarkJson(row);
  });
}

export async function listLandmarks(ctx: LedgerContext, _principal: Principal): Promise<LandmarkJson[]> {
  const rows = await ctx.db.selectFrom('landmarks').selectAll().orderBy('id').execute();
  return rows.map(landmarkJson);
}

const keys = new Map<string, KeyObject>();

/** Imports a stored public key once (the receipts of every check-in name the same few landmarks). */
export function storedKey(algorithm: 'ed25519' | 'ecdsa-p384', spki: string): KeyObject {
  const cacheKey = `${algorithm}:${spki}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = importPublicKey(algorithm, spki);
    if (!key) throw new Error(`stored ${algorithm} key does not import`);
    if (keys.size >= 100_000) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** The registered landmarks among `ids`, as the verifier reads them. */
export async function landmarksById(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, RegisteredLandmark>> {
  const out = new Map<string, RegisteredLandmark>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('landmarks')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  for (const row of rows) {
    out.set(row.id, {
      id: row.id,
      lat: row.lat,
      lon: row.lon,
      operator: row.operator,
      publicKey: storedKey('ed25519', row.public_key),
    });
  }
  return out;
}

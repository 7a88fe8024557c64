import { describe, expect, it } from 'vitest';
import { MerkleTree } from '../../src/audit/merkle.js';
import type { CheckpointNote } from '../src/audit-verify.js';
import {
  type CheckpointStore,
  checkContinuity,
  recallCheckpoint,
  rememberCheckpoint,
} from '../src/checkpoint-memory.js';

/** The checkpoint memory against trees and proofs made by the server's own Merkle tree. */

class MemoryStorage implements CheckpointStore {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const KEY = 'chipexport.test/audit+01020304+AAAA';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function log(entries: number, fork?: number) {
  const tree = new MerkleTree();
  for (let i = 0; i < entries; i++) {
    tree.appendEntry(
      new TextEncoder().encode(fork !== undefined && i >= fork ? `{"forked":${i}}` : `{"i":${i}}`),
    );
  }
  const note = (size: number): CheckpointNote =>
    ({
      origin: 'chipexport.test/audit',
      size,
      rootHash: tree.rootHash(size),
      extensions: [],
    }) as unknown as CheckpointNote;
  const proof = async (from: number, to: number) => tree.consistencyProof(from, to).map(b64);
  return { tree, note, proof };
}

describe('the checkpoint this browser verified last', () => {
  it('is remembered per log key and read back; a damaged record counts as none', () => {
    const storage = new MemoryStorage();
    const { note } = log(5);
    expect(recallCheckpoint(storage, KEY)).toBeUndefined();
    rememberCheckpoint(storage, KEY, note(5), new Date('2026-12-06T10:00:00Z'));
    expect(recallCheckpoint(storage, KEY)).toEqual({
      size: 5,
      rootHash: b64(note(5).rootHash),
      seenAt: '2026-12-06T10:00:00.000Z',
    });
    expect(recallCheckpoint(storage, 'another key')).toBeUndefined();
    storage.setItem(`chipexport.audit.seen:${KEY}`, '{not json');
    expect(recallCheckpoint(storage, KEY)).toBeUndefined();
    storage.setItem(`chipexport.audit.seen:${KEY}`, '{"size":"5"}');
    expect(recallCheckpoint(storage, KEY)).toBeUndefined();
    storage.setItem(
      `chipexport.audit.seen:${KEY}`,
      JSON.stringify({ size: 5, rootHash: 'not base64!', seenAt: '2026-12-06T10:00:00.000Z' }),
    );
    expect(recallCheckpoint(storage, KEY)).toBeUndefined();
  });

  it('accepts the same tree and every larger tree that a verified proof extends it to', async () => {
    const storage = new MemoryStorage();
    const { note, proof } = log(40);
    expect((await checkContinuity(undefined, note(12), proof)).kind).toBe('first');
    rememberCheckpoint(storage, KEY, note(12));
    const seen = recallCheckpoint(storage, KEY);
    expect((await checkContinuity(seen, note(12), proof)).kind).toBe('same');
    for (const size of [13, 16, 17, 40])
      expect((await checkContinuity(seen, note(size), proof)).kind).toBe('consistent');
  });

  it('refuses, naming why: a shorter log, the same size with another root, a fork, a bad or missing proof', async () => {
    const storage = new MemoryStorage();
    const genuine = log(20);
    rememberCheckpoint(storage, KEY, genuine.note(12));
    const seen = recallCheckpoint(storage, KEY);

    const shorter = await checkContinuity(seen, genuine.note(11), genuine.proof);
    expect(shorter).toMatchObject({
      kind: 'inconsistent',
      detail: expect.stringContaining('entries were removed'),
    });

    const forked = log(20, 10);
    const rewritten = await checkContinuity(seen, forked.note(12), forked.proof);
    expect(rewritten).toMatchObject({ kind: 'inconsistent', detail: expect.stringContaining('rewritten') });

    const fork = await checkContinuity(seen, forked.note(20), forked.proof);
    expect(fork).toMatchObject({ kind: 'inconsistent', detail: expect.stringContaining('does not verify') });

    const garbled = await checkContinuity(seen, genuine.note(20), async () => ['not base64!']);
    expect(garbled).toMatchObject({
      kind: 'inconsistent',
      detail: expect.stringContaining('usable consistency proof'),
    });

    const refused = await checkContinuity(seen, genuine.note(20), async () => {
      throw new Error('HTTP 500');
    });
    expect(refused).toMatchObject({ kind: 'inconsistent', detail: expect.stringContaining('HTTP 500') });
  });
});

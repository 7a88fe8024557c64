/**
 * Signature checks on all cores (issue 16 item 2): a batch's Ed25519 and ECDSA P-384 checks are
 * split into one slice per worker thread and verified there, so a batch of check-ins costs its
 * signatures ÷ threads in wall time while the main thread keeps serving the store.
 *
 * The worker's code is a few lines of `node:crypto` evaluated from a string (`eval: true`), not a
 * file: it then runs the same from the TypeScript sources (tests, benchmarks) and from `dist/`,
 * with no loader and no asset to copy. Key objects travel to the threads as they are (Node clones
 * a KeyObject through postMessage); the messages and signatures are copied.
 * (docs/decisions.md, "Signature checks on worker threads".)
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SIGNATURE_BYTES, verifyBytes } from './signatures.js';
import type { SignatureCheck } from './verifier.js';

/** Verifies many signatures; the answer is aligned with the input. */
export interface SignatureVerifier {
  verifyAll(checks: readonly SignatureCheck[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** On the calling thread: for one check-in at a time, tests, and a process with one core. */
export const inlineVerifier: SignatureVerifier = {
  async verifyAll(checks) {
    return checks.map((c) => verifyBytes(c.algorithm, c.publicKey, c.data, c.signature));
  },
  async close() {},
};

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { verify } = require('node:crypto');
const BYTES = ${JSON.stringify(SIGNATURE_BYTES)};
parentPort.on('message', ({ id, checks }) => {
  const out = new Uint8Array(checks.length);
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    if (c.signature.length !== BYTES[c.algorithm]) continue;
    try {
      out[i] = (c.algorithm === 'ed25519'
        ? verify(null, c.data, c.publicKey, c.signature)
        : verify('sha384', c.data, { key: c.publicKey, dsaEncoding: 'ieee-p1363' }, c.signature)) ? 1 : 0;
    } catch { out[i] = 0; }
  }
  parentPort.postMessage({ id, out }, [out.buffer]);
});
`;

interface Pending {
  resolve(out: Uint8Array): void;
  reject(error: Error): void;
}

/** Below this many checks a batch is verified inline: a thread hop costs more than it saves. */
export const INLINE_BELOW = 16;

/** A fixed pool of worker threads verifying slices of each batch in parallel. */
export class SignaturePool implements SignatureVerifier {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  /** `threads` defaults to the cores Node may use. */
  constructor(readonly threads: number = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be a whole number ≥ 1');
    for (let k = 0; k < threads; k++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.resolve(out);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.unref();
      this.workers.push(worker);
    }
  }

  async verifyAll(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (this.closed) throw new Error('the signature pool is closed');
    if (checks.length < INLINE_BELOW) return inlineVerifier.verifyAll(checks);
    const size = Math.ceil(checks.length / this.workers.length);
    const slices: Promise<Uint8Array>[] = [];
    for (let k = 0; k * size < checks.length; k++) {
      const slice = checks.slice(k * size, (k + 1) * size).map(portable);
      slices.push(this.send(this.workers[k]!, slice));
    }
    const results = await Promise.all(slices);
    const out: boolean[] = [];
    for (const r of results) for (const b of r) out.push(b === 1);
    return out;
  }

  private send(worker: Worker, checks: readonly SignatureCheck[]): Promise<Uint8Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, checks });
    });
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('the signature pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The place-holder check (no key, no signature) cannot be cloned with an undefined key. */
function portable(check: SignatureCheck): SignatureCheck {
  if (check.signature.length === SIGNATURE_BYTES[check.algorithm]) return check;
  return { ...check, publicKey: null as never, signature: new Uint8Array(0) };
}

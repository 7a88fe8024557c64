import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../domain/errors.js';
import { LedgerError } from '../ledger/errors.js';
import type { Principal } from '../ledger/principal.js';
import { JobRegistry } from './registry.js';

const principal = (organizationId: string, role: Principal['role'] = 'exporter'): Principal => ({
  organizationId,
  organizationName: organizationId,
  role,
  country: null,
  keyId: null,
});

describe('job registry', () => {
  it('returns a running job at once, reports progress, then the result', async () => {
    const jobs = new JobRegistry();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const job = jobs.start('portfolio-comparison', principal('a'), 10, async (report) => {
      report({ phase: 'determining', done: 4 });
      await gate;
      return { answer: 42 };
    });
    expect(job).toMatchObject({
      status: 'running',
      result: null,
      finishedAt: null,
      progress: { done: 0, total: 10 },
    });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(jobs.get(principal('a'), job.id).progress).toEqual({ done: 4, total: 10, phase: 'determining' });
    release();
    await jobs.idle();
    expect(jobs.get(principal('a'), job.id)).toMatchObject({
      status: 'done',
      result: { answer: 42 },
      progress: { done: 10, total: 10, phase: 'done' },
      finishedAt: expect.any(String),
    });
  });

  it('shows a job to its organization and the regulator only', async () => {
    const jobs = new JobRegistry();
    const job = jobs.start('rescreening', principal('a'), 1, async () => null);
    await jobs.idle();
    expect(jobs.get(principal('reg', 'regulator'), job.id).id).toBe(job.id);
    expect(() => jobs.get(principal('b'), job.id)).toThrow(LedgerError);
    expect(() => jobs.get(principal('b', 'auditor'), job.id)).toThrow(/no job/);
  });

  it('keeps the error of a failed job: input and ledger errors as they are, internal ones unsent', async () => {
    const jobs = new JobRegistry();
    const input = jobs.start('portfolio-comparison', principal('a'), 1, async () => {
      throw InputError.single('missing_bandwidth', ['csv', 7, 'chip'], 'line 7: bandwidth needed');
    });
    const ledger = jobs.start('list-import', principal('a'), 1, async () => {
      throw new LedgerError('forbidden', 'regulator only');
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const internal = jobs.start('list-import', principal('a'), 1, async () => {
      throw new Error('connection reset: secret detail');
    });
    await jobs.idle();
    spy.mockRestore();
    const p = principal('a');
    expect(jobs.get(p, input.id)).toMatchObject({
      status: 'failed',
      // The same error data as the API's 400 body: invalid_input, the first path, every issue.
      error: {
        code: 'invalid_input',
        path: ['csv', 7, 'chip'],
        issues: [
          { code: 'missing_bandwidth', path: ['csv', 7, 'chip'], message: 'line 7: bandwidth needed' },
        ],
      },
    });
    expect(jobs.get(p, ledger.id).error).toEqual({ code: 'forbidden', message: 'regulator only', path: [] });
    expect(jobs.get(p, internal.id).error?.message).not.toMatch(/secret/);
  });
});

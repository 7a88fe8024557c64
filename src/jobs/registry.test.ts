import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeVariants } from '../../test/support/stores.js';
import { InputError } from '../domain/errors.js';
import { LedgerError } from '../ledger/errors.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import { createOrganization } from '../ledger/organizations.js';
import type { Principal } from '../ledger/principal.js';
import type { StoreOptions } from '../store/store.js';
import { JobRegistry } from './registry.js';

const variants = await storeVariants();

const waitFor = async (condition: () => Promise<boolean>, ms = 30_000) => {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

for (const variant of variants) {
  describe.skipIf(!variant.available)(`jobs in the store on ${variant.name} ${variant.skipReason}`, () => {
    let ledger: Ledger;
    let options: StoreOptions;
    const orgs: Record<string, string> = {};
    const principal = (name: string, role: Principal['role'] = 'exporter'): Principal => ({
      organizationId: orgs[name]!,
      organizationName: name,
      role,
      country: null,
      keyId: null,
    });

    beforeAll(async () => {
      options = variant.options();
      ledger = await openLedger(options);
      for (const [name, role] of [
        ['a', 'exporter'],
        ['b', 'exporter'],
        ['reg', 'regulator'],
        ['aud', 'auditor'],
      ] as const) {
        orgs[name] = (await createOrganization(ledger.ctx, { name, role, country: 'US' })).id;
      }
    });
    afterAll(async () => {
      await ledger?.close();
      await variant.cleanup(options);
    });

    it('returns a running job at once, reports progress, then the result', async () => {
      const jobs = new JobRegistry(ledger.ctx.db);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const job = await jobs.start('portfolio-comparison', principal('a'), 10, async (report) => {
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
      await waitFor(async () => (await jobs.get(principal('a'), job.id)).progress.done === 4);
      expect((await jobs.get(principal('a'), job.id)).progress).toEqual({
        done: 4,
        total: 10,
        phase: 'determining',
      });
      release();
      await jobs.idle();
      expect(await jobs.get(principal('a'), job.id)).toMatchObject({
        status: 'done',
        result: { answer: 42 },
        progress: { done: 10, total: 10, phase: 'done' },
        finishedAt: expect.any(String),
      });
    });

    it('shows a job to its organization and the regulator only', async () => {
      const jobs = new JobRegistry(ledger.ctx.db);
      const job = await jobs.start('rescreening', principal('a'), 1, async () => null);
      await jobs.idle();
      expect((await jobs.get(principal('reg', 'regulator'), job.id)).id).toBe(job.id);
      await expect(jobs.get(principal('b'), job.id)).rejects.toThrow(LedgerError);
      await expect(jobs.get(principal('aud', 'auditor'), job.id)).rejects.toThrow(/no job/);
    });

    it('keeps the error of a failed job: input and ledger errors as they are, internal ones unsent', async () => {
      const jobs = new JobRegistry(ledger.ctx.db);
      const input = await jobs.start('portfolio-comparison', principal('a'), 1, async () => {
        throw InputError.single('missing_bandwidth', ['csv', 7, 'chip'], 'line 7: bandwidth needed');
      });
      const denied = await jobs.start('list-import', principal('a'), 1, async () => {
        throw new LedgerError('forbidden', 'regulator only');
      });
      const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const internal = await jobs.start('list-import', principal('a'), 1, async () => {
        throw new Error('connection reset: secret detail');
      });
      await jobs.idle();
      spy.mockRestore();
      const p = principal('a');
      // Read by another registry (another process): from the store, not from memory.
      const other = new JobRegistry(ledger.ctx.db);
      expect(await other.get(p, input.id)).toMatchObject({
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
      expect((await other.get(p, denied.id)).error).toEqual({
        code: 'forbidden',
        message: 'regulator only',
        path: [],
      });
      expect((await other.get(p, internal.id)).error?.message).not.toMatch(/secret/);
    });

    it("reports a job from another process, with the running owner's progress", async () => {
      const first = new JobRegistry(ledger.ctx.db);
      const second = new JobRegistry(ledger.ctx.db);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const job = await first.start('portfolio-comparison', principal('a'), 100, async (report) => {
        for (let done = 1; done <= 50; done++) {
          report({ phase: 'determining', done });
          await new Promise((r) => setTimeout(r, 30));
        }
        await gate;
        return { rows: 100 };
      });
      await waitFor(async () => (await second.get(principal('a'), job.id)).progress.done > 0);
      expect(await second.get(principal('a'), job.id)).toMatchObject({ status: 'running' });
      release();
      await first.idle();
      expect(await second.get(principal('a'), job.id)).toMatchObject({
        status: 'done',
        result: { rows: 100 },
      });
    });

    it('outlives its process: a resumable job runs again elsewhere, any other is failed as interrupted', async () => {
      let now = new Date('2026-01-01T00:00:00Z');
      const clock = () => now;
      // The first process starts two jobs and dies mid-way (its work never settles).
      const dead = new JobRegistry(ledger.ctx.db, { now: () => new Date('2026-01-01T00:00:00Z') }).resumable(
        'portfolio-comparison',
        async () => new Promise(() => undefined),
      );
      const comparison = await dead.start(
        'portfolio-comparison',
        principal('a'),
        3,
        () => new Promise(() => undefined),
        { rows: ['x', 'y', 'z'] },
      );
      const listImport = await dead.start(
        'list-import',
        principal('reg', 'regulator'),
        1,
        () => new Promise(() => undefined),
      );
      // Another process, one minute later: the owner's heartbeat is stale.
      now = new Date('2026-01-01T00:01:00Z');
      const seen: unknown[] = [];
      const live = new JobRegistry(ledger.ctx.db, { now: clock }).resumable(
        'portfolio-comparison',
        async (input, report) => {
          seen.push(input);
          report({ phase: 'determining', done: 3 });
          return { resumed: true };
        },
      );
      // A live owner's job is left alone.
      const fresh = await live.start('rescreening', principal('a'), 1, () => new Promise(() => undefined));
      expect(await live.sweep()).toBe(2);
      await waitFor(async () => (await live.get(principal('a'), comparison.id)).status === 'done');
      expect(seen).toEqual([{ rows: ['x', 'y', 'z'] }]);
      expect(await live.get(principal('a'), comparison.id)).toMatchObject({
        status: 'done',
        result: { resumed: true },
      });
      expect(await live.get(principal('reg', 'regulator'), listImport.id)).toMatchObject({
        status: 'failed',
        error: { code: 'interrupted' },
      });
      expect((await live.get(principal('a'), fresh.id)).status).toBe('running');
      // A second sweep (or another process's) takes nothing twice.
      expect(await live.sweep()).toBe(0);
      const row = await ledger.ctx.db
        .selectFrom('jobs')
        .select('attempts')
        .where('id', '=', comparison.id)
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(2);
    });
  });
}

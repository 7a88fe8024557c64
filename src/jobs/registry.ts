import { hostname } from 'node:os';
import { InputError } from '../domain/errors.js';
import { errorData } from '../domain/zod-issues.js';
import { authorizeObject, noSuch } from '../ledger/access.js';
import { LedgerError } from '../ledger/errors.js';
import { newId } from '../ledger/ids.js';
import type { Principal } from '../ledger/principal.js';
import type { Db } from '../store/store.js';

/**
 * Long operations (a portfolio comparison, a list import and the re-screening it starts) run as
 * jobs: the caller gets a job at once and polls its progress.
 *
 * Jobs are rows of the store's `jobs` table (a small table-backed queue; docs/decisions.md,
 * "Jobs"), so any process over the same store reports any job, and a job outlives the process
 * that ran it. The owner writes progress at most every PROGRESS_WRITE_MS and a heartbeat as
 * often; every registry sweeps for jobs whose owner has gone silent for STALE_MS (a crash, a
 * restart) and takes them over:
 * - a kind with a runner and a stored input (a portfolio comparison: pure, its CSV kept) runs
 *   again from the start, in whichever process claims it first (an update guarded by the old
 *   heartbeat, so one claimant wins);
 * - any other (a list import: its file is not kept; what it committed stays, each step in its
 *   own transaction with its audit entry) is marked failed with the code `interrupted`.
 * Finished jobs are kept for RETENTION_MS.
 */
export const JOB_KINDS = ['portfolio-comparison', 'list-import', 'rescreening'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobProgress {
  done: number;
  total: number;
  phase: string;
}

export interface JobError {
  code: string;
  message: string;
  path: (string | number)[];
  /** Every problem of bad input, as the API's 400 body lists them. */
  issues?: { code: string; path: (string | number)[]; message: string }[];
}

export interface Job<R = unknown> {
  readonly id: string;
  readonly kind: JobKind;
  status: 'running' | 'done' | 'failed';
  progress: JobProgress;
  result: R | null;
  error: JobError | null;
  readonly startedAt: string;
  finishedAt: string | null;
}

export type Report = (progress: Partial<JobProgress>) => void;

/** Runs a resumable kind again from its stored input (after its first owner stopped). */
export type JobRunner = (input: unknown, report: Report) => Promise<unknown>;

const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const PROGRESS_WRITE_MS = 1_000;
export const STALE_MS = 30_000;
const SWEEP_MS = 10_000;

interface Live {
  job: Job;
  lastWrite: number;
  writing: Promise<unknown>;
}

export class JobRegistry {
  /** This process's running jobs, whose progress is fresher here than in the store. */
  private readonly live = new Map<string, Live>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly runners = new Map<JobKind, JobRunner>();
  private readonly owner = `${hostname()}:${process.pid}:${newId('proc')}`;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: { now?: () => Date; staleMs?: number } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Makes `kind` resumable: a job of it whose owner stopped is run again by `runner`. */
  resumable(kind: JobKind, runner: JobRunner): this {
    this.runners.set(kind, runner);
    return this;
  }

  /** Takes over orphaned jobs now and every SWEEP_MS until close(). */
  startSweeping(onError: (error: unknown) => void = (e) => console.error('job sweep failed', e)): void {
    const sweep = () => {
      this.sweep().catch(onError);
    };
    sweep();
    this.sweeper = setInterval(sweep, SWEEP_MS);
    this.sweeper.unref();
  }

  /**
   * Starts `run` for `principal`'s organization and returns the job once it is stored; `run`
   * reports its progress through `report`. A thrown LedgerError or InputError becomes the job's
   * error. `input` (JSON) is kept for a resumable kind so another process can run it again.
   */
  async start<R>(
    kind: JobKind,
    principal: Principal,
    total: number,
    run: (report: Report) => Promise<R>,
    input?: unknown,
  ): Promise<Job<R>> {
    const now = this.now();
    const job: Job<R> = {
      id: newId('job'),
      kind,
      status: 'running',
      progress: { done: 0, total, phase: 'queued' },
      result: null,
      error: null,
      startedAt: now.toISOString(),
      finishedAt: null,
    };
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind,
        organization_id: principal.organizationId,
        status: 'running',
        progress: JSON.stringify(job.progress),
        input: input === undefined || !this.runners.has(kind) ? null : JSON.stringify(input),
        owner: this.owner,
        attempts: 1,
        started_at: now,
        heartbeat_at: now,
      })
      .execute();
    this.execute(job as Job, run);
    return job;
  }

  /** Runs a job this process owns: progress and heartbeat written as it goes, then the outcome. */
  private execute(job: Job, run: (report: Report) => Promise<unknown>): void {
    const live: Live = { job, lastWrite: Date.now(), writing: Promise.resolve() };
    this.live.set(job.id, live);
    const write = () => {
      live.lastWrite = Date.now();
      const progress = JSON.stringify(job.progress);
      live.writing = live.writing
        .then(() =>
          this.db
            .updateTable('jobs')
            .set({ progress, heartbeat_at: this.now() })
            .where('id', '=', job.id)
            .where('owner', '=', this.owner)
            .where('status', '=', 'running')
            .execute(),
        )
        .catch(() => undefined); // a missed progress write is made good by the next one
    };
    const report: Report = (p) => {
      job.progress = { ...job.progress, ...p };
      if (Date.now() - live.lastWrite >= PROGRESS_WRITE_MS) write();
    };
    // A job that reports rarely still shows it is alive.
    const heartbeat = setInterval(write, Math.min(PROGRESS_WRITE_MS * 5, this.staleMs() / 3));
    heartbeat.unref();
    const finish = async (fields: { status: 'done' | 'failed'; result?: unknown; error?: JobError }) => {
      clearInterval(heartbeat);
      await live.writing;
      job.finishedAt = this.now().toISOString();
      await this.db
        .updateTable('jobs')
        .set({
          status: fields.status,
          progress: JSON.stringify(job.progress),
          result: fields.result === undefined ? null : JSON.stringify(fields.result),
          error: fields.error ? JSON.stringify(fields.error) : null,
          finished_at: job.finishedAt,
          heartbeat_at: this.now(),
        })
        .where('id', '=', job.id)
        .where('owner', '=', this.owner)
        .execute();
    };
    // Started on the next turn, so the caller has the job before any work is done.
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(report))
      .then(
        async (result) => {
          job.result = result;
          job.status = 'done';
          job.progress = { ...job.progress, done: job.progress.total, phase: 'done' };
          await finish({ status: 'done', result });
        },
        async (error: unknown) => {
          job.error = jobError(error);
          job.status = 'failed';
          job.progress = { ...job.progress, phase: 'failed' };
          await finish({ status: 'failed', error: job.error });
        },
      )
      .catch((error: unknown) => console.error(`job ${job.id}: its outcome could not be stored`, error))
      .finally(() => this.live.delete(job.id));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /**
   * A job visible to the caller (`job.read` in src/ledger/access.ts): its own organization's; the
   * regulator sees every job.
   */
  async get(principal: Principal, id: string): Promise<Job> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    authorizeObject(principal, 'job.read', row, noSuch('job', id));
    const live = this.live.get(id);
    if (live) return live.job;
    return {
      id: row.id,
      kind: row.kind as JobKind,
      status: row.status === 'queued' ? 'running' : row.status,
      progress: row.progress as JobProgress,
      result: row.result ?? null,
      error: (row.error as JobError | null) ?? null,
      startedAt: new Date(row.started_at).toISOString(),
      finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    };
  }

  /**
   * Takes over the jobs whose owner has been silent for STALE_MS: runs a resumable one again,
   * marks any other failed (`interrupted`); drops finished jobs past retention. Returns how
   * many it took over.
   */
  async sweep(): Promise<number> {
    if (this.closed) return 0;
    const now = this.now();
    const staleBefore = new Date(now.getTime() - this.staleMs());
    await this.db
      .deleteFrom('jobs')
      .where('finished_at', '<', new Date(now.getTime() - RETENTION_MS))
      .execute();
    const orphans = await this.db
      .selectFrom('jobs')
      .select(['id', 'kind', 'input', 'heartbeat_at', 'progress'])
      .where('status', 'in', ['queued', 'running'])
      .where('heartbeat_at', '<', staleBefore)
      .execute();
    let taken = 0;
    for (const orphan of orphans) {
      const runner = this.runners.get(orphan.kind as JobKind);
      const resumable = runner !== undefined && orphan.input !== null;
      const progress = orphan.progress as JobProgress;
      // Guarded by the heartbeat read: when two processes sweep at once, one update wins.
      const claimed = await this.db
        .updateTable('jobs')
        .set(
          resumable
            ? {
                owner: this.owner,
                heartbeat_at: now,
                attempts: (eb) => eb('attempts', '+', 1),
                progress: JSON.stringify({ ...progress, done: 0, phase: 'resumed' }),
              }
            : {
                owner: this.owner,
                status: 'failed',
                heartbeat_at: now,
                finished_at: now,
                progress: JSON.stringify({ ...progress, phase: 'failed' }),
                error: JSON.stringify({
                  code: 'interrupted',
                  message:
                    'the service stopped while this job ran; what it had committed stays (see the audit log), the rest was not done: start it again',
                  path: [],
                } satisfies JobError),
              },
        )
        .where('id', '=', orphan.id)
        .where('heartbeat_at', '=', orphan.heartbeat_at)
        .where('status', 'in', ['queued', 'running'])
        .returning(['id', 'kind', 'started_at'])
        .executeTakeFirst();
      if (!claimed) continue;
      taken++;
      if (!resumable) continue;
      const job: Job = {
        id: claimed.id,
        kind: claimed.kind as JobKind,
        status: 'running',
        progress: { ...progress, done: 0, phase: 'resumed' },
        result: null,
        error: null,
        startedAt: new Date(claimed.started_at).toISOString(),
        finishedAt: null,
      };
      this.execute(job, (report) => runner(orphan.input, report));
    }
    return taken;
  }

  private staleMs(): number {
    return this.options.staleMs ?? STALE_MS;
  }

  /** Waits for every running job (tests; a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Stops sweeping and waits for this process's jobs. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.idle();
  }
}

function jobError(error: unknown): JobError {
  if (error instanceof LedgerError)
    return { code: error.code, message: error.message, path: [...error.path] };
  // The same error data as the API's 400 body (domain/zod-issues.ts).
  if (error instanceof InputError) return errorData(error.issues);
  // Internal errors are logged, not sent (as the API's error handler does).
  console.error('job failed with an internal error', error);
  return { code: 'internal', message: 'the job failed with an internal error', path: [] };
}

/** Lets the event loop answer other requests (job polls) between chunks of work. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

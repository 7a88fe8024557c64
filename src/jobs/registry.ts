import { InputError } from '../domain/errors.js';
import { errorData } from '../domain/zod-issues.js';
import { LedgerError } from '../ledger/errors.js';
import { newId } from '../ledger/ids.js';
import type { Principal } from '../ledger/principal.js';

/**
 * Long operations (a portfolio comparison, a list import and the re-screening it starts) run as
 * jobs: the caller gets a job at once and polls its progress.
 *
 * Jobs live in this process's memory only. A restart forgets every job: a running one stops
 * where it was (what it had written to the ledger stays, each step in its own transaction with
 * its audit entry; a list import's re-screening resumes on the next import) and polling its id
 * answers 404. Finished jobs are kept for RETENTION_MS, and at most MAX_FINISHED of them.
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

interface Entry {
  job: Job;
  organizationId: string;
  finishedMs: number | null;
}

export type Report = (progress: Partial<JobProgress>) => void;

const RETENTION_MS = 60 * 60 * 1000;
const MAX_FINISHED = 500;

export class JobRegistry {
  private readonly jobs = new Map<string, Entry>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * Starts `run` for `principal`'s organization and returns the job at once; `run` reports its
   * progress through `report`. A thrown LedgerError or InputError becomes the job's error.
   */
  start<R>(kind: JobKind, principal: Principal, total: number, run: (report: Report) => Promise<R>): Job<R> {
    this.prune();
    const job: Job<R> = {
      id: newId('job'),
      kind,
      status: 'running',
      progress: { done: 0, total, phase: 'queued' },
      result: null,
      error: null,
      startedAt: this.now().toISOString(),
      finishedAt: null,
    };
    const entry: Entry = { job: job as Job, organizationId: principal.organizationId, finishedMs: null };
    this.jobs.set(job.id, entry);
    const report: Report = (p) => {
      job.progress = { ...job.progress, ...p };
    };
    const finish = () => {
      job.finishedAt = this.now().toISOString();
      entry.finishedMs = Date.now();
    };
    // Started on the next turn, so the caller has the job before any work is done.
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(report))
      .then(
        (result) => {
          job.result = result;
          job.status = 'done';
          job.progress = { ...job.progress, done: job.progress.total, phase: 'done' };
          finish();
        },
        (error: unknown) => {
          job.error = jobError(error);
          job.status = 'failed';
          job.progress = { ...job.progress, phase: 'failed' };
          finish();
        },
      );
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return job;
  }

  /** A job visible to the caller: its own organization's; the regulator sees every job. */
  get(principal: Principal, id: string): Job {
    const entry = this.jobs.get(id);
    if (!entry || (principal.role !== 'regulator' && entry.organizationId !== principal.organizationId)) {
      throw new LedgerError('not_found', `no job "${id}" (jobs are kept in memory until a restart)`, ['id']);
    }
    return entry.job;
  }

  /** Waits for every running job (tests; a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private prune(): void {
    const cutoff = Date.now() - RETENTION_MS;
    const finished = [...this.jobs.values()].filter((e) => e.finishedMs !== null);
    const excess = finished.length - MAX_FINISHED;
    finished
      .sort((a, b) => a.finishedMs! - b.finishedMs!)
      .forEach((e, i) => {
        if (i < excess || e.finishedMs! < cutoff) this.jobs.delete(e.job.id);
      });
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

import type { ReactNode } from 'react';
import { ApiError } from './api.js';

/** Shared building blocks: every page shows loading, errors and empty states the same way. */

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof ApiError ? error.describe() : error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`}>{status}</span>;
}

/** A horizontal bar: used against limit, with the numbers as text for screen readers. */
export function DepletionBar({ used, limit, label }: { used: number; limit: number; label: string }) {
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  const pct = Math.round(share * 1000) / 10;
  return (
    <div className="depletion">
      {/* A styled div rather than <meter>: <meter> cannot be styled consistently across browsers. */}
      {/* biome-ignore lint/a11y/useSemanticElements: see above */}
      <div
        className={`depletion-bar${share >= 0.9 ? ' depletion-high' : ''}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={`${used.toLocaleString()} of ${limit.toLocaleString()} (${pct} %)`}
      >
        <div className="depletion-fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="depletion-text">
        {used.toLocaleString()} / {limit.toLocaleString()} ({pct} %)
      </span>
    </div>
  );
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Offers text as a file download (CSV exports made in the browser). */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

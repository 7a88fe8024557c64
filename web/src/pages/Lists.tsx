import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage, Loading, PageHeader } from '../components.js';
import { useApiGet } from '../hooks.js';
import { dateTime } from '../records.js';
import { useSession } from '../session.js';
import './regulator.css';

/**
 * Restricted-party list versions (regulator): the versions imported, newest first, and the
 * import of a new list file, which runs as a job (POST /v1/lists?async=true, then GET
 * /v1/jobs/:id polled) with its progress shown: reading the list, then re-screening the open
 * requests and active licenses against it.
 */

interface ListVersion {
  version: string;
  sha256: string;
  format: string;
  sourceDate: string | null;
  importedAt: string;
  entryCount: number;
  countsBySource: Record<string, number>;
}

interface Job {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  progress: { done: number; total: number; phase: string };
  result: Record<string, unknown> | null;
  error: { code: string; message: string; path: (string | number)[] } | null;
  startedAt: string;
  finishedAt: string | null;
}

const FORMATS = [
  { id: 'csv', label: 'Internal list (CSV: name, alt_names, country, …)' },
  { id: 'csl-csv', label: 'Consolidated Screening List (CSV)' },
  { id: 'csl-json', label: 'Consolidated Screening List (JSON)' },
  { id: 'csl-compact', label: 'Consolidated Screening List (compact JSON capture)' },
] as const;

/** The same guess as `chipexport lists import` without --format: JSON shape or CSV header. */
export function guessFormat(fileName: string, head: string): string {
  const text = head.replace(/^\ufeff/, '');
  if (/^\s*[[{]/.test(text)) return text.includes('"fieldKey"') ? 'csl-compact' : 'csl-json';
  const header = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase().replace(/"/g, '').split(',');
  if (
    header.includes('source') &&
    ['_id', 'addresses', 'address_countries', 'federal_register_notice'].some((c) => header.includes(c))
  ) {
    return 'csl-csv';
  }
  return fileName.toLowerCase().endsWith('.json') ? 'csl-json' : 'csv';
}

const POLL_MS = 400;

/** A server that imports in the request (no job support) answers with the import's result itself. */
function asJob(answer: Job | Record<string, unknown>): Job {
  if ('progress' in answer && 'status' in answer) return answer as Job;
  const now = new Date().toISOString();
  return {
    id: '',
    kind: 'list-import',
    status: 'done',
    progress: { done: 1, total: 1, phase: 'done' },
    result: answer,
    error: null,
    startedAt: now,
    finishedAt: now,
  };
}

export function Lists() {
  const versions = useApiGet<{ versions: ListVersion[] }>('/v1/lists');
  return (
    <>
      <PageHeader title="Screening lists" />
      <ImportForm onImported={versions.reload} />
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">List versions, newest first</h2>
        <ErrorMessage error={versions.error} />
        {versions.loading && !versions.data ? <Loading what="list versions" /> : null}
        {versions.data ? (
          <div className="table-wrap">
            <table data-testid="list-versions">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Format</th>
                  <th scope="col">Published</th>
                  <th scope="col">Imported</th>
                  <th scope="col" className="num">
                    Entries
                  </th>
                  <th scope="col">By list</th>
                </tr>
              </thead>
              <tbody>
                {versions.data.versions.map((v, i) => (
                  <tr key={v.version}>
                    <td>
                      <code title={v.sha256}>{v.version}</code>
                      {i === 0 ? <span className="muted"> (in force)</span> : null}
                    </td>
                    <td>{v.format}</td>
                    <td>{v.sourceDate ? dateTime(v.sourceDate) : '—'}</td>
                    <td>{dateTime(v.importedAt)}</td>
                    <td className="num">{v.entryCount.toLocaleString('en-US')}</td>
                    <td>
                      <details>
                        <summary>{Object.keys(v.countsBySource).length} lists</summary>
                        <ul className="plain">
                          {Object.entries(v.countsBySource).map(([source, n]) => (
                            <li key={source}>
                              {source}: {n.toLocaleString('en-US')}
                            </li>
                          ))}
                        </ul>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function ImportForm({ onImported }: { onImported(): void }) {
  const { api } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [sourceDate, setSourceDate] = useState('');
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    setJob(undefined);
    if (chosen) setFormat(guessFormat(chosen.name, await chosen.slice(0, 65536).text()));
  };

  const poll = async (started: Job) => {
    let current = started;
    while (current.status === 'running' && alive.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      current = await api<Job>(`/v1/jobs/${encodeURIComponent(current.id)}`);
      if (alive.current) setJob(current);
    }
    return current;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(new Error('file: choose a list file to import.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setJob(undefined);
    try {
      const content = await file.text();
      const answer = await api<Job | Record<string, unknown>>('/v1/lists?async=true', {
        body: { format, content, ...(sourceDate ? { sourceDate } : {}) },
      });
      const started = asJob(answer);
      setJob(started);
      const finished = await poll(started);
      if (finished.status === 'done') onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const progress = job?.progress;
  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import a list version</h2>
      <p className="muted">
        The new version is in force once imported: clearances of entries that changed are invalidated, and
        open requests and active licenses are screened again.
      </p>
      <form onSubmit={submit} className="filters">
        <div>
          <label htmlFor="list-file">List file</label>
          <input
            id="list-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div>
          <label htmlFor="list-format">Format</label>
          <select id="list-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="" disabled>
              choose a file first
            </option>
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="list-source-date">Published on (optional)</label>
          <input
            id="list-source-date"
            type="date"
            value={sourceDate}
            onChange={(e) => setSourceDate(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy || !file || !format}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      <ErrorMessage error={error} />
      <div aria-live="polite" data-testid="import-job">
        {job ? (
          <>
            <label htmlFor="import-progress">
              {job.status === 'running'
                ? `Importing: ${progress?.phase ?? ''} (${progress?.done ?? 0} of ${progress?.total ?? 0})`
                : job.status === 'done'
                  ? 'Imported'
                  : 'The import failed'}
            </label>
            <progress
              id="import-progress"
              value={job.status === 'done' ? 1 : (progress?.done ?? 0)}
              max={job.status === 'done' ? 1 : Math.max(1, progress?.total ?? 1)}
            />
            {job.error ? (
              <p role="alert" className="error">
                {job.error.path.length > 0 ? `${job.error.path.join('.')}: ` : ''}
                {job.error.message}
              </p>
            ) : null}
            {job.result ? <ImportResult result={job.result} /> : null}
          </>
        ) : null}
      </div>
    </section>
  );
}

const RESULT_LABELS: Record<string, string> = {
  version: 'Version',
  entryCount: 'Entries',
  added: 'Added',
  changed: 'Changed',
  removed: 'Removed',
  clearancesInvalidated: 'Clearances invalidated',
  rescreened: 'Requests and licenses screened again',
  held: 'Put on hold',
  licensesSuspended: 'Licenses suspended',
};

function ImportResult({ result }: { result: Record<string, unknown> }) {
  return (
    <dl className="facts" data-testid="import-result">
      {Object.entries(RESULT_LABELS)
        .filter(([key]) => result[key] !== undefined)
        .map(([key, label]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>
              {typeof result[key] === 'number'
                ? (result[key] as number).toLocaleString('en-US')
                : String(result[key])}
            </dd>
          </div>
        ))}
    </dl>
  );
}

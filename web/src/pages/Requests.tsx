import { useEffect, useState } from 'react';
import { ErrorMessage, formatNumber, Loading, PageHeader, StatusBadge } from '../components.js';
import { useApiGet } from '../hooks.js';
import { Pager, usePagedList } from '../paging.js';
import { REQUEST_STATUSES, type RequestRecord, shortDate } from '../records.js';
import { useSession } from '../session.js';
import { DownloadButton } from './downloads.js';

/** "5,000 × NVIDIA GB300", from the determination's items. */
function itemsText(r: RequestRecord): string {
  const items = r.determination?.items ?? [];
  return (
    items
      .map(
        (i) =>
          `${i.quantity !== undefined ? `${i.quantity.toLocaleString('en-US')} × ` : ''}${i.label ?? ''}`,
      )
      .join('; ') || '—'
  );
}

export const RENDERED_MARK = 'chipexport:requests-rendered';

/** Requests, newest first, one page at a time; requests on hold stand out. */
export function Requests() {
  const { me } = useSession();
  const [status, setStatus] = useState('');
  const paged = usePagedList<'requests', RequestRecord>('/v1/requests', { status });
  const requests = paged.data?.requests ?? [];
  // How many wait on a screening hold, whatever the filter: one row asked, the total read.
  const held = useApiGet<{ total: number }>('/v1/requests?status=held&limit=1');
  const shown = paged.data !== undefined;
  useEffect(() => {
    // The first load's end, read by the performance test (web/test/performance.browser.test.ts).
    if (shown && performance.getEntriesByName(RENDERED_MARK).length === 0) performance.mark(RENDERED_MARK);
  }, [shown]);
  return (
    <>
      <PageHeader title="Requests">
        <DownloadButton path="/v1/exports/requests.csv" filename="requests.csv" label="Export CSV" />
        {me.role === 'exporter' ? (
          <a className="button-link" href="#/new-request">
            New request
          </a>
        ) : null}
      </PageHeader>
      {held.data && held.data.total > 0 && status !== 'held' ? (
        <p className="hold-notice" role="status">
          {formatNumber(held.data.total)} request{held.data.total === 1 ? '' : 's'} on screening hold.{' '}
          <button type="button" className="secondary" onClick={() => setStatus('held')}>
            Show them
          </button>
        </p>
      ) : null}
      <div className="filters">
        <label htmlFor="status-filter">Status</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">all</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === 'held' ? 'held (screening hold)' : s}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data ? <Loading what="requests" /> : null}
      {paged.data ? (
        <>
          <table aria-label="Requests">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Reference</th>
                <th scope="col">Items</th>
                <th scope="col">Framework</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className={r.status === 'held' ? 'row-held' : undefined}>
                  <td>
                    <a href={`#/requests/${encodeURIComponent(r.id)}`}>{r.id}</a>
                  </td>
                  <td>{r.reference ?? '—'}</td>
                  <td>{itemsText(r)}</td>
                  <td>{r.framework}</td>
                  <td>{r.determination?.outcome ?? '—'}</td>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.status === 'held' ? <span className="muted"> screening hold</span> : null}
                  </td>
                  <td>{shortDate(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {requests.length === 0 ? (
            <p className="muted">No requests{status ? ` with status ${status}` : ''}.</p>
          ) : null}
          <Pager paged={paged} shown={requests.length} />
        </>
      ) : null}
    </>
  );
}

import { DepletionBar, ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { Pager, usePagedList } from '../paging.js';
import { type LicenseRecord, shortDate } from '../records.js';
import { DownloadButton } from './downloads.js';

/** Licenses and exception authorizations: chips and TPP used against their limits. */
export function Licenses() {
  const paged = usePagedList<'licenses', LicenseRecord>('/v1/licenses', {});
  const licenses = paged.data?.licenses ?? [];
  return (
    <>
      <PageHeader title="Licenses">
        <DownloadButton path="/v1/exports/licenses.csv" filename="licenses.csv" label="Export CSV" />
      </PageHeader>
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data ? <Loading what="licenses" /> : null}
      {paged.data ? (
        <>
          <table aria-label="Licenses">
            <thead>
              <tr>
                <th scope="col">License</th>
                <th scope="col">Framework</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Chips shipped</th>
                <th scope="col">TPP shipped</th>
                <th scope="col">Valid until</th>
              </tr>
            </thead>
            <tbody>
              {licenses.map((l) => (
                <tr key={l.id}>
                  <td>
                    <a href={`#/licenses/${encodeURIComponent(l.id)}`}>{l.id}</a>
                    <div className="muted">
                      for <a href={`#/requests/${encodeURIComponent(l.requestId)}`}>{l.requestId}</a>
                    </div>
                  </td>
                  <td>{l.framework}</td>
                  <td>
                    {l.kind}
                    {l.authorization ? ` (${l.authorization})` : ''}
                  </td>
                  <td>
                    <StatusBadge status={l.status} />
                  </td>
                  <td>
                    <DepletionBar
                      used={l.used.chips}
                      limit={l.limits.chips}
                      label={`${l.id}: chips shipped`}
                    />
                  </td>
                  <td>
                    <DepletionBar used={l.used.tpp} limit={l.limits.tpp} label={`${l.id}: TPP shipped`} />
                  </td>
                  <td>{shortDate(l.validUntil)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {licenses.length === 0 ? <p className="muted">No licenses yet.</p> : null}
          <Pager paged={paged} shown={licenses.length} />
        </>
      ) : null}
    </>
  );
}

import { ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { Pager, usePagedList } from '../paging.js';
import { dateTime, type RequestRecord } from '../records.js';
import './regulator.css';
import { OrganizationName, useOrganizationNames } from '../organizations.js';

/**
 * The regulator's license queue: requests awaiting a decision, newest first, in two lists —
 * those on hold for a potential restricted-party match (clear or confirm the hit first), and
 * those determined and waiting for approval or denial. Each opens the review page.
 */

const LIMIT = 25;

export function Queue() {
  return (
    <>
      <PageHeader title="License queue" />
      <p className="muted">
        Requests awaiting your decision. A request on hold has a potential match on a restricted-party list:
        decide the match first, then approve or deny.
      </p>
      <QueueSection
        status="held"
        heading="On hold: potential restricted-party matches"
        screening="open potential match"
      />
      <QueueSection status="determined" heading="Determined: awaiting a decision" screening="no open match" />
    </>
  );
}

function QueueSection({
  status,
  heading,
  screening,
}: {
  status: 'held' | 'determined';
  heading: string;
  screening: string;
}) {
  const paged = usePagedList<'requests', RequestRecord>('/v1/requests', { status }, LIMIT);
  const orgName = useOrganizationNames();
  const rows = paged.data?.requests ?? [];
  const headingId = `queue-${status}`;
  return (
    <section aria-labelledby={headingId} className="queue-section">
      <h2 id={headingId}>
        {heading}{' '}
        {paged.data ? <span className="muted">({paged.data.total.toLocaleString('en-US')})</span> : null}
      </h2>
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data ? <Loading what="requests" /> : null}
      {paged.data && rows.length === 0 ? <p className="muted">None.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table data-testid={`queue-${status}`}>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Exporter</th>
                <th scope="col">Framework</th>
                <th scope="col">Outcome</th>
                <th scope="col">Policy</th>
                <th scope="col">Screening</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`#/queue/${encodeURIComponent(r.id)}`}>{r.reference ?? r.id}</a>
                    <div className="muted">
                      <code>{r.id}</code>
                    </div>
                  </td>
                  <td>
                    <OrganizationName id={r.organizationId} name={orgName(r.organizationId)} />
                  </td>
                  <td>{r.framework}</td>
                  <td>
                    <StatusBadge status={r.determination.outcome} />
                  </td>
                  <td>{r.determination.licensePolicy?.replace(/-/g, ' ') ?? '—'}</td>
                  <td>
                    <StatusBadge status={screening} />
                  </td>
                  <td>{dateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {paged.data && (paged.hasPrevious || paged.data.nextCursor) ? (
        <Pager paged={paged as never} shown={rows.length} limit={LIMIT} />
      ) : null}
    </section>
  );
}

import { ErrorMessage, Loading } from '../components.js';
import { useApiGet } from '../hooks.js';
import { useOrganizationNames } from '../organizations.js';
import { dateTime } from '../records.js';

interface RequestHistory {
  treeSize: number;
  entries: {
    index: number;
    when: string;
    action: string;
    entity: string;
    id: string;
    who: { organizationId: string; role: string };
  }[];
  truncated: boolean;
}

/**
 * A request's audit trail (GET /v1/requests/{id}/history): every entry of the tamper-evident log
 * about it or its licenses, with its index — the audit page proves any of them.
 */
export function AuditTrail({ path }: { path: string }) {
  const history = useApiGet<RequestHistory>(`${path}/history`);
  const orgName = useOrganizationNames();
  const h = history.data;
  return (
    <section className="panel" aria-labelledby="trail-heading">
      <h2 id="trail-heading">Audit trail</h2>
      <ErrorMessage error={history.error} />
      {history.loading && !h ? <Loading what="the audit trail" /> : null}
      {h ? (
        <>
          <p className="muted">
            {h.entries.length} entr{h.entries.length === 1 ? 'y' : 'ies'} of the audit log's {h.treeSize}
            {h.truncated ? ' (the first 500 shown)' : ''}; prove any of them on the{' '}
            <a href="#/audit">audit log</a> page by its index.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Entry
                </th>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {h.entries.map((e) => (
                <tr key={e.index}>
                  <td className="num">#{e.index}</td>
                  <td>{dateTime(e.when)}</td>
                  <td>{e.action}</td>
                  <td>
                    {e.entity} <code>{e.id}</code>
                  </td>
                  <td>
                    {orgName(e.who.organizationId) ?? e.who.organizationId}{' '}
                    <span className="muted">({e.who.role})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

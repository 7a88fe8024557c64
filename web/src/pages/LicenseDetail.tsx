import { DepletionBar, ErrorMessage, formatNumber, Loading, PageHeader, StatusBadge } from '../components.js';
import { useApiGet } from '../hooks.js';
import { useInstallationName } from '../installations.js';
import { dateTime, type LicenseRecord, type ShipmentRecord, shortDate } from '../records.js';
import { useSession } from '../session.js';

/** One license: lines with their depletion, conditions, validity, and the shipments against it. */
export function LicenseDetail({ id }: { id: string }) {
  const { me } = useSession();
  const license = useApiGet<LicenseRecord>(`/v1/licenses/${encodeURIComponent(id)}`);
  const shipments = useApiGet<{ shipments: ShipmentRecord[] }>(
    `/v1/shipments?licenseId=${encodeURIComponent(id)}&limit=100`,
  );
  const l = license.data;
  return (
    <>
      <PageHeader title={`License ${id}`}>
        {me.role === 'exporter' && l?.status === 'active' ? (
          <a className="button-link" href={`#/shipments/${encodeURIComponent(id)}`}>
            Record a shipment
          </a>
        ) : null}
      </PageHeader>
      <ErrorMessage error={license.error} />
      {license.loading && !l ? <Loading what="the license" /> : null}
      {l ? (
        <>
          <section className="panel" aria-labelledby="license-summary">
            <h2 id="license-summary">Summary</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={l.status} />
              </dd>
              <dt>Request</dt>
              <dd>
                <a href={`#/requests/${encodeURIComponent(l.requestId)}`}>{l.requestId}</a>
              </dd>
              <dt>Framework</dt>
              <dd>{l.framework}</dd>
              <dt>Kind</dt>
              <dd>
                {l.kind}
                {l.authorization ? ` (${l.authorization})` : ''}
              </dd>
              <dt>Valid until</dt>
              <dd>{shortDate(l.validUntil)}</dd>
              <dt>Chips</dt>
              <dd>
                <DepletionBar used={l.used.chips} limit={l.limits.chips} label="Chips shipped" />
              </dd>
              <dt>TPP</dt>
              <dd>
                <DepletionBar used={l.used.tpp} limit={l.limits.tpp} label="TPP shipped" />
              </dd>
              <dt>Conditions</dt>
              <dd>
                {/* An exception's conditions are the determination's requirements, as a list. */}
                {(Array.isArray(l.conditions)
                  ? l.conditions.map((r) => r.code)
                  : [
                      ...(l.conditions?.imposed ?? []),
                      ...(l.conditions?.requirements ?? []).map((r) => r.code),
                    ]
                ).join('; ') || 'none'}
              </dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="lines-heading">
            <h2 id="lines-heading">Lines</h2>
            <table aria-label="License lines">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Item</th>
                  <th scope="col">Shipped</th>
                  <th scope="col" className="num">
                    TPP per chip
                  </th>
                  <th scope="col">Quota pools</th>
                </tr>
              </thead>
              <tbody>
                {l.lines.map((line) => (
                  <tr key={line.index}>
                    <td>{line.index}</td>
                    <td>{line.label}</td>
                    <td>
                      <DepletionBar
                        used={line.shippedChips}
                        limit={line.chips}
                        label={`Line ${line.index} chips`}
                      />
                    </td>
                    <td className="num">{formatNumber(line.tppPerChip)}</td>
                    <td>{line.pools.map((p) => p.pool).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="license-shipments">
        <h2 id="license-shipments">Shipments</h2>
        <ErrorMessage error={shipments.error} />
        <ShipmentTable shipments={shipments.data?.shipments ?? []} />
      </section>
    </>
  );
}

export function ShipmentTable({ shipments }: { shipments: ShipmentRecord[] }) {
  const installationName = useInstallationName();
  if (shipments.length === 0) return <p className="muted">No shipments.</p>;
  return (
    <table aria-label="Shipments">
      <thead>
        <tr>
          <th scope="col">Shipment</th>
          <th scope="col">License</th>
          <th scope="col">Line</th>
          <th scope="col" className="num">
            Chips
          </th>
          <th scope="col" className="num">
            TPP
          </th>
          <th scope="col">Installation</th>
          <th scope="col">Recorded</th>
        </tr>
      </thead>
      <tbody>
        {shipments.map((s) => (
          <tr key={s.id}>
            <td>{s.id}</td>
            <td>
              <a href={`#/licenses/${encodeURIComponent(s.licenseId)}`}>{s.licenseId}</a>
            </td>
            <td>{s.line}</td>
            <td className="num">{formatNumber(s.chips)}</td>
            <td className="num">{formatNumber(s.tpp)}</td>
            <td>{installationName(s.installationId)}</td>
            <td>{dateTime(s.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

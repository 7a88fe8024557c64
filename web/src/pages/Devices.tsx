import { useState } from 'react';
import { ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { useApiGet } from '../hooks.js';
import { useInstallationName } from '../installations.js';
import { dateTime } from '../records.js';

/** A device of docs/monitoring-protocol.md, as GET /v1/devices returns it. */
interface Device {
  id: string;
  licenseId: string;
  installationId: string;
  model: string;
  algorithm: string;
  status: string;
  monitoring: {
    status: 'PASS' | 'INCONCLUSIVE' | 'SITE_INCONSISTENT' | 'MISSING' | 'NONE';
    lastSeenAt: string | null;
    lastSequence: number | null;
    openAlerts: number;
  };
}

interface Alert {
  id: string;
  kind: string;
  status: string;
  licenseId: string;
  deviceIds: string[];
  openedAt: string;
  summary: string;
}

const MONITORING_TEXT: Record<Device['monitoring']['status'], string> = {
  PASS: 'located at its site',
  INCONCLUSIVE: 'location not confirmed',
  SITE_INCONSISTENT: 'not at its declared site',
  MISSING: 'missed its check-ins',
  NONE: 'no check-in yet',
};

/** Monitored chips: each device's last verdict and check-in, and the alerts still open. */
export function Devices() {
  const [status, setStatus] = useState('active');
  const devices = useApiGet<{ devices: Device[] }>(`/v1/devices${status ? `?status=${status}` : ''}`);
  const alerts = useApiGet<{ alerts: Alert[] }>('/v1/alerts?status=open');
  const list = devices.data?.devices ?? [];
  const installationName = useInstallationName();
  return (
    <>
      <PageHeader title="Devices" />
      <div className="filters">
        <label htmlFor="device-status">Devices</label>
        <select id="device-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="active">active</option>
          <option value="retired">retired</option>
          <option value="">all</option>
        </select>
      </div>
      <ErrorMessage error={devices.error} />
      {devices.loading && !devices.data ? <Loading what="devices" /> : null}
      {devices.data ? (
        list.length === 0 ? (
          <p className="muted">No devices enrolled.</p>
        ) : (
          <table aria-label="Devices">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Model</th>
                <th scope="col">License</th>
                <th scope="col">Installation</th>
                <th scope="col">Monitoring</th>
                <th scope="col">Last check-in</th>
                <th scope="col" className="num">
                  Open alerts
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.id}
                    {d.status !== 'active' ? <span className="muted"> ({d.status})</span> : null}
                  </td>
                  <td>{d.model}</td>
                  <td>
                    <a href={`#/licenses/${encodeURIComponent(d.licenseId)}`}>{d.licenseId}</a>
                  </td>
                  <td>{installationName(d.installationId)}</td>
                  <td>
                    <StatusBadge status={d.monitoring.status} />{' '}
                    <span className="muted">{MONITORING_TEXT[d.monitoring.status]}</span>
                  </td>
                  <td>
                    {dateTime(d.monitoring.lastSeenAt)}
                    {d.monitoring.lastSequence !== null ? (
                      <span className="muted"> (#{d.monitoring.lastSequence})</span>
                    ) : null}
                  </td>
                  <td className="num">{d.monitoring.openAlerts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <section className="panel" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Open alerts</h2>
        <ErrorMessage error={alerts.error} />
        {alerts.data && alerts.data.alerts.length === 0 ? <p className="muted">No open alerts.</p> : null}
        <ul className="alerts">
          {(alerts.data?.alerts ?? []).map((a) => (
            <li key={a.id}>
              <StatusBadge status={a.kind} /> {a.summary}{' '}
              <span className="muted">
                ({a.deviceIds.join(', ')}; opened {dateTime(a.openedAt)})
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

import { type FormEvent, Suspense, useMemo, useState } from 'react';
import { MapLegend, WorldMap } from '../components/LazyMap.js';
import { download, ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { useApiGet } from '../hooks.js';
import { dateTime } from '../records.js';
import { useSession } from '../session.js';
import { ScrollBox } from './ScrollBox.js';
import './regulator.css';
import { OrganizationName, useOrganizationNames } from '../organizations.js';

/**
 * Post-export monitoring (regulator, host government; auditor read-only): alerts raised by
 * device check-ins on a map of the installations and the landmarks that time them, filtered by
 * kind and status; an alert's evidence; triage (acknowledge, resolve with a note) for the
 * regulator; the coverage report (installations today's landmarks cannot verify, marked on the map);
 * and the regulator's report of the period as JSON or CSV.
 */

export const ALERT_KINDS = [
  'location',
  'location-unverified',
  'cluster',
  'missing',
  'forged',
  'replayed',
] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
const RESOLUTIONS = ['false-alarm', 'remediated', 'referred'] as const;

export interface Alert {
  id: string;
  kind: (typeof ALERT_KINDS)[number];
  status: (typeof ALERT_STATUSES)[number];
  organizationId: string;
  licenseId: string;
  installationId: string;
  deviceIds: string[];
  site: { lat: number; lon: number; country: string } | null;
  openedAt: string;
  summary: string;
  evidence: Record<string, unknown>;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  note: string | null;
}

interface Installation {
  id: string;
  name: string;
  country: string;
  lat: number | null;
  lon: number | null;
  operator: string;
}

interface Landmark {
  id: string;
  name: string;
  lat: number;
  lon: number;
  operator: string;
}

const STATUS_COLOR: Record<string, string> = {
  open: '#b42318',
  acknowledged: '#b54708',
  resolved: '#067647',
};
const LANDMARK_COLOR = '#1f5fbf';
/** A site no check-in can PASS at with today's landmarks (GET /v1/monitoring/coverage). */
const UNVERIFIABLE_COLOR = '#7a2e8e';

interface InstallationCoverage {
  installationId: string;
  name: string;
  country: string;
  lat: number;
  lon: number;
  activeDevices: number;
  verifiable: boolean;
  gaps: ('no-landmarks' | 'no-metro-landmark' | 'no-disk-fits')[];
  assigned: { id: string; distanceKm: number }[];
  metroLandmarkId: string | null;
  bestCase: { verdict: string; reason: string };
}

interface CoverageReport {
  landmarksPerCheckIn: number;
  metroRadiusKm: number;
  counts: { installations: number; verifiable: number; unverifiable: number };
  installations: InstallationCoverage[];
}

const GAP_TEXT: Record<InstallationCoverage['gaps'][number], string> = {
  'no-landmarks': 'no landmark is registered',
  'no-metro-landmark': 'no landmark within the metro radius',
  'no-disk-fits': 'no disk around its landmarks fits inside the country, even at the speed of light',
};

const gapText = (c: InstallationCoverage) => c.gaps.map((g) => GAP_TEXT[g]).join('; ');
const QUIET_SITE_COLOR = '#6b7280';
const STATUS_RANK: Record<string, number> = { open: 0, acknowledged: 1, resolved: 2 };

export function Monitoring() {
  const { me } = useSession();
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [zoom, setZoom] = useState(true);
  const query = new URLSearchParams(Object.entries({ kind, status }).filter(([, v]) => v)).toString();
  const alerts = useApiGet<{ alerts: Alert[] }>(`/v1/alerts${query ? `?${query}` : ''}`);
  const landmarks = useApiGet<{ landmarks: Landmark[] }>('/v1/landmarks');
  // Every installation (the regulator's view); other roles see the sites of their alerts.
  const installations = useApiGet<{ installations: Installation[] }>(
    me.role === 'regulator' ? '/v1/installations' : null,
  );
  const coverage = useApiGet<CoverageReport>('/v1/monitoring/coverage');
  const gaps = useMemo(
    () =>
      new Map(
        (coverage.data?.installations ?? []).filter((c) => !c.verifiable).map((c) => [c.installationId, c]),
      ),
    [coverage.data],
  );
  const list = useMemo(
    () => [...(alerts.data?.alerts ?? [])].sort((a, b) => b.openedAt.localeCompare(a.openedAt)),
    [alerts.data],
  );
  const chosen = list.find((a) => a.id === selected) ?? null;
  const siteNames = new Map((installations.data?.installations ?? []).map((i) => [i.id, i.name]));

  // One marker per installation: coloured by its most urgent alert; choosing it opens that alert.
  const markers = useMemo(() => {
    const names = new Map((installations.data?.installations ?? []).map((i) => [i.id, i]));
    const bySite = new Map<string, Alert[]>();
    for (const a of list) {
      if (!a.site) continue;
      bySite.set(a.installationId, [...(bySite.get(a.installationId) ?? []), a]);
    }
    const sites = [...bySite.entries()].map(([installationId, group]) => {
      const first = [...group].sort(
        (a, b) =>
          (STATUS_RANK[a.status] ?? 3) - (STATUS_RANK[b.status] ?? 3) || b.openedAt.localeCompare(a.openedAt),
      )[0]!;
      const open = group.filter((a) => a.status !== 'resolved').length;
      const name = names.get(installationId)?.name ?? installationId;
      const gap = gaps.get(installationId);
      return {
        id: first.id,
        lat: first.site!.lat,
        lon: first.site!.lon,
        shape: 'circle' as const,
        color: STATUS_COLOR[first.status] ?? QUIET_SITE_COLOR,
        label:
          `${name} (${first.site!.country}): ${group.length} alert(s), ${open} not resolved; most urgent: ${first.kind}, ${first.status}` +
          (gap ? `; cannot be verified with today's landmarks: ${gapText(gap)}` : ''),
        selected: group.some((a) => a.id === selected),
      };
    });
    // Sites without alerts: every installation for the regulator; the coverage report's for the
    // roles that read it (auditors, host governments).
    const known = new Map<string, { id: string; name: string; country: string; lat: number; lon: number }>();
    for (const c of coverage.data?.installations ?? [])
      known.set(c.installationId, {
        id: c.installationId,
        name: c.name,
        country: c.country,
        lat: c.lat,
        lon: c.lon,
      });
    for (const i of names.values())
      if (i.lat !== null && i.lon !== null)
        known.set(i.id, { id: i.id, name: i.name, country: i.country, lat: i.lat, lon: i.lon });
    const quiet = [...known.values()]
      .filter((i) => !bySite.has(i.id))
      .map((i) => {
        const gap = gaps.get(i.id);
        return {
          id: `site:${i.id}`,
          lat: i.lat,
          lon: i.lon,
          shape: 'circle' as const,
          color: gap ? UNVERIFIABLE_COLOR : QUIET_SITE_COLOR,
          selectable: false,
          label:
            `${i.name} (${i.country}): no alert${kind || status ? ' matching the filters' : ''}` +
            (gap ? `; cannot be verified with today's landmarks: ${gapText(gap)}` : ''),
        };
      });
    const marks = (landmarks.data?.landmarks ?? []).map((l) => ({
      id: `landmark:${l.id}`,
      lat: l.lat,
      lon: l.lon,
      shape: 'triangle' as const,
      color: LANDMARK_COLOR,
      selectable: false,
      label: `Landmark ${l.name} (${l.operator})`,
    }));
    return [...marks, ...quiet, ...sites];
  }, [list, landmarks.data, installations.data, coverage.data, gaps, selected, kind, status]);

  return (
    <>
      <PageHeader title="Monitoring" />
      <p className="muted">
        Alerts raised by signed device check-ins: a site that is not where it should be (location), a chip
        that stops proving where it is (location-unverified), devices that appear together elsewhere
        (cluster), silence (missing), bad signatures (forged) and replays.
      </p>
      <div className="filters">
        <div>
          <label htmlFor="alert-kind">Kind</label>
          <select id="alert-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">all kinds</option>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="alert-status">Status</label>
          <select id="alert-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">all statuses</option>
            {ALERT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <label className="inline">
          <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} />
          Zoom the map to the sites and landmarks
        </label>
      </div>
      <ErrorMessage error={alerts.error ?? landmarks.error} />
      <Suspense fallback={<Loading what="the map" />}>
        <WorldMap
          title="Installations with alerts, and monitoring landmarks"
          markers={markers}
          zoomToMarkers={zoom}
          onSelectMarker={setSelected}
        />
        <MapLegend
          title="On the map"
          entries={[
            ...ALERT_STATUSES.map((s) => ({
              color: STATUS_COLOR[s]!,
              label: `site: most urgent alert ${s}`,
              shape: 'circle' as const,
            })),
            { color: QUIET_SITE_COLOR, label: 'site without alerts', shape: 'circle' as const },
            {
              color: UNVERIFIABLE_COLOR,
              label: "site without alerts that today's landmarks cannot verify",
              shape: 'circle' as const,
            },
            { color: LANDMARK_COLOR, label: 'landmark', shape: 'triangle' as const },
          ]}
        />
      </Suspense>

      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">
          Alerts {alerts.data ? <span className="muted">({list.length})</span> : null}
        </h2>
        {alerts.loading && !alerts.data ? <Loading what="alerts" /> : null}
        {alerts.data && list.length === 0 ? <p className="muted">No alert matches.</p> : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table data-testid="alerts-table">
              <thead>
                <tr>
                  <th scope="col">Opened</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Summary</th>
                  <th scope="col">License</th>
                  <th scope="col">Site</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id} className={a.id === selected ? 'row-selected' : undefined}>
                    <td>{dateTime(a.openedAt)}</td>
                    <td>{a.kind}</td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td>{a.summary}</td>
                    <td>
                      <code>{a.licenseId}</code>
                    </td>
                    <td>
                      {siteNames.get(a.installationId) ?? <code>{a.installationId}</code>}
                      {a.site ? <span className="muted"> {a.site.country}</span> : null}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Open alert ${a.id}`}
                        onClick={() => setSelected(a.id)}
                      >
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <CoverageSection report={coverage.data} error={coverage.error} />

      {chosen ? (
        <AlertDetail
          key={chosen.id}
          alert={chosen}
          canTriage={me.role === 'regulator'}
          onChanged={alerts.reload}
        />
      ) : null}
      <ReportSection />
    </>
  );
}

/** The coverage report: where a chip cannot prove its country, so where landmarks are needed. */
function CoverageSection({ report, error }: { report: CoverageReport | undefined; error: unknown }) {
  const missing = (report?.installations ?? []).filter((c) => !c.verifiable);
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">
        Landmark coverage{' '}
        {report ? (
          <span className="muted">
            ({report.counts.unverifiable} of {report.counts.installations} sites cannot be verified)
          </span>
        ) : null}
      </h2>
      <ErrorMessage error={error} />
      {report ? (
        <p className="muted">
          Each check-in must answer the {report.landmarksPerCheckIn} landmarks nearest its site, one of them
          within {report.metroRadiusKm.toFixed(0)} km (a 2 ms round trip at the speed of light). A site listed
          here cannot get a PASS even at the physical minimum round trip: place a landmark nearer to it.
        </p>
      ) : null}
      {report && missing.length === 0 ? <p>Every site can be verified with today's landmarks.</p> : null}
      {missing.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="coverage-table">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Country</th>
                <th scope="col">Active devices</th>
                <th scope="col">Why</th>
                <th scope="col">Nearest landmark</th>
              </tr>
            </thead>
            <tbody>
              {missing.map((c) => (
                <tr key={c.installationId}>
                  <td>{c.name}</td>
                  <td>{c.country}</td>
                  <td>{c.activeDevices}</td>
                  <td>{gapText(c)}</td>
                  <td>
                    {c.assigned[0] ? (
                      <>
                        <code>{c.assigned[0].id}</code> {c.assigned[0].distanceKm.toFixed(1)} km
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function AlertDetail({
  alert: a,
  canTriage,
  onChanged,
}: {
  alert: Alert;
  canTriage: boolean;
  onChanged(): void;
}) {
  const orgName = useOrganizationNames();
  return (
    <section className="panel" aria-labelledby="alert-heading" data-testid="alert-detail">
      <h2 id="alert-heading">
        Alert <code>{a.id}</code>: {a.kind} <StatusBadge status={a.status} />
      </h2>
      <p>{a.summary}</p>
      <dl className="facts">
        <dt>Opened</dt>
        <dd>{dateTime(a.openedAt)}</dd>
        <dt>Exporter</dt>
        <dd>
          <OrganizationName id={a.organizationId} name={orgName(a.organizationId)} />
        </dd>
        <dt>License</dt>
        <dd>
          <code>{a.licenseId}</code>
        </dd>
        <dt>Installation</dt>
        <dd>
          <code>{a.installationId}</code>
          {a.site ? ` at ${a.site.lat.toFixed(3)}, ${a.site.lon.toFixed(3)} (${a.site.country})` : ''}
        </dd>
        <dt>Devices</dt>
        <dd>{a.deviceIds.length === 0 ? '—' : a.deviceIds.map((d) => <code key={d}>{d} </code>)}</dd>
        {a.acknowledgedAt ? (
          <>
            <dt>Acknowledged</dt>
            <dd>
              {dateTime(a.acknowledgedAt)} by <code>{a.acknowledgedBy}</code>
            </dd>
          </>
        ) : null}
        {a.resolvedAt ? (
          <>
            <dt>Resolved</dt>
            <dd>
              {dateTime(a.resolvedAt)} by <code>{a.resolvedBy}</code>: {a.resolution}
            </dd>
          </>
        ) : null}
        {a.note ? (
          <>
            <dt>Note</dt>
            <dd>{a.note}</dd>
          </>
        ) : null}
      </dl>
      <h3>Evidence</h3>
      <ScrollBox label="Evidence">{JSON.stringify(a.evidence, null, 2)}</ScrollBox>
      {canTriage && a.status !== 'resolved' ? <Triage alert={a} onChanged={onChanged} /> : null}
    </section>
  );
}

function Triage({ alert: a, onChanged }: { alert: Alert; onChanged(): void }) {
  const { api } = useSession();
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState<(typeof RESOLUTIONS)[number]>('false-alarm');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const path = `/v1/alerts/${encodeURIComponent(a.id)}`;

  const act = async (what: 'acknowledge' | 'resolve') => {
    if (what === 'resolve' && !note.trim()) {
      setError(new Error('note: say how the alert was resolved.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api(`${path}/${what}`, {
        body:
          what === 'resolve' ? { resolution, note: note.trim() } : note.trim() ? { note: note.trim() } : {},
      });
      setNote('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act('resolve');
  };

  return (
    <form onSubmit={submit} aria-label="Triage the alert">
      <h3>Triage</h3>
      <div className="form-grid">
        <div>
          <label htmlFor="triage-note">Note</label>
          <textarea id="triage-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div>
          <label htmlFor="triage-resolution">Resolution</label>
          <select
            id="triage-resolution"
            value={resolution}
            onChange={(e) => setResolution(e.target.value as typeof resolution)}
          >
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {r.replace('-', ' ')}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="pager">
        {a.status === 'open' ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void act('acknowledge')}>
            Acknowledge
          </button>
        ) : null}
        <button type="submit" disabled={busy}>
          Resolve
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

function ReportSection() {
  const { api } = useSession();
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(() => `${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [error, setError] = useState<unknown>();

  const fetchReport = async (format: 'json' | 'csv') => {
    setError(undefined);
    try {
      const text = await api<string>(
        `/v1/monitoring/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=${format}`,
        { text: true },
      );
      download(
        `monitoring-report-${from}-${to}.${format}`,
        format === 'json' ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : text,
        format === 'json' ? 'application/json' : 'text/csv;charset=utf-8',
      );
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="panel" aria-labelledby="report-heading">
      <h2 id="report-heading">Regulator report</h2>
      <p className="muted">
        Location changes, suspected diversions and tampering in a period, one event per alert.
      </p>
      <div className="filters">
        <div>
          <label htmlFor="report-from">From</label>
          <input id="report-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="report-to">To</label>
          <input id="report-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="button" className="secondary" onClick={() => void fetchReport('json')}>
          Download JSON
        </button>
        <button type="button" className="secondary" onClick={() => void fetchReport('csv')}>
          Download CSV
        </button>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

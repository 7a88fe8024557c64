import type { ReactNode } from 'react';
import { ErrorMessage, formatNumber, Loading, PageHeader } from '../components.js';
import { useApiGet } from '../hooks.js';
import type { ResponseOf } from '../records.js';
import { visibleRoutes } from '../routes.js';
import { useSession } from '../session.js';

type Summary = ResponseOf<'getSummary'>;

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

/**
 * Where each role starts: the figures that need attention now (GET /v1/summary), each linking
 * to the page that lists them, then every page the role has.
 */
export function Home() {
  const { me } = useSession();
  const summary = useApiGet<Summary>('/v1/summary');
  const routes = visibleRoutes(me.role).filter((r) => r.path !== '/' && r.inNav !== false);
  return (
    <>
      <PageHeader title={`Welcome, ${me.organizationName}`} />
      <p>
        Signed in as <strong>{me.organizationName}</strong> ({me.role}
        {me.country ? `, ${me.country}` : ''}).
      </p>
      <ErrorMessage error={summary.error} />
      {summary.loading && !summary.data ? <Loading what="the figures" /> : null}
      {summary.data ? <Figures summary={summary.data} country={me.country} /> : null}
      <section aria-labelledby="all-pages" className="home-pages">
        <h2 id="all-pages">All pages</h2>
        <ul className="task-list">
          {routes.map((r) => (
            <li key={r.path}>
              <a href={`#${r.path}`}>{r.title}</a>
              {r.description ? <span className="muted"> — {r.description}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Figures({ summary: s, country }: { summary: Summary; country: string | null }) {
  const cards: ReactNode[] = [];
  const held = s.requests?.byStatus.held ?? 0;
  const determined = s.requests?.byStatus.determined ?? 0;
  switch (s.role) {
    case 'exporter':
      cards.push(
        <Card
          key="held"
          id="held"
          title="Requests on hold"
          figure={held}
          href="#/requests"
          link="Your requests"
        >
          {held > 0
            ? 'A party may be on a restricted-party list: BIS decides the match first.'
            : 'None on hold.'}
        </Card>,
        <Card
          key="awaiting"
          id="awaiting"
          title="Awaiting a decision"
          figure={determined}
          href="#/requests"
          link="Your requests"
        >
          Determined requests that need a license, waiting for BIS.
        </Card>,
        <LicensesNear key="licenses" summary={s} />,
        <DevicesWithAlerts key="devices" summary={s} href="#/devices" link="Devices" />,
      );
      break;
    case 'regulator':
      cards.push(
        <Card
          key="queue"
          id="queue"
          title="License queue"
          figure={held + determined}
          href="#/queue"
          link="Open the queue"
        >
          {formatNumber(held)} on hold for a potential match, {formatNumber(determined)} awaiting a decision.
        </Card>,
        <AlertsByKind key="alerts" summary={s} />,
        <AllocationsNear key="allocations" summary={s} title="Allocations nearest their cap" />,
        <LicensesNear key="licenses" summary={s} />,
      );
      break;
    case 'host-government':
      cards.push(
        <AllocationsNear
          key="allocations"
          summary={s}
          title={`Allocations of ${country ?? 'your country'}`}
        />,
        <Card
          key="agreements"
          id="agreements"
          title="Agreements in force"
          figure={s.agreements?.length ?? 0}
          href="#/agreements"
          link="Agreements"
        >
          <ul>
            {(s.agreements ?? []).map((a) => (
              <li key={a.id}>
                {a.framework}: ${formatNumber(a.committedUsd / 1e9)} bn committed, $
                {formatNumber(a.disbursedUsd / 1e9)} bn disbursed
              </li>
            ))}
          </ul>
        </Card>,
        <DevicesWithAlerts key="devices" summary={s} href="#/monitoring" link="Monitoring" />,
        <AlertsByKind key="alerts" summary={s} />,
      );
      break;
    case 'auditor':
      cards.push(
        <Card
          key="log"
          id="log"
          title="Audit log entries"
          figure={s.auditLog?.size ?? 0}
          href="#/audit"
          link="Verify the log"
        >
          Check signed checkpoints and inclusion proofs in your browser.
        </Card>,
        <Card
          key="requests"
          id="requests"
          title="Requests"
          figure={s.requests?.total ?? 0}
          href="#/requests"
          link="All requests"
        >
          {Object.entries(s.requests?.byStatus ?? {})
            .filter(([, n]) => n > 0)
            .map(([status, n]) => `${formatNumber(n)} ${status}`)
            .join(', ') || 'None yet.'}
        </Card>,
        <LicensesNear key="licenses" summary={s} />,
        <AlertsByKind key="alerts" summary={s} />,
      );
      break;
  }
  return (
    <section aria-labelledby="now-heading">
      <h2 id="now-heading">Now</h2>
      <div className="dashboard-grid">{cards}</div>
    </section>
  );
}

function Card(props: {
  id: string;
  title: string;
  /** A count, or a text such as a share. */
  figure: number | string;
  href: string;
  link: string;
  children?: ReactNode;
}) {
  const headingId = `card-${props.id}`;
  return (
    <section className="panel dashboard-card" aria-labelledby={headingId} data-testid={headingId}>
      <h3 id={headingId}>{props.title}</h3>
      <p className="figure">{typeof props.figure === 'number' ? formatNumber(props.figure) : props.figure}</p>
      {props.children ? <div className="muted">{props.children}</div> : null}
      <p>
        <a href={props.href}>{props.link}</a>
      </p>
    </section>
  );
}

function LicensesNear({ summary: s }: { summary: Summary }) {
  const near = s.licensesNearExhaustion;
  return (
    <Card
      id="licenses-near"
      title="Licenses near exhaustion"
      figure={near.length}
      href="#/licenses"
      link="All licenses"
    >
      {near.length === 0 ? (
        `None at ${pct(s.nearShare)} or more of their chips or TPP.`
      ) : (
        <ul>
          {near.slice(0, 5).map((l) => (
            <li key={l.id}>
              <a href={`#/licenses/${encodeURIComponent(l.id)}`}>{l.id}</a>: {pct(l.share)} used (
              {formatNumber(l.usedChips)} of {formatNumber(l.limitChips)} chips)
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function DevicesWithAlerts({ summary: s, href, link }: { summary: Summary; href: string; link: string }) {
  const devices = s.devices?.withOpenAlerts ?? [];
  return (
    <Card
      id="devices-alerts"
      title="Devices with open alerts"
      figure={devices.length}
      href={href}
      link={link}
    >
      {devices.length === 0 ? (
        `None of ${formatNumber(s.devices?.total ?? 0)} active devices.`
      ) : (
        <ul>
          {devices.slice(0, 5).map((d) => (
            <li key={d.id}>
              {d.id} ({d.model}): {formatNumber(d.openAlerts)} open
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function AlertsByKind({ summary: s }: { summary: Summary }) {
  const kinds = Object.entries(s.openAlerts?.byKind ?? {}).filter(([, n]) => n > 0);
  return (
    <Card
      id="alerts"
      title="Open alerts"
      figure={s.openAlerts?.total ?? 0}
      href="#/monitoring"
      link="Monitoring"
    >
      {kinds.length === 0 ? (
        'None open.'
      ) : (
        <table aria-label="Open alerts by kind">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map(([kind, n]) => (
              <tr key={kind}>
                <td>{kind}</td>
                <td>{formatNumber(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function AllocationsNear({ summary: s, title }: { summary: Summary; title: string }) {
  const rows = s.allocations;
  return (
    <Card
      id="allocations"
      title={title}
      figure={rows[0] ? pct(rows[0].share) : '—'}
      href="#/allocations"
      link="Allocations map"
    >
      <p>
        Of the cap used (shipped or licensed), nearest first; {rows.filter((a) => a.near).length} at{' '}
        {pct(s.nearShare)} or more:
      </p>
      {rows.length === 0 ? (
        'No capped allocation in use.'
      ) : (
        <table aria-label={title}>
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col">Framework</th>
              <th scope="col">Of cap</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={`${a.framework}-${a.country}`} className={a.near ? 'row-near' : undefined}>
                <td>{a.name}</td>
                <td>{a.framework}</td>
                <td>{pct(a.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

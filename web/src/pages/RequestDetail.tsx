import { DeterminationCard } from '../components/Determination.js';
import { ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { useApiGet } from '../hooks.js';
import { useInstallationName } from '../installations.js';
import { dateTime, type RequestRecord } from '../records.js';
import { AuditTrail } from './AuditTrail.js';
import { DownloadButton } from './downloads.js';

interface Hit {
  entityId: string;
  name: string;
  matchedName: string;
  source: string;
  score: number;
  explanation: string;
  status: string;
}
interface ScreeningBody {
  id: string;
  status: string;
  screening: {
    listVersion: string;
    screenedAt: string;
    blocking: number;
    parties: { role: string; name: string; country: string | null; decision: string; hits: Hit[] }[];
  } | null;
}

/** One request: its determination and explanation, screening, status history and reports. */
export function RequestDetail({ id }: { id: string }) {
  const path = `/v1/requests/${encodeURIComponent(id)}`;
  const request = useApiGet<RequestRecord>(path);
  const screening = useApiGet<ScreeningBody>(`${path}/screening`);
  const r = request.data;
  const installationName = useInstallationName();
  return (
    <>
      <PageHeader title={`Request ${id}`}>
        <DownloadButton
          path={`${path}/evidence?format=html`}
          filename={`${id}-evidence.html`}
          label="Evidence bundle (HTML)"
          open
        />
        <DownloadButton
          path={`${path}/evidence?format=pdf`}
          filename={`${id}-evidence.pdf`}
          label="Evidence bundle (PDF)"
        />
        <DownloadButton path={`${path}/snapr`} filename={`${id}-snapr.json`} label="SNAP-R data pack" />
      </PageHeader>
      <ErrorMessage error={request.error} />
      {request.loading && !r ? <Loading what="the request" /> : null}
      {r ? (
        <>
          <section className="panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">Summary</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={r.status} />
                {r.status === 'held' ? ' — on hold until the screening hits are decided' : null}
              </dd>
              <dt>Reference</dt>
              <dd>{r.reference ?? '—'}</dd>
              <dt>Framework</dt>
              <dd>
                {r.framework} <span className="muted">(revision {r.frameworkRevision})</span>
              </dd>
              <dt>Installation</dt>
              <dd>{installationName(r.installationId)}</dd>
            </dl>
          </section>
          <section aria-labelledby="determination-heading">
            <h2 id="determination-heading">Determination</h2>
            <DeterminationCard determination={r.determination} />
          </section>
          <section className="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">Status history</h2>
            <ol className="history">
              <li>
                {dateTime(r.createdAt)} — submitted and determined:{' '}
                {r.determination.outcome.replace(/-/g, ' ')}
              </li>
              <ScreeningHistory body={screening.data} />
              {r.decision ? (
                <li>
                  {dateTime(r.decision.at)} — {r.decision.decision === 'approve' ? 'approved' : 'denied'}
                  {r.decision.conditions.length > 0
                    ? ` with conditions: ${r.decision.conditions.join('; ')}`
                    : ''}
                  {r.decision.note ? ` (${r.decision.note})` : ''}
                </li>
              ) : null}
            </ol>
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="screening-heading">
        <h2 id="screening-heading">Screening</h2>
        <ErrorMessage error={screening.error} />
        <ScreeningResults body={screening.data} />
      </section>
      {r ? <AuditTrail path={path} /> : null}
    </>
  );
}

/** What screening did to the request: the hold at submission, and each match decided since. */
function ScreeningHistory({ body }: { body: ScreeningBody | undefined }) {
  const s = body?.screening;
  if (!s) return null;
  const hits = s.parties.flatMap((p) => p.hits.map((h) => ({ party: p.name, ...h })));
  if (hits.length === 0) return null;
  return (
    <>
      <li>
        {dateTime(s.screenedAt)} — screened: {hits.length} potential match{hits.length === 1 ? '' : 'es'}
        {s.blocking > 0 ? ', held' : ''}
      </li>
      {hits
        .filter((h) => h.status !== 'open')
        .map((h) => (
          <li key={`${h.party}:${h.entityId}`}>
            {h.party} against {h.matchedName} ({h.source}):{' '}
            {h.status === 'cleared' ? 'cleared as a false positive' : 'confirmed as the listed entry'}
          </li>
        ))}
      {s.blocking === 0 && hits.some((h) => h.status !== 'open') ? <li>hold lifted</li> : null}
    </>
  );
}

function ScreeningResults({ body }: { body: ScreeningBody | undefined }) {
  if (!body) return null;
  const s = body.screening;
  if (!s) return <p className="muted">This request has not been screened.</p>;
  return (
    <>
      <p className="muted">
        List version {s.listVersion}, screened {dateTime(s.screenedAt)};{' '}
        {s.blocking > 0 ? `${s.blocking} hit(s) keep the request on hold` : 'nothing blocks the request'}.
      </p>
      <table aria-label="Screened parties">
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col">Role</th>
            <th scope="col">Result</th>
            <th scope="col">Hits</th>
          </tr>
        </thead>
        <tbody>
          {s.parties.map((p) => (
            <tr key={`${p.role}:${p.name}`}>
              <td>
                {p.name}
                {p.country ? <span className="muted"> ({p.country})</span> : null}
              </td>
              <td>{p.role}</td>
              <td>
                <StatusBadge status={p.decision} />
              </td>
              <td>
                {p.hits.length === 0 ? (
                  'none'
                ) : (
                  <ul className="plain">
                    {p.hits.map((h) => (
                      <li key={h.entityId}>
                        <StatusBadge status={h.status} /> {h.matchedName} — {h.source} (score{' '}
                        {h.score.toFixed(2)}): <span className="muted">{h.explanation}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

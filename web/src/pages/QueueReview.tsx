import { type FormEvent, useState } from 'react';
import {
  DeterminationCard,
  DeterminationsSideBySide,
  useLiveDeterminations,
} from '../components/Determination.js';
import { ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { type Loaded, useApiGet } from '../hooks.js';
import { dateTime, type RequestRecord, type ResponseOf } from '../records.js';
import { useSession } from '../session.js';
import { DownloadButton } from './downloads.js';
import './regulator.css';

/**
 * Reviewing one request in the queue (regulator): its determination and explanation, the same
 * request under every framework, the restricted-party screening with each hit's explanation and
 * the clear / confirm decision, then approval (with conditions) or denial with a note.
 */

type ScreeningBody = ResponseOf<'getRequestScreening'>;
type PartyScreening = NonNullable<ScreeningBody['screening']>['parties'][number];
type Hit = PartyScreening['hits'][number];

export function QueueReview({ id }: { id: string }) {
  const path = `/v1/requests/${encodeURIComponent(id)}`;
  const request = useApiGet<RequestRecord>(path);
  const screening = useApiGet<ScreeningBody>(`${path}/screening`);
  const r = request.data;
  const stored =
    r?.request && r.organizationName
      ? { organization: { name: r.organizationName }, request: r.request }
      : null;
  const reload = () => {
    request.reload();
    screening.reload();
  };

  return (
    <>
      <PageHeader title={`Review ${r?.reference ?? id}`}>
        <a href="#/queue">Back to the queue</a>
        <DownloadButton
          path={`${path}/evidence?format=html`}
          filename={`${id}-evidence.html`}
          label="Evidence bundle"
          open
        />
        <DownloadButton path={`${path}/snapr`} filename={`${id}-snapr.json`} label="SNAP-R data pack" />
      </PageHeader>
      <ErrorMessage error={request.error} />
      {request.loading && !r ? <Loading what="the request" /> : null}
      {r ? (
        <>
          <section className="panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">Request</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd data-testid="request-status">
                <StatusBadge status={r.status} />
              </dd>
              <dt>Exporter</dt>
              <dd>
                {stored ? `${stored.organization.name} ` : null}
                <code>{r.organizationId}</code>
              </dd>
              {stored ? <RequestFacts request={stored.request} /> : null}
              <dt>Framework</dt>
              <dd>
                {r.framework} <span className="muted">revision {r.frameworkRevision}</span>
              </dd>
              <dt>Submitted</dt>
              <dd>{dateTime(r.createdAt)}</dd>
              {r.decision ? (
                <>
                  <dt>Decision</dt>
                  <dd>
                    {r.decision.decision} on {dateTime(r.decision.at)}
                    {r.decision.conditions.length > 0
                      ? ` — conditions: ${r.decision.conditions.join('; ')}`
                      : ''}
                    {r.decision.note ? ` — “${r.decision.note}”` : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          </section>

          <section aria-labelledby="determination-heading">
            <h2 id="determination-heading">Determination under {r.framework}</h2>
            <DeterminationCard determination={r.determination} />
            {stored ? <OtherFrameworks request={stored.request} framework={r.framework} /> : null}
          </section>

          <ScreeningSection id={id} loaded={screening} onDecided={reload} />
          <DecisionSection
            record={r}
            openHits={
              screening.data?.screening?.parties.reduce(
                (n, p) => n + p.hits.filter((h) => h.status === 'open').length,
                0,
              ) ?? null
            }
            onDecided={reload}
          />
        </>
      ) : null}
    </>
  );
}

interface Party {
  name?: string;
  country?: string;
  role?: string;
}

/** What was asked: destination, items, end user and other parties, as the ledger stored it. */
function RequestFacts({ request }: { request: Record<string, unknown> }) {
  const items = (request['items'] as { chip?: string; quantity?: number }[] | undefined) ?? [];
  const endUser = request['endUser'] as Party | undefined;
  const parties = (request['parties'] as Party[] | undefined) ?? [];
  return (
    <>
      <dt>Destination</dt>
      <dd>{String(request['destination'] ?? '—')}</dd>
      <dt>Items</dt>
      <dd>
        {items.map((item) => `${item.quantity?.toLocaleString('en-US') ?? '?'} × ${item.chip}`).join('; ')}
      </dd>
      <dt>End user</dt>
      <dd>{endUser ? `${endUser.name ?? '—'} (${endUser.country ?? '—'})` : '—'}</dd>
      {parties.length > 0 ? (
        <>
          <dt>Other parties</dt>
          <dd>{parties.map((p) => `${p.name} (${p.role ?? 'party'}, ${p.country ?? '—'})`).join('; ')}</dd>
        </>
      ) : null}
    </>
  );
}

/** The same request under every framework (nothing stored): how the alternatives would treat it. */
function OtherFrameworks({ request, framework }: { request: unknown; framework: string }) {
  const live = useLiveDeterminations(request, 0);
  const others = live.determinations?.filter((d) => d.framework !== framework);
  return (
    <>
      <h3>Under the other frameworks</h3>
      <ErrorMessage error={live.error} />
      {others ? <DeterminationsSideBySide determinations={others} /> : <Loading what="determinations" />}
    </>
  );
}

function ScreeningSection({
  id,
  loaded,
  onDecided,
}: {
  id: string;
  loaded: Loaded<ScreeningBody>;
  onDecided(): void;
}) {
  const s = loaded.data?.screening;
  return (
    <section aria-labelledby="screening-heading" className="panel">
      <h2 id="screening-heading">Restricted-party screening</h2>
      <ErrorMessage error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading what="the screening" /> : null}
      {loaded.data && !s ? <p className="muted">This request has not been screened.</p> : null}
      {s ? (
        <>
          <p>
            List version <code>{s.listVersion}</code>, screened {dateTime(s.screenedAt)}:{' '}
            <strong>
              {s.blocking > 0
                ? `${s.blocking} hit(s) keep the request on hold`
                : 'nothing keeps the request on hold'}
            </strong>
            .
          </p>
          {s.parties.map((party) => (
            <article key={`${party.role}-${party.name}`} className="party">
              <h3>
                {party.name}{' '}
                <span className="muted">
                  ({party.role}
                  {party.country ? `, ${party.country}` : ''})
                </span>{' '}
                <StatusBadge status={party.decision} />
              </h3>
              {party.hits.length === 0 ? (
                <p className="muted">No potential match.</p>
              ) : (
                <ul className="hits">
                  {party.hits.map((hit) => (
                    <li key={hit.entityId}>
                      <p>
                        <strong>{hit.matchedName}</strong> on the {hit.source}{' '}
                        <span className="muted">
                          (entry <code>{hit.entityId}</code>, score {hit.score.toFixed(2)})
                        </span>{' '}
                        <StatusBadge status={hit.status} />
                      </p>
                      <p className="muted">{hit.explanation}</p>
                      {hit.licenseRequirement || hit.licensePolicy ? (
                        <p>
                          License requirement: {hit.licenseRequirement ?? '—'}; policy:{' '}
                          {hit.licensePolicy ?? '—'}
                          {hit.federalRegisterNotice ? ` (${hit.federalRegisterNotice})` : ''}
                        </p>
                      ) : null}
                      {hit.status === 'open' ? (
                        <ClearanceForm requestId={id} party={party.name} hit={hit} onDecided={onDecided} />
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </>
      ) : null}
    </section>
  );
}

function ClearanceForm({
  requestId,
  party,
  hit,
  onDecided,
}: {
  requestId: string;
  party: string;
  hit: Hit;
  onDecided(): void;
}) {
  const { api } = useSession();
  const [decision, setDecision] = useState<'false-positive' | 'confirmed'>('false-positive');
  const [note, setNote] = useState('');
  const [scope, setScope] = useState<'request' | 'party'>('request');
  const [reasonCode, setReasonCode] = useState('different-address');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const base = `clr-${hit.entityId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setError(new Error('note: give the reason for the decision.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api(`/v1/requests/${encodeURIComponent(requestId)}/clearances`, {
        body: {
          party,
          entityId: hit.entityId,
          decision,
          note: note.trim(),
          scope,
          reasonCode:
            decision === 'confirmed' && reasonCode.startsWith('different-') ? 'confirmed-match' : reasonCode,
        },
      });
      onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="clearance-form" aria-label={`Decide the match on ${hit.matchedName}`}>
      <fieldset>
        <legend>Is “{party}” this listed entry?</legend>
        <label className="inline">
          <input
            type="radio"
            name={`${base}-decision`}
            value="false-positive"
            checked={decision === 'false-positive'}
            onChange={() => setDecision('false-positive')}
          />
          No: a false positive (clear it)
        </label>{' '}
        <label className="inline">
          <input
            type="radio"
            name={`${base}-decision`}
            value="confirmed"
            checked={decision === 'confirmed'}
            onChange={() => setDecision('confirmed')}
          />
          Yes: confirm the match
        </label>
      </fieldset>
      <div className="form-grid">
        <div>
          <label htmlFor={`${base}-note`}>Reason</label>
          <textarea id={`${base}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        </div>
        <div>
          <label htmlFor={`${base}-reason`}>Reason code</label>
          <select id={`${base}-reason`} value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            <option value="different-name">different name</option>
            <option value="different-country">different country</option>
            <option value="different-address">different address</option>
            <option value="different-identifiers">different identifiers</option>
            <option value="different-entity-type">different entity type</option>
            <option value="confirmed-match">confirmed match</option>
            <option value="other">other (see the reason)</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${base}-scope`}>Applies to</label>
          <select
            id={`${base}-scope`}
            value={scope}
            onChange={(e) => setScope(e.target.value as typeof scope)}
          >
            <option value="request">this request only</option>
            <option value="party">this party on every request of the exporter</option>
          </select>
        </div>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Recording…' : 'Record the decision'}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

function DecisionSection({
  record,
  openHits,
  onDecided,
}: {
  record: RequestRecord;
  /** Screening hits still undecided (null: the screening is not loaded). */
  openHits: number | null;
  onDecided(): void;
}) {
  const { api } = useSession();
  const [decision, setDecision] = useState<'approve' | 'deny'>('approve');
  const [conditions, setConditions] = useState('');
  const [note, setNote] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ status: string; licenseId: string | null }>();

  if (record.status === 'held') {
    return (
      <section className="panel" aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        <p>
          {openHits === 0
            ? 'A confirmed match on a list that prohibits the export outright keeps this request on hold: it cannot be approved or denied here.'
            : 'Decide the open screening hits first: a request on hold cannot be approved or denied.'}
        </p>
      </section>
    );
  }
  if (record.status !== 'determined' && !result) return null;
  if (record.determination.outcome !== 'license-required') {
    return (
      <section className="panel" aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        <p>
          This request needs no license ({record.determination.outcome.replace(/-/g, ' ')}): there is nothing
          to decide.
        </p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const list = conditions
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      const body = await api<{ status: string; licenseId: string | null }>(
        `/v1/requests/${encodeURIComponent(record.id)}/decision`,
        {
          body: {
            decision,
            ...(decision === 'approve' && list.length > 0 ? { conditions: list } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(decision === 'approve' && validUntil ? { validUntil } : {}),
          },
        },
      );
      setResult(body);
      onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">Decision</h2>
      {result ? (
        <p role="status" data-testid="decision-result">
          Recorded: <StatusBadge status={result.status} />
          {result.licenseId ? (
            <>
              {' '}
              — license <a href={`#/licenses/${encodeURIComponent(result.licenseId)}`}>{result.licenseId}</a>
            </>
          ) : null}
        </p>
      ) : (
        <form onSubmit={submit} aria-label="Decide the request">
          <fieldset>
            <legend>Decision</legend>
            <label className="inline">
              <input
                type="radio"
                name="decision"
                value="approve"
                checked={decision === 'approve'}
                onChange={() => setDecision('approve')}
              />
              Approve (issues a license)
            </label>{' '}
            <label className="inline">
              <input
                type="radio"
                name="decision"
                value="deny"
                checked={decision === 'deny'}
                onChange={() => setDecision('deny')}
              />
              Deny
            </label>
          </fieldset>
          <div className="form-grid">
            <div>
              <label htmlFor="decision-conditions">Conditions (one per line)</label>
              <textarea
                id="decision-conditions"
                rows={3}
                value={conditions}
                onChange={(e) => setConditions(e.target.value)}
                disabled={decision === 'deny'}
              />
            </div>
            <div>
              <label htmlFor="decision-note">Note</label>
              <textarea id="decision-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div>
              <label htmlFor="decision-valid-until">Valid until (default: four years)</label>
              <input
                id="decision-valid-until"
                type="date"
                value={validUntil}
                onChange={(e) => setValidUntil(e.target.value)}
                disabled={decision === 'deny'}
              />
            </div>
          </div>
          <button type="submit" disabled={busy}>
            {busy ? 'Recording…' : decision === 'approve' ? 'Approve' : 'Deny'}
          </button>
          <ErrorMessage error={error} />
        </form>
      )}
    </section>
  );
}

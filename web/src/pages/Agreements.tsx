import { type FormEvent, useState } from 'react';
import { DepletionBar, ErrorMessage, Loading, PageHeader, StatusBadge } from '../components.js';
import { useApiGet } from '../hooks.js';
import { useSession } from '../session.js';
import { countryName } from './allocation-data.js';
import './regulator.css';

/**
 * Government-to-government agreements (regulator: all; host government: its own): the
 * assurances given, the security guarantee, U.S. investment committed against what has been
 * disbursed, and the cap. A host government records a new agreement, and disbursements.
 */

interface Agreement {
  id: string;
  country: string;
  framework: string;
  createdBy: string;
  assurances: Record<string, boolean>;
  usInvestment: { committedUsd: number; disbursedUsd: number };
  capTpp: number | null;
  status: string;
  note: string;
}

interface Framework {
  id: string;
  title: string;
}

const ASSURANCES: Record<string, string> = {
  g2gAgreement: 'Government-to-government agreement',
  g2gAssurances: 'Government assurances',
  siteVisitsAccepted: 'Site visits by U.S. officials accepted',
  securityGuarantee: 'Security guarantee',
};

export const usd = (n: number) =>
  n >= 1e9
    ? `$${(n / 1e9).toLocaleString('en-US', { maximumFractionDigits: 1 })} billion`
    : `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

export function Agreements() {
  const { me } = useSession();
  const list = useApiGet<{ agreements: Agreement[] }>('/v1/agreements');
  const frameworks = useApiGet<{ frameworks: Framework[] }>('/v1/frameworks');
  const titleOf = (id: string) => frameworks.data?.frameworks.find((f) => f.id === id)?.title ?? id;
  const agreements = [...(list.data?.agreements ?? [])].sort(
    (a, b) => a.country.localeCompare(b.country) || a.framework.localeCompare(b.framework),
  );
  const canCreate = me.role === 'host-government' || me.role === 'regulator';

  return (
    <>
      <PageHeader title="Agreements" />
      <p className="muted">
        Determinations for a country take its assurances, security guarantee, U.S. investment commitment and
        cap from the agreement on record for the framework.
      </p>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? <Loading what="agreements" /> : null}
      {list.data && agreements.length === 0 ? <p className="muted">No agreement on record.</p> : null}
      <div className="agreement-list">
        {agreements.map((a) => (
          <article key={a.id} className="panel" aria-labelledby={`agr-${a.id}`} data-testid="agreement">
            <h2 id={`agr-${a.id}`}>
              {countryName(a.country)} <span className="muted">— {titleOf(a.framework)}</span>{' '}
              <StatusBadge status={a.status} />
            </h2>
            <dl className="facts">
              <dt>Assurances</dt>
              <dd>
                <ul className="plain">
                  {Object.entries(ASSURANCES).map(([key, label]) => (
                    <li key={key}>
                      {a.assurances[key] ? '✓' : '✗'} {label}
                      <span className="visually-hidden">: {a.assurances[key] ? 'yes' : 'no'}</span>
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>U.S. investment</dt>
              <dd className="bar-pair">
                <DepletionBar
                  used={a.usInvestment.disbursedUsd}
                  limit={a.usInvestment.committedUsd}
                  label={`${countryName(a.country)}, ${a.framework}: investment disbursed of committed (USD)`}
                />
                <span>
                  {usd(a.usInvestment.disbursedUsd)} disbursed of {usd(a.usInvestment.committedUsd)} committed
                </span>
              </dd>
              <dt>Cap</dt>
              <dd>
                {a.capTpp === null ? 'none in the agreement' : `${a.capTpp.toLocaleString('en-US')} TPP`}
              </dd>
              {a.note ? (
                <>
                  <dt>Note</dt>
                  <dd>{a.note}</dd>
                </>
              ) : null}
            </dl>
            {canCreate ? <DisbursementForm agreement={a} onDone={list.reload} /> : null}
          </article>
        ))}
      </div>
      {canCreate ? (
        <AgreementForm
          frameworks={frameworks.data?.frameworks ?? []}
          country={me.role === 'host-government' ? (me.country ?? '') : ''}
          onDone={list.reload}
        />
      ) : null}
    </>
  );
}

function DisbursementForm({ agreement, onDone }: { agreement: Agreement; onDone(): void }) {
  const { api } = useSession();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const base = `disb-${agreement.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const billions = Number(amount);
    if (!amount.trim() || !Number.isFinite(billions) || billions <= 0) {
      setError(new Error('amount: enter a positive amount in USD billions.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api(`/v1/agreements/${encodeURIComponent(agreement.id)}/disbursements`, {
        body: { amountUsd: Math.round(billions * 1e9), date },
      });
      setAmount('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details>
      <summary>Record a disbursement</summary>
      <form onSubmit={submit} className="filters" aria-label={`Record a disbursement for ${agreement.id}`}>
        <div>
          <label htmlFor={`${base}-amount`}>Amount (USD billions)</label>
          <input
            id={`${base}-amount`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${base}-date`}>Date</label>
          <input id={`${base}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>
          Record
        </button>
        <ErrorMessage error={error} />
      </form>
    </details>
  );
}

function AgreementForm({
  frameworks,
  country: initialCountry,
  onDone,
}: {
  frameworks: Framework[];
  country: string;
  onDone(): void;
}) {
  const { api } = useSession();
  const [country, setCountry] = useState(initialCountry);
  const [framework, setFramework] = useState('');
  const [flags, setFlags] = useState({
    g2gAssurances: true,
    siteVisitsAccepted: false,
    securityGuarantee: false,
  });
  const [investment, setInvestment] = useState('');
  const [cap, setCap] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string>();
  const chosenFramework = framework || frameworks[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const billions = investment.trim() ? Number(investment) : 0;
    if (!Number.isFinite(billions) || billions < 0) {
      setError(new Error('investment: enter a non-negative amount in USD billions.'));
      return;
    }
    const capTpp = cap.trim() ? Number(cap.replace(/[,\s]/g, '')) : null;
    if (capTpp !== null && (!Number.isInteger(capTpp) || capTpp <= 0)) {
      setError(new Error('cap: enter a positive whole number of TPP, or leave it empty.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const body = await api<Agreement>('/v1/agreements', {
        body: {
          country: country.trim(),
          framework: chosenFramework,
          ...flags,
          usInvestmentCommittedUsd: Math.round(billions * 1e9),
          capTpp,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      setCreated(body.id);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="new-agreement-heading">
      <h2 id="new-agreement-heading">Record an agreement</h2>
      <form onSubmit={submit}>
        <div className="form-grid">
          <div>
            <label htmlFor="agr-country">Country (ISO code or name)</label>
            <input id="agr-country" value={country} onChange={(e) => setCountry(e.target.value)} />
          </div>
          <div>
            <label htmlFor="agr-framework">Framework</label>
            <select id="agr-framework" value={chosenFramework} onChange={(e) => setFramework(e.target.value)}>
              {frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="agr-investment">U.S. investment committed (USD billions)</label>
            <input
              id="agr-investment"
              inputMode="decimal"
              value={investment}
              onChange={(e) => setInvestment(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="agr-cap">Cap (TPP, optional)</label>
            <input id="agr-cap" inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} />
          </div>
        </div>
        <fieldset>
          <legend>Assurances</legend>
          {(['g2gAssurances', 'siteVisitsAccepted', 'securityGuarantee'] as const).map((key) => (
            <label key={key} className="inline">
              <input
                type="checkbox"
                checked={flags[key]}
                onChange={(e) => setFlags((f) => ({ ...f, [key]: e.target.checked }))}
              />
              {ASSURANCES[key]}
            </label>
          ))}
        </fieldset>
        <div className="form-grid">
          <div>
            <label htmlFor="agr-note">Note</label>
            <textarea id="agr-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Recording…' : 'Record the agreement'}
        </button>
        <ErrorMessage error={error} />
        {created ? (
          <p role="status">
            Recorded agreement <code>{created}</code>.
          </p>
        ) : null}
      </form>
    </section>
  );
}

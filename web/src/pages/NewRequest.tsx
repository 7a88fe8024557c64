import { type FormEvent, useMemo, useState } from 'react';
import {
  DeterminationsSideBySide,
  ENFORCED_FRAMEWORK,
  useLiveDeterminations,
} from '../components/Determination.js';
import { ErrorMessage, Loading, PageHeader } from '../components.js';
import { navigate, useApiGet } from '../hooks.js';
import type { Installation } from '../records.js';
import { useSession } from '../session.js';

interface CatalogChip {
  id: string;
  vendor: string;
  name: string;
  tpp: number;
  classification: { class: string; eccn: string | null };
}
interface CatalogCountry {
  code: string;
  name: string;
  tier: number | null;
}
interface Framework {
  id: string;
  title: string;
}

const PARTY_ROLES = ['purchaser', 'intermediate-consignee', 'ultimate-consignee', 'end-user'] as const;
interface Party {
  role: (typeof PARTY_ROLES)[number];
  name: string;
  country: string;
}

const today = () => new Date().toISOString().slice(0, 10);

interface ItemRow {
  chip: string;
  quantity: string;
  unitPrice: string;
}

/** An item of the request, or null while the row is incomplete. */
function itemJson(row: ItemRow) {
  const quantity = Number(row.quantity);
  if (!row.chip || !Number.isInteger(quantity) || quantity <= 0) return null;
  const price = Number(row.unitPrice);
  return {
    chip: row.chip,
    quantity,
    ...(row.unitPrice !== '' && Number.isFinite(price) && price >= 0 ? { unitPriceUsd: price } : {}),
  };
}

/**
 * The export request form: as it changes, the request is determined under every framework
 * (debounced, nothing stored); submitting records it under the chosen framework.
 */
export function NewRequest() {
  const { api } = useSession();
  const chips = useApiGet<{ chips: CatalogChip[] }>('/v1/catalog/chips');
  const countries = useApiGet<{ countries: CatalogCountry[] }>('/v1/catalog/countries');
  const frameworks = useApiGet<{ frameworks: Framework[] }>('/v1/frameworks');
  const installations = useApiGet<{ installations: Installation[] }>('/v1/installations');

  const [reference, setReference] = useState('');
  const [date, setDate] = useState(today);
  const [items, setItems] = useState<ItemRow[]>([{ chip: '', quantity: '', unitPrice: '' }]);
  const [destination, setDestination] = useState('');
  const [endUserName, setEndUserName] = useState('');
  const [endUserCountry, setEndUserCountry] = useState('');
  const [headquarters, setHeadquarters] = useState('');
  const [parties, setParties] = useState<Party[]>([]);
  const [installationId, setInstallationId] = useState('');
  const [framework, setFramework] = useState('');
  const [submitError, setSubmitError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);

  const request = useMemo(() => {
    const built = items.map(itemJson);
    if (built.some((item) => item === null) || !destination || !endUserName.trim()) return null;
    return {
      ...(reference.trim() ? { id: reference.trim() } : {}),
      date,
      destination,
      items: built,
      endUser: {
        name: endUserName.trim(),
        country: endUserCountry || destination,
        ...(headquarters ? { headquarters } : {}),
      },
      parties: parties
        .filter((p) => p.name.trim())
        .map((p) => ({ role: p.role, name: p.name.trim(), ...(p.country ? { country: p.country } : {}) })),
    };
  }, [reference, date, items, destination, endUserName, endUserCountry, headquarters, parties]);

  const live = useLiveDeterminations(request);
  // The enforced law by default (as the API's default), else the first registered framework.
  const chosenFramework =
    framework ||
    frameworks.data?.frameworks.find((f) => f.id === ENFORCED_FRAMEWORK)?.id ||
    frameworks.data?.frameworks[0]?.id ||
    '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitError(undefined);
    if (!request) {
      setSubmitError(new Error('Choose a chip, a quantity, a destination and name the end user first.'));
      return;
    }
    setSubmitting(true);
    try {
      const created = await api<{ id: string }>('/v1/requests', {
        body: { framework: chosenFramework, request, ...(installationId ? { installationId } : {}) },
      });
      navigate(`/requests/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setSubmitError(e);
      setSubmitting(false);
    }
  };

  const countryOptions = (countries.data?.countries ?? []).map((c) => (
    <option key={c.code} value={c.code}>
      {c.name} ({c.code}
      {c.tier ? `, tier ${c.tier}` : ''})
    </option>
  ));
  const vendors = [...new Set((chips.data?.chips ?? []).map((c) => c.vendor))];

  return (
    <>
      <PageHeader title="New export request" />
      <ErrorMessage error={chips.error ?? countries.error ?? frameworks.error} />
      <form onSubmit={(e) => void submit(e)} aria-label="Export request" className="panel">
        <fieldset>
          <legend>Items</legend>
          {items.map((item, index) => {
            const update = (change: Partial<ItemRow>) =>
              setItems(items.map((it, i) => (i === index ? { ...it, ...change } : it)));
            const suffix = index === 0 ? '' : ` (item ${index + 1})`;
            const id = index === 0 ? '' : `-${index + 1}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
              <div className="form-grid item-row" key={index}>
                <div>
                  <label htmlFor={`chip${id}`}>Chip{suffix}</label>
                  <select
                    id={`chip${id}`}
                    value={item.chip}
                    onChange={(e) => update({ chip: e.target.value })}
                    required
                  >
                    <option value="">choose a chip…</option>
                    {vendors.map((vendor) => (
                      <optgroup key={vendor} label={vendor}>
                        {(chips.data?.chips ?? [])
                          .filter((c) => c.vendor === vendor)
                          .map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.name} ({c.tpp.toLocaleString('en-US')} TPP,{' '}
                              {c.classification.eccn ?? c.classification.class})
                            </option>
                          ))}
                      </optgroup>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`quantity${id}`}>Quantity{suffix}</label>
                  <input
                    id={`quantity${id}`}
                    type="number"
                    min={1}
                    step={1}
                    inputMode="numeric"
                    value={item.quantity}
                    onChange={(e) => update({ quantity: e.target.value })}
                    required
                  />
                </div>
                <div>
                  <label htmlFor={`unit-price${id}`}>Unit price (USD, optional){suffix}</label>
                  <input
                    id={`unit-price${id}`}
                    type="number"
                    min={0}
                    value={item.unitPrice}
                    onChange={(e) => update({ unitPrice: e.target.value })}
                  />
                </div>
                {index > 0 ? (
                  <div className="row-action">
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setItems(items.filter((_, i) => i !== index))}
                      aria-label={`Remove item ${index + 1}`}
                    >
                      Remove
                    </button>
                  </div>
                ) : null}
              </div>
            );
          })}
          <button
            type="button"
            className="secondary"
            onClick={() => setItems([...items, { chip: '', quantity: '', unitPrice: '' }])}
          >
            Add an item
          </button>
        </fieldset>
        <fieldset>
          <legend>Destination and end user</legend>
          <div className="form-grid">
            <div>
              <label htmlFor="destination">Destination</label>
              <select
                id="destination"
                value={destination}
                onChange={(e) => setDestination(e.target.value)}
                required
              >
                <option value="">choose a country…</option>
                {countryOptions}
              </select>
            </div>
            <div>
              <label htmlFor="end-user">End user</label>
              <input
                id="end-user"
                value={endUserName}
                onChange={(e) => setEndUserName(e.target.value)}
                required
              />
            </div>
            <div>
              <label htmlFor="end-user-country">End user's country</label>
              <select
                id="end-user-country"
                value={endUserCountry}
                onChange={(e) => setEndUserCountry(e.target.value)}
              >
                <option value="">the destination</option>
                {countryOptions}
              </select>
            </div>
            <div>
              <label htmlFor="headquarters">Headquarters</label>
              <select
                id="headquarters"
                value={headquarters}
                onChange={(e) => setHeadquarters(e.target.value)}
              >
                <option value="">not given</option>
                {countryOptions}
              </select>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>Other parties</legend>
          {parties.map((party, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
            <div className="form-grid party-row" key={index}>
              <div>
                <label htmlFor={`party-${index}-role`}>Role</label>
                <select
                  id={`party-${index}-role`}
                  value={party.role}
                  onChange={(e) =>
                    setParties(
                      parties.map((p, i) =>
                        i === index ? { ...p, role: e.target.value as Party['role'] } : p,
                      ),
                    )
                  }
                >
                  {PARTY_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r.replace(/-/g, ' ')}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`party-${index}-name`}>Name</label>
                <input
                  id={`party-${index}-name`}
                  value={party.name}
                  onChange={(e) =>
                    setParties(parties.map((p, i) => (i === index ? { ...p, name: e.target.value } : p)))
                  }
                />
              </div>
              <div>
                <label htmlFor={`party-${index}-country`}>Country</label>
                <select
                  id={`party-${index}-country`}
                  value={party.country}
                  onChange={(e) =>
                    setParties(parties.map((p, i) => (i === index ? { ...p, country: e.target.value } : p)))
                  }
                >
                  <option value="">not given</option>
                  {countryOptions}
                </select>
              </div>
              <div className="row-action">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setParties(parties.filter((_, i) => i !== index))}
                  aria-label={`Remove party ${index + 1}`}
                >
                  Remove
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => setParties([...parties, { role: 'purchaser', name: '', country: '' }])}
          >
            Add a party
          </button>
        </fieldset>
        <fieldset>
          <legend>Installation, date and framework</legend>
          <div className="form-grid">
            <div>
              <label htmlFor="installation">Installation</label>
              <select
                id="installation"
                value={installationId}
                onChange={(e) => setInstallationId(e.target.value)}
              >
                <option value="">none</option>
                {(installations.data?.installations ?? []).map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name} ({i.country})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="date">Date</label>
              <input id="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            </div>
            <div>
              <label htmlFor="reference">Your reference (optional)</label>
              <input id="reference" value={reference} onChange={(e) => setReference(e.target.value)} />
            </div>
            <div>
              <label htmlFor="framework">Submit under</label>
              <select id="framework" value={chosenFramework} onChange={(e) => setFramework(e.target.value)}>
                {(frameworks.data?.frameworks ?? []).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.id === ENFORCED_FRAMEWORK ? `${f.title} (the enforced law)` : `${f.title} (what-if)`}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
        <p>
          <button type="submit" disabled={submitting}>
            {submitting ? 'Submitting…' : 'Submit request'}
          </button>
        </p>
        <ErrorMessage error={submitError} />
      </form>
      <section aria-labelledby="live-heading" aria-busy={live.pending}>
        <h2 id="live-heading">Determinations under every framework</h2>
        {request === null ? (
          <p className="muted">Choose a chip, a quantity and a destination, and name the end user.</p>
        ) : null}
        <ErrorMessage error={live.error} />
        {request && !live.determinations && live.pending ? <Loading what="determinations" /> : null}
        {live.determinations && request ? (
          <DeterminationsSideBySide determinations={live.determinations} />
        ) : null}
      </section>
    </>
  );
}

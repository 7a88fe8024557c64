import { Suspense, useEffect, useMemo, useState } from 'react';
import { MapLegend, WorldMap } from '../components/LazyMap.js';
import { DepletionBar, ErrorMessage, Loading, PageHeader } from '../components.js';
import { useApiGet } from '../hooks.js';
import { useSession } from '../session.js';
import {
  type Allocations as AllocationData,
  allocationColor,
  allocationLabel,
  isTier1,
  isTier3,
  loadAllocations,
  NO_CAP_COLOR,
  SHARE_BANDS,
  TIER1_COLOR,
  TIER3_COLOR,
} from './allocation-data.js';
import './regulator.css';

interface Framework {
  id: string;
  title: string;
}

/**
 * Country allocations (regulator, host government): a world map coloured by the share of each
 * country's TPP cap already used under the chosen framework, and the same numbers in a table.
 */
export function Allocations() {
  const { api } = useSession();
  const frameworks = useApiGet<{ frameworks: Framework[] }>('/v1/frameworks');
  const [framework, setFramework] = useState('us-ai-diffusion-2025');
  const [data, setData] = useState<AllocationData>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    setData(undefined);
    setError(undefined);
    loadAllocations(api, framework, controller.signal).then(setData, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [api, framework]);

  const [showAll, setShowAll] = useState(false);
  // On the map: every country with a cap, with use, or in Tier 1 or 3. In the table: those with use
  // first; the rest on request (a hundred-odd rows of zeros otherwise).
  const mapped = useMemo(
    () =>
      (data?.countries ?? [])
        .filter((c) => c.capTpp !== null || c.usedTpp > 0 || c.licensedTpp > 0 || isTier3(c) || isTier1(c))
        .sort(
          (a, b) =>
            (b.capTpp ? b.usedTpp / b.capTpp : -1) - (a.capTpp ? a.usedTpp / a.capTpp : -1) ||
            b.usedTpp - a.usedTpp,
        ),
    [data],
  );
  const used = mapped.filter((c) => c.usedTpp > 0 || c.licensedTpp > 0);
  const rows = showAll ? mapped : used;
  const mapCountries = useMemo(
    () => mapped.map((c) => ({ code: c.country, fill: allocationColor(c), label: allocationLabel(c) })),
    [mapped],
  );
  const title = frameworks.data?.frameworks.find((f) => f.id === framework)?.title ?? framework;

  return (
    <>
      <PageHeader title="Country allocations" />
      <div className="filters">
        <div>
          <label htmlFor="alloc-framework">Framework</label>
          <select id="alloc-framework" value={framework} onChange={(e) => setFramework(e.target.value)}>
            {(frameworks.data?.frameworks ?? [{ id: framework, title: framework }]).map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={frameworks.error ?? error} />
      {!data && !error ? <Loading what="allocations" /> : null}
      {data ? (
        <>
          <Suspense fallback={<Loading what="the map" />}>
            <WorldMap title={`TPP used against each country's cap under ${title}`} countries={mapCountries} />
            <MapLegend
              title="Share of the country's cap used"
              entries={[
                ...SHARE_BANDS.map((b) => ({ color: b.color, label: b.label })),
                { color: NO_CAP_COLOR, label: 'no cap' },
                { color: TIER1_COLOR, label: 'Tier 1: no cap' },
                { color: TIER3_COLOR, label: 'Tier 3: no allocation' },
                { color: '#e5e7eb', label: 'no cap and no use recorded' },
              ]}
            />
          </Suspense>
          <section aria-labelledby="alloc-table-heading">
            <h2 id="alloc-table-heading">Allocations under {title}</h2>
            <label className="inline">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
              Also list the {mapped.length - used.length} countries with a cap, in Tier 1 or in Tier 3, but no
              use recorded
            </label>
            {rows.length === 0 ? (
              <p className="muted">No country has recorded use under this framework.</p>
            ) : (
              <div className="table-wrap">
                <table data-testid="allocations-table">
                  <thead>
                    <tr>
                      <th scope="col">Country</th>
                      <th scope="col">Tier</th>
                      <th scope="col" className="num">
                        Cap (TPP)
                      </th>
                      <th scope="col" className="num">
                        Used (TPP)
                      </th>
                      <th scope="col" className="num">
                        Licensed (TPP)
                      </th>
                      <th scope="col">Share used</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((c) => (
                      <tr key={c.country}>
                        <th scope="row">
                          {c.name} <span className="muted">{c.country}</span>
                        </th>
                        <td>{c.tier ?? '—'}</td>
                        <td className="num">
                          {c.capTpp === null ? 'no cap' : c.capTpp.toLocaleString('en-US')}
                        </td>
                        <td className="num">{c.usedTpp.toLocaleString('en-US')}</td>
                        <td className="num">{c.licensedTpp.toLocaleString('en-US')}</td>
                        <td>
                          {c.capTpp === null ? (
                            '—'
                          ) : (
                            <DepletionBar used={c.usedTpp} limit={c.capTpp} label={`${c.name}: cap used`} />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted">
              {data.asOf ? `As of ${data.asOf}. ` : ''}
              {data.source === 'quota pools'
                ? 'From the country-allocation quota pools (countries with a cap).'
                : 'Used: TPP shipped; licensed: TPP authorized by licenses and exceptions.'}
            </p>
          </section>
        </>
      ) : null}
    </>
  );
}

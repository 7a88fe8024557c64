import { type FormEvent, useState } from 'react';
import { DepletionBar, ErrorMessage, Loading, PageHeader } from '../components.js';
import { useApiGet } from '../hooks.js';
import { Pager, usePagedList } from '../paging.js';
import type { Installation, LicenseRecord, ShipmentRecord } from '../records.js';
import { useSession } from '../session.js';
import { DownloadButton } from './downloads.js';
import { ShipmentTable } from './LicenseDetail.js';

/**
 * Shipments, and (exporters) recording one against a license: the ledger draws the license
 * and its quota pools down in one transaction, and refuses (409) what would exceed them.
 */
export function Shipments({ id: preselected }: { id?: string }) {
  const { me } = useSession();
  const paged = usePagedList<'shipments', ShipmentRecord>('/v1/shipments', {});
  return (
    <>
      <PageHeader title="Shipments">
        <DownloadButton path="/v1/exports/shipments.csv" filename="shipments.csv" label="Export CSV" />
      </PageHeader>
      {me.role === 'exporter' ? <RecordShipment preselected={preselected} onRecorded={paged.reload} /> : null}
      <section className="panel" aria-labelledby="shipments-heading">
        <h2 id="shipments-heading">Recorded shipments</h2>
        <ErrorMessage error={paged.error} />
        {paged.loading && !paged.data ? <Loading what="shipments" /> : null}
        {paged.data ? (
          <>
            <ShipmentTable shipments={paged.data.shipments} />
            <Pager paged={paged} shown={paged.data.shipments.length} />
          </>
        ) : null}
      </section>
    </>
  );
}

function RecordShipment({ preselected, onRecorded }: { preselected?: string; onRecorded: () => void }) {
  const { api } = useSession();
  const licenses = useApiGet<{ licenses: LicenseRecord[] }>('/v1/licenses?limit=500');
  const installations = useApiGet<{ installations: Installation[] }>('/v1/installations');
  const [licenseId, setLicenseId] = useState(preselected ?? '');
  const [chips, setChips] = useState('');
  const [line, setLine] = useState('0');
  const [installationId, setInstallationId] = useState('');
  const [error, setError] = useState<unknown>();
  const [recorded, setRecorded] = useState<string>();
  const [busy, setBusy] = useState(false);

  const active = (licenses.data?.licenses ?? []).filter((l) => l.status === 'active');
  const license = active.find((l) => l.id === licenseId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setRecorded(undefined);
    const count = Number(chips);
    if (!license) return setError(new Error('license: choose a license'));
    if (!Number.isInteger(count) || count <= 0)
      return setError(new Error('chips: must be a positive whole number'));
    setBusy(true);
    try {
      const shipment = await api<ShipmentRecord & { licenseStatus: string }>('/v1/shipments', {
        body: {
          licenseId: license.id,
          chips: count,
          line: Number(line),
          ...(installationId ? { installationId } : {}),
        },
      });
      setRecorded(
        `Recorded ${shipment.id}: ${shipment.chips.toLocaleString('en-US')} chips (${shipment.tpp.toLocaleString('en-US')} TPP); the license is ${shipment.licenseStatus}.`,
      );
      setChips('');
      licenses.reload();
      onRecorded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="record-heading">
      <h2 id="record-heading">Record a shipment</h2>
      <ErrorMessage error={licenses.error} />
      <form onSubmit={(e) => void submit(e)} aria-labelledby="record-heading">
        <div className="form-grid">
          <div>
            <label htmlFor="shipment-license">License</label>
            <select
              id="shipment-license"
              value={licenseId}
              onChange={(e) => {
                setLicenseId(e.target.value);
                setLine('0');
              }}
            >
              <option value="">choose…</option>
              {active.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.id} — {l.framework} ({(l.limits.chips - l.used.chips).toLocaleString('en-US')} chips
                  left)
                </option>
              ))}
            </select>
          </div>
          {license && license.lines.length > 1 ? (
            <div>
              <label htmlFor="shipment-line">Line</label>
              <select id="shipment-line" value={line} onChange={(e) => setLine(e.target.value)}>
                {license.lines.map((l) => (
                  <option key={l.index} value={l.index}>
                    {l.index}: {l.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor="shipment-chips">Chips</label>
            <input
              id="shipment-chips"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={chips}
              onChange={(e) => setChips(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="shipment-installation">Installation</label>
            <select
              id="shipment-installation"
              value={installationId}
              onChange={(e) => setInstallationId(e.target.value)}
            >
              <option value="">none given</option>
              {(installations.data?.installations ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} ({i.country})
                </option>
              ))}
            </select>
          </div>
        </div>
        {license ? (
          <div className="license-depletion">
            <span>Chips shipped</span>
            <DepletionBar
              used={license.used.chips}
              limit={license.limits.chips}
              label="Chips shipped on this license"
            />
            <span>TPP shipped</span>
            <DepletionBar
              used={license.used.tpp}
              limit={license.limits.tpp}
              label="TPP shipped on this license"
            />
          </div>
        ) : null}
        <p>
          <button type="submit" disabled={busy}>
            {busy ? 'Recording…' : 'Record shipment'}
          </button>
        </p>
        <ErrorMessage error={error} />
        {recorded ? (
          <p role="status" className="ok">
            {recorded}
          </p>
        ) : null}
      </form>
    </section>
  );
}

import { type ChangeEvent, useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { download, ErrorMessage, formatNumber, PageHeader } from '../components.js';
import { useSession } from '../session.js';

/** The portfolio-comparison job (POST /v1/portfolios/comparisons, polled at GET /v1/jobs/:id). */
interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: { done: number; total: number; phase: string };
  result: ComparisonResult | null;
  error: { code: string; message: string; path: (string | number)[] } | null;
}

interface ComparisonResult {
  /** The enforced law: the column every what-if is compared with. */
  baseline: string;
  frameworks: string[];
  byCountry: {
    country: string;
    name: string;
    byFramework: Record<
      string,
      {
        h100eRequested: number;
        h100eWithoutLicense: number;
        licensesNeeded: number;
        conditions: string[];
        changedFromBaseline: number;
      }
    >;
  }[];
}

const POLL_MS = 400;
/** One colour per framework, distinguishable in print and for common colour-vision deficiencies. */
const COLOURS = ['#1f5fbf', '#d55e00', '#009e73', '#cc79a7', '#e69f00'];

/**
 * The analyst's page: a portfolio of planned exports (CSV) compared under every framework —
 * per country, the H100e that could ship without a license, the licenses needed and the
 * conditions — as a chart and a table, exported as CSV.
 */
export function Analysis() {
  const { api } = useSession();
  const [csv, setCsv] = useState('');
  const [source, setSource] = useState('');
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();

  const running = job?.status === 'running';
  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = setTimeout(() => {
      api<Job>(`/v1/jobs/${encodeURIComponent(job.id)}`).then(setJob, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setSource(file.name);
  };
  const loadExample = async () => {
    setError(undefined);
    try {
      setCsv(await api<string>('/v1/portfolios/template.csv', { text: true }));
      setSource('the example portfolio');
    } catch (e) {
      setError(e);
    }
  };
  const start = async () => {
    setError(undefined);
    setJob(undefined);
    try {
      setJob(await api<Job>('/v1/portfolios/comparisons', { body: { csv } }));
    } catch (e) {
      setError(e);
    }
  };
  const exportCsv = async () => {
    if (!job) return;
    try {
      download(
        'portfolio-comparison.csv',
        await api<string>(`/v1/jobs/${job.id}/result.csv`, { text: true }),
      );
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeader title="Portfolio analysis">
        {job?.status === 'done' ? (
          <button type="button" onClick={() => void exportCsv()}>
            Export CSV
          </button>
        ) : null}
      </PageHeader>
      <section className="panel" aria-labelledby="portfolio-heading">
        <h2 id="portfolio-heading">Portfolio</h2>
        <p className="muted">
          One planned export per line: destination, chip, quantity (the example shows every column).
        </p>
        <div className="form-grid">
          <div>
            <label htmlFor="portfolio-file">Portfolio CSV</label>
            <input id="portfolio-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />
          </div>
          <div className="row-action">
            <button type="button" className="secondary" onClick={() => void loadExample()}>
              Use example
            </button>
          </div>
        </div>
        <label htmlFor="portfolio-csv">CSV {source ? `(from ${source})` : ''}</label>
        <textarea
          id="portfolio-csv"
          rows={6}
          className="csv"
          value={csv}
          onChange={(e) => {
            setCsv(e.target.value);
            setSource('');
          }}
        />
        <p>
          <button type="button" onClick={() => void start()} disabled={!csv.trim() || running}>
            Compare frameworks
          </button>
        </p>
        <ErrorMessage error={error} />
      </section>
      {job ? (
        <section className="panel" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <label htmlFor="job-progress">
            {job.status === 'running'
              ? `${job.progress.phase}: ${job.progress.done} of ${job.progress.total}`
              : job.status === 'done'
                ? `Done: ${job.progress.done} of ${job.progress.total} lines`
                : 'Failed'}
          </label>
          <progress id="job-progress" value={job.progress.done} max={Math.max(1, job.progress.total)} />
          {job.error ? <ErrorMessage error={new Error(describeJobError(job.error))} /> : null}
        </section>
      ) : null}
      {job?.status === 'done' && job.result ? <Comparison result={job.result} /> : null}
    </>
  );
}

function describeJobError(error: NonNullable<Job['error']>): string {
  return error.path.length > 0 ? `${error.path.join('.')}: ${error.message}` : error.message;
}

function Comparison({ result }: { result: ComparisonResult }) {
  const data = result.byCountry.map((c) => ({
    name: c.name,
    ...Object.fromEntries(result.frameworks.map((fw) => [fw, c.byFramework[fw]?.h100eWithoutLicense ?? 0])),
  }));
  const whatIfs = result.frameworks.filter((fw) => fw !== result.baseline);
  const changes = result.byCountry.map((c) => ({
    name: c.name,
    ...Object.fromEntries(whatIfs.map((fw) => [fw, c.byFramework[fw]?.changedFromBaseline ?? 0])),
  }));
  return (
    <>
      <section className="panel" aria-labelledby="changes-heading">
        <h2 id="changes-heading">Requests answered differently from the enforced law, per country</h2>
        <figure className="chart" aria-describedby="changes-note" data-testid="changes-chart">
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={changes} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {whatIfs.map((fw, i) => (
                <Bar
                  key={fw}
                  dataKey={fw}
                  name={`${fw} (what-if)`}
                  fill={COLOURS[(i + 1) % COLOURS.length]}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
          <figcaption id="changes-note" className="muted">
            Bars: how many of the portfolio's requests to the country each what-if answers with another
            outcome than {result.baseline}, the export controls as BIS enforces them (the baseline). The table
            below gives the same counts.
          </figcaption>
        </figure>
      </section>
      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">H100e allowed without a license, per country</h2>
        <figure className="chart" aria-describedby="chart-note">
          <ResponsiveContainer width="100%" height={320}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis tickFormatter={(v: number) => formatNumber(v)} />
              <Tooltip formatter={(v) => formatNumber(Number(v))} />
              <Legend />
              {result.frameworks.map((fw, i) => (
                <Bar key={fw} dataKey={fw} name={fw} fill={COLOURS[i % COLOURS.length]} />
              ))}
            </BarChart>
          </ResponsiveContainer>
          <figcaption id="chart-note" className="muted">
            Bars: H100-equivalents of the portfolio each framework lets ship to the country without a license.
            The table below gives the same figures.
          </figcaption>
        </figure>
      </section>
      <section className="panel" aria-labelledby="table-heading">
        <h2 id="table-heading">Licenses needed and conditions</h2>
        <table aria-label="Comparison by country and framework">
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col">Framework</th>
              <th scope="col" className="num">
                H100e requested
              </th>
              <th scope="col" className="num">
                H100e without a license
              </th>
              <th scope="col" className="num">
                Licenses needed
              </th>
              <th scope="col" className="num">
                Outcomes unlike the law
              </th>
              <th scope="col">Conditions</th>
            </tr>
          </thead>
          <tbody>
            {result.byCountry.flatMap((c) =>
              result.frameworks.map((fw, i) => {
                const f = c.byFramework[fw];
                return (
                  <tr key={`${c.country}:${fw}`}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={result.frameworks.length}>
                        {c.name} ({c.country})
                      </th>
                    ) : null}
                    <td>
                      {fw === result.baseline ? `${fw} (the enforced law, baseline)` : `${fw} (what-if)`}
                    </td>
                    <td className="num">{formatNumber(f?.h100eRequested)}</td>
                    <td className="num">{formatNumber(f?.h100eWithoutLicense)}</td>
                    <td className="num">{formatNumber(f?.licensesNeeded)}</td>
                    <td className="num">
                      {fw === result.baseline ? '—' : formatNumber(f?.changedFromBaseline)}
                    </td>
                    <td>{f && f.conditions.length > 0 ? f.conditions.join('; ') : 'none'}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}

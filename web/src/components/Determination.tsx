import { useEffect, useRef, useState } from 'react';
import { StatusBadge } from '../components.js';
import { useSession } from '../session.js';
import './determination.css';
import type { components } from '../api-types.js';
import type { RequestRecord } from '../records.js';

/**
 * A determination as the API returns it (POST /v1/determinations, and the `determination` of a
 * stored request): spec/contracts.md, "Determination (JSON)"; generated from the OpenAPI document.
 */
export type DeterminationView = components['schemas']['Determination'] | RequestRecord['determination'];

/** The framework that is the law as BIS enforces it: shown first, the others as what-ifs. */
export const ENFORCED_FRAMEWORK = 'us-ear-enforced';

/** A citation with any seed file name replaced: determinations stored before `sources` may hold one. */
const readable = (text: string) =>
  text.replace(
    /\bseeds? \d{3}_[0-9a-f]{16}\.txt(?:,? (?:and )?\d{3}_[0-9a-f]{16}\.txt)*/g,
    'press report (see sources)',
  );

const words = (code: string | null) => (code ? code.replace(/-/g, ' ') : '—');

/** Whether the exporter needs a license from BIS before shipping. */
export function licenseRequired(d: Pick<DeterminationView, 'outcome'>): boolean {
  return d.outcome === 'license-required';
}

/** The CFR text's answer in words, e.g. "license exception LPP". */
function cfrTextWords(cfr: NonNullable<DeterminationView['cfrText']>): string {
  return [words(cfr.outcome), cfr.authorization, cfr.licensePolicy ? words(cfr.licensePolicy) : null]
    .filter(Boolean)
    .join(', ');
}

function cfrTextDiffers(d: DeterminationView): boolean {
  const cfr = d.cfrText;
  return (
    !!cfr &&
    (cfr.outcome !== d.outcome ||
      cfr.authorization !== d.authorization ||
      cfr.licensePolicy !== d.licensePolicy)
  );
}

function requirementState(satisfied: boolean | null): string {
  return satisfied === true ? 'met' : satisfied === false ? 'not met' : 'to be shown';
}

/** One framework's answer: outcome, license, policy, conditions, citations; explanation on demand. */
export function DeterminationCard({ determination: d }: { determination: DeterminationView }) {
  const headingId = `det-${d.framework}`;
  return (
    <article className="panel determination" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {d.frameworkTitle ?? d.framework}
        <span className="muted framework-id"> {d.framework}</span>
      </h3>
      <p className="muted framework-status">
        {words(d.frameworkStatus)} on {d.asOf}
        {d.framework === ENFORCED_FRAMEWORK ? (
          <strong className="enforced-label" data-testid="enforced-label">
            {' '}
            · the enforced law on {d.asOf}
          </strong>
        ) : (
          <span className="whatif-label"> · what-if</span>
        )}
      </p>
      <dl className="determination-facts">
        <dt>Outcome</dt>
        <dd>
          <StatusBadge status={d.outcome} />
          {d.authorization ? <span> {d.authorization}</span> : null}
          {!d.authorization && d.authorizations && d.authorizations.length > 1 ? (
            <span>
              {' '}
              {d.authorizations
                .map(
                  (a) =>
                    `${a.authorization} (item${a.items.length > 1 ? 's' : ''} ${a.items.map((i) => i + 1).join(', ')})`,
                )
                .join('; ')}
            </span>
          ) : null}
        </dd>
        <dt>License required</dt>
        <dd data-testid="license-required">{licenseRequired(d) ? 'yes' : 'no'}</dd>
        <dt>Policy</dt>
        <dd>{words(d.licensePolicy)}</dd>
        {d.cfrText !== undefined ? (
          <>
            <dt>The CFR text says</dt>
            <dd data-testid="cfr-text">
              {d.cfrText === null
                ? 'no answer (the Diffusion rule was not yet in the CFR)'
                : cfrTextWords(d.cfrText)}
              {cfrTextDiffers(d) ? <span className="muted"> (differs from the enforced answer)</span> : null}
            </dd>
          </>
        ) : null}
        {d.uncertain && d.uncertain.length > 0 ? (
          <>
            <dt>Uncertain</dt>
            <dd data-testid="uncertain">
              <ul className="plain">
                {d.uncertain.map((u) => (
                  <li key={u.code}>
                    <strong>{u.code}</strong>: {u.note} — <cite>{readable(u.citation)}</cite>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Conditions</dt>
        <dd>
          {d.requirements.length === 0 ? (
            'none'
          ) : (
            <ul className="plain">
              {d.requirements.map((r) => (
                <li key={r.code}>
                  {words(r.code)} <span className="muted">({requirementState(r.satisfied)})</span> —{' '}
                  <cite>{readable(r.citation)}</cite>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {d.quota.length > 0 ? (
          <>
            <dt>Quota</dt>
            <dd>
              <ul className="plain">
                {d.quota.map((q) => (
                  <li key={q.pool}>
                    {q.tpp.toLocaleString('en-US')} TPP from {q.pool}{' '}
                    <span className="muted">
                      ({q.usedBefore.toLocaleString('en-US')} used of {q.limit.toLocaleString('en-US')})
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Items</dt>
        <dd>
          <ul className="plain">
            {d.items.map((item) => (
              <li key={item.index}>
                {item.quantity !== undefined ? `${item.quantity.toLocaleString('en-US')} × ` : ''}
                {item.label ?? `item ${item.index + 1}`}
                {item.classification ? (
                  <span className="muted">
                    {' '}
                    ({item.classification.eccn ?? item.classification.class}, {words(item.outcome)})
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Sources</dt>
        <dd>
          <ul className="plain citations" data-testid="sources">
            {d.sources
              ? d.sources.map((s) => (
                  <li key={s.id}>
                    {s.publisher}, {s.url ? <a href={s.url}>{s.title}</a> : <cite>{s.title}</cite>}
                    {s.date ? `, ${s.date}` : ''}
                  </li>
                ))
              : d.citations.map((c) => (
                  <li key={c}>
                    <cite>{readable(c)}</cite>
                  </li>
                ))}
          </ul>
        </dd>
      </dl>
      <details className="explanation">
        <summary>Explanation</summary>
        <p>{readable(d.explanation)}</p>
      </details>
    </article>
  );
}

/** Determinations under every framework, side by side (one column per framework). */
export function DeterminationsSideBySide({ determinations }: { determinations: DeterminationView[] }) {
  return (
    <div className="side-by-side" data-testid="determinations">
      {/* The enforced law first, then the what-ifs in the order given. */}
      {[...determinations]
        .sort(
          (a, b) => Number(b.framework === ENFORCED_FRAMEWORK) - Number(a.framework === ENFORCED_FRAMEWORK),
        )
        .map((d) => (
          <DeterminationCard key={d.framework} determination={d} />
        ))}
    </div>
  );
}

export interface LiveDeterminations {
  determinations: DeterminationView[] | undefined;
  error: unknown;
  pending: boolean;
}

/**
 * What-if determinations of `request` under every framework (POST /v1/determinations, nothing
 * stored), again `delayMs` after the request last changed. `request` null: nothing to ask yet.
 */
export function useLiveDeterminations(request: unknown, delayMs = 350): LiveDeterminations {
  const { api } = useSession();
  const [state, setState] = useState<LiveDeterminations>({
    determinations: undefined,
    error: undefined,
    pending: false,
  });
  const key = request === null ? null : JSON.stringify(request);
  const latest = useRef(0);
  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    const controller = new AbortController();
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      api<{ determinations: DeterminationView[] }>('/v1/determinations', {
        body: { request: JSON.parse(key) },
        signal: controller.signal,
      }).then(
        (body) => {
          if (ticket === latest.current)
            setState({ determinations: body.determinations, error: undefined, pending: false });
        },
        (error: unknown) => {
          if (controller.signal.aborted || ticket !== latest.current) return;
          setState((s) => ({ ...s, error, pending: false }));
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, delayMs]);
  return state;
}

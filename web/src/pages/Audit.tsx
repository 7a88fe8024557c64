import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.js';
import {
  type CheckpointNote,
  type EntryVerification,
  encodeBase64,
  parseCheckpointNote,
  parseVerifierKey,
  verifyCheckpointSignature,
  verifyEntry,
} from '../audit-verify.js';
import {
  type Continuity,
  checkContinuity,
  recallCheckpoint,
  rememberCheckpoint,
  seenWhen,
} from '../checkpoint-memory.js';
import { ErrorMessage, Loading, PageHeader } from '../components.js';
import { useSession } from '../session.js';
import { ScrollBox } from './ScrollBox.js';
import './regulator.css';
import { useOrganizationNames } from '../organizations.js';

/**
 * The tamper-evident audit log (every role): the latest signed checkpoint, its entries newest
 * first, and for a chosen entry an inclusion proof verified here in the browser against the
 * checkpoint's root and the log's Ed25519 key (see audit-verify.ts). The server is not trusted
 * for the answer: it supplies bytes and hashes, the browser does the arithmetic.
 */

const PAGE_SIZE = 20;

interface AuditEntry {
  index: number;
  /** The exact text the server stored (canonical JSON, UTF-8); empty for a private entry. */
  text: string;
  /** Set for an entry about another organization: only its leaf hash is served to this key. */
  privateLeafHash?: string;
  record: {
    who?: { organizationId?: string; role?: string };
    when?: string;
    action?: string;
    entity?: string;
    id?: string;
  };
}

interface Head {
  text: string;
  note: CheckpointNote;
  key: string;
  signature: { ok: boolean; detail: string };
  /** Whether it extends the checkpoint this browser verified before (only for a valid signature). */
  continuity?: Continuity;
}

export function Audit() {
  const { api } = useSession();
  const [head, setHead] = useState<Head>();
  const [headError, setHeadError] = useState<unknown>();
  const [page, setPage] = useState(0);
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [entriesError, setEntriesError] = useState<unknown>();
  const [chosen, setChosen] = useState<AuditEntry | null>(null);
  const [tick, setTick] = useState(0);
  const orgName = useOrganizationNames();

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick asks for a fresh checkpoint
  useEffect(() => {
    let live = true;
    setHeadError(undefined);
    Promise.all([
      api<string>('/v1/audit/checkpoint', { text: true }),
      api<string>('/v1/audit/key', { text: true }),
    ])
      .then(async ([text, key]) => {
        const note = parseCheckpointNote(text);
        const signature = await verifyCheckpointSignature(note, await parseVerifierKey(key));
        let continuity: Continuity | undefined;
        if (signature.ok) {
          continuity = await checkContinuity(recallCheckpoint(localStorage, key), note, async (from, to) => {
            const body = await api<{ hashes: string[] }>(`/v1/audit/proof/consistency?from=${from}&to=${to}`);
            return body.hashes;
          });
          // Only a newer tree that extends the remembered one takes its place: the same tree keeps
          // the time it was first seen, and a tree that does not extend it leaves it in place as
          // the evidence of the rewrite, until someone looks into it.
          if (continuity.kind === 'first' || continuity.kind === 'consistent') {
            rememberCheckpoint(localStorage, key, note);
          }
        }
        if (live) setHead({ text, note, key, signature, ...(continuity ? { continuity } : {}) });
      })
      .catch((e: unknown) => live && setHeadError(e));
    return () => {
      live = false;
    };
  }, [api, tick]);

  const size = head?.note.size ?? 0;
  const pages = Math.max(1, Math.ceil(size / PAGE_SIZE));

  useEffect(() => {
    if (!head) return;
    let live = true;
    const top = head.note.size - 1 - page * PAGE_SIZE;
    const indexes = Array.from({ length: Math.min(PAGE_SIZE, top + 1) }, (_, i) => top - i);
    setEntries(undefined);
    setEntriesError(undefined);
    Promise.all(
      indexes.map(async (index): Promise<AuditEntry> => {
        try {
          const text = await api<string>(`/v1/audit/entries/${index}`, { text: true });
          return { index, text, record: JSON.parse(text) as AuditEntry['record'] };
        } catch (e) {
          // An entry about another organization: its bytes are private, its leaf hash public.
          if (!(e instanceof ApiError) || e.status !== 403) throw e;
          const { leafHash } = await api<{ leafHash: string }>(`/v1/audit/entries/${index}/hash`);
          return { index, text: '', privateLeafHash: leafHash, record: {} };
        }
      }),
    ).then(
      (list) => live && setEntries(list),
      (e: unknown) => live && setEntriesError(e),
    );
    return () => {
      live = false;
    };
  }, [api, head, page]);

  return (
    <>
      <PageHeader title="Audit log">
        <button type="button" className="secondary" onClick={() => setTick((t) => t + 1)}>
          New checkpoint
        </button>
      </PageHeader>
      <p className="muted">
        Every change to the ledger is an entry of this append-only log (RFC 6962 Merkle tree of canonical
        JSON). A signed checkpoint commits to its size and root; an inclusion proof shows that an entry is in
        it. Both are checked here, in your browser.
      </p>
      <ErrorMessage error={headError} />
      {head ? <CheckpointPanel head={head} /> : headError ? null : <Loading what="the checkpoint" />}

      {head ? (
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading">Entries, newest first</h2>
          <ErrorMessage error={entriesError} />
          {entries ? (
            <table>
              <caption className="muted">
                Entries {Math.max(0, size - (page + 1) * PAGE_SIZE)}–{size - 1 - page * PAGE_SIZE} of {size}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Index
                  </th>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Object</th>
                  <th scope="col">Who</th>
                  <th scope="col">
                    <span className="visually-hidden">Proof</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.index} className={chosen?.index === e.index ? 'row-selected' : undefined}>
                    <td className="num">{e.index}</td>
                    <td>{e.record.when?.replace('T', ' ').slice(0, 19) ?? '—'}</td>
                    <td>
                      {e.privateLeafHash ? <span className="muted">private</span> : (e.record.action ?? '—')}
                    </td>
                    <td>
                      {e.privateLeafHash ? (
                        <span className="muted">
                          leaf hash <code className="hash">{e.privateLeafHash}</code>
                        </span>
                      ) : (
                        <>
                          {e.record.entity} <code>{e.record.id}</code>
                        </>
                      )}
                    </td>
                    <td>
                      {e.record.who?.role}{' '}
                      <span className="muted">
                        {orgName(e.record.who?.organizationId ?? '') ?? e.record.who?.organizationId}
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Verify entry ${e.index}`}
                        disabled={Boolean(e.privateLeafHash)}
                        onClick={() => setChosen(e)}
                      >
                        Verify
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : entriesError ? null : (
            <Loading what="entries" />
          )}
          <nav className="pager" aria-label="Entry pages">
            <button
              type="button"
              className="secondary"
              disabled={page === 0}
              onClick={() => setPage((p) => p - 1)}
            >
              Newer
            </button>
            <span>
              Page {page + 1} of {pages}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={page + 1 >= pages}
              onClick={() => setPage((p) => p + 1)}
            >
              Older
            </button>
          </nav>
        </section>
      ) : null}

      {chosen && head ? (
        <EntryProof key={`${chosen.index}-${head.note.size}`} entry={chosen} head={head} />
      ) : null}
    </>
  );
}

function CheckpointPanel({ head }: { head: Head }) {
  return (
    <section className="panel" aria-labelledby="checkpoint-heading">
      <h2 id="checkpoint-heading">Latest signed checkpoint</h2>
      <dl className="facts">
        <dt>Log</dt>
        <dd>{head.note.origin}</dd>
        <dt>Entries</dt>
        <dd data-testid="checkpoint-size">{head.note.size.toLocaleString('en-US')}</dd>
        <dt>Root hash</dt>
        <dd>
          <code className="hash">{encodeBase64(head.note.rootHash)}</code>
        </dd>
        <dt>Signature</dt>
        <dd className={head.signature.ok ? 'verified' : 'not-verified'}>
          {head.signature.ok ? 'valid' : 'INVALID'} — {head.signature.detail}
        </dd>
        <dt>Log key</dt>
        <dd>
          <code className="hash">{head.key}</code>
        </dd>
        {head.continuity ? (
          <>
            <dt>History</dt>
            <ContinuityFact continuity={head.continuity} />
          </>
        ) : null}
      </dl>
      <details>
        <summary>The checkpoint as signed</summary>
        <ScrollBox label="The checkpoint">{head.text}</ScrollBox>
      </details>
    </section>
  );
}

/** Whether the log only grew since this browser last verified a checkpoint of it. */
function ContinuityFact({ continuity }: { continuity: Continuity }) {
  switch (continuity.kind) {
    case 'first':
      return (
        <dd data-testid="checkpoint-history">
          first checkpoint of this log verified in this browser: later ones must extend it
        </dd>
      );
    case 'same':
      return (
        <dd data-testid="checkpoint-history" className="verified">
          the same tree this browser verified on {seenWhen(continuity.seen)}
        </dd>
      );
    case 'consistent':
      return (
        <dd data-testid="checkpoint-history" className="verified">
          consistent — extends the {continuity.seen.size.toLocaleString('en-US')} entries this browser
          verified on {seenWhen(continuity.seen)} (consistency proof checked here)
        </dd>
      );
    case 'inconsistent':
      return (
        <dd data-testid="checkpoint-history" className="not-verified">
          <span role="alert">NOT CONSISTENT — {continuity.detail}</span>
        </dd>
      );
  }
}

/** Changes one byte of the entry (a digit or letter in its middle) to show that verification catches it. */
function tamper(bytes: Uint8Array): { bytes: Uint8Array; at: number; from: string; to: string } {
  const out = new Uint8Array(bytes);
  let at = Math.floor(out.length / 2);
  while (at < out.length - 1 && !/[0-9a-z]/i.test(String.fromCharCode(out[at] ?? 0))) at++;
  const from = out[at] ?? 0;
  const to = from ^ 0x01;
  out[at] = to;
  return { bytes: out, at, from: String.fromCharCode(from), to: String.fromCharCode(to) };
}

function EntryProof({ entry, head }: { entry: AuditEntry; head: Head }) {
  const { api } = useSession();
  const [altered, setAltered] = useState(false);
  const [proof, setProof] = useState<string[]>();
  const [result, setResult] = useState<EntryVerification>();
  const [error, setError] = useState<unknown>();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  useEffect(() => {
    let live = true;
    api<{ hashes: string[] }>(`/v1/audit/proof/inclusion?index=${entry.index}&size=${head.note.size}`).then(
      (body) => live && setProof(body.hashes),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, entry.index, head.note.size]);

  const original = new TextEncoder().encode(entry.text);
  const change = altered ? tamper(original) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the bytes follow `altered` and the entry
  useEffect(() => {
    if (!proof) return;
    let live = true;
    setResult(undefined);
    verifyEntry({
      entry: change ? change.bytes : original,
      index: entry.index,
      proofBase64: proof,
      checkpointText: head.text,
      verifierKeyText: head.key,
    }).then(
      (r) => live && setResult(r),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [proof, altered, entry, head]);

  let pretty = entry.text;
  try {
    pretty = JSON.stringify(JSON.parse(entry.text), null, 2);
  } catch {
    // shown as stored
  }

  return (
    <section className="panel" aria-labelledby="proof-heading" ref={panel}>
      <h2 id="proof-heading">Entry {entry.index}: inclusion proof</h2>
      <ScrollBox label={`Entry ${entry.index}, decoded`}>{pretty}</ScrollBox>
      <label className="inline">
        <input type="checkbox" checked={altered} onChange={(e) => setAltered(e.target.checked)} /> Alter one
        byte of the entry before verifying (demonstration)
      </label>
      {change ? (
        <p className="muted">
          Byte {change.at} changed from “{change.from}” to “{change.to}”.
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <div aria-live="polite">
        {result ? (
          <>
            <p className={result.verified ? 'verified' : 'not-verified'} data-testid="proof-result">
              {result.verified ? '✓ verified' : '✗ not verified'}
            </p>
            <dl className="facts">
              <dt>Checkpoint signature</dt>
              <dd>
                {result.signature.ok ? 'valid' : 'invalid'} — {result.signature.detail}
              </dd>
              <dt>Inclusion</dt>
              <dd>
                {result.inclusion.ok ? 'holds' : 'fails'} — {result.inclusion.detail}
              </dd>
              <dt>Leaf hash</dt>
              <dd>
                <code className="hash">{encodeBase64(result.leafHash)}</code>
              </dd>
              <dt>Root from the proof</dt>
              <dd>
                <code className="hash">{result.computedRoot ? encodeBase64(result.computedRoot) : '—'}</code>
              </dd>
              <dt>Checkpoint root</dt>
              <dd>
                <code className="hash">{encodeBase64(result.checkpointRoot)}</code>
              </dd>
              <dt>Proof</dt>
              <dd>{proof?.length ?? 0} hashes</dd>
            </dl>
          </>
        ) : error ? null : (
          <Loading what="the proof" />
        )}
      </div>
    </section>
  );
}

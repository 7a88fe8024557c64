import { leafHash, parseCheckpoint } from '../audit/index.js';
import type { ExportRequest } from '../domain/request.js';
import { authorizeObject, noSuch } from '../ledger/access.js';
import { checkpoint } from '../ledger/audit-log/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Principal } from '../ledger/principal.js';
import { requestAuditEntries } from '../ledger/requests/index.js';
import type { RequestScreening } from '../ledger/screening.js';
import type { Source } from '../rules/determination.js';
import { readableCitation, sourcesOf } from '../rules/sources.js';

/**
 * The evidence bundle of one request: what was decided and why (determination, explanation,
 * citations), the restricted-party screening with each hit's explanation, and the request's
 * audit entries, each with an RFC 9162 inclusion proof against a checkpoint signed for the
 * bundle, the checkpoint itself and the log's public key. Anyone can check it without the
 * service: verify the checkpoint's signature with the key, hash each entry's bytes as an
 * RFC 6962 leaf and verify its proof against the checkpoint's root.
 */
export interface EvidenceEntry {
  index: number;
  action: string;
  entity: string;
  id: string;
  when: string;
  who: { organizationId: string; role: string; keyId: string | null };
  /** The leaf: canonical JSON (RFC 8785), UTF-8. */
  leaf: string;
  /** base64 SHA-256(0x00 ‖ leaf). */
  leafHash: string;
  /** base64 hashes, leaf to root. */
  proof: string[];
}

export interface EvidenceBundle {
  generatedAt: string;
  request: {
    id: string;
    organization: { id: string; name: string };
    reference: string | null;
    framework: string;
    frameworkRevision: string;
    status: string;
    createdAt: string;
    request: ExportRequest;
  };
  determination: {
    outcome: string;
    authorization: string | null;
    licensePolicy: string | null;
    frameworkTitle: string;
    frameworkStatus: string;
    asOf: string;
    explanation: string;
    citations: string[];
    /** What a reader can open (spec/contracts.md `sources`); rebuilt for determinations stored before it. */
    sources: Source[];
    requirements: { code: string; satisfied: boolean | null; citation: string }[];
    items: unknown[];
    /**
     * us-ear-enforced: what the CFR text (the Diffusion rule) says for the same request and date
     * (null before it existed); absent for the other frameworks.
     */
    cfrText?: {
      framework: string;
      outcome: string;
      authorization: string | null;
      licensePolicy: string | null;
    } | null;
    /** The readings the sources leave open, each with its citation. */
    uncertain: { code: string; note: string; citation: string }[];
  };
  decision: unknown;
  licenses: { id: string; kind: string; status: string; validUntil: string | null }[];
  screening: RequestScreening | null;
  audit: {
    origin: string;
    /** The log's public key, a C2SP signed-note verifier key. */
    verifierKey: string;
    /** The signed checkpoint the proofs are against. */
    checkpoint: string;
    treeSize: number;
    rootHash: string;
    entries: EvidenceEntry[];
    /** More entries concern the request than the bundle lists. */
    truncated: boolean;
  };
  howToVerify: string[];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function evidenceBundle(
  ledger: Ledger,
  principal: Principal,
  id: string,
): Promise<EvidenceBundle> {
  const { ctx, signer } = ledger;
  const row = await ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', id));
  const org = await ctx.db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('id', '=', row.organization_id)
    .executeTakeFirstOrThrow();
  const licenses = await ctx.db
    .selectFrom('licenses')
    .select(['id', 'kind', 'status', 'valid_until'])
    .where('request_id', '=', id)
    .execute();
  // The signed head first: every entry found below is in it (entries are only ever appended).
  const note = await checkpoint(ctx.db, ctx.audit, signer);
  const signed = parseCheckpoint(note);
  // Entries that name the request or one of its licenses (issue, status changes, shipments).
  const found = await requestAuditEntries(
    ctx,
    id,
    licenses.map((l) => l.id),
    signed.size,
    principal,
  );
  const entries: EvidenceEntry[] = [];
  for (const { index, text, record } of found.entries) {
    entries.push({
      index,
      action: record.action,
      entity: record.entity,
      id: record.id,
      when: record.when,
      who: record.who,
      leaf: text,
      leafHash: b64(leafHash(Buffer.from(text, 'utf8'))),
      proof: (await ctx.audit.inclusionProof(index, signed.size)).map(b64),
    });
  }
  const det = row.determination as EvidenceBundle['determination'] & Record<string, unknown>;
  return {
    generatedAt: ctx.now().toISOString(),
    request: {
      id: row.id,
      organization: { id: org.id, name: org.name },
      reference: row.reference,
      framework: row.framework,
      frameworkRevision: row.framework_revision,
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
      request: row.normalized as ExportRequest,
    },
    determination: {
      outcome: det.outcome,
      authorization: det.authorization ?? null,
      licensePolicy: det.licensePolicy ?? null,
      frameworkTitle: String(det['frameworkTitle'] ?? row.framework),
      frameworkStatus: String(det['frameworkStatus'] ?? ''),
      asOf: String(det['asOf'] ?? ''),
      explanation: readableCitation(det.explanation),
      citations: det.citations ?? [],
      sources: sourcesOf(det),
      requirements: (det.requirements ?? []).map((q) => ({ ...q, citation: readableCitation(q.citation) })),
      items: det.items ?? [],
      ...(det.cfrText !== undefined ? { cfrText: det.cfrText } : {}),
      uncertain: det.uncertain ?? [],
    },
    decision: row.decision,
    licenses: licenses.map((l) => ({
      id: l.id,
      kind: l.kind,
      status: l.status,
      validUntil: l.valid_until ? new Date(l.valid_until).toISOString().slice(0, 10) : null,
    })),
    screening: (row.screening as RequestScreening | null) ?? null,
    audit: {
      origin: signed.origin,
      verifierKey: signer.verifierKey,
      checkpoint: note,
      treeSize: signed.size,
      rootHash: b64(signed.rootHash),
      entries,
      truncated: found.truncated,
    },
    howToVerify: [
      'Verify the checkpoint: it is a C2SP signed note; check its Ed25519 signature with the verifier key ' +
        '(C2SP signed-note), then read the tree size and root hash from its body (C2SP tlog-checkpoint).',
      'For each entry: its leaf hash is SHA-256 of the byte 0x00 followed by the entry bytes (the canonical ' +
        'JSON shown, UTF-8; RFC 6962 §2.1).',
      'Verify each inclusion proof (RFC 9162 §2.1.3.2) from the leaf hash, the entry index and the tree size ' +
        'to the root hash of the checkpoint.',
      'With the service at hand: `chipexport audit verify` recomputes the whole log; GET /v1/audit/proof/consistency ' +
        'shows that a later checkpoint extends this one.',
    ],
  };
}

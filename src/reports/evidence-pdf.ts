import { formatSource } from '../rules/sources.js';
import type { EvidenceBundle } from './evidence.js';
import { renderPdf } from './pdf.js';

const state = (s: boolean | null) => (s === true ? 'met' : s === false ? 'not met' : 'to be shown');

/** The bundle as a PDF of text: the same sections as the HTML page. */
export function evidencePdf(b: EvidenceBundle): Promise<Buffer> {
  const r = b.request;
  const d = b.determination;
  const req = r.request;
  return renderPdf(
    {
      title: `Evidence bundle ${r.id}`,
      subject: `Export request ${r.id}: determination, screening, audit proofs`,
    },
    (w) => {
      w.heading(`Evidence bundle: export request ${r.id}`, 1);
      w.para(
        `Generated ${b.generatedAt} by chipexport from the ledger's records. Applicant: ${r.organization.name}.`,
        {
          muted: true,
        },
      );
      w.heading('Request');
      w.field('Request id', r.id);
      if (r.reference) w.field('Reference', r.reference);
      w.field('Submitted', r.createdAt);
      w.field('Status', r.status);
      w.field('Destination', req.destination);
      w.field(
        'End user',
        `${req.endUser.name}${req.endUser.headquarters ? `, headquartered in ${req.endUser.headquarters}` : ''}`,
      );
      w.field('Date of the export', req.date);
      w.list(
        req.items.map(
          (item, i) =>
            `${i + 1}. ${item.chip ?? item.customChip?.name ?? item.modelWeights?.name}${item.quantity ? ` x ${item.quantity}` : ''}`,
        ),
      );
      w.heading('Determination');
      w.field('Framework', `${d.frameworkTitle} (${r.framework}, revision ${r.frameworkRevision})`);
      w.field('Framework status on the date', d.frameworkStatus);
      w.field('Outcome', d.outcome);
      if (d.authorization) w.field('Authorization', d.authorization);
      if (d.licensePolicy) w.field('License policy', d.licensePolicy);
      w.heading('Explanation', 3);
      w.para(d.explanation);
      if (d.requirements.length) {
        w.heading('Conditions', 3);
        w.list(d.requirements.map((q) => `${q.code}: ${state(q.satisfied)} [${q.citation}]`));
      }
      if (d.cfrText !== undefined) {
        w.heading('The CFR text says', 3);
        w.para(
          d.cfrText
            ? `${d.cfrText.outcome}${d.cfrText.authorization ? ` ${d.cfrText.authorization}` : ''}${d.cfrText.licensePolicy ? `, ${d.cfrText.licensePolicy}` : ''} (${d.cfrText.framework})`
            : 'no answer: the Diffusion rule was not yet in the CFR on this date',
        );
      }
      if (d.uncertain.length) {
        w.heading('Uncertain', 3);
        w.list(d.uncertain.map((u) => `${u.code}: ${u.note} [${u.citation}]`));
      }
      w.heading('Sources', 3);
      w.list(d.sources.map(formatSource));
      if (b.decision) {
        w.heading('Decision', 3);
        w.para(JSON.stringify(b.decision, null, 2), { mono: true });
      }
      for (const l of b.licenses)
        w.field(l.kind, `${l.id}: ${l.status}${l.validUntil ? `, valid until ${l.validUntil}` : ''}`);
      w.heading('Restricted-party screening');
      if (!b.screening) w.para('No screening on record.');
      else {
        const s = b.screening;
        w.para(
          `List version ${s.listVersion}, algorithm ${s.algorithm}, screened ${s.screenedAt}; hits keeping the request on hold: ${s.blocking}.`,
          {
            muted: true,
          },
        );
        for (const p of s.parties) {
          w.heading(`${p.role}: ${p.name}${p.country ? ` (${p.country})` : ''}: ${p.decision}`, 3);
          if (!p.hits.length) w.para('No potential match.');
          for (const h of p.hits) {
            w.para(
              `${h.name} (${h.entityId}), ${h.source}; score ${h.score.toFixed(3)}; ${h.status}. ${h.explanation}`,
            );
          }
        }
      }
      w.heading('Audit log: entries and inclusion proofs');
      w.para(
        `Log origin ${b.audit.origin}; signed checkpoint of ${b.audit.treeSize} entries, root hash ${b.audit.rootHash}.`,
      );
      w.heading('Signed checkpoint', 3);
      w.para(b.audit.checkpoint, { mono: true });
      w.heading('Log public key (verifier key)', 3);
      w.para(b.audit.verifierKey, { mono: true });
      w.heading('How to verify', 3);
      w.list(b.howToVerify);
      for (const e of b.audit.entries) {
        w.heading(`Entry ${e.index}: ${e.action}`, 3);
        w.field('When', e.when);
        w.field('Who', `${e.who.role} ${e.who.organizationId}${e.who.keyId ? ` (key ${e.who.keyId})` : ''}`);
        w.field('Leaf hash (base64)', e.leafHash);
        w.para(
          'Entry bytes (canonical JSON; characters outside the embedded fonts are shown transliterated: the exact bytes are in the HTML bundle and at GET /v1/audit/entries/:index):',
          { muted: true },
        );
        w.para(e.leaf, { mono: true });
        w.para(`Inclusion proof against tree size ${b.audit.treeSize} (leaf to root):`, { muted: true });
        w.para(e.proof.join('\n') || '(empty: the tree has one entry)', { mono: true });
      }
      if (b.audit.truncated) w.para('More entries concern this request than are listed here.');
    },
  );
}

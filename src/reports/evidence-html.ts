import type { EvidenceBundle } from './evidence.js';

/** HTML-escapes text for element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font:11pt/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;border-bottom:1px solid #999;padding-bottom:.2rem;margin-top:1.6rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}code,pre{font:9pt/1.35 ui-monospace,Menlo,Consolas,monospace}
pre{white-space:pre-wrap;word-break:break-all;background:#f7f7f7;border:1px solid #ddd;padding:.4rem}
.meta{color:#444}.outcome{font-weight:600}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}section,tr,pre{break-inside:avoid}
a{color:inherit;text-decoration:none}@page{size:A4;margin:16mm 14mm}}
`;

const row = (label: string, value: unknown) =>
  `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`;

/** The bundle as one self-contained, printable HTML page (no script, no external resource). */
export function evidenceHtml(b: EvidenceBundle): string {
  const r = b.request;
  const d = b.determination;
  const req = r.request;
  const items = req.items
    .map(
      (item, i) =>
        `<tr><td>${i + 1}</td><td>${esc(item.chip ?? item.customChip?.name ?? item.modelWeights?.name)}</td><td>${esc(item.quantity ?? '')}</td></tr>`,
    )
    .join('');
  const parties = (b.screening?.parties ?? [])
    .map((p) => {
      const hits = p.hits.length
        ? `<table><thead><tr><th>Listed entry</th><th>List</th><th>Score</th><th>Standing</th><th>Why it matched</th></tr></thead><tbody>${p.hits
            .map(
              (h) =>
                `<tr><td>${esc(h.name)} <span class="meta">(${esc(h.entityId)})</span></td><td>${esc(h.source)}</td><td>${esc(h.score.toFixed(3))}</td><td>${esc(h.status)}</td><td>${esc(h.explanation)}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '<p>No potential match.</p>';
      return `<h3>${esc(p.role)}: ${esc(p.name)}${p.country ? ` (${esc(p.country)})` : ''} — ${esc(p.decision)}</h3>${hits}`;
    })
    .join('');
  const entries = b.audit.entries
    .map(
      (e) => `<section><h3>Entry ${e.index}: ${esc(e.action)}</h3>
<table>${row('When', e.when)}${row('Who', `${e.who.role} ${e.who.organizationId}${e.who.keyId ? ` (key ${e.who.keyId})` : ''}`)}${row('Leaf hash (base64)', e.leafHash)}</table>
<p>Entry bytes (canonical JSON):</p><pre>${esc(e.leaf)}</pre>
<p>Inclusion proof against tree size ${b.audit.treeSize} (leaf to root):</p><pre>${esc(e.proof.join('\n') || '(empty: the tree has one entry)')}</pre></section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Evidence bundle ${esc(r.id)}</title><style>${STYLE}</style></head>
<body>
<header><h1>Evidence bundle: export request ${esc(r.id)}</h1>
<p class="meta">Generated ${esc(b.generatedAt)} by chipexport from the ledger's records. Applicant: ${esc(r.organization.name)}.</p></header>
<section><h2>Request</h2><table>
${row('Request id', r.id)}${row('Reference', r.reference ?? '')}${row('Submitted', r.createdAt)}${row('Status', r.status)}
${row('Destination', req.destination)}${row('End user', `${req.endUser.name}${req.endUser.headquarters ? `, headquartered in ${req.endUser.headquarters}` : ''}`)}
${row('Date of the export', req.date)}</table>
<table><thead><tr><th>#</th><th>Item</th><th>Quantity</th></tr></thead><tbody>${items}</tbody></table></section>
<section><h2>Determination</h2><table>
${row('Framework', `${d.frameworkTitle} (${r.framework}, revision ${r.frameworkRevision})`)}${row('Framework status on the date', d.frameworkStatus)}
${row('Outcome', d.outcome)}${row('Authorization', d.authorization ?? '')}${row('License policy', d.licensePolicy ?? '')}</table>
<h3>Explanation</h3><p>${esc(d.explanation)}</p>
${d.requirements.length ? `<h3>Conditions</h3><ul>${d.requirements.map((q) => `<li>${esc(q.code)}: ${esc(q.satisfied === true ? 'met' : q.satisfied === false ? 'not met' : 'to be shown')} [${esc(q.citation)}]</li>`).join('')}</ul>` : ''}
${d.cfrText !== undefined ? `<h3>The CFR text says</h3><p>${esc(d.cfrText ? `${d.cfrText.outcome}${d.cfrText.authorization ? ` ${d.cfrText.authorization}` : ''}${d.cfrText.licensePolicy ? `, ${d.cfrText.licensePolicy}` : ''} (${d.cfrText.framework})` : 'no answer: the Diffusion rule was not yet in the CFR on this date')}</p>` : ''}
${d.uncertain.length ? `<h3>Uncertain</h3><ul>${d.uncertain.map((u) => `<li>${esc(u.code)}: ${esc(u.note)} [${esc(u.citation)}]</li>`).join('')}</ul>` : ''}
<h3>Sources</h3><ul>${d.sources.map((s) => `<li>${esc(s.publisher)}, <cite>${esc(s.title)}</cite>${s.date ? `, ${esc(s.date)}` : ''}${s.url ? `, <a href="${esc(s.url)}">${esc(s.url)}</a>` : ''}</li>`).join('')}</ul>
${b.decision ? `<h3>Decision</h3><pre>${esc(JSON.stringify(b.decision, null, 2))}</pre>` : ''}
${b.licenses.length ? `<h3>Authorizations</h3><ul>${b.licenses.map((l) => `<li>${esc(l.kind)} ${esc(l.id)}: ${esc(l.status)}${l.validUntil ? `, valid until ${esc(l.validUntil)}` : ''}</li>`).join('')}</ul>` : ''}
</section>
<section><h2>Restricted-party screening</h2>
${b.screening ? `<p class="meta">List version ${esc(b.screening.listVersion)}, algorithm ${esc(b.screening.algorithm)}, screened ${esc(b.screening.screenedAt)}; hits keeping the request on hold: ${b.screening.blocking}.</p>${parties}` : '<p>No screening on record.</p>'}
</section>
<section><h2>Audit log: entries and inclusion proofs</h2>
<p>Log origin ${esc(b.audit.origin)}; signed checkpoint of ${b.audit.treeSize} entries, root hash ${esc(b.audit.rootHash)}.</p>
<h3>Signed checkpoint</h3><pre>${esc(b.audit.checkpoint)}</pre>
<h3>Log public key (verifier key)</h3><pre>${esc(b.audit.verifierKey)}</pre>
<h3>How to verify</h3><ol>${b.howToVerify.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
${entries}${b.audit.truncated ? '<p>More entries concern this request than are listed here.</p>' : ''}
</section>
</body></html>
`;
}

import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gb300, startTestApi, type TestApi } from '../../test/support/api.js';
import { inspectPdf } from '../../test/support/pdf-inspect.js';
import { storeVariants } from '../../test/support/stores.js';
import { leafHash, verifyCheckpoint, verifyInclusion } from '../audit/index.js';

const variants = await storeVariants();
const DIFFUSION = 'us-ai-diffusion-2025';
const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** The text drawn in a PDF: every content stream inflated, the strings of its TJ operators decoded. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // Each stream is exactly /Length bytes after "stream": compressed bytes may end in a CR or LF,
  // so searching for "endstream" would cut some streams short.
  for (const m of raw.matchAll(/<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    const length = [...m[1]!.matchAll(/\/Length (\d+)/g)].at(-1)?.[1];
    if (length === undefined) continue;
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = inflateSync(Buffer.from(raw.slice(start, start + Number(length)), 'latin1')).toString(
        'latin1',
      );
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[(.*?)\] TJ/g)) {
      lines.push(
        [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
          .join(''),
      );
    }
  }
  return lines.join('\n');
}

for (const variant of variants) {
  describe.skipIf(!variant.available)(`reports on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    let requestId: string;
    let licenseId: string;
    const shipped = [120, 80];

    beforeAll(async () => {
      api = await startTestApi(variant);
      const submitted = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(1000, {
          id: '=HYPERLINK("http://evil.example","PO, \\"rush\\"")',
          endUser: { name: 'G42 <script>alert(1)</script>', headquarters: 'AE' },
          items: [{ chip: 'nvidia-gb300', quantity: 1000, unitPriceUsd: 40000 }],
          parties: [{ role: 'intermediate-consignee', name: 'Gulf Freight FZE', country: 'AE' }],
        }),
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      requestId = submitted.json().id;
      const decided = await api.call('regulator', 'POST', `/v1/requests/${requestId}/decision`, {
        decision: 'approve',
        conditions: ['quarterly end-use reports'],
      });
      licenseId = decided.json().licenseId;
      for (const chips of shipped) {
        const res = await api.call('exporter', 'POST', '/v1/shipments', { licenseId, chips });
        expect(res.statusCode, res.body).toBe(201);
      }
    });
    afterAll(async () => {
      await api?.close();
    });

    it("bundles the request's audit entries with inclusion proofs that verify against the signed checkpoint", async () => {
      const res = await api.call('exporter', 'GET', `/v1/requests/${requestId}/evidence?format=json`);
      expect(res.statusCode, res.body).toBe(200);
      const bundle = res.json();
      expect(bundle.determination).toMatchObject({
        outcome: 'license-required',
        citations: expect.any(Array),
      });
      expect(bundle.determination.explanation).toMatch(/license required/);
      expect(bundle.screening.parties.map((p: { name: string }) => p.name)).toContain('Gulf Freight FZE');
      const { audit } = bundle;
      // Verified with the audit code, from the bundle alone.
      const head = verifyCheckpoint(audit.checkpoint, audit.verifierKey, { origin: audit.origin });
      expect(head.size).toBe(audit.treeSize);
      const actions = audit.entries.map((e: { action: string }) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'request.submitted',
          'request.decided',
          'license.issued',
          'shipment.recorded',
        ]),
      );
      expect(actions.filter((a: string) => a === 'shipment.recorded')).toHaveLength(shipped.length);
      for (const entry of audit.entries) {
        const hash = leafHash(new TextEncoder().encode(entry.leaf));
        expect(Buffer.from(hash).toString('base64')).toBe(entry.leafHash);
        const proof = entry.proof.map(fromB64);
        expect(
          verifyInclusion(hash, entry.index, head.size, proof, head.rootHash),
          `entry ${entry.index}`,
        ).toBe(true);
        // An altered entry does not verify.
        const altered = leafHash(new TextEncoder().encode(entry.leaf.replace('"when"', '"When"')));
        expect(verifyInclusion(altered, entry.index, head.size, proof, head.rootHash)).toBe(false);
      }
      // The same entries as the log serves them.
      const first = audit.entries[0];
      const served = await api.call('auditor', 'GET', `/v1/audit/entries/${first.index}`);
      expect(served.rawPayload.toString('utf8')).toBe(first.leaf);
      expect((await api.call('otherExporter', 'GET', `/v1/requests/${requestId}/evidence`)).statusCode).toBe(
        404,
      );
    });

    it('renders the bundle as a self-contained printable HTML page, escaping what parties wrote', async () => {
      const res = await api.call('regulator', 'GET', `/v1/requests/${requestId}/evidence?format=html`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.body;
      const bundle0 = (
        await api.call('regulator', 'GET', `/v1/requests/${requestId}/evidence?format=json`)
      ).json();
      expect(html).toContain(requestId);
      expect(html).toContain('@media print');
      expect(html).toContain('G42 &lt;script&gt;alert(1)&lt;/script&gt;');
      // Self-contained: nothing is loaded from elsewhere; the sources' addresses are links to open.
      expect(html).not.toMatch(/<script|<link|src=|url\(/i);
      for (const [, url] of html.matchAll(/href="(https?:\/\/[^"]+)"/g)) {
        expect(bundle0.determination.sources.map((s: { url: string | null }) => s.url)).toContain(url);
      }
      expect(html).toContain('<h3>Sources</h3>');
      expect(html).not.toMatch(/seed \d{3}_/);
      const bundle = (
        await api.call('regulator', 'GET', `/v1/requests/${requestId}/evidence?format=json`)
      ).json();
      expect(html).toContain(bundle.audit.verifierKey);
      const bad = await api.call('regulator', 'GET', `/v1/requests/${requestId}/evidence?format=docx`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.path).toEqual(['format']);
    });

    it('records the CFR text and the open readings of an enforced-law determination, in every format', async () => {
      const submitted = await api.call('exporter', 'POST', '/v1/requests', {
        request: gb300(100, { endUser: { name: 'G42 Evidence', headquarters: 'AE' } }),
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const id = submitted.json().id;
      const bundle = (await api.call('exporter', 'GET', `/v1/requests/${id}/evidence?format=json`)).json();
      expect(bundle.request.framework).toBe('us-ear-enforced');
      expect(bundle.determination.cfrText).toMatchObject({ framework: DIFFUSION, authorization: 'LPP' });
      const codes = bundle.determination.uncertain.map((u: { code: string }) => u.code);
      expect(codes).toEqual(
        expect.arrayContaining(['diffusion-non-enforcement', 'uae-scope', 'review-policy']),
      );
      for (const u of bundle.determination.uncertain) expect(u.citation).not.toBe('');
      const html = (await api.call('exporter', 'GET', `/v1/requests/${id}/evidence?format=html`)).body;
      expect(html).toContain('The CFR text says');
      expect(html).toContain('uae-scope');
      const pdf = pdfText(
        (await api.call('exporter', 'GET', `/v1/requests/${id}/evidence?format=pdf`)).rawPayload,
      );
      expect(pdf).toContain('The CFR text says');
      expect(pdf).toContain('diffusion-non-enforcement');
      // A what-if framework's bundle has no CFR-text section.
      const diffusion = (
        await api.call('exporter', 'GET', `/v1/requests/${requestId}/evidence?format=json`)
      ).json();
      expect(diffusion.determination.cfrText).toBeUndefined();
    });

    it('renders the bundle as a PDF of text naming the request', async () => {
      const res = await api.call('exporter', 'GET', `/v1/requests/${requestId}/evidence?format=pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain(requestId);
      expect(text).toContain('license-required');
      expect(text).toContain('request.submitted');
    });

    it('keeps Arabic and Chinese names as written in the evidence PDF (embedded Noto fonts)', async () => {
      const submitted = await api.call('exporter', 'POST', '/v1/requests', {
        framework: DIFFUSION,
        request: gb300(10, {
          endUser: { name: 'مجموعة جي', headquarters: 'AE' },
          parties: [{ role: 'intermediate-consignee', name: '华为技术有限公司', country: 'AE' }],
        }),
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const res = await api.call(
        'exporter',
        'GET',
        `/v1/requests/${submitted.json().id}/evidence?format=pdf`,
      );
      expect(res.statusCode).toBe(200);
      const { fonts, runs } = inspectPdf(res.rawPayload);
      const drawnIn = (suffix: string) => {
        const font = fonts.find((f) => f.embedded && f.baseFont.endsWith(suffix));
        return runs.filter((r) => r.font === font?.baseFont).map((r) => r.glyphs.join(''));
      };
      // Arabic is drawn right to left (words and letters reversed); the Chinese name as is.
      expect(drawnIn('+NotoNaskhArabic')).toContain('يج\u00a0ةعومجم');
      expect(drawnIn('+NotoSansHans-Regular')).toContain('华为技术有限公司');
    });

    it('fills the BIS-748P blocks it can, with sources, and lists what the applicant must supply', async () => {
      const res = await api.call('exporter', 'GET', `/v1/requests/${requestId}/snapr`);
      expect(res.statusCode, res.body).toBe(200);
      const pack = res.json();
      const field = (block: string, name: string) =>
        pack.fields.find((f: { block: string; field: string }) => f.block === block && f.field === name);
      expect(field('14', 'Applicant')).toMatchObject({ value: 'Chipmaker Inc', source: expect.any(String) });
      expect(field('17', 'Intermediate consignee')).toMatchObject({ value: 'Gulf Freight FZE' });
      expect(field('19', 'End user')).toMatchObject({ value: 'G42 <script>alert(1)</script>' });
      expect(field('19', 'End user country').value).toBe('United Arab Emirates');
      expect(field('23', 'Total application dollar value').value).toBe(40_000_000);
      expect(pack.items).toEqual([
        expect.objectContaining({
          eccn: '3A090.a',
          modelNumber: 'NVIDIA GB300 (per GPU)',
          manufacturer: 'NVIDIA',
          quantity: 1000,
          unitPriceUsd: 40000,
          totalPriceUsd: 40_000_000,
        }),
      ]);
      for (const f of pack.fields) expect(f.source, f.field).not.toBe('');
      const missing = pack.mustSupply.map((m: { block: string }) => m.block);
      expect(missing).toEqual(expect.arrayContaining(['14', '19', '21', '25']));
      expect(pack.determination).toMatchObject({ outcome: 'license-required', framework: DIFFUSION });
    });

    it('exports lists as RFC 4180 CSV, defusing formulas, with the rows the caller may list', async () => {
      const res = await api.call('exporter', 'GET', '/v1/exports/requests.csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.body.split('\r\n');
      expect(lines[0]).toBe(
        'id,organization_id,reference,framework,framework_revision,status,outcome,authorization,license_policy,created_at,updated_at',
      );
      const row = lines.find((l) => l.startsWith(requestId))!;
      expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""PO, \\""rush\\"""")"`);
      const other = await api.call('otherExporter', 'GET', '/v1/exports/requests.csv');
      expect(other.body).not.toContain(requestId);
      const shipments = (await api.call('exporter', 'GET', '/v1/exports/shipments.csv')).body
        .trimEnd()
        .split('\r\n');
      expect(shipments).toHaveLength(1 + shipped.length);
      const licenses = (await api.call('regulator', 'GET', '/v1/exports/licenses.csv')).body;
      expect(licenses).toContain(licenseId);
      const quotas = (await api.call('hostGov', 'GET', '/v1/exports/quotas.csv')).body;
      expect(quotas).toContain('country-allocation:AE');
      expect((await api.call('hostGov', 'GET', '/v1/exports/requests.csv')).statusCode).toBe(403);
    });

    it('gives allocations per country that add up to the recorded shipments and licenses', async () => {
      const res = await api.call('hostGov', 'GET', `/v1/allocations?framework=${DIFFUSION}&asOf=2025-06-01`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ framework: DIFFUSION, asOf: '2025-06-01' });
      const by = new Map(body.countries.map((c: { country: string }) => [c.country, c]));
      const shipments = (await api.call('regulator', 'GET', '/v1/shipments?limit=500')).json().shipments;
      const shippedTpp = shipments.reduce((sum: number, s: { tpp: number }) => sum + s.tpp, 0);
      expect(shippedTpp).toBe((120 + 80) * 58484);
      const license = (await api.call('regulator', 'GET', `/v1/licenses/${licenseId}`)).json();
      const quotas = (await api.call('hostGov', 'GET', `/v1/quotas?framework=${DIFFUSION}`)).json().pools;
      const pool = quotas.find((p: { pool: string }) => p.pool === 'country-allocation:AE');
      expect(by.get('AE')).toEqual({
        country: 'AE',
        name: 'United Arab Emirates',
        tier: 2,
        capTpp: pool.limitTpp,
        usedTpp: shippedTpp,
        licensedTpp: license.limits.tpp,
      });
      expect(pool.usedTpp).toBe(shippedTpp);
      expect(by.get('DE')).toMatchObject({ tier: 1, capTpp: null, usedTpp: 0, licensedTpp: 0 });
      expect(by.get('CN')).toMatchObject({ tier: 3, capTpp: null });
      expect(by.get('IN')).toMatchObject({ tier: 2, capTpp: 790_000_000, usedTpp: 0 });
      const g2g = (
        await api.call('auditor', 'GET', '/v1/allocations?framework=us-g2g-licensing-2025')
      ).json();
      expect(g2g.countries.find((c: { country: string }) => c.country === 'AE')).toMatchObject({
        tier: 'g2g',
        usedTpp: 0,
      });
      const bad = await api.call('auditor', 'GET', '/v1/allocations?framework=nope');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.path).toEqual(['framework']);
    });
  });
}

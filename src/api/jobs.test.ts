import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';

const variants = await storeVariants();
const DIFFUSION = 'us-ai-diffusion-2025';
const HEADER = 'destination,chip,quantity,end_user,end_user_headquarters,date';

for (const variant of variants) {
  describe.skipIf(!variant.available)(`jobs on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(variant);
    });
    afterAll(async () => {
      await api?.close();
    });

    /** Polls a job until it is no longer running. */
    async function finished(actor: Actor, id: string) {
      for (let i = 0; i < 600; i++) {
        const res = await api.call(actor, 'GET', `/v1/jobs/${id}`);
        expect(res.statusCode, res.body).toBe(200);
        const job = res.json();
        if (job.status !== 'running') return job;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`job ${id} still running`);
    }

    it('compares the template portfolio under every framework with the engine’s own determinations', async () => {
      const template = await api.call('exporter', 'GET', '/v1/portfolios/template.csv');
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-type']).toMatch(/^text\/csv/);
      const started = await api.call('exporter', 'POST', '/v1/portfolios/comparisons', {
        csv: template.body,
      });
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toMatchObject({
        kind: 'portfolio-comparison',
        status: 'running',
        result: null,
        error: null,
        finishedAt: null,
      });
      const job = await finished('exporter', started.json().id);
      expect(job).toMatchObject({ status: 'done', progress: { phase: 'done' }, error: null });
      const { frameworks, rows, byCountry } = job.result;
      expect(frameworks).toEqual([
        'us-ear-enforced',
        'us-ai-diffusion-2025',
        'us-g2g-licensing-2025',
        'us-investment-for-chips-2026',
      ]);
      expect(job.result.baseline).toBe('us-ear-enforced');
      expect(job.progress.total).toBe(rows.length * 4);
      expect(rows.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5, 6]);
      // Each row as the engine determines it on its own (no ledger history yet, no earlier row
      // drawing on the same pools: every row of the template has its own consignee).
      for (const row of rows) {
        const lines = template.body.split('\r\n');
        const [destination, chip, quantity, endUser, hq, , date] = lines[row.line - 1]!.split(',');
        const res = await api.call('exporter', 'POST', '/v1/determinations', {
          request: {
            date,
            destination,
            items: [{ chip, quantity: Number(quantity) }],
            endUser: { name: endUser!.replace(/"/g, ''), headquarters: hq },
          },
        });
        for (const det of res.json().determinations) {
          expect(row.byFramework[det.framework].outcome, `line ${row.line} ${det.framework}`).toBe(
            det.outcome,
          );
          expect(row.byFramework[det.framework].policy).toBe(det.licensePolicy);
        }
      }
      const ae = rows.find((r: { destination: string }) => r.destination === 'AE');
      expect(ae.byFramework[DIFFUSION].h100e).toBeCloseTo((5000 * 58484) / 15832, 1);
      const aeCountry = byCountry.find((c: { country: string }) => c.country === 'AE');
      expect(aeCountry.name).toBe('United Arab Emirates');
      expect(aeCountry.byFramework[DIFFUSION].h100eRequested).toBeCloseTo(ae.byFramework[DIFFUSION].h100e, 1);
      expect(aeCountry.byFramework[DIFFUSION].licensesNeeded).toBe(
        ae.byFramework[DIFFUSION].licenseRequired ? 1 : 0,
      );
      const de = byCountry.find((c: { country: string }) => c.country === 'DE').byFramework[DIFFUSION];
      expect(de.h100eWithoutLicense).toBe(de.h100eRequested);
      // Per country, how many rows each what-if answers differently from the enforced law.
      type Row = {
        destination: string;
        byFramework: Record<string, { outcome: string; changedFromBaseline: boolean }>;
      };
      for (const c of byCountry as {
        country: string;
        byFramework: Record<string, { changedFromBaseline: number }>;
      }[]) {
        const mine = (rows as Row[]).filter((r) => r.destination === c.country);
        for (const f of frameworks as string[]) {
          const expected =
            f === 'us-ear-enforced'
              ? 0
              : mine.filter((r) => r.byFramework[f]!.outcome !== r.byFramework['us-ear-enforced']!.outcome)
                  .length;
          expect(c.byFramework[f]!.changedFromBaseline, `${c.country} ${f}`).toBe(expected);
        }
      }
      // The UAE: the law needs a license where the Diffusion rule's text does not (or the reverse).
      expect(ae.byFramework['us-ear-enforced'].outcome).toBe('license-required');
      expect(aeCountry.byFramework['us-ear-enforced'].changedFromBaseline).toBe(0);
      const changed = (
        byCountry as { byFramework: Record<string, { changedFromBaseline: number }> }[]
      ).reduce((n, c) => n + Object.values(c.byFramework).reduce((m, f) => m + f.changedFromBaseline, 0), 0);
      expect(changed).toBeGreaterThan(0);

      const csv = await api.call('exporter', 'GET', `/v1/jobs/${job.id}/result.csv`);
      expect(csv.statusCode).toBe(200);
      const csvLines = csv.body.trimEnd().split('\r\n');
      expect(csvLines[0]).toBe(
        'line,destination,chip,quantity,end_user,framework,outcome,license_required,authorization,license_policy,h100e,conditions,changed_from_enforced_law',
      );
      expect(csvLines).toHaveLength(1 + rows.length * 4);
    });

    it("counts earlier rows' draws: a consignee's orders together exceed the LPP allowance", async () => {
      const csv = [
        HEADER,
        'AE,nvidia-gb300,300,Falcon Cloud,AE,2025-06-01',
        'AE,nvidia-gb300,300,Falcon Cloud,AE,2025-06-01',
      ].join('\n');
      const started = await api.call('exporter', 'POST', '/v1/portfolios/comparisons', {
        csv,
        frameworks: [DIFFUSION],
      });
      const job = await finished('exporter', started.json().id);
      const [first, second] = job.result.rows;
      expect(first.byFramework[DIFFUSION]).toMatchObject({
        outcome: 'license-exception',
        authorization: 'LPP',
      });
      expect(second.byFramework[DIFFUSION]).toMatchObject({
        outcome: 'license-required',
        licenseRequired: true,
      });
      expect(job.result.byCountry[0].byFramework[DIFFUSION]).toMatchObject({ licensesNeeded: 1 });
    });

    it('refuses a bad portfolio with a 400 naming the line and column, and starts no job', async () => {
      const cases: [string, (string | number)[]][] = [
        [
          `${HEADER}\nAE,nvidia-gb300,10,G42,AE,2025-06-01\nAE,nvidia-gb300,ten,G42,AE,2025-06-01`,
          ['csv', 3, 'quantity'],
        ],
        [`${HEADER}\nAE,nvidia-gb3000,10,G42,AE,2025-06-01`, ['csv', 2, 'chip']],
        [
          `${HEADER}\n"Atlantis\nNorth",nvidia-gb300,10,G42,AE,2025-06-01\nXX,nvidia-gb300,1,G,AE,2025-06-01`,
          ['csv', 2, 'destination'],
        ],
        [`${HEADER}\nAE,nvidia-gb300,10,,AE,2025-02-30`, ['csv', 2, 'end_user']],
        [`destination,chip,qty,end_user\nAE,nvidia-gb300,1,G42`, ['csv', 1, 'qty']],
        [`${HEADER}\nAE,nvidia-gb300,10`, ['csv', 2]],
      ];
      for (const [csv, path] of cases) {
        const res = await api.call('exporter', 'POST', '/v1/portfolios/comparisons', { csv });
        expect(res.statusCode, csv).toBe(400);
        const error = res.json().error;
        expect(error.path, csv).toEqual(path);
        expect(error.message).toMatch(new RegExp(`line ${path[1]}`));
      }
      const badFramework = await api.call('exporter', 'POST', '/v1/portfolios/comparisons', {
        csv: `${HEADER}\nAE,nvidia-gb300,10,G42,AE,2025-06-01`,
        frameworks: ['nope'],
      });
      expect(badFramework.json().error.path).toEqual(['frameworks', 0]);
    });

    it("shows a job to its organization and the regulator only; a comparison's CSV only", async () => {
      const started = await api.call('auditor', 'POST', '/v1/portfolios/comparisons', {
        csv: `${HEADER}\nIN,nvidia-h100-sxm,100,Yotta,IN,2025-06-01`,
      });
      const id = started.json().id;
      await finished('auditor', id);
      expect((await api.call('regulator', 'GET', `/v1/jobs/${id}`)).statusCode).toBe(200);
      for (const actor of ['exporter', 'hostGov'] as const) {
        const res = await api.call(actor, 'GET', `/v1/jobs/${id}`);
        expect(res.statusCode).toBe(404);
        expect((await api.call(actor, 'GET', `/v1/jobs/${id}/result.csv`)).statusCode).toBe(404);
      }
      expect((await api.call('auditor', 'GET', '/v1/jobs/job_nope')).statusCode).toBe(404);
    });

    it('imports a list version as a job, re-screening open requests with progress', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await api.call('exporter', 'POST', '/v1/requests', {
          framework: DIFFUSION,
          request: {
            date: '2025-06-01',
            destination: 'AE',
            items: [{ chip: 'nvidia-gb300', quantity: 10 }],
            endUser: { name: `Client ${i}` },
          },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const started = await api.call('regulator', 'POST', '/v1/lists?async=true', {
        format: 'csv',
        content:
          'name,alt_names,country,type,source,entity_number,remarks\nJob Test Trading LLC,,AE,entity,Internal,W-1,\n',
      });
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json().kind).toBe('list-import');
      const job = await finished('regulator', started.json().id);
      expect(job.status).toBe('done');
      expect(job.result.rescreened).toBeGreaterThanOrEqual(3);
      expect(job.progress).toEqual({
        phase: 'done',
        done: job.result.rescreened,
        total: job.result.rescreened,
      });
      const versions = (await api.call('auditor', 'GET', '/v1/lists')).json().versions;
      // Lists by source: the import is the current version of the internal list, beside the CSL.
      const internal = versions.find(
        (v: { list: string; current: boolean }) => v.list === 'internal' && v.current,
      );
      expect(internal.version).toBe(job.result.version);
      const csv = await api.call('regulator', 'GET', `/v1/jobs/${job.id}/result.csv`);
      expect(csv.statusCode).toBe(422);
      expect(
        (await api.call('exporter', 'POST', '/v1/lists?async=true', { format: 'csv', content: 'x' }))
          .statusCode,
      ).toBe(403);
    });
  });
}

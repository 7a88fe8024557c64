import { describe, expect, it } from 'vitest';
import { gb300 } from '../../../test/support/api.js';
import { storeVariants } from '../../../test/support/stores.js';
import { openLedger } from '../ledger.js';
import { type LicensingSettings, legalBasis, licensingForServe } from '../licensing-settings.js';
import { createApiKey, createOrganization } from '../organizations.js';
import { authenticate } from '../principal.js';
import { submitRequest } from '../requests/index.js';
import { decideRequest, getLicense } from './licenses.js';

/**
 * Issue 14, item 7: the exporter chose the request's date, so a what-if framework issued a usable
 * authorization today. Applications are recorded as of the service's date, only under the
 * frameworks the deployment licenses under, and every licence says law or simulation.
 */
const variants = await storeVariants();
const DIFFUSION = 'us-ai-diffusion-2025';
const TODAY = '2025-06-02';

async function withLedger(
  variant: Awaited<ReturnType<typeof storeVariants>>[number],
  licensing: LicensingSettings,
  fn: (t: Awaited<ReturnType<typeof setup>>) => Promise<void>,
) {
  const options = variant.options();
  const ledger = await openLedger(options, { now: () => new Date(`${TODAY}T12:00:00Z`), licensing });
  try {
    await fn(await setup(ledger));
  } finally {
    await ledger.close();
    await variant.cleanup(options);
  }
}

async function setup(ledger: Awaited<ReturnType<typeof openLedger>>) {
  const { ctx } = ledger;
  await createOrganization(ctx, { name: 'Exporter', role: 'exporter', country: 'US' });
  await createOrganization(ctx, { name: 'BIS', role: 'regulator', country: 'US' });
  const exporter = await authenticate(ctx.db, (await createApiKey(ctx, 'Exporter')).key);
  const regulator = await authenticate(ctx.db, (await createApiKey(ctx, 'BIS')).key);
  return { ctx, exporter, regulator };
}

for (const variant of variants) {
  describe.skipIf(!variant.available)(
    `applications and analyses on ${variant.name} ${variant.skipReason}`,
    () => {
      it('under the default setting a what-if framework gives an analysis: nothing can be authorized', async () => {
        await withLedger(variant, licensingForServe(false, {}), async ({ ctx, exporter, regulator }) => {
          const r = await submitRequest(ctx, exporter, {
            framework: DIFFUSION,
            request: gb300(1000, { date: TODAY }),
          });
          expect(r).toMatchObject({ kind: 'analysis', licenseId: null });
          expect(r.analysisReason).toContain('not issued under us-ai-diffusion-2025');
          await expect(
            decideRequest(ctx, regulator, r.id, { decision: 'approve', note: 'x' }),
          ).rejects.toMatchObject({
            code: 'invalid_state',
          });
        });
      }, 240_000);

      it('a back-dated request is an analysis even under a licensing framework; today’s is an application whose licence says simulation', async () => {
        await withLedger(
          variant,
          { frameworks: 'all', serviceDateOnly: true },
          async ({ ctx, exporter, regulator }) => {
            const back = await submitRequest(ctx, exporter, {
              framework: DIFFUSION,
              request: gb300(1000, { date: '2025-06-01' }),
            });
            expect(back).toMatchObject({ kind: 'analysis', licenseId: null });
            expect(back.analysisReason).toContain("the service's date, 2025-06-02");
            const future = await submitRequest(ctx, exporter, {
              framework: DIFFUSION,
              request: gb300(1000, { date: '2026-01-01' }),
            });
            expect(future.kind).toBe('analysis');
            await expect(
              decideRequest(ctx, regulator, back.id, { decision: 'approve', note: 'x' }),
            ).rejects.toMatchObject({
              code: 'invalid_state',
            });
            const today = await submitRequest(ctx, exporter, {
              framework: DIFFUSION,
              request: gb300(1000, { date: TODAY }),
            });
            expect(today.kind).toBe('application');
            const { licenseId } = await decideRequest(ctx, regulator, today.id, {
              decision: 'approve',
              note: 'ok',
            });
            const licence = await getLicense(ctx, exporter, licenseId!);
            expect(licence).toMatchObject({ framework: DIFFUSION, basis: 'simulation' });
          },
        );
      }, 240_000);
    },
  );
}

describe('the licensing setting', () => {
  it('defaults to the enforced controls; --demo enables all; a bad list is a clear error', () => {
    expect(licensingForServe(false, {})).toEqual({ frameworks: ['us-ear-enforced'], serviceDateOnly: true });
    expect(licensingForServe(true, {}).frameworks).toBe('all');
    expect(
      licensingForServe(false, { CHIPEXPORT_LICENSING_FRAMEWORKS: 'us-ear-enforced, us-g2g-licensing-2025' })
        .frameworks,
    ).toEqual(['us-ear-enforced', 'us-g2g-licensing-2025']);
    expect(() => licensingForServe(false, { CHIPEXPORT_LICENSING_FRAMEWORKS: 'Bad Id!' })).toThrow(
      /CHIPEXPORT_LICENSING_FRAMEWORKS|framework ids/,
    );
    expect(legalBasis('us-ear-enforced')).toBe('law');
    expect(legalBasis(DIFFUSION)).toBe('simulation');
  });
});

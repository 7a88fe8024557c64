import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { REGULATOR_ONLY_SCORE, requiresRegulator } from '../ledger/clearance-policy.js';

/**
 * Issue 14, finding 2: an exporter cleared its own exact Entity List hit with `scope: party`, the
 * hold lifted and an authorization issued with nobody else involved. Four eyes now.
 */
const variants = await storeVariants();
const HUAWEI = 'Huawei Technologies Co., Ltd.';

for (const variant of variants) {
  describe.skipIf(!variant.available)(
    `four eyes on clearances on ${variant.name} ${variant.skipReason}`,
    () => {
      let api: TestApi;
      let heldId = '';
      let exact: { entityId: string; score: number; source: string };

      beforeAll(async () => {
        api = await startTestApi(variant);
        const res = await api.call('exporter', 'POST', '/v1/requests', {
          framework: 'us-ai-diffusion-2025',
          request: {
            date: '2025-06-01',
            destination: 'CN',
            items: [{ chip: 'nvidia-h20', quantity: 100 }],
            endUser: { name: HUAWEI, country: 'CN', headquarters: 'CN' },
          },
        });
        expect(res.json().status).toBe('held');
        heldId = res.json().id;
        const screening = (await api.call('exporter', 'GET', `/v1/requests/${heldId}/screening`)).json()
          .screening;
        exact = screening.parties[0].hits.find(
          (h: { name: string; source: string }) =>
            h.name.startsWith(HUAWEI) && h.source.includes('Entity List'),
        );
        expect(exact.score).toBeGreaterThanOrEqual(REGULATOR_ONLY_SCORE);
      });
      afterAll(async () => {
        await api?.close();
      });

      const clear = (extra: Record<string, unknown> = {}) => ({
        party: HUAWEI,
        entityId: exact.entityId,
        decision: 'false-positive',
        note: 'not the listed company',
        reasonCode: 'different-address',
        ...extra,
      });

      it('the submitting exporter cannot clear its own exact Entity List hit, for this request or every one', async () => {
        for (const scope of ['request', 'party']) {
          const res = await api.call(
            'exporter',
            'POST',
            `/v1/requests/${heldId}/clearances`,
            clear({ scope }),
          );
          expect(res.statusCode).toBe(403);
          expect(res.json().error.path).toEqual([scope === 'party' ? 'scope' : 'decision']);
        }
        const after = (await api.call('exporter', 'GET', `/v1/requests/${heldId}`)).json();
        expect(after.status).toBe('held');
        expect(after.licenseId ?? null).toBeNull();
      });

      it('a party-wide decision is the regulator’s even to confirm; every decision needs a reason code', async () => {
        const party = await api.call(
          'exporter',
          'POST',
          `/v1/requests/${heldId}/clearances`,
          clear({ decision: 'confirmed', reasonCode: 'confirmed-match', scope: 'party' }),
        );
        expect(party.statusCode).toBe(403);
        const { reasonCode: _, ...withoutReason } = clear();
        const missing = await api.call(
          'regulator',
          'POST',
          `/v1/requests/${heldId}/clearances`,
          withoutReason,
        );
        expect(missing.statusCode).toBe(400);
        expect(missing.json().error.path).toEqual(['reasonCode']);
        const wrong = await api.call(
          'regulator',
          'POST',
          `/v1/requests/${heldId}/clearances`,
          clear({ reasonCode: 'confirmed-match' }),
        );
        expect(wrong.statusCode).toBe(400);
      });

      it('the regulator clears it; regulator and auditors see who decided, in which role and why', async () => {
        const res = await api.call('regulator', 'POST', `/v1/requests/${heldId}/clearances`, clear());
        expect(res.statusCode).toBe(200);
        for (const reader of ['regulator', 'auditor', 'exporter'] as const) {
          const list = (await api.call(reader, 'GET', '/v1/clearances')).json().clearances;
          expect(list).toContainEqual(
            expect.objectContaining({
              entityId: exact.entityId,
              decision: 'false-positive',
              reasonCode: 'different-address',
              requestId: heldId,
              decidedBy: expect.objectContaining({
                organizationId: api.principals.regulator.organizationId,
                role: 'regulator',
              }),
            }),
          );
        }
        expect((await api.call('otherExporter', 'GET', '/v1/clearances')).json().clearances).toEqual([]);
        expect((await api.call('hostGov', 'GET', '/v1/clearances')).statusCode).toBe(403);
      });
    },
  );
}

describe('which hits only the regulator clears', () => {
  it('high scores on prohibiting or licensing lists', () => {
    const EL = 'Entity List (EL) - Bureau of Industry and Security';
    expect(requiresRegulator({ source: EL, score: 1 })).toBe(true);
    expect(requiresRegulator({ source: EL, score: REGULATOR_ONLY_SCORE })).toBe(true);
    expect(requiresRegulator({ source: EL, score: 0.8 })).toBe(false);
    expect(
      requiresRegulator({
        source: 'Specially Designated Nationals (SDN) - Treasury Department',
        score: 0.95,
      }),
    ).toBe(true);
    expect(
      requiresRegulator({ source: 'Unverified List (UVL) - Bureau of Industry and Security', score: 1 }),
    ).toBe(false);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../test/support/stores.js';
import { InputError } from '../domain/errors.js';
import type { StoreOptions } from '../store/store.js';
import { verifyAuditLog } from './audit-log/index.js';
import { createInstallation } from './installations.js';
import { type Ledger, openLedger } from './ledger.js';
import { createAgreement, decideRequest, getLicense, listQuotas, recordShipment } from './licensing/index.js';
import { createApiKey, createOrganization } from './organizations.js';
import { authenticate, type Principal } from './principal.js';
import { getRequest, listRequests, replayRequest, submitRequest } from './requests/index.js';
import { completeSiteVisit, listSiteVisits, scheduleSiteVisit } from './site-visits.js';

const variants = await storeVariants();

const gb300 = (quantity: number, extra: Record<string, unknown> = {}) => ({
  date: '2025-06-01',
  destination: 'AE',
  items: [{ chip: 'nvidia-gb300', quantity }],
  endUser: { name: 'G42', headquarters: 'AE' },
  ...extra,
});

for (const variant of variants) {
  describe.skipIf(!variant.available)(`ledger conformance on ${variant.name} ${variant.skipReason}`, () => {
    let ledger: Ledger;
    let options: StoreOptions;
    let exporter: Principal;
    let otherExporter: Principal;
    let regulator: Principal;
    let uae: Principal;

    async function principal(name: string, role: Principal['role'], country?: string): Promise<Principal> {
      await createOrganization(ledger.ctx, { name, role, country: country ?? null });
      const { key } = await createApiKey(ledger.ctx, name);
      return authenticate(ledger.ctx.db, key);
    }

    beforeAll(async () => {
      options = variant.options();
      ledger = await openLedger(options, { now: () => new Date('2025-06-02T12:00:00Z') });
      exporter = await principal('Chipmaker Inc', 'exporter', 'US');
      otherExporter = await principal('Other Cloud Ltd', 'exporter', 'GB');
      regulator = await principal('BIS', 'regulator', 'US');
      uae = await principal('UAE Government', 'host-government', 'AE');
    });
    afterAll(async () => {
      await ledger?.close();
      await variant.cleanup(options);
    });

    it('refuses unknown keys with 401', async () => {
      await expect(authenticate(ledger.ctx.db, 'cx_nope')).rejects.toMatchObject({ status: 401 });
      await expect(authenticate(ledger.ctx.db, undefined)).rejects.toMatchObject({ status: 401 });
    });

    it('fills assurances from agreements on record, not from the request', async () => {
      const claimed = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(20_000, { assurances: { g2gAgreement: true } }),
      });
      // No agreement on record yet: 1,169,680,000 TPP > 790,000,000 → denial despite the claim.
      expect(claimed.determination.licensePolicy).toBe('presumption-of-denial');

      await expect(
        createAgreement(ledger.ctx, uae, { country: 'SA', framework: 'us-ai-diffusion-2025' }),
      ).rejects.toMatchObject({ status: 403 });
      await createAgreement(ledger.ctx, uae, {
        country: 'AE',
        framework: 'us-ai-diffusion-2025',
        g2gAssurances: true,
        usInvestmentCommittedUsd: 1e9,
      });
      const withAgreement = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(20_000),
      });
      expect(withAgreement.determination.licensePolicy).toBe('presumption-of-approval');
    });

    it('issues a license on approval and draws it and the country allocation down by shipments', async () => {
      const submitted = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(1000),
      });
      expect(submitted.status).toBe('determined');
      await expect(
        decideRequest(ledger.ctx, exporter, submitted.id, { decision: 'approve' }),
      ).rejects.toMatchObject({ status: 403 });
      const decided = await decideRequest(ledger.ctx, regulator, submitted.id, {
        decision: 'approve',
        note: 'ok',
        conditions: ['quarterly reports'],
      });
      expect(decided.licenseId).toMatch(/^lic_/);
      const license = await getLicense(ledger.ctx, exporter, decided.licenseId!);
      expect(license).toMatchObject({
        status: 'active',
        limits: { chips: 1000, tpp: 58_484_000 },
        used: { chips: 0, tpp: 0 },
      });
      expect(license.validUntil).toBe('2029-06-01');

      await recordShipment(ledger.ctx, exporter, { licenseId: license.id, chips: 400 });
      await expect(
        recordShipment(ledger.ctx, otherExporter, { licenseId: license.id, chips: 1 }),
      ).rejects.toMatchObject({ status: 404 });
      await expect(
        recordShipment(ledger.ctx, exporter, { licenseId: license.id, chips: 601 }),
      ).rejects.toMatchObject({
        status: 409,
        code: 'license_exhausted',
      });
      const last = await recordShipment(ledger.ctx, exporter, { licenseId: license.id, chips: 600 });
      expect(last.licenseStatus).toBe('exhausted');
      await expect(
        recordShipment(ledger.ctx, exporter, { licenseId: license.id, chips: 1 }),
      ).rejects.toMatchObject({ status: 409 });

      const pool = (await listQuotas(ledger.ctx, regulator, 'us-ai-diffusion-2025')).find(
        (p) => p.pool === 'country-allocation:AE',
      );
      expect(pool).toMatchObject({ limitTpp: 1_580_000_000, usedTpp: 58_484_000 });

      // The next request sees the allocation already used.
      // 500 GB300 = 29,242,000 TPP: above LPP, so it counts against the allocation.
      const next = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(500),
      });
      expect(next.determination.quota).toEqual([
        expect.objectContaining({ pool: 'country-allocation:AE', usedBefore: 58_484_000 }),
      ]);
    });

    it('refuses shipments on an expired license and records the expiry', async () => {
      const submitted = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(600),
      });
      const { licenseId } = await decideRequest(ledger.ctx, regulator, submitted.id, {
        decision: 'approve',
        validUntil: '2025-06-01', // the test clock is 2025-06-02
      });
      await expect(
        recordShipment(ledger.ctx, exporter, { licenseId: licenseId!, chips: 1 }),
      ).rejects.toMatchObject({
        status: 409,
        message: expect.stringContaining('expired on 2025-06-01'),
      });
      expect((await getLicense(ledger.ctx, exporter, licenseId!)).status).toBe('expired');
    });

    it('records LPP exceptions with a notification and counts the consignee across requests', async () => {
      const h100 = (quantity: number) => ({
        date: '2025-06-01',
        destination: 'MY',
        items: [{ chip: 'nvidia-h100-sxm', quantity }],
        endUser: { name: 'Example Cloud Sdn Bhd' },
      });
      const first = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: h100(1000),
      });
      expect(first.determination).toMatchObject({ outcome: 'license-exception', authorization: 'LPP' });
      expect(first.licenseId).toMatch(/^auth_/);
      const notes = await ledger.ctx.db
        .selectFrom('notifications')
        .selectAll()
        .where('request_id', '=', first.id)
        .execute();
      expect(notes).toHaveLength(1);
      await recordShipment(ledger.ctx, exporter, { licenseId: first.licenseId!, chips: 1000 });
      // 15,840,000 shipped; 1,000 more would make 31,680,000 > 26,900,000.
      const second = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: h100(1000),
      });
      expect(second.determination.outcome).toBe('license-required');
    });

    it('keeps organizations apart', async () => {
      const mine = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(5),
      });
      await expect(getRequest(ledger.ctx, otherExporter, mine.id)).rejects.toMatchObject({ status: 404 });
      expect((await getRequest(ledger.ctx, regulator, mine.id)).id).toBe(mine.id);
      expect(
        (await listRequests(ledger.ctx, otherExporter)).every(
          (r) => r.organizationId === otherExporter.organizationId,
        ),
      ).toBe(true);
      await expect(listRequests(ledger.ctx, uae)).rejects.toMatchObject({ status: 403 });
    });

    it('names the field of a bad request and stores nothing', async () => {
      const before = await ledger.ctx.db
        .selectFrom('requests')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      await expect(
        submitRequest(ledger.ctx, exporter, {
          framework: 'us-ai-diffusion-2025',
          request: { ...gb300(5), destination: 'XX' },
        }),
      ).rejects.toSatisfy(
        (e) => e instanceof InputError && e.issues[0]!.path.join('.') === 'request.destination',
      );
      // An unknown framework is bad input like any other (one door: the same issue at every door).
      await expect(
        submitRequest(ledger.ctx, exporter, { framework: 'nope', request: gb300(5) }),
      ).rejects.toSatisfy(
        (e) =>
          e instanceof InputError &&
          e.issues[0]!.code === 'unknown_framework' &&
          e.issues[0]!.path.join('.') === 'framework',
      );
      const after = await ledger.ctx.db
        .selectFrom('requests')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('counts chips already at an installation in the investment framework', async () => {
      const site = await createInstallation(ledger.ctx, exporter, {
        name: 'Campus',
        country: 'AE',
        operator: 'G42',
        baselineChips: 950,
      });
      const r = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-investment-for-chips-2026',
        installationId: site.id,
        request: gb300(60, { date: '2026-03-06' }),
      });
      // 950 + 60 = 1,010 ≥ 1,000: banded license, not the small-installation exemption.
      expect(r.determination.items[0]!.rule).toBe('installation-license');
    });

    it('schedules site visits and records their findings', async () => {
      const site = await createInstallation(ledger.ctx, exporter, {
        name: 'Visited',
        country: 'SA',
        operator: 'Humain',
      });
      await expect(
        scheduleSiteVisit(ledger.ctx, exporter, { installationId: site.id, scheduledFor: '2025-07-01' }),
      ).rejects.toMatchObject({
        status: 403,
      });
      const visit = await scheduleSiteVisit(ledger.ctx, regulator, {
        installationId: site.id,
        scheduledFor: '2025-07-01',
      });
      await expect(
        completeSiteVisit(ledger.ctx, regulator, visit.id, { status: 'done' }),
      ).rejects.toMatchObject({ status: 400 });
      const done = await completeSiteVisit(ledger.ctx, regulator, visit.id, {
        status: 'done',
        findings: 'all 960 chips present',
      });
      expect(done).toMatchObject({ status: 'done', findings: 'all 960 chips present' });
      await expect(
        completeSiteVisit(ledger.ctx, regulator, visit.id, { status: 'cancelled' }),
      ).rejects.toMatchObject({ status: 422 });
      expect((await listSiteVisits(ledger.ctx, exporter)).map((v) => v.id)).toContain(visit.id);
      expect((await listSiteVisits(ledger.ctx, otherExporter)).map((v) => v.id)).not.toContain(visit.id);
    });

    it('replays a stored request with no difference under unchanged rules', async () => {
      const r = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-g2g-licensing-2025',
        request: gb300(100),
      });
      const replay = await replayRequest(ledger.ctx, exporter, r.id);
      expect(replay).toMatchObject({ changed: false, differences: [], revisionThen: replay.revisionNow });
    });

    it('determines under the enforced law when no framework is named; its license draws on no quota', async () => {
      const submitted = await submitRequest(ledger.ctx, exporter, { request: gb300(1000) });
      expect(submitted.determination).toMatchObject({
        framework: 'us-ear-enforced',
        outcome: 'license-required',
        licensePolicy: 'presumption-of-approval',
        quota: [],
        cfrText: { framework: 'us-ai-diffusion-2025', outcome: 'license-required' },
      });
      const { licenseId } = await decideRequest(ledger.ctx, regulator, submitted.id, { decision: 'approve' });
      const license = await getLicense(ledger.ctx, exporter, licenseId!);
      expect(license.limits).toEqual({ chips: 1000, tpp: 58_484_000 });
      expect((license as unknown as { lines: { pools: unknown[] }[] }).lines.flatMap((l) => l.pools)).toEqual(
        [],
      );
      const before = await listQuotas(ledger.ctx, regulator, 'us-ear-enforced');
      await recordShipment(ledger.ctx, exporter, { licenseId: licenseId!, chips: 1000 });
      expect(await listQuotas(ledger.ctx, regulator, 'us-ear-enforced')).toEqual(before);
      await expect(
        recordShipment(ledger.ctx, exporter, { licenseId: licenseId!, chips: 1 }),
      ).rejects.toMatchObject({ status: 409, code: 'license_exhausted' });
    });

    it('replays a stored request under the enforced law as of its date, and says what changes', async () => {
      const r = await submitRequest(ledger.ctx, exporter, {
        framework: 'us-ai-diffusion-2025',
        request: gb300(100, { endUser: { name: 'G42 Replay', headquarters: 'AE' } }),
      });
      expect(r.determination).toMatchObject({ outcome: 'license-exception', authorization: 'LPP' });
      const replay = await replayRequest(ledger.ctx, exporter, r.id, { framework: 'us-ear-enforced' });
      expect(replay).toMatchObject({
        framework: 'us-ai-diffusion-2025',
        replayedUnder: 'us-ear-enforced',
        changed: true,
        determination: { asOf: '2025-06-01', outcome: 'license-required' },
      });
      expect(replay.differences.map((d) => d.field)).toEqual(
        expect.arrayContaining(['outcome', 'authorization', 'licensePolicy']),
      );
      await expect(
        replayRequest(ledger.ctx, exporter, r.id, { framework: 'us-made-up' }),
      ).rejects.toMatchObject({ status: 400, path: ['framework'] });
    });

    it('keeps a verifiable audit log of every change', async () => {
      await ledger.ctx.audit.sync();
      const result = await verifyAuditLog(ledger.ctx.db);
      expect(result.ok).toBe(true);
      expect(result.size).toBeGreaterThan(20);
      const { size, root } = await ledger.ctx.audit.head();
      expect(size).toBe(result.size);
      expect(Buffer.from(root).equals(Buffer.from(result.root))).toBe(true);
    });
  });
}

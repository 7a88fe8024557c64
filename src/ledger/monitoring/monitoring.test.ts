import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeVariants } from '../../../test/support/stores.js';
import { InputError } from '../../domain/errors.js';
import type { CheckIn, SignatureAlgorithm } from '../../monitoring/index.js';
import type { StoreOptions } from '../../store/store.js';
import { verifyAuditLog } from '../audit-log/index.js';
import { createInstallation } from '../installations.js';
import { type Ledger, openLedger } from '../ledger.js';
import { decideRequest, getLicense, setLicenseStatus } from '../licensing/index.js';
import { createApiKey, createOrganization } from '../organizations.js';
import { authenticate, type Principal, SYSTEM } from '../principal.js';
import { submitRequest } from '../requests/index.js';
import { type FleetLandmark, linkTo, type Position, seededKey, signedCheckIn } from './fleet.js';
import {
  acknowledgeAlert,
  enrollDevice,
  getDevice,
  ingestCheckIn,
  issueCheckInNonce,
  listAlerts,
  listDevices,
  monitoringReport,
  registerLandmark,
  reportCsv,
  resolveAlert,
  retireDevice,
  sweepMissing,
} from './index.js';

const variants = await storeVariants();
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 8);

/** An inland Abu Dhabi site (Al Dhafra), far enough from coast and borders for a PASS. */
const SITE: Position = { lat: 23.68, lon: 53.7 };
const RIYADH: Position = { lat: 24.7136, lon: 46.6753 };
const LANDMARKS: FleetLandmark[] = [
  {
    id: 'lm-madinat-zayed',
    name: 'Madinat Zayed',
    lat: 23.7,
    lon: 53.72,
    key: seededKey('ed25519', 'lm-mz'),
  },
  { id: 'lm-dubai', name: 'Dubai', lat: 25.2048, lon: 55.2708, key: seededKey('ed25519', 'lm-dubai') },
  { id: 'lm-riyadh', name: 'Riyadh', lat: 24.6877, lon: 46.7219, key: seededKey('ed25519', 'lm-riyadh') },
];
const [MZ, DUBAI, RIYADH_LM] = LANDMARKS as [FleetLandmark, FleetLandmark, FleetLandmark];

for (const variant of variants) {
  describe.skipIf(!variant.available)(`monitoring ledger on ${variant.name} ${variant.skipReason}`, () => {
    let ledger: Ledger;
    let options: StoreOptions;
    const clock = { now: T0 };
    const p = {} as Record<'exporter' | 'other' | 'regulator' | 'uae' | 'ksa' | 'auditor', Principal>;
    let installationId: string;
    let licenseId: string;
    let smallLicenseId: string;
    const sequences = new Map<string, number>();

    async function principal(name: string, role: Principal['role'], country: string): Promise<Principal> {
      await createOrganization(ledger.ctx, { name, role, country });
      return authenticate(ledger.ctx.db, (await createApiKey(ledger.ctx, name)).key);
    }

    async function license(
      quantity: number,
      clusterLimit?: number,
      clusterCountsScaleOut?: boolean,
    ): Promise<string> {
      const r = await submitRequest(ledger.ctx, p.exporter, {
        framework: 'us-ai-diffusion-2025',
        installationId,
        request: {
          date: '2025-06-01',
          destination: 'AE',
          items: [{ chip: 'nvidia-gb300', quantity }],
          endUser: { name: 'G42', headquarters: 'AE' },
        },
      });
      if (r.licenseId) return r.licenseId;
      const d = await decideRequest(ledger.ctx, p.regulator, r.id, {
        decision: 'approve',
        ...(clusterLimit ? { clusterLimit } : {}),
        ...(clusterCountsScaleOut === undefined ? {} : { clusterCountsScaleOut }),
      });
      return d.licenseId!;
    }

    async function enroll(id: string, algorithm: SignatureAlgorithm = 'ed25519', lic = licenseId) {
      return enrollDevice(ledger.ctx, p.exporter, {
        id,
        model: 'nvidia-gb300',
        algorithm,
        publicKey: seededKey(algorithm, id).publicKeySpki,
        licenseId: lic,
        installationId,
      });
    }

    /** The device's next check-in from `at`, on a fresh nonce (the clock moves 1 s). */
    async function checkIn(
      deviceId: string,
      extra: {
        at?: Position;
        landmarks?: FleetLandmark[];
        links?: CheckIn['links'];
        forge?: boolean;
      } = {},
    ): Promise<CheckIn> {
      clock.now += 1000;
      const { nonce, landmarks: assigned } = await issueCheckInNonce(ledger.ctx, p.exporter, { deviceId });
      const sequence = (sequences.get(deviceId) ?? 0) + 1;
      sequences.set(deviceId, sequence);
      const algorithm = (await getDevice(ledger.ctx, p.regulator, deviceId)).algorithm;
      return signedCheckIn({
        deviceId,
        key: seededKey(algorithm, deviceId),
        at: extra.at ?? SITE,
        nonce,
        sequence,
        issuedAt: clock.now,
        // An honest chip answers every landmark its nonce assigned.
        landmarks: extra.landmarks ?? assigned.map((a) => LANDMARKS.find((l) => l.id === a.id)!),
        assignment: assigned.map((a) => a.id),
        links: extra.links ?? [],
        ...(extra.forge ? { signWith: seededKey('ed25519', 'not the chip') } : {}),
      });
    }

    beforeAll(async () => {
      options = variant.options();
      ledger = await openLedger(options, { now: () => new Date(clock.now) });
      p.exporter = await principal('Chipmaker Inc', 'exporter', 'US');
      p.other = await principal('Other Cloud Ltd', 'exporter', 'GB');
      p.regulator = await principal('BIS', 'regulator', 'US');
      p.uae = await principal('UAE Government', 'host-government', 'AE');
      p.ksa = await principal('KSA Government', 'host-government', 'SA');
      p.auditor = await principal('Auditor LLP', 'auditor', 'US');
      installationId = (
        await createInstallation(ledger.ctx, p.exporter, {
          name: 'Al Dhafra campus',
          country: 'AE',
          ...SITE,
          operator: 'Example AI',
        })
      ).id;
      licenseId = await license(1000, 3);
      smallLicenseId = await license(2);
      for (const l of LANDMARKS) {
        await registerLandmark(ledger.ctx, p.regulator, {
          id: l.id,
          name: l.name,
          lat: l.lat,
          lon: l.lon,
          operator: 'BIS landmark network',
          publicKey: l.key.publicKeySpki,
        });
      }
    });
    afterAll(async () => {
      await ledger?.close();
      await variant.cleanup(options);
    });

    it('enrolls devices under the rules: own active license and installation, no more devices than chips', async () => {
      const d = await enroll('gpu-ed-1');
      expect(d).toMatchObject({ status: 'active', algorithm: 'ed25519', monitoring: { status: 'NONE' } });
      expect((await enroll('gpu-p384-1', 'ecdsa-p384')).algorithm).toBe('ecdsa-p384');
      await expect(enroll('gpu-ed-1')).rejects.toMatchObject({ status: 409, path: ['id'] });
      await expect(
        enrollDevice(ledger.ctx, p.exporter, {
          id: 'gpu-clone',
          model: 'm',
          algorithm: 'ed25519',
          publicKey: seededKey('ed25519', 'gpu-ed-1').publicKeySpki,
          licenseId,
          installationId,
        }),
      ).rejects.toMatchObject({ status: 409, path: ['publicKey'] });
      const foreign = { id: 'x-1', model: 'm', algorithm: 'ed25519', licenseId, installationId };
      await expect(
        enrollDevice(ledger.ctx, p.other, {
          ...foreign,
          publicKey: seededKey('ed25519', 'x-1').publicKeySpki,
        }),
      ).rejects.toMatchObject({ status: 404, path: ['licenseId'] });
      await expect(
        enrollDevice(ledger.ctx, p.regulator, {
          ...foreign,
          publicKey: seededKey('ed25519', 'x').publicKeySpki,
        }),
      ).rejects.toMatchObject({ status: 403 });
      // An Ed25519 key declared as P-384 names the field.
      await expect(
        enrollDevice(ledger.ctx, p.exporter, {
          ...foreign,
          algorithm: 'ecdsa-p384',
          publicKey: seededKey('ed25519', 'x-2').publicKeySpki,
        }),
      ).rejects.toMatchObject({ issues: [{ code: 'invalid_key', path: ['publicKey'] }] });
      await expect(enrollDevice(ledger.ctx, p.exporter, { ...foreign, id: '' })).rejects.toBeInstanceOf(
        InputError,
      );
      // Two chips licensed: the third device is refused.
      await enroll('small-1', 'ed25519', smallLicenseId);
      await enroll('small-2', 'ed25519', smallLicenseId);
      await expect(enroll('small-3', 'ed25519', smallLicenseId)).rejects.toMatchObject({
        status: 409,
        path: ['licenseId'],
      });
      await retireDevice(ledger.ctx, p.exporter, 'small-2');
      await expect(retireDevice(ledger.ctx, p.exporter, 'small-2')).rejects.toMatchObject({ status: 422 });
      await enroll('small-3', 'ed25519', smallLicenseId);
      // A suspended license takes no new devices.
      await setLicenseStatus(ledger.ctx, p.regulator, smallLicenseId, 'suspended');
      await retireDevice(ledger.ctx, p.exporter, 'small-3');
      await expect(enroll('small-4', 'ed25519', smallLicenseId)).rejects.toMatchObject({ status: 422 });
    });

    it('accepts honest check-ins of both key algorithms with a PASS, and a redelivery is a duplicate', async () => {
      for (const id of ['gpu-ed-1', 'gpu-p384-1']) {
        const c = await checkIn(id);
        const outcome = await ingestCheckIn(ledger.ctx, SYSTEM, c);
        expect(outcome).toMatchObject({ deviceId: id, accepted: true, verdict: 'PASS', duplicate: false });
        expect(outcome.alertIds).toEqual([]);
        const again = await ingestCheckIn(ledger.ctx, SYSTEM, structuredClone(c));
        expect(again).toEqual({ ...outcome, duplicate: true });
        const rows = await ledger.ctx.db
          .selectFrom('checkins')
          .select('id')
          .where('device_id', '=', id)
          .execute();
        expect(rows).toHaveLength(1);
        const device = await getDevice(ledger.ctx, p.exporter, id);
        expect(device.monitoring).toMatchObject({ status: 'PASS', lastSequence: 1, openAlerts: 0 });
      }
    });

    it('names the bad field of a malformed check-in and stores nothing', async () => {
      const c = await checkIn('gpu-ed-1');
      const { signature: _s, ...unsigned } = c;
      const error = await ingestCheckIn(ledger.ctx, SYSTEM, unsigned).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues[0]!.path).toEqual(['signature']);
      await expect(ingestCheckIn(ledger.ctx, SYSTEM, { ...c, deviceId: 'nobody' })).rejects.toMatchObject({
        status: 404,
        path: ['deviceId'],
      });
      sequences.set('gpu-ed-1', 1);
    });

    it('raises forged for a check-in signed by another key, once per device, repeats adding evidence', async () => {
      const first = await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn('gpu-ed-1', { forge: true }));
      expect(first).toMatchObject({ accepted: false, problems: ['forged'], verdict: null });
      expect(first.alertIds).toHaveLength(1);
      const second = await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn('gpu-ed-1', { forge: true }));
      expect(second.alertIds).toEqual(first.alertIds);
      const [alert] = await listAlerts(ledger.ctx, p.regulator, { kind: 'forged' });
      expect(alert).toMatchObject({
        id: first.alertIds[0],
        status: 'open',
        deviceIds: ['gpu-ed-1'],
        site: { lat: SITE.lat, lon: SITE.lon, country: 'AE' },
        evidence: { occurrences: 2, checkIn: { deviceId: 'gpu-ed-1' } },
      });
      // A rejected check-in leaves the device's state as it was.
      expect((await getDevice(ledger.ctx, p.exporter, 'gpu-ed-1')).monitoring.lastSequence).toBe(1);
      sequences.set('gpu-ed-1', 1);
    });

    it('raises replayed for a check-in on a used nonce or a sequence gone back', async () => {
      const good = await checkIn('gpu-p384-1');
      expect((await ingestCheckIn(ledger.ctx, SYSTEM, good)).accepted).toBe(true);
      // A newer sequence on the nonce already used.
      const key = seededKey('ecdsa-p384', 'gpu-p384-1');
      const stale = signedCheckIn({
        deviceId: 'gpu-p384-1',
        key,
        at: SITE,
        nonce: good.nonce,
        sequence: good.sequence + 1,
        issuedAt: clock.now,
        landmarks: [MZ],
        assignment: good.assignment,
      });
      const outcome = await ingestCheckIn(ledger.ctx, SYSTEM, stale);
      expect(outcome).toMatchObject({ accepted: false, problems: ['stale-nonce'] });
      // A fresh nonce but the counter gone back.
      clock.now += 1000;
      const { nonce } = await issueCheckInNonce(ledger.ctx, p.exporter, { deviceId: 'gpu-p384-1' });
      const back = signedCheckIn({
        deviceId: 'gpu-p384-1',
        key,
        at: SITE,
        nonce,
        sequence: 1,
        issuedAt: clock.now,
        landmarks: [MZ],
        assignment: good.assignment,
      });
      const outcome2 = await ingestCheckIn(ledger.ctx, SYSTEM, back);
      expect(outcome2.problems).toEqual(['out-of-order']);
      expect(outcome2.alertIds).toEqual(outcome.alertIds);
      const alerts = await listAlerts(ledger.ctx, p.regulator, { kind: 'replayed' });
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.evidence).toMatchObject({ occurrences: 2, lastSequence: good.sequence });
    });

    it('raises location for a chip answering a landmark far from its licensed site', async () => {
      await enroll('gpu-moved');
      const honest = await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn('gpu-moved'));
      expect(honest.verdict).toBe('PASS');
      const moved = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('gpu-moved', { at: RIYADH, landmarks: [RIYADH_LM, MZ] }),
      );
      expect(moved).toMatchObject({ accepted: true, verdict: 'SITE_INCONSISTENT' });
      const [alert] = await listAlerts(ledger.ctx, p.regulator, { kind: 'location' });
      expect(alert!.id).toBe(moved.alertIds[0]);
      expect(alert!.summary).toMatch(/lm-riyadh/);
      expect((await getDevice(ledger.ctx, p.regulator, 'gpu-moved')).monitoring.status).toBe(
        'SITE_INCONSISTENT',
      );
    });

    it('raises cluster when linked chips exceed the licensed limit, confirmed from links both ends report', async () => {
      const ids = ['c-1', 'c-2', 'c-3', 'c-4'];
      for (const id of ids) await enroll(id);
      const t = clock.now;
      // A chain c-1 — c-2 — c-3 — c-4 and an opaque port on c-4; the license allows 3.
      const peers: Record<string, (string | null)[]> = {
        'c-1': ['c-2'],
        'c-2': ['c-1', 'c-3'],
        'c-3': ['c-2', 'c-4'],
        'c-4': ['c-3', null],
      };
      const outcomes = [];
      for (const id of ids) {
        const links = peers[id]!.map((peer, port) => linkTo(peer, port, t));
        outcomes.push(await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn(id, { links })));
      }
      expect(outcomes.slice(0, 3).every((o) => o.alertIds.length === 0)).toBe(true);
      const last = outcomes[3]!;
      expect(last.findings).toEqual([
        { type: 'opaque-port', deviceId: 'c-4', localPort: 1, kind: 'nvlink', sequence: 1 },
      ]);
      expect(last.alertIds).toHaveLength(1);
      const [alert] = await listAlerts(ledger.ctx, p.regulator, { kind: 'cluster' });
      expect(alert).toMatchObject({ id: last.alertIds[0], licenseId, installationId });
      expect([...alert!.deviceIds].sort()).toEqual(ids);
      const evidence = alert!.evidence as {
        componentSize: number;
        limit: number;
        links: { a: { deviceId: string }; b: { deviceId: string } }[];
        checkIns: { deviceId: string; sequence: number }[];
      };
      expect(evidence).toMatchObject({ componentSize: 4, limit: 3 });
      expect(evidence.links).toHaveLength(3);
      expect(evidence.checkIns.map((c) => c.deviceId).sort()).toEqual(ids);
      // A repeat from the component adds evidence to the same alert.
      const repeat = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('c-1', { links: [linkTo('c-2', 0, t), linkTo('c-3', 1, t)] }),
      );
      const again = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('c-3', { links: [linkTo('c-2', 0, t), linkTo('c-4', 1, t), linkTo('c-1', 2, t)] }),
      );
      expect(repeat.alertIds).toEqual([]);
      expect(again.alertIds).toEqual(last.alertIds);
      expect(await listAlerts(ledger.ctx, p.regulator, { kind: 'cluster' })).toHaveLength(1);
    });

    it('serializes concurrent check-ins of one device', async () => {
      await enroll('gpu-busy');
      const c = await checkIn('gpu-busy');
      const same = await Promise.all(Array.from({ length: 5 }, () => ingestCheckIn(ledger.ctx, SYSTEM, c)));
      expect(same.filter((o) => !o.duplicate)).toHaveLength(1);
      const batch: CheckIn[] = [];
      for (let i = 0; i < 4; i++) batch.push(await checkIn('gpu-busy'));
      const outcomes = await Promise.all(batch.map((b) => ingestCheckIn(ledger.ctx, SYSTEM, b)));
      const rows = await ledger.ctx.db
        .selectFrom('checkins')
        .select(['sequence', 'accepted'])
        .where('device_id', '=', 'gpu-busy')
        .orderBy('id')
        .execute();
      expect(rows).toHaveLength(5);
      // Whatever order they ran in, the accepted ones rose strictly and the device holds the last.
      const accepted = rows.filter((r) => r.accepted).map((r) => r.sequence);
      expect(accepted).toEqual([...accepted].sort((a, b) => a - b));
      expect(new Set(accepted).size).toBe(accepted.length);
      const device = await getDevice(ledger.ctx, p.exporter, 'gpu-busy');
      expect(device.monitoring.lastSequence).toBe(accepted.at(-1));
      expect(outcomes.filter((o) => o.accepted).length).toBe(accepted.length - 1);
    });

    it('takes concurrent check-ins of devices that report the same links', async () => {
      const ring = ['r-1', 'r-2', 'r-3', 'r-4'];
      for (const id of ring) await enroll(id);
      const t = clock.now;
      // Every device links to every other: each link row is written by both ends at once.
      const batch = [];
      for (const id of ring) {
        const links = ring.filter((p) => p !== id).map((p, port) => linkTo(p, port, t));
        batch.push(await checkIn(id, { links }));
      }
      const outcomes = await Promise.all(batch.map((c) => ingestCheckIn(ledger.ctx, SYSTEM, c)));
      expect(outcomes.every((o) => o.accepted && !o.duplicate)).toBe(true);
      const rows = await ledger.ctx.db
        .selectFrom('device_links')
        .select(['device_a', 'device_b', 'reported_a_at', 'reported_b_at'])
        .where('device_a', 'in', ring)
        .execute();
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.reported_a_at !== null && r.reported_b_at !== null)).toBe(true);
      // Four chips fully linked, over the limit of 3: one cluster alert for the component.
      const clusters = await listAlerts(ledger.ctx, p.regulator, { kind: 'cluster' });
      const ringAlert = clusters.find((a) => a.deviceIds.includes('r-1'));
      expect(ringAlert?.evidence).toMatchObject({ componentSize: 4, limit: 3 });
      expect(clusters.filter((a) => a.deviceIds.some((d) => ring.includes(d)))).toHaveLength(1);
    });

    it('raises forged for a receipt that a registered landmark did not sign', async () => {
      await enroll('gpu-receipt');
      const impostor = { ...DUBAI, key: seededKey('ed25519', 'not the Dubai landmark') };
      const outcome = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('gpu-receipt', { landmarks: [MZ, impostor] }),
      );
      expect(outcome).toMatchObject({ accepted: false, problems: ['bad-landmark-signature'] });
      const [alert] = await listAlerts(ledger.ctx, p.regulator, { kind: 'forged', licenseId });
      expect(alert).toBeDefined();
      expect((await listAlerts(ledger.ctx, p.regulator, { kind: 'forged' })).map((a) => a.id)).toContain(
        outcome.alertIds[0],
      );
    });

    it('flags a link only one end has reported for over an interval', async () => {
      await enroll('o-1');
      await enroll('o-2');
      const since = clock.now - 2 * HOUR;
      expect((await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn('o-2'))).findings).toEqual([]);
      const outcome = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('o-1', { links: [linkTo('o-2', 4, since, 'nvswitch')] }),
      );
      expect(outcome.findings).toEqual([
        { type: 'one-sided-link', reporter: 'o-1', peer: 'o-2', kind: 'nvswitch' },
      ]);
      expect(outcome.alertIds).toEqual([]);
    });

    it('leaves InfiniBand links out of the cluster when the license says scale-out does not count', async () => {
      const scaleUpOnly = await license(1000, 2, false);
      const json = await getLicense(ledger.ctx, p.exporter, scaleUpOnly);
      expect(json.cluster).toEqual({ limit: 2, countsScaleOut: false });
      const ids = ['ib-1', 'ib-2', 'ib-3'];
      for (const id of ids) await enroll(id, 'ed25519', scaleUpOnly);
      const t = clock.now;
      const peers: Record<string, string[]> = {
        'ib-1': ['ib-2'],
        'ib-2': ['ib-1', 'ib-3'],
        'ib-3': ['ib-2'],
      };
      for (const id of ids) {
        const links = peers[id]!.map((peer, port) => linkTo(peer, port, t, 'infiniband'));
        const outcome = await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn(id, { links }));
        expect(outcome.alertIds).toEqual([]);
      }
      expect(await listAlerts(ledger.ctx, p.regulator, { kind: 'cluster', licenseId: scaleUpOnly })).toEqual(
        [],
      );
      // ib-2 now reports both links as NVLink: where the ends disagree on the kind the scale-up
      // reading counts (omission is the danger), so the three chips are one component of 3 > 2.
      const nv = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('ib-2', { links: [linkTo('ib-1', 0, t, 'nvlink'), linkTo('ib-3', 1, t, 'nvlink')] }),
      );
      expect(nv.alertIds).toHaveLength(1);
      const [alert] = await listAlerts(ledger.ctx, p.regulator, { kind: 'cluster', licenseId: scaleUpOnly });
      expect(alert!.evidence).toMatchObject({ componentSize: 3, limit: 2 });
    });

    it('raises missing after two silent intervals, once per silence', async () => {
      const before = (await listAlerts(ledger.ctx, p.regulator, { kind: 'missing' })).length;
      expect(before).toBe(0);
      expect(await sweepMissing(ledger.ctx, new Date(clock.now + HOUR))).toEqual([]);
      const later = new Date(clock.now + 2 * HOUR + 1000);
      const raised = await sweepMissing(ledger.ctx, later);
      const active = (await listDevices(ledger.ctx, p.regulator, { status: 'active' })).map((d) => d.id);
      expect(raised).toHaveLength(active.length);
      expect(await sweepMissing(ledger.ctx, later)).toEqual([]);
      clock.now = later.getTime();
      expect((await getDevice(ledger.ctx, p.exporter, 'gpu-ed-1')).monitoring.status).toBe('MISSING');
      const back = await ingestCheckIn(ledger.ctx, SYSTEM, await checkIn('gpu-ed-1'));
      expect(back.accepted).toBe(true);
      expect((await getDevice(ledger.ctx, p.exporter, 'gpu-ed-1')).monitoring.status).toBe('PASS');
    });

    it('runs the alert lifecycle open → acknowledged → resolved and refuses illegal transitions', async () => {
      const [alert] = await listAlerts(ledger.ctx, p.exporter, { kind: 'location' });
      await expect(acknowledgeAlert(ledger.ctx, p.other, alert!.id)).rejects.toMatchObject({ status: 404 });
      await expect(acknowledgeAlert(ledger.ctx, p.uae, alert!.id)).rejects.toMatchObject({ status: 403 });
      const acked = await acknowledgeAlert(ledger.ctx, p.exporter, alert!.id, {
        note: 'checking with the site',
      });
      expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: p.exporter.organizationId });
      await expect(acknowledgeAlert(ledger.ctx, p.regulator, alert!.id)).rejects.toMatchObject({
        status: 422,
      });
      await expect(
        resolveAlert(ledger.ctx, p.exporter, alert!.id, { resolution: 'remediated', note: 'x' }),
      ).rejects.toMatchObject({ status: 403 });
      const bad = await resolveAlert(ledger.ctx, p.regulator, alert!.id, {
        resolution: 'fine',
        note: 'x',
      }).catch((e: unknown) => e);
      expect((bad as InputError).issues[0]!.path).toEqual(['resolution']);
      const resolved = await resolveAlert(ledger.ctx, p.regulator, alert!.id, {
        resolution: 'referred',
        note: 'chip answered from Riyadh; referred to enforcement',
      });
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolution: 'referred',
        resolvedBy: p.regulator.organizationId,
        // The acknowledgement's note is kept before the resolution's.
        note: 'checking with the site\nResolution: chip answered from Riyadh; referred to enforcement',
      });
      await expect(
        resolveAlert(ledger.ctx, p.regulator, alert!.id, { resolution: 'remediated', note: 'again' }),
      ).rejects.toMatchObject({ status: 422 });
      // Resolved: the next location problem of the device opens a new alert.
      const moved = await ingestCheckIn(
        ledger.ctx,
        SYSTEM,
        await checkIn('gpu-moved', { at: RIYADH, landmarks: [RIYADH_LM] }),
      );
      const locationAlerts = await listAlerts(ledger.ctx, p.regulator, { kind: 'location', status: 'open' });
      const reopened = locationAlerts.find((a) => a.deviceIds.includes('gpu-moved'))!;
      expect(moved.alertIds).toContain(reopened.id);
      expect(reopened.id).not.toBe(alert!.id);
      // Its second check-in in a row without PASS (and without the assigned receipts) also makes its
      // location unverified.
      expect(moved.problems).toEqual(['missing-receipts']);
      const [unverified] = await listAlerts(ledger.ctx, p.regulator, { kind: 'location-unverified' });
      expect(moved.alertIds).toEqual(expect.arrayContaining([reopened.id, unverified!.id]));
    });

    it('shows devices and alerts by role, and reports them by Chip Security Act category as JSON and CSV', async () => {
      expect(await listDevices(ledger.ctx, p.other)).toEqual([]);
      expect(await listDevices(ledger.ctx, p.ksa)).toEqual([]);
      const all = await listDevices(ledger.ctx, p.auditor);
      expect((await listDevices(ledger.ctx, p.uae)).length).toBe(all.length);
      expect(await listAlerts(ledger.ctx, p.other)).toEqual([]);
      await expect(getDevice(ledger.ctx, p.other, 'gpu-ed-1')).rejects.toMatchObject({ status: 404 });

      const report = await monitoringReport(ledger.ctx, p.regulator, {
        from: '2026-01-01',
        to: '2026-01-31',
      });
      const alerts = await listAlerts(ledger.ctx, p.regulator);
      expect(report.events).toHaveLength(alerts.length);
      const kinds = (k: string) => alerts.filter((a) => a.kind === k).length;
      expect(report.counts).toEqual({
        'location-change': kinds('location'),
        diversion: kinds('cluster') + kinds('missing') + kinds('location-unverified'),
        tampering: kinds('forged') + kinds('replayed'),
      });
      expect(report.counts['location-change']).toBe(2);
      expect(
        (await monitoringReport(ledger.ctx, p.ksa, { from: '2026-01-01', to: '2026-01-31' })).events,
      ).toEqual([]);
      expect(
        (await monitoringReport(ledger.ctx, p.auditor, { from: '2025-01-01', to: '2025-12-31' })).events,
      ).toEqual([]);
      await expect(monitoringReport(ledger.ctx, p.exporter, {})).rejects.toMatchObject({ status: 403 });
      await expect(
        monitoringReport(ledger.ctx, p.regulator, { from: '2026-02-01', to: '2026-01-01' }),
      ).rejects.toMatchObject({ issues: [{ code: 'invalid_range', path: ['from'] }] });
      const bad = await monitoringReport(ledger.ctx, p.regulator, { from: '2026-13-01' }).catch(
        (e: unknown) => e,
      );
      expect((bad as InputError).issues[0]!.path).toEqual(['from']);

      const csv = reportCsv(report).split('\r\n');
      expect(csv[0]).toBe(
        'category,alertId,kind,status,organizationId,licenseId,installationId,deviceIds,openedAt,summary',
      );
      expect(csv).toHaveLength(report.events.length + 2);
      const location = report.events.find((e) => e.kind === 'location')!;
      const line = csv.find((l) => l.includes(location.alertId))!;
      expect(line.startsWith(`location-change,${location.alertId},location,`)).toBe(true);
      expect(line).toContain(`"${location.summary}"`);
    });

    it('records every change in a verifiable audit log', async () => {
      await ledger.ctx.audit.sync();
      const result = await verifyAuditLog(ledger.ctx.db);
      expect(result.ok).toBe(true);
      const leaves = await ledger.ctx.db.selectFrom('audit_entries').select('leaf').execute();
      const actions = new Set(
        leaves.map((r) => (JSON.parse(Buffer.from(r.leaf).toString('utf8')) as { action: string }).action),
      );
      for (const action of [
        'device.enrolled',
        'device.retired',
        'landmark.registered',
        'checkin.received',
        'alert.opened',
        'alert.evidence',
        'alert.status',
        'device.missing',
      ])
        expect(actions.has(action), action).toBe(true);
    });
  });
}

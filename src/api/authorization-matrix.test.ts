import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTORS,
  type Actor,
  gb300,
  registeredRoutes,
  startTestApi,
  type TestApi,
} from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { ACCESS, ACTIONS, type AccessRule, type Action, can } from '../ledger/access.js';
import { createInstallation } from '../ledger/installations.js';
import { createAgreement, decideRequest, recordShipment } from '../ledger/licensing/index.js';
import {
  enrollDevice,
  ingestCheckIn,
  issueCheckInNonce,
  linkTo,
  registerLandmark,
  seededKey,
  signedCheckIn,
} from '../ledger/monitoring/index.js';
import { SYSTEM } from '../ledger/principal.js';
import { submitRequest } from '../ledger/requests/index.js';
import { scheduleSiteVisit } from '../ledger/site-visits.js';

/**
 * Every route, called as every role and as a second organization of a role: who may do what.
 * Routes without an entry here fail the coverage test, so a new route cannot skip the matrix.
 */

const variants = await storeVariants();
const DIFFUSION = 'us-ai-diffusion-2025';

/** Objects of `exporter` and `hostGov` that the other organizations try to reach. */
interface Fixture {
  requestId: string;
  licenseId: string;
  installationId: string;
  agreementId: string;
  /** A license of `otherExporter` (so its own shipments can name `exporter`'s installation). */
  otherLicenseId: string;
  /** A scheduled site visit at `exporter`'s installation. */
  visitId: string;
  /** A finished portfolio comparison of `exporter`. */
  jobId: string;
  /** A device of `exporter` at its installation, and an open alert about it. */
  deviceId: string;
  alertId: string;
  /** A signed check-in of a fresh device, ready to submit. */
  checkIn?: unknown;
  /** The audit entry of `exporter`'s request submission (about AE). */
  auditIndex?: number;
}

/** The fixture of the run in progress, for the `fresh` makers. */
let current: Fixture;
let serial = 0;
/** An inland site in the UAE and a landmark 3 km from it (src/ledger/monitoring/monitoring.test.ts). */
const SITE = { lat: 23.68, lon: 53.7 };
const LANDMARK = {
  id: 'lm-matrix',
  name: 'Madinat Zayed',
  lat: 23.7,
  lon: 53.72,
  key: seededKey('ed25519', 'lm-matrix'),
};

async function freshDevice(api: TestApi): Promise<Partial<Fixture>> {
  const id = `mx-${++serial}`;
  await enrollDevice(api.ledger.ctx, api.principals.exporter, {
    id,
    model: 'nvidia-gb300',
    algorithm: 'ed25519',
    publicKey: seededKey('ed25519', id).publicKeySpki,
    licenseId: current.licenseId,
    installationId: current.installationId,
  });
  return { deviceId: id };
}

async function freshCheckIn(api: TestApi): Promise<Partial<Fixture>> {
  const { deviceId } = await freshDevice(api);
  const { nonce, landmarks } = await issueCheckInNonce(api.ledger.ctx, api.principals.exporter, {
    deviceId: deviceId!,
  });
  const now = api.ledger.ctx.now().getTime();
  // The device answers every landmark assigned (the matrix registers more as it goes).
  const assigned = landmarks.map((l) =>
    l.id === LANDMARK.id ? LANDMARK : { ...l, name: l.id, key: seededKey('ed25519', l.id) },
  );
  const checkIn = signedCheckIn({
    deviceId: deviceId!,
    key: seededKey('ed25519', deviceId!),
    at: SITE,
    nonce,
    sequence: 1,
    issuedAt: now,
    landmarks: assigned,
    assignment: assigned.map((l) => l.id),
    links: [linkTo(null, 0, now)],
  });
  return { deviceId, checkIn };
}

/** A device whose check-in is signed by another key: an open `forged` alert. */
async function freshAlert(api: TestApi): Promise<Partial<Fixture>> {
  const { deviceId, checkIn } = await freshCheckIn(api);
  const forged = { ...(checkIn as object), signature: Buffer.alloc(64, 7).toString('base64') };
  const outcome = await ingestCheckIn(api.ledger.ctx, SYSTEM, forged);
  return { deviceId, alertId: outcome.alertIds[0]! };
}

/** Devices and alerts: an exporter sees its own; a host government those in its country (AE here). */
const monitoredRows =
  (key: string) => (body: Record<string, unknown>, actor: Actor, _f: Fixture, api: TestApi) => {
    const rows = body[key] as { organizationId: string }[];
    expect(Array.isArray(rows)).toBe(true);
    if (actor === 'otherExporter' || actor === 'otherHostGov') expect(rows).toEqual([]);
    else expect(rows.length).toBeGreaterThan(0);
    if (actor === 'exporter')
      for (const row of rows) expect(row.organizationId).toBe(api.principals.exporter.organizationId);
  };

type Expected = Record<Actor, number>;

/** One question a route asks the access table (see `Case.access`). */
interface Step {
  action: Action;
  of?: Actor;
}
const gate = (action: Action): Step => ({ action });
const on = (action: Action, of: Actor): Step => ({ action, of });
/** Routes any key may call that read or write no organization's objects: the table is not asked. */
const ANY_KEY: readonly Step[] = [];
/** The CSV exports of the ledger's lists and the action each is read under. */
const EXPORTED = { requests: 'request.read', licenses: 'license.read', shipments: 'shipment.read' } as const;

/** `ok` for the actors listed, 403 for everyone else, then the overrides (404 for other organizations' objects). */
function allow(ok: number, actors: readonly Actor[] | 'all', overrides: Partial<Expected> = {}): Expected {
  const out = {} as Expected;
  for (const actor of ACTORS) out[actor] = actors === 'all' || actors.includes(actor) ? ok : 403;
  return { ...out, ...overrides };
}

interface Case {
  method: 'GET' | 'POST' | 'PATCH';
  /** The route as registered, e.g. `/v1/requests/:id`. */
  route: string;
  name?: string;
  url?: (f: Fixture, fresh: Partial<Fixture>) => string;
  body?: (f: Fixture, fresh: Partial<Fixture>) => unknown;
  /** Objects made anew for each call (a decision or a status change uses its object up). */
  fresh?: (api: TestApi) => Promise<Partial<Fixture>>;
  /**
   * What the route asks the access table (src/ledger/access.ts), in order: a step without `of` is
   * the role's permission to take the action at all, one with `of` the action on an object of
   * that actor (in AE). Checked against `expect`, so the matrix and the table cannot drift.
   */
  access: readonly Step[];
  /** An allowed call's status where it is not the 2xx of `expect` (one that reaches a 404 of its own). */
  ok?: number;
  expect: Expected;
  /** For successful calls: what the actor must not see of other organizations. */
  check?: (body: Record<string, unknown>, actor: Actor, f: Fixture, api: TestApi) => void;
}

const PORTFOLIO = 'destination,chip,quantity,end_user\nAE,nvidia-gb300,100,G42\n';

const OBJECT_READERS = { otherExporter: 404, hostGov: 404, otherHostGov: 404, auditor: 404 } as const;
/** Requests, licenses and shipments: auditors read every organization's (read-only). */
const LEDGER_READERS = { otherExporter: 404, hostGov: 404, otherHostGov: 404 } as const;

/** Lists: a non-regulator sees its own organization's rows only (an auditor, where `auditorReadsAll`, all). */
const ownRowsOnly =
  (key: string, orgField = 'organizationId', auditorReadsAll = false) =>
  (body: Record<string, unknown>, actor: Actor, _f: Fixture, api: TestApi) => {
    const rows = body[key] as Record<string, unknown>[];
    expect(Array.isArray(rows)).toBe(true);
    if (actor === 'regulator') return;
    if (actor === 'auditor' && auditorReadsAll) {
      expect(rows.length).toBeGreaterThan(0);
      return;
    }
    for (const row of rows)
      expect(row[orgField], `${actor} sees ${JSON.stringify(row)}`).toBe(
        api.principals[actor].organizationId,
      );
  };

async function freshRequest(api: TestApi): Promise<Partial<Fixture>> {
  const r = await submitRequest(api.ledger.ctx, api.principals.exporter, {
    framework: DIFFUSION,
    request: gb300(1000),
  });
  return { requestId: r.id };
}

async function freshLicense(api: TestApi): Promise<Partial<Fixture>> {
  const { requestId } = await freshRequest(api);
  const d = await decideRequest(api.ledger.ctx, api.principals.regulator, requestId!, {
    decision: 'approve',
  });
  return { requestId, licenseId: d.licenseId! };
}

const CASES: Case[] = [
  // --- requests
  {
    method: 'POST',
    route: '/v1/requests',
    body: () => ({ framework: DIFFUSION, request: gb300(10) }),
    access: [gate('request.submit')],
    expect: allow(201, ['exporter', 'otherExporter']),
  },
  {
    method: 'POST',
    route: '/v1/requests',
    name: "naming another organization's installation",
    body: (f) => ({
      framework: 'us-investment-for-chips-2026',
      installationId: f.installationId,
      request: gb300(10, { date: '2026-03-06' }),
    }),
    access: [gate('request.submit'), on('installation.use', 'exporter')],
    expect: allow(201, ['exporter'], { otherExporter: 404 }),
  },
  {
    method: 'GET',
    route: '/v1/requests',
    url: () => '/v1/requests',
    access: [gate('request.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator', 'auditor']),
    check: ownRowsOnly('requests', 'organizationId', true),
  },
  {
    method: 'GET',
    route: '/v1/requests/:id',
    url: (f) => `/v1/requests/${f.requestId}`,
    access: [on('request.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
  },
  {
    method: 'GET',
    route: '/v1/requests/:id/history',
    url: (f) => `/v1/requests/${f.requestId}/history`,
    access: [on('request.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
    check: (body, _actor, f) => {
      const entries = body['entries'] as { action: string; id: string }[];
      expect(entries[0]).toMatchObject({ id: f.requestId });
    },
  },
  {
    method: 'POST',
    route: '/v1/requests/:id/decision',
    fresh: freshRequest,
    url: (_f, fresh) => `/v1/requests/${fresh.requestId}/decision`,
    body: () => ({ decision: 'approve', conditions: ['end-use checks'] }),
    access: [gate('license.decide'), on('license.decide', 'exporter')],
    expect: allow(200, ['regulator']),
  },
  {
    method: 'GET',
    route: '/v1/requests/:id/replay',
    url: (f) => `/v1/requests/${f.requestId}/replay`,
    access: [on('request.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
  },
  // --- licenses
  {
    method: 'GET',
    route: '/v1/licenses',
    access: [gate('license.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator', 'auditor']),
    check: ownRowsOnly('licenses', 'organizationId', true),
  },
  {
    method: 'GET',
    route: '/v1/licenses/:id',
    url: (f) => `/v1/licenses/${f.licenseId}`,
    access: [on('license.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
  },
  {
    method: 'POST',
    route: '/v1/licenses/:id/status',
    fresh: freshLicense,
    url: (_f, fresh) => `/v1/licenses/${fresh.licenseId}/status`,
    body: () => ({ status: 'suspended', note: 'inquiry' }),
    access: [gate('license.set-status')],
    expect: allow(200, ['regulator']),
  },
  // --- shipments and quotas
  {
    method: 'POST',
    route: '/v1/shipments',
    body: (f) => ({ licenseId: f.licenseId, chips: 1 }),
    access: [gate('shipment.record'), on('shipment.record', 'exporter')],
    expect: allow(201, ['exporter'], { otherExporter: 404 }),
  },
  {
    method: 'POST',
    route: '/v1/shipments',
    name: "to another organization's installation",
    body: (f) => ({ licenseId: f.otherLicenseId, chips: 1, installationId: f.installationId }),
    // otherExporter's own license, exporter's installation: 404; for exporter the license is not its own.
    access: [
      gate('shipment.record'),
      on('shipment.record', 'otherExporter'),
      on('installation.use', 'exporter'),
    ],
    expect: allow(201, [], { exporter: 404, otherExporter: 404 }),
  },
  {
    method: 'GET',
    route: '/v1/shipments',
    url: (f) => `/v1/shipments?licenseId=${f.licenseId}`,
    access: [gate('shipment.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator', 'auditor']),
    check: (body, actor) => {
      // Shipments carry no organization; exporter's license was shipped against, so only exporter,
      // the regulator and the auditor see any.
      const shipments = body['shipments'] as unknown[];
      if (actor === 'otherExporter') expect(shipments).toEqual([]);
      else expect(shipments.length).toBeGreaterThan(0);
    },
  },
  {
    method: 'GET',
    route: '/v1/quotas',
    url: () => `/v1/quotas?framework=${DIFFUSION}`,
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  // --- agreements and installations
  {
    method: 'POST',
    route: '/v1/agreements',
    body: () => ({ country: 'AE', framework: 'us-g2g-licensing-2025', g2gAssurances: true }),
    // otherHostGov is the government of SA: not its country.
    access: [gate('agreement.create'), on('agreement.create', 'hostGov')],
    expect: allow(201, ['hostGov', 'regulator']),
  },
  {
    method: 'GET',
    route: '/v1/agreements',
    access: [gate('agreement.read')],
    expect: allow(200, ['hostGov', 'otherHostGov', 'regulator']),
    check: ownRowsOnly('agreements', 'createdBy'),
  },
  {
    method: 'POST',
    route: '/v1/agreements/:id/disbursements',
    url: (f) => `/v1/agreements/${f.agreementId}/disbursements`,
    body: () => ({ amountUsd: 1_000_000, date: '2025-05-01' }),
    access: [gate('agreement.disburse'), on('agreement.disburse', 'hostGov')],
    expect: allow(201, ['hostGov', 'regulator'], { otherHostGov: 404 }),
  },
  {
    method: 'POST',
    route: '/v1/installations',
    body: () => ({ name: 'Site', country: 'AE', operator: 'Op', baselineChips: 0 }),
    access: [gate('installation.create')],
    expect: allow(201, ['exporter', 'otherExporter']),
  },
  {
    method: 'GET',
    route: '/v1/installations',
    access: [gate('installation.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator']),
    check: ownRowsOnly('installations'),
  },
  {
    method: 'POST',
    route: '/v1/site-visits',
    body: (f) => ({ installationId: f.installationId, scheduledFor: '2025-07-01' }),
    access: [gate('site-visit.schedule')],
    expect: allow(201, ['regulator']),
  },
  {
    method: 'POST',
    route: '/v1/site-visits/:id/outcome',
    url: (f) => `/v1/site-visits/${f.visitId}/outcome`,
    body: () => ({ status: 'done', findings: 'chips counted and serials matched' }),
    access: [gate('site-visit.record')],
    expect: allow(200, ['regulator']),
  },
  {
    method: 'GET',
    route: '/v1/site-visits',
    access: [gate('site-visit.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator']),
  },
  // --- screening
  {
    method: 'POST',
    route: '/v1/screenings',
    body: () => ({ name: 'Siemens AG', country: 'DE' }),
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'GET',
    route: '/v1/holds',
    access: [gate('hold.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator']),
  },
  {
    method: 'GET',
    route: '/v1/requests/:id/screening',
    url: (f) => `/v1/requests/${f.requestId}/screening`,
    access: [on('request.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
  },
  {
    method: 'POST',
    route: '/v1/requests/:id/clearances',
    url: (f) => `/v1/requests/${f.requestId}/clearances`,
    // No such party on the fixture request: allowed callers get as far as its 404; the screening
    // itself is read and decided in src/api/screening.test.ts.
    body: () => ({
      party: 'Nobody Ltd',
      entityId: 'EL-none',
      decision: 'false-positive',
      note: 'n/a',
      reasonCode: 'different-country',
    }),
    access: [gate('clearance.decide'), on('clearance.decide', 'exporter')],
    ok: 404,
    expect: allow(404, ['exporter', 'regulator'], { otherExporter: 404 }),
  },
  {
    method: 'GET',
    route: '/v1/clearances',
    access: [gate('clearance.read')],
    expect: allow(200, ['exporter', 'otherExporter', 'regulator', 'auditor']),
    check: ownRowsOnly('clearances'),
  },
  {
    method: 'GET',
    route: '/v1/lists',
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'POST',
    route: '/v1/lists',
    body: () => ({
      format: 'csv',
      content:
        'name,alt_names,country,type,source,entity_number,remarks\nMatrix Test Trading LLC,,AE,entity,Internal,W-9,\n',
    }),
    access: [gate('list.import')],
    expect: allow(201, ['regulator']),
  },
  {
    method: 'POST',
    route: '/v1/lists',
    name: 'as a job',
    url: () => '/v1/lists?async=true',
    body: () => ({
      format: 'csv',
      content:
        'name,alt_names,country,type,source,entity_number,remarks\nMatrix Job Trading LLC,,AE,entity,Internal,W-10,\n',
    }),
    access: [gate('list.import')],
    expect: allow(202, ['regulator']),
  },
  // --- reports
  {
    method: 'GET',
    route: '/v1/requests/:id/evidence',
    url: (f) => `/v1/requests/${f.requestId}/evidence?format=json`,
    access: [on('request.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
  },
  {
    method: 'GET',
    route: '/v1/requests/:id/snapr',
    url: (f) => `/v1/requests/${f.requestId}/snapr`,
    access: [on('request.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor'], LEDGER_READERS),
  },
  ...(Object.keys(EXPORTED) as (keyof typeof EXPORTED)[]).map(
    (list): Case => ({
      method: 'GET',
      route: `/v1/exports/${list}.csv`,
      access: [gate(EXPORTED[list])],
      expect: allow(200, ['exporter', 'otherExporter', 'regulator', 'auditor']),
    }),
  ),
  { method: 'GET', route: '/v1/exports/quotas.csv', access: ANY_KEY, expect: allow(200, 'all') },
  {
    method: 'GET',
    route: '/v1/allocations',
    url: () => `/v1/allocations?framework=${DIFFUSION}`,
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  // --- portfolios and jobs
  {
    method: 'POST',
    route: '/v1/portfolios/comparisons',
    body: () => ({ csv: PORTFOLIO, frameworks: [DIFFUSION] }),
    access: ANY_KEY,
    expect: allow(202, 'all'),
  },
  { method: 'GET', route: '/v1/portfolios/template.csv', access: ANY_KEY, expect: allow(200, 'all') },
  {
    method: 'GET',
    route: '/v1/jobs/:id',
    url: (f) => `/v1/jobs/${f.jobId}`,
    access: [on('job.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator'], OBJECT_READERS),
  },
  {
    method: 'GET',
    route: '/v1/jobs/:id/result.csv',
    url: (f) => `/v1/jobs/${f.jobId}/result.csv`,
    access: [on('job.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator'], OBJECT_READERS),
  },
  // --- rules
  {
    method: 'POST',
    route: '/v1/determinations',
    body: () => ({ request: gb300(10), frameworks: [DIFFUSION] }),
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  { method: 'GET', route: '/v1/frameworks', access: ANY_KEY, expect: allow(200, 'all') },
  // --- session
  {
    method: 'GET',
    route: '/v1/me',
    access: ANY_KEY,
    expect: allow(200, 'all'),
    check: (body, actor, _f, api) =>
      expect(body['organizationId']).toBe(api.principals[actor].organizationId),
  },
  {
    method: 'GET',
    route: '/v1/summary',
    access: ANY_KEY,
    expect: allow(200, 'all'),
    check: (body, actor) => {
      const requests = body['requests'] as { total: number } | null;
      const devices = body['devices'] as { total: number } | null;
      expect(body['role']).toBe(
        { exporter: 'exporter', otherExporter: 'exporter', regulator: 'regulator' }[actor as string] ??
          (actor === 'auditor' ? 'auditor' : 'host-government'),
      );
      // Figures are scoped as the lists are: another exporter counts none of `exporter`'s
      // devices, a host government only what is installed in its country.
      if (actor === 'otherExporter') expect(devices?.total).toBe(0);
      if (actor === 'exporter' || actor === 'hostGov') expect(devices?.total).toBeGreaterThan(0);
      if (actor === 'otherHostGov') expect(devices?.total).toBe(0);
      if (actor === 'hostGov' || actor === 'otherHostGov') expect(requests).toBeNull();
      if (actor === 'regulator' || actor === 'auditor') expect(requests?.total).toBeGreaterThan(0);
    },
  },
  // --- catalog
  {
    method: 'GET',
    route: '/v1/catalog/chips',
    access: ANY_KEY,
    expect: allow(200, 'all'),
    check: (body) => expect((body['chips'] as unknown[]).length).toBeGreaterThan(10),
  },
  {
    method: 'GET',
    route: '/v1/catalog/countries',
    url: () => '/v1/catalog/countries?asOf=2025-06-01',
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'GET',
    route: '/v1/organizations',
    access: [gate('organization.read')],
    expect: allow(200, 'all'),
    check: (body, actor, _f, api) => {
      const ids = (body['organizations'] as { id: string }[]).map((o) => o.id);
      if (actor === 'regulator' || actor === 'auditor') expect(ids.length).toBeGreaterThan(1);
      else expect(ids).toEqual([api.principals[actor].organizationId]);
    },
  },
  // --- audit
  { method: 'GET', route: '/v1/audit/checkpoint', access: ANY_KEY, expect: allow(200, 'all') },
  { method: 'GET', route: '/v1/audit/key', access: ANY_KEY, expect: allow(200, 'all') },
  {
    // An entry's bytes: its organization, the regulator, auditors and the host government of its
    // country; its leaf hash (next) is public.
    method: 'GET',
    route: '/v1/audit/entries/:index',
    url: (f) => `/v1/audit/entries/${f.auditIndex}`,
    access: [on('audit.read', 'exporter')],
    expect: allow(200, ['exporter', 'regulator', 'auditor', 'hostGov']),
  },
  {
    method: 'GET',
    route: '/v1/audit/entries/:index/hash',
    url: (f) => `/v1/audit/entries/${f.auditIndex}/hash`,
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'GET',
    route: '/v1/audit/leaf-hashes',
    url: () => '/v1/audit/leaf-hashes?start=0&end=2',
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'GET',
    route: '/v1/audit/proof/inclusion',
    url: () => '/v1/audit/proof/inclusion?index=0&size=2',
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'GET',
    route: '/v1/audit/proof/consistency',
    url: () => '/v1/audit/proof/consistency?from=1&to=2',
    access: ANY_KEY,
    expect: allow(200, 'all'),
  },
  {
    method: 'GET',
    route: '/v1/audit/verify',
    access: [gate('audit.verify')],
    expect: allow(200, ['regulator', 'auditor']),
  },
  // --- monitoring
  {
    method: 'POST',
    route: '/v1/devices',
    body: (f) => {
      const id = `mx-new-${++serial}`;
      const publicKey = seededKey('ed25519', id).publicKeySpki;
      return {
        id,
        model: 'nvidia-gb300',
        algorithm: 'ed25519',
        publicKey,
        licenseId: f.licenseId,
        installationId: f.installationId,
      };
    },
    access: [gate('device.enroll'), on('device.enroll', 'exporter'), on('installation.use', 'exporter')],
    expect: allow(201, ['exporter'], { otherExporter: 404 }),
  },
  {
    method: 'GET',
    route: '/v1/devices',
    access: [gate('device.read')],
    expect: allow(200, 'all'),
    check: monitoredRows('devices'),
  },
  {
    method: 'GET',
    route: '/v1/devices/:id',
    url: (f) => `/v1/devices/${f.deviceId}`,
    access: [on('device.read', 'exporter')],
    expect: allow(200, 'all', { otherExporter: 404, otherHostGov: 404 }),
  },
  {
    method: 'POST',
    route: '/v1/devices/:id/retire',
    fresh: freshDevice,
    url: (_f, fresh) => `/v1/devices/${fresh.deviceId}/retire`,
    body: () => ({ note: 'returned to the vendor' }),
    access: [gate('device.retire'), on('device.retire', 'exporter')],
    expect: allow(200, ['exporter'], { otherExporter: 404 }),
  },
  {
    method: 'POST',
    route: '/v1/landmarks',
    body: () => {
      const id = `lm-new-${++serial}`;
      return {
        id,
        name: 'Dubai',
        lat: 25.2,
        lon: 55.27,
        operator: 'BIS',
        publicKey: seededKey('ed25519', id).publicKeySpki,
      };
    },
    access: [gate('landmark.register')],
    expect: allow(201, ['regulator']),
  },
  { method: 'GET', route: '/v1/landmarks', access: ANY_KEY, expect: allow(200, 'all') },
  {
    method: 'POST',
    route: '/v1/checkins/nonce',
    body: (f) => ({ deviceId: f.deviceId }),
    access: [gate('checkin.nonce'), on('checkin.nonce', 'exporter')],
    expect: allow(200, ['exporter'], { otherExporter: 404 }),
  },
  {
    method: 'POST',
    route: '/v1/checkins',
    fresh: freshCheckIn,
    body: (_f, fresh) => fresh.checkIn,
    access: [gate('checkin.submit'), on('checkin.submit', 'exporter')],
    expect: allow(200, ['exporter'], { otherExporter: 404 }),
    check: (body) => expect(body).toMatchObject({ accepted: true, verdict: 'PASS', duplicate: false }),
  },
  {
    method: 'GET',
    route: '/v1/alerts',
    access: [gate('alert.read')],
    expect: allow(200, 'all'),
    check: monitoredRows('alerts'),
  },
  {
    method: 'POST',
    route: '/v1/alerts/:id/acknowledge',
    fresh: freshAlert,
    url: (_f, fresh) => `/v1/alerts/${fresh.alertId}/acknowledge`,
    body: () => ({ note: 'looking into it' }),
    access: [gate('alert.acknowledge'), on('alert.acknowledge', 'exporter')],
    expect: allow(200, ['exporter', 'regulator'], { otherExporter: 404 }),
  },
  {
    method: 'POST',
    route: '/v1/alerts/:id/resolve',
    fresh: freshAlert,
    url: (_f, fresh) => `/v1/alerts/${fresh.alertId}/resolve`,
    body: () => ({ resolution: 'false-alarm', note: 'test signature' }),
    access: [gate('alert.resolve'), on('alert.resolve', 'exporter')],
    expect: allow(200, ['regulator']),
  },
  {
    method: 'GET',
    route: '/v1/monitoring/report',
    access: [gate('monitoring-report.read')],
    expect: allow(200, ['regulator', 'hostGov', 'otherHostGov', 'auditor']),
  },
  { method: 'GET', route: '/v1/monitoring/settings', access: ANY_KEY, expect: allow(200, 'all') },
  {
    method: 'PATCH',
    route: '/v1/monitoring/settings',
    body: () => ({ landmarksPerCheckIn: 3 }),
    access: [gate('monitoring.configure')],
    expect: allow(200, ['regulator']),
  },
  {
    method: 'GET',
    route: '/v1/monitoring/coverage',
    access: [gate('coverage.read')],
    expect: allow(200, ['regulator', 'hostGov', 'otherHostGov', 'auditor']),
    check: (body, actor) => {
      const rows = body['installations'] as { country: string }[];
      // A host government sees the installations in its country only (the fixture's are in AE).
      if (actor === 'otherHostGov') expect(rows).toEqual([]);
      else expect(rows.length).toBeGreaterThan(0);
      if (actor === 'hostGov') for (const row of rows) expect(row.country).toBe('AE');
    },
  },
];

/**
 * The statuses the access table gives each actor for a case: 403 where a step's role may not take
 * the action, the rule's refusal (404, or 403 where it refuses openly) where the object is out
 * of the actor's scope, the case's success status otherwise.
 */
function fromTable(c: Case, api: TestApi): Expected {
  const ok = c.ok ?? Math.min(...Object.values(c.expect));
  const out = {} as Expected;
  for (const actor of ACTORS) {
    const principal = api.principals[actor];
    out[actor] = ok;
    for (const step of c.access) {
      if (step.of === undefined) {
        if (can(principal, step.action)) continue;
        out[actor] = 403;
      } else {
        const resource = { organizationId: api.principals[step.of].organizationId, country: 'AE' };
        if (can(principal, step.action, resource)) continue;
        const rule: AccessRule = ACCESS[step.action];
        out[actor] = rule.refused === 'forbidden' ? 403 : 404;
      }
      break;
    }
  }
  return out;
}

/** Actions no route of the matrix takes on its own: where they are tested instead. */
const TESTED_ELSEWHERE: Partial<Record<Action, string>> = {
  'clearance.decide-party': 'src/api/clearances.test.ts (a party-wide clearance is the regulator’s)',
  'clearance.clear-listed-match': 'src/api/clearances.test.ts (strong listed matches: the regulator only)',
};

const label = (c: Case) => `${c.method} ${c.route}${c.name ? ` (${c.name})` : ''}`;

for (const variant of variants) {
  describe.skipIf(!variant.available)(`authorization matrix on ${variant.name} ${variant.skipReason}`, () => {
    let api: TestApi;
    let fixture: Fixture;

    beforeAll(async () => {
      api = await startTestApi(variant);
      const { ctx } = api.ledger;
      const p = api.principals;
      const installation = await createInstallation(ctx, p.exporter, {
        name: 'Campus',
        country: 'AE',
        operator: 'G42',
        ...SITE,
      });
      const licensed = await freshLicense(api);
      await recordShipment(ctx, p.exporter, { licenseId: licensed.licenseId!, chips: 1 });
      const other = await submitRequest(ctx, p.otherExporter, { framework: DIFFUSION, request: gb300(1000) });
      const otherLicense = await decideRequest(ctx, p.regulator, other.id, { decision: 'approve' });
      const agreement = await createAgreement(ctx, p.hostGov, { country: 'AE', framework: DIFFUSION });
      const visit = await scheduleSiteVisit(ctx, p.regulator, {
        installationId: installation.id,
        scheduledFor: '2025-06-15',
      });
      const job = (
        await api.call('exporter', 'POST', '/v1/portfolios/comparisons', { csv: PORTFOLIO })
      ).json();
      await api.jobs.idle();
      fixture = {
        jobId: job.id,
        visitId: visit.id,
        requestId: licensed.requestId!,
        licenseId: licensed.licenseId!,
        installationId: installation.id,
        agreementId: agreement.id,
        otherLicenseId: otherLicense.licenseId!,
        deviceId: '',
        alertId: '',
      };
      current = fixture;
      await registerLandmark(ctx, p.regulator, {
        id: LANDMARK.id,
        name: LANDMARK.name,
        lat: LANDMARK.lat,
        lon: LANDMARK.lon,
        operator: 'BIS',
        publicKey: LANDMARK.key.publicKeySpki,
      });
      Object.assign(fixture, await freshAlert(api));
      const entry = await ctx.db
        .selectFrom('audit_entries')
        .select('idx')
        .where('subject_org', '=', p.exporter.organizationId)
        .where('subject_country', '=', 'AE')
        .orderBy('idx')
        .executeTakeFirstOrThrow();
      fixture.auditIndex = Number(entry.idx);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('expects of every route what the access table says', () => {
      for (const c of CASES) expect(fromTable(c, api), label(c)).toEqual(c.expect);
    });

    it('asks every action of the access table somewhere', () => {
      const asked = new Set(CASES.flatMap((c) => c.access.map((step) => step.action)));
      const untested = ACTIONS.filter((action) => !asked.has(action) && !TESTED_ELSEWHERE[action]);
      expect(untested).toEqual([]);
      for (const action of Object.keys(TESTED_ELSEWHERE)) expect(asked.has(action as Action)).toBe(false);
    });

    it('covers every /v1 route the server has, and only those', async () => {
      const inMatrix = new Set(CASES.map((c) => `${c.method} ${c.route}`));
      expect([...registeredRoutes(api.app)].sort()).toEqual([...inMatrix].sort());
      const doc = (await api.call(null, 'GET', '/openapi.json')).json();
      const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      expect(documented.filter((r) => r.includes(' /v1/')).sort()).toEqual([...inMatrix].sort());
    });

    for (const c of CASES) {
      it(`${label(c)}: 401 without a key or with a bad one`, async () => {
        const url = (c.url ?? (() => c.route))(fixture, {});
        const body = c.body?.(fixture, {});
        const headerSets: Record<string, string>[] = [
          {},
          { authorization: 'Bearer cx_not-a-key' },
          { authorization: `Basic ${api.keys.regulator}` },
        ];
        for (const headers of headerSets) {
          const res = await api.call(null, c.method, url, body, headers);
          expect(res.statusCode, `${JSON.stringify(headers)}: ${res.body}`).toBe(401);
          expect(res.json()).toEqual({
            error: { code: 'unauthenticated', message: expect.any(String), path: [] },
          });
        }
      });

      it(`${label(c)}: ${Object.entries(c.expect)
        .map(([a, s]) => `${a} ${s}`)
        .join(', ')}`, async () => {
        for (const actor of ACTORS) {
          const fresh = c.fresh ? await c.fresh(api) : {};
          const url = (c.url ?? (() => c.route))(fixture, fresh);
          const res = await api.call(actor, c.method, url, c.body?.(fixture, fresh));
          const expected = c.expect[actor];
          expect(res.statusCode, `${actor} ${c.method} ${url}: ${res.body}`).toBe(expected);
          if (expected >= 400) {
            expect(res.json().error.code).toBe(expected === 403 ? 'forbidden' : 'not_found');
          } else {
            c.check?.(res.json(), actor, fixture, api);
          }
        }
      });
    }

    it('leaves the objects of one organization untouched by the others', async () => {
      // After every call above: exporter's license was shipped against only by exporter.
      const license = await api.call('exporter', 'GET', `/v1/licenses/${fixture.licenseId}`);
      const shipments = await api.call('regulator', 'GET', `/v1/shipments?licenseId=${fixture.licenseId}`);
      // One shipment from the fixture, one from the matrix (exporter's own call).
      expect(shipments.json().shipments).toHaveLength(2);
      expect(license.json().used.chips).toBe(2);
      const otherLicense = await api.call('otherExporter', 'GET', `/v1/licenses/${fixture.otherLicenseId}`);
      expect(otherLicense.json().used.chips).toBe(0);
      const agreements = await api.call('regulator', 'GET', '/v1/agreements');
      const agreement = agreements
        .json()
        .agreements.find((a: { id: string }) => a.id === fixture.agreementId);
      // Disbursed by hostGov and the regulator only.
      expect(agreement.usInvestment.disbursedUsd).toBe(2_000_000);
    });
  });
}

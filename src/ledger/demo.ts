import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerContext } from './context.js';
import { createInstallation } from './installations.js';
import type { Ledger } from './ledger.js';
import { addDisbursement, createAgreement, decideRequest, recordShipment } from './licensing/index.js';
import { seedMonitoringDemo } from './monitoring/index.js';
import { createApiKey, createOrganization } from './organizations.js';
import { authenticate, type Principal, type Role } from './principal.js';
import { submitRequest } from './requests/index.js';

export type DemoKeys = Record<string, { role: Role; key: string }>;

const ORGS: { name: string; role: Role; country: string }[] = [
  { name: 'NovaChip Corp', role: 'exporter', country: 'US' },
  { name: 'Skyline Cloud Inc', role: 'exporter', country: 'US' },
  { name: 'Bureau of Industry and Security', role: 'regulator', country: 'US' },
  { name: 'UAE Government', role: 'host-government', country: 'AE' },
  { name: 'Saudi Arabia Government', role: 'host-government', country: 'SA' },
  { name: 'Ledger Audit LLP', role: 'auditor', country: 'US' },
];

type Demo = { nova: Principal; skyline: Principal; bis: Principal; uae: Principal; saudi: Principal };

/**
 * Seeds a demonstration ledger — an organization for every role, agreements with the UAE
 * and Saudi Arabia, requests under each framework drawn from public reports, licenses with
 * shipments — and writes the keys to `<data dir>/demo-keys.json` (spec/contracts.md). Runs
 * once: a ledger that already has the demo organizations keeps them and their keys.
 */
export async function seedDemo(
  ledger: Ledger,
): Promise<{ keys: DemoKeys; path: string | null; created: boolean }> {
  const { keys, path, existing } = await demoKeys(ledger);
  if (existing) return { keys, path, created: false };
  const ctx = ledger.ctx;
  const as = (name: string) => authenticate(ctx.db, keys[name]!.key);
  const [nova, skyline, bis, uae, saudi] = await Promise.all(ORGS.slice(0, 5).map((o) => as(o.name)));
  const demo: Demo = { nova: nova!, skyline: skyline!, bis: bis!, uae: uae!, saudi: saudi! };
  await seedAgreements(ctx, demo);
  const sites = await seedSites(ctx, demo);
  const licenses = await seedLicensedRequests(ctx, demo, sites);
  await seedOtherRequests(ctx, demo, sites);
  await seedMonitoringDemo(
    ctx,
    demo,
    {
      humain: { id: sites.humain.id, lat: sites.humain.lat!, lon: sites.humain.lon! },
      g42: { id: sites.g42.id, lat: sites.g42.lat!, lon: sites.g42.lon! },
      johor: { id: sites.johor.id, lat: sites.johor.lat!, lon: sites.johor.lon! },
    },
    licenses,
  );
  await seedHeldRequest(ctx, demo);
  return { keys, path, created: true };
}

/**
 * The demo organizations and a key for each, written to `demo-keys.json`; `existing` when the
 * ledger already has them (then they are not seeded again).
 */
async function demoKeys(ledger: Ledger): Promise<{ keys: DemoKeys; path: string | null; existing: boolean }> {
  // An in-memory store has no directory: its keys are returned, not written anywhere.
  const path = ledger.store.dataDir.startsWith('memory://')
    ? null
    : join(ledger.store.dataDir, 'demo-keys.json');
  const existing = await ledger.ctx.db
    .selectFrom('organizations')
    .select('name')
    .where('name', '=', ORGS[0]!.name)
    .executeTakeFirst();
  if (existing && path && existsSync(path))
    return { keys: JSON.parse(readFileSync(path, 'utf8')) as DemoKeys, path, existing: true };

  const ctx = ledger.ctx;
  const keys: DemoKeys = {};
  for (const org of ORGS) {
    if (!existing) await createOrganization(ctx, org);
    keys[org.name] = { role: org.role, key: (await createApiKey(ctx, org.name, 'demo')).key };
  }
  if (path) writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return { keys, path, existing: Boolean(existing) };
}

async function seedAgreements(ctx: LedgerContext, { uae, saudi }: Demo): Promise<void> {
  // Agreements (research/regulatory-facts.md: UAE 1:1 investment terms; Humain / Saudi partnership).
  for (const framework of ['us-ai-diffusion-2025', 'us-g2g-licensing-2025', 'us-investment-for-chips-2026']) {
    const a = await createAgreement(ctx, uae, {
      country: 'AE',
      framework,
      g2gAssurances: true,
      siteVisitsAccepted: true,
      securityGuarantee: false,
      usInvestmentCommittedUsd: 1.4e12,
      note: 'UAE invests in U.S. AI data centers of equal or larger scale (reported terms)',
    });
    await addDisbursement(ctx, uae, a.id, { amountUsd: 25e9, date: '2025-09-30' });
    await createAgreement(ctx, saudi, {
      country: 'SA',
      framework,
      g2gAssurances: true,
      siteVisitsAccepted: framework !== 'us-g2g-licensing-2025',
      usInvestmentCommittedUsd: 6e11,
      note: 'Strategic AI partnership, May 2025 (reported)',
    });
  }
}

async function seedSites(ctx: LedgerContext, { nova, skyline }: Demo) {
  // Sites a delay bound can place in their country: inland, each with a landmark in its metro
  // area (docs/monitoring-protocol.md, "Coverage"). Illustrative coordinates.
  const g42 = await createInstallation(ctx, skyline, {
    name: 'Al Dhafra AI campus (G42)',
    country: 'AE',
    lat: 23.68,
    lon: 53.7,
    operator: 'G42',
  });
  const humain = await createInstallation(ctx, nova, {
    name: 'Humain Riyadh data center',
    country: 'SA',
    lat: 24.7136,
    lon: 46.6753,
    operator: 'Humain',
  });
  const johor = await createInstallation(ctx, skyline, {
    name: 'Johor data center (Sedenak)',
    country: 'MY',
    lat: 1.6945,
    lon: 103.5712,
    operator: 'Example Cloud Sdn Bhd',
    baselineChips: 256,
  });
  return { g42, humain, johor };
}

type Sites = Awaited<ReturnType<typeof seedSites>>;

/** Requests licensed (or excepted) and shipped against: the licenses the monitoring demo watches. */
async function seedLicensedRequests(
  ctx: LedgerContext,
  { nova, skyline, bis }: Demo,
  { g42, humain, johor }: Sites,
) {
  const g42Request = await submitRequest(ctx, skyline, {
    framework: 'us-ai-diffusion-2025',
    installationId: g42.id,
    request: {
      id: 'SKY-2025-031',
      date: '2025-04-20',
      destination: 'AE',
      items: [{ chip: 'nvidia-gb300', quantity: 5000, unitPriceUsd: 60000 }],
      endUser: { name: 'G42', country: 'AE', headquarters: 'AE', ultimateParent: 'AE' },
    },
  });
  const approved = await decideRequest(ctx, bis, g42Request.id, {
    decision: 'approve',
    conditions: ['semi-annual inventory reports', 'no transfers outside the installation'],
    note: 'within the country allocation under the U.S.–UAE agreement',
  });
  await recordShipment(ctx, skyline, {
    licenseId: approved.licenseId!,
    chips: 2000,
    installationId: g42.id,
  });
  await recordShipment(ctx, skyline, {
    licenseId: approved.licenseId!,
    chips: 1500,
    installationId: g42.id,
  });

  const humainRequest = await submitRequest(ctx, nova, {
    framework: 'us-g2g-licensing-2025',
    installationId: humain.id,
    request: {
      id: 'NOVA-2025-112',
      date: '2025-05-13',
      destination: 'SA',
      items: [{ chip: 'nvidia-gb300', quantity: 18000, unitPriceUsd: 60000 }],
      endUser: { name: 'Humain', country: 'SA', headquarters: 'SA', ultimateParent: 'SA' },
    },
  });
  const humainLicense = await decideRequest(ctx, bis, humainRequest.id, {
    decision: 'approve',
    conditions: ['rigorous security and reporting requirements'],
    note: 'first tranche under the Saudi partnership',
  });
  await recordShipment(ctx, nova, {
    licenseId: humainLicense.licenseId!,
    chips: 6000,
    installationId: humain.id,
  });

  const malaysia = await submitRequest(ctx, skyline, {
    framework: 'us-ai-diffusion-2025',
    installationId: johor.id,
    request: {
      id: 'SKY-2025-007',
      date: '2025-03-01',
      destination: 'MY',
      items: [{ chip: 'nvidia-h100-sxm', quantity: 1500, unitPriceUsd: 25000 }],
      endUser: { name: 'Example Cloud Sdn Bhd', country: 'MY', headquarters: 'MY' },
    },
  });
  if (malaysia.licenseId)
    await recordShipment(ctx, skyline, {
      licenseId: malaysia.licenseId,
      chips: 800,
      installationId: johor.id,
    });
  return { humain: humainLicense.licenseId!, g42: approved.licenseId!, johorLpp: malaysia.licenseId };
}

/** Requests determined without a shipment: under the 2026 proposal, and denied or refused destinations. */
async function seedOtherRequests(ctx: LedgerContext, { nova, bis }: Demo, { humain }: Sites): Promise<void> {
  await submitRequest(ctx, nova, {
    framework: 'us-investment-for-chips-2026',
    installationId: humain.id,
    request: {
      id: 'NOVA-2026-004',
      date: '2026-03-06',
      destination: 'SA',
      items: [{ chip: 'nvidia-b300', quantity: 40000, unitPriceUsd: 45000 }],
      endUser: { name: 'Humain', country: 'SA', headquarters: 'SA' },
      assurances: { exporterMonitoring: true, antiClusteringSoftware: true },
    },
  });
  const russia = await submitRequest(ctx, nova, {
    framework: 'us-ai-diffusion-2025',
    request: {
      id: 'NOVA-2025-090',
      date: '2025-04-01',
      destination: 'RU',
      items: [{ chip: 'nvidia-h100-pcie', quantity: 64 }],
      endUser: { name: 'Example Moscow Computing OOO', country: 'RU', headquarters: 'RU' },
    },
  });
  await decideRequest(ctx, bis, russia.id, { decision: 'deny', note: 'Tier 3: presumption of denial' });
  await submitRequest(ctx, nova, {
    framework: 'us-investment-for-chips-2026',
    request: {
      id: 'NOVA-2026-021',
      date: '2026-02-01',
      destination: 'CN',
      items: [{ chip: 'nvidia-h200-sxm', quantity: 5000, unitPriceUsd: 30000 }],
      endUser: { name: 'Example Beijing AI Co., Ltd.', country: 'CN', headquarters: 'CN' },
    },
  });
}

async function seedHeldRequest(ctx: LedgerContext, { skyline }: Demo): Promise<void> {
  // A party that matches the Entity List: the request waits on hold for a compliance decision.
  await submitRequest(ctx, skyline, {
    framework: 'us-ai-diffusion-2025',
    request: {
      id: 'SKY-2025-044',
      date: '2025-05-02',
      destination: 'TH',
      items: [{ chip: 'nvidia-l40s', quantity: 64, unitPriceUsd: 9000 }],
      endUser: { name: 'Huawei Technologies (Thailand) Co.', country: 'TH' },
      parties: [{ role: 'purchaser', name: 'Siam Compute Distribution Co., Ltd.', country: 'TH' }],
    },
  });
}

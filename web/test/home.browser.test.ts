import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listLicenses, recordShipment } from '../../src/ledger/licensing/index.js';
import { authenticate } from '../../src/ledger/principal.js';
import type { Summary } from '../../src/ledger/summary.js';
import {
  checkAccessibility,
  type Dashboard,
  describeBrowser,
  openPage,
  screenshot,
  signIn,
  startDashboard,
} from './harness.js';

/**
 * Each role's home page in Chromium over the demo ledger: the figures that need attention now
 * (the same as GET /v1/summary says for that key), each linking into the page that lists them.
 * The demo's G42 license is shipped to 84 % first, so the exporter has a license near exhaustion.
 */

const SKYLINE = 'Skyline Cloud Inc';

describeBrowser('home pages that are dashboards', () => {
  let dashboard: Dashboard;
  let g42License: string;
  beforeAll(async () => {
    dashboard = await startDashboard({
      seed: async (ledger, keys) => {
        const skyline = await authenticate(ledger.ctx.db, keys[SKYLINE]!.key);
        const license = (await listLicenses(ledger.ctx, skyline)).find(
          (l) => l.kind === 'license' && l.limits.chips === 5000,
        );
        if (!license) throw new Error('the demo has no 5,000-chip license for Skyline');
        g42License = license.id;
        await recordShipment(ledger.ctx, skyline, { licenseId: license.id, chips: 700 });
      },
    });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  async function summaryOf(who: string): Promise<Summary> {
    const res = await dashboard.app.inject({
      url: '/v1/summary',
      headers: { authorization: `Bearer ${dashboard.keyOf(who)}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Summary>();
  }

  async function home(who: string): Promise<Page> {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, who);
    await page.getByRole('heading', { level: 2, name: 'Now' }).waitFor();
    return page;
  }

  const card = (page: Page, id: string) => page.getByTestId(`card-${id}`);
  const figure = async (page: Page, id: string) =>
    Number(((await card(page, id).locator('.figure').textContent()) ?? '').replace(/,/g, ''));

  it('shows the exporter its holds, licenses near exhaustion and devices with open alerts, with links', async () => {
    const s = await summaryOf(SKYLINE);
    expect(s.requests?.byStatus.held).toBeGreaterThan(0);
    expect(s.licensesNearExhaustion.map((l) => l.id)).toEqual([g42License]);
    const page = await home(SKYLINE);
    expect(await figure(page, 'held')).toBe(s.requests!.byStatus.held);
    expect(await figure(page, 'awaiting')).toBe(s.requests!.byStatus.determined);
    expect(await figure(page, 'licenses-near')).toBe(1);
    expect(await card(page, 'licenses-near').textContent()).toContain('84 % used');
    expect(await figure(page, 'devices-alerts')).toBe(s.devices!.withOpenAlerts.length);
    await screenshot(page, 'home-exporter');
    await checkAccessibility(page, 'home (exporter)');

    await card(page, 'licenses-near').getByRole('link', { name: g42License }).click();
    await page.getByRole('heading', { level: 1, name: `License ${g42License}` }).waitFor();
    await openPage(page, '/', /^Welcome/);
    await card(page, 'held').getByRole('link', { name: 'Your requests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    await openPage(page, '/', /^Welcome/);
    await card(page, 'devices-alerts').getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
  });

  it('shows the regulator the queue, open alerts by kind and allocations nearest their cap', async () => {
    const s = await summaryOf('regulator');
    const page = await home('regulator');
    const queue = s.requests!.byStatus.held + s.requests!.byStatus.determined;
    expect(queue).toBeGreaterThan(0);
    expect(await figure(page, 'queue')).toBe(queue);
    expect(s.openAlerts!.total).toBeGreaterThan(0);
    expect(await figure(page, 'alerts')).toBe(s.openAlerts!.total);
    const kinds = Object.entries(s.openAlerts!.byKind).filter(([, n]) => n > 0);
    const alertRows = card(page, 'alerts')
      .getByRole('table', { name: 'Open alerts by kind' })
      .locator('tbody tr');
    expect(await alertRows.count()).toBe(kinds.length);
    expect(s.allocations.length).toBeGreaterThan(0);
    const allocationRows = card(page, 'allocations').getByRole('table').locator('tbody tr');
    expect(await allocationRows.count()).toBe(s.allocations.length);
    expect(await allocationRows.first().textContent()).toContain(s.allocations[0]!.name);
    expect(await figure(page, 'licenses-near')).toBe(1);
    await screenshot(page, 'home-regulator');
    await checkAccessibility(page, 'home (regulator)');

    await card(page, 'queue').getByRole('link', { name: 'Open the queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'License queue' }).waitFor();
    await openPage(page, '/', /^Welcome/);
    await card(page, 'alerts').getByRole('link', { name: 'Monitoring' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monitoring' }).waitFor();
    await openPage(page, '/', /^Welcome/);
    await card(page, 'allocations').getByRole('link', { name: 'Allocations map' }).click();
    await page.getByRole('heading', { level: 1, name: 'Country allocations' }).waitFor();
  });

  it("shows a host government its own country's allocations, agreements, devices and alerts", async () => {
    const s = await summaryOf('host-government');
    expect(s.requests).toBeNull();
    expect(s.allocations.length).toBeGreaterThan(0);
    expect(new Set(s.allocations.map((a) => a.country))).toEqual(new Set(['AE']));
    const page = await home('host-government');
    await card(page, 'allocations').getByRole('heading', { name: 'Allocations of AE' }).waitFor();
    const rows = card(page, 'allocations').getByRole('table').locator('tbody tr');
    expect(await rows.count()).toBe(s.allocations.length);
    expect(s.agreements!.map((a) => a.framework).sort()).toEqual([
      'us-ai-diffusion-2025',
      'us-g2g-licensing-2025',
      'us-investment-for-chips-2026',
    ]);
    expect(await figure(page, 'agreements')).toBe(3);
    expect(await card(page, 'agreements').locator('li').count()).toBe(3);
    expect(await figure(page, 'alerts')).toBe(s.openAlerts!.total);
    expect(await figure(page, 'devices-alerts')).toBe(s.devices!.withOpenAlerts.length);
    // Not another country's: Saudi Arabia's sites stay out of the UAE's figures.
    const saudi = await summaryOf('Saudi Arabia Government');
    expect(saudi.allocations.every((a) => a.country === 'SA')).toBe(true);
    await screenshot(page, 'home-host-government');
    await checkAccessibility(page, 'home (host government)');

    await card(page, 'agreements').getByRole('link', { name: 'Agreements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agreements' }).waitFor();
  });

  it('shows an auditor the audit log, requests and alerts, and never a form', async () => {
    const s = await summaryOf('auditor');
    expect(s.auditLog!.size).toBeGreaterThan(0);
    const page = await home('auditor');
    expect(await figure(page, 'log')).toBe(s.auditLog!.size);
    expect(await figure(page, 'requests')).toBe(s.requests!.total);
    expect(await page.locator('form').count()).toBe(0);
    await screenshot(page, 'home-auditor');
    await checkAccessibility(page, 'home (auditor)');
    await card(page, 'log').getByRole('link', { name: 'Verify the log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  });
});

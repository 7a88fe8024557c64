import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkAccessibility,
  type Dashboard,
  describeBrowser,
  openPage,
  screenshot,
  signIn,
  startDashboard,
} from './harness.js';

/** The analyst's task (portfolio comparison), and what an auditor may do: read, never write. */
describeBrowser('analyst and auditor', () => {
  let dashboard: Dashboard;
  let page: Page;
  beforeAll(async () => {
    dashboard = await startDashboard();
    page = await dashboard.newPage();
    // Policy analysts get auditor keys (docs/decisions.md, "No analyst role").
    await signIn(page, dashboard, 'auditor');
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('compares the frameworks on the example portfolio: progress, chart, table, CSV', async () => {
    await openPage(page, '/analysis', 'Portfolio analysis');
    await page.getByRole('button', { name: 'Use example' }).click();
    await expect.poll(() => page.getByLabel(/^CSV/).inputValue()).toMatch(/destination/);
    await checkAccessibility(page, 'analysis (portfolio)');
    await page.getByRole('button', { name: 'Compare frameworks' }).click();

    const progress = page.locator('progress#job-progress');
    await progress.waitFor();
    await page.getByRole('heading', { name: 'H100e allowed without a license, per country' }).waitFor();
    const max = Number(await progress.getAttribute('max'));
    expect(max).toBeGreaterThan(0);
    expect(Number(await progress.getAttribute('value'))).toBe(max);

    // The grouped bar chart: one series per framework.
    const frameworks = (
      await dashboard.app.inject({
        url: '/v1/frameworks',
        headers: { authorization: `Bearer ${dashboard.keyOf('auditor')}` },
      })
    ).json<{ frameworks: unknown[] }>().frameworks.length;
    await page.locator('.recharts-surface').first().waitFor();
    // The differences from the enforced law: one series per what-if; then H100e: one per framework.
    const changes = page.getByTestId('changes-chart');
    await page
      .getByRole('heading', { name: 'Requests answered differently from the enforced law, per country' })
      .waitFor();
    await expect.poll(() => changes.locator('.recharts-legend-item').count()).toBe(frameworks - 1);
    await expect.poll(() => changes.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const h100e = page.locator('section[aria-labelledby="chart-heading"]');
    await expect.poll(() => h100e.locator('.recharts-legend-item').count()).toBe(frameworks);
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

    const table = page.getByRole('table', { name: 'Comparison by country and framework' });
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows % frameworks).toBe(0);
    expect(await table.locator('tbody tr').first().textContent()).toContain(
      'us-ear-enforced (the enforced law, baseline)',
    );
    await screenshot(page, 'analysis-comparison');
    await checkAccessibility(page, 'analysis (comparison)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('portfolio-comparison.csv');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(1);
  });

  it('refuses a bad portfolio with the line and column named', async () => {
    await openPage(page, '/analysis', 'Portfolio analysis');
    await page.getByLabel(/^CSV/).fill('destination,chip,quantity\nAE,nvidia-gb300,-5\n');
    await page.getByRole('button', { name: 'Compare frameworks' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/line|quantity/i);
    await screenshot(page, 'analysis-bad-portfolio');
  });

  it("shows the regulator every organization's requests, licenses and shipments, without the exporter's forms", async () => {
    const regulator = await dashboard.newPage();
    await signIn(regulator, dashboard, 'regulator');
    await openPage(regulator, '/requests', 'Requests');
    const table = regulator.getByRole('table', { name: 'Requests' });
    await table.locator('tbody tr').first().waitFor();
    // Both demo exporters' requests: NovaChip's and Skyline's references.
    await expect.poll(() => table.textContent()).toMatch(/NOVA-.*SKY-|SKY-.*NOVA-/s);
    await checkAccessibility(regulator, 'requests (regulator)');
    await openPage(regulator, '/shipments', 'Shipments');
    await regulator.getByRole('table', { name: 'Shipments' }).locator('tbody tr').first().waitFor();
    expect(await regulator.getByRole('heading', { name: 'Record a shipment' }).count()).toBe(0);
    await screenshot(regulator, 'regulator-shipments');
    await checkAccessibility(regulator, 'shipments (regulator)');
    await regulator.context().close();
  });

  it('shows the auditor requests, a request and licenses without any form', async () => {
    const nav = await page.getByRole('navigation', { name: 'Main' }).textContent();
    expect(nav).not.toContain('New request');
    expect(nav).not.toContain('Shipments');

    await openPage(page, '/requests', 'Requests');
    await page.getByRole('table', { name: 'Requests' }).locator('tbody tr').first().waitFor();
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New request' }).count()).toBe(0);
    await screenshot(page, 'auditor-requests');
    await checkAccessibility(page, 'requests (auditor)');

    await page.getByRole('table', { name: 'Requests' }).locator('tbody tr a').first().click();
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await page.getByRole('heading', { name: 'Determination' }).waitFor();
    expect(await page.locator('form').count()).toBe(0);
    await screenshot(page, 'auditor-request-detail');
    await checkAccessibility(page, 'request detail (auditor)');

    await openPage(page, '/licenses', 'Licenses');
    await page.getByRole('table', { name: 'Licenses' }).locator('tbody tr').first().waitFor();
    expect(await page.locator('form').count()).toBe(0);
    await page.getByRole('table', { name: 'Licenses' }).locator('tbody tr td:first-child a').first().click();
    await page.getByRole('heading', { level: 1, name: /^License / }).waitFor();
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Record a shipment' }).count()).toBe(0);
    await screenshot(page, 'auditor-license-detail');
    await checkAccessibility(page, 'license detail (auditor)');

    // Pages of other roles are not there at all.
    await page.evaluate(`window.location.hash = '/new-request'`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('There is no page');
  });
});

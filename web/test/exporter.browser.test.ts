import { readFileSync } from 'node:fs';
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

/** The compliance officer's main task: determine, submit, find the request, ship against a license. */
describeBrowser('exporter', () => {
  let dashboard: Dashboard;
  let page: Page;
  beforeAll(async () => {
    dashboard = await startDashboard();
    page = await dashboard.newPage();
    await signIn(page, dashboard, 'Skyline Cloud Inc');
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  const frameworkCount = async () =>
    (await dashboard.app.inject({ url: '/v1/frameworks', headers: auth() })).json<{ frameworks: unknown[] }>()
      .frameworks.length;
  const auth = () => ({ authorization: `Bearer ${dashboard.keyOf('Skyline Cloud Inc')}` });

  it('determines the request live under every framework as the form changes, and submits it', async () => {
    await openPage(page, '/new-request', 'New export request');
    await page.getByLabel('Chip', { exact: true }).selectOption('nvidia-h100-sxm');
    await page.getByLabel('Quantity', { exact: true }).fill('100');
    await page.getByLabel('Destination').selectOption('AE');
    await page.getByLabel('End user', { exact: true }).fill('Example Cloud FZ-LLC');

    const cards = page.getByTestId('determinations').locator('article');
    await expect.poll(() => cards.count()).toBe(await frameworkCount());
    await expect.poll(() => cards.first().textContent()).toContain('100 ×');
    for (const card of await cards.all()) {
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('Outcome');
      expect(text).toContain('License required');
      expect(text).toContain('Sources');
      expect(text).toContain('Federal Register');
      expect(text).not.toMatch(/seed \d{3}_/);
    }
    // The enforced law first, labelled so, with the CFR text beside it and the open readings.
    const enforced = cards.first();
    await expect
      .poll(() => enforced.getByTestId('enforced-label').textContent())
      .toContain('the enforced law on');
    expect(await enforced.textContent()).toContain('us-ear-enforced');
    await expect
      .poll(() => enforced.getByTestId('cfr-text').textContent())
      .toContain('license exception, LPP');
    expect(await enforced.getByTestId('uncertain').textContent()).toContain('uae-scope');
    expect(await cards.nth(1).textContent()).toContain('what-if');
    expect(await page.getByLabel('Submit under').inputValue()).toBe('us-ear-enforced');

    // The explanation opens per framework.
    await cards.first().getByText('Explanation').click();
    await expect.poll(() => cards.first().locator('details p').isVisible()).toBe(true);

    // A change of quantity is determined again.
    await page.getByLabel('Quantity', { exact: true }).fill('50000');
    await expect.poll(() => cards.first().textContent()).toContain('50,000 ×');
    await expect.poll(() => page.getByTestId('license-required').allTextContents()).toContain('yes');

    // A second item joins the determinations.
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel('Chip (item 2)').selectOption('nvidia-gb300');
    await page.getByLabel('Quantity (item 2)').fill('10');
    await expect.poll(() => cards.first().textContent()).toMatch(/10 × NVIDIA GB300/);
    await screenshot(page, 'exporter-new-request');
    await checkAccessibility(page, 'new request');

    await page.getByLabel('Your reference (optional)').fill('SKY-TEST-001');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    const id = decodeURIComponent(page.url().split('#/requests/')[1] ?? '');
    expect(id).not.toBe('');
    await page.getByRole('heading', { name: 'Determination' }).waitFor();
    await page.getByRole('heading', { name: 'Screening' }).waitFor();
    // Submitted under the enforced law by default: its card carries the CFR text.
    await page.getByTestId('cfr-text').first().waitFor();
    // The audit trail: the submission's own log entry, by its action and the exporter's name.
    const trail = page.locator('section[aria-labelledby="trail-heading"]');
    await trail
      .getByRole('row', { name: new RegExp(`request\\.\\w+ request ${id}`) })
      .first()
      .waitFor();
    await trail.getByText('Skyline Cloud Inc').first().waitFor();
    await screenshot(page, 'exporter-request-detail');
    await checkAccessibility(page, 'request detail');

    // The reports: the evidence bundle as PDF (saved) and as printable HTML (a new tab), the SNAP-R pack.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Evidence bundle (PDF)' }).click(),
    ]);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [snapr] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SNAP-R data pack' }).click(),
    ]);
    expect(JSON.stringify(JSON.parse(readFileSync(await snapr.path(), 'utf8')))).toContain(id);
    const [evidence] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Evidence bundle (HTML)' }).click(),
    ]);
    await evidence.waitForLoadState();
    expect(await evidence.content()).toContain(id);
    await screenshot(evidence, 'exporter-evidence-bundle');
    await evidence.close();

    await openPage(page, '/requests', 'Requests');
    const row = page.getByRole('row').filter({ hasText: id });
    await row.waitFor();
    expect(await row.textContent()).toContain('SKY-TEST-001');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('requests.csv');
    expect(readFileSync(await csv.path(), 'utf8')).toContain('SKY-TEST-001');
    await screenshot(page, 'exporter-requests');
    await checkAccessibility(page, 'requests');
  });

  it('shows holds: the request whose party matches the Entity List is on hold', async () => {
    await openPage(page, '/requests', 'Requests');
    await page.getByRole('status').filter({ hasText: '1 request on screening hold.' }).waitFor();
    await page.getByRole('button', { name: 'Show them' }).click();
    expect(await page.getByLabel('Status').inputValue()).toBe('held');
    const held = page.getByRole('row').filter({ hasText: 'SKY-2025-044' });
    await held.waitFor();
    expect(await held.textContent()).toContain('screening hold');
    // The filtered page replaces the whole list (the held row is on both).
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
  });

  it('records a shipment and the depletion bar moves; an over-draw shows the API message', async () => {
    await openPage(page, '/licenses', 'Licenses');
    await screenshot(page, 'exporter-licenses');
    await checkAccessibility(page, 'licenses');

    await openPage(page, '/shipments', 'Shipments');
    const licenseSelect = page.getByLabel('License');
    await expect.poll(() => licenseSelect.locator('option').count()).toBeGreaterThan(1);
    const option = licenseSelect.locator('option').filter({ hasText: 'us-ai-diffusion-2025' }).first();
    await licenseSelect.selectOption((await option.getAttribute('value')) ?? '');
    const meter = page.getByRole('meter', { name: 'Chips shipped on this license' });
    const before = Number(await meter.getAttribute('aria-valuenow'));
    const limit = Number(await meter.getAttribute('aria-valuemax'));
    expect(limit).toBeGreaterThan(before);

    await page.getByRole('spinbutton', { name: 'Chips' }).fill('100');
    await page.getByRole('button', { name: 'Record shipment' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded' }).waitFor();
    await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBe(before + 100);
    await screenshot(page, 'exporter-shipments');
    await checkAccessibility(page, 'shipments');

    await page.getByRole('spinbutton', { name: 'Chips' }).fill(String(limit * 10));
    await page.getByRole('button', { name: 'Record shipment' }).click();
    const alert = page.locator('form').getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/allows [0-9,]+ more chips; [0-9,]+ asked/);
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBe(before + 100);
    await screenshot(page, 'exporter-shipment-refused');
  });

  it("shows the exporter's devices with their monitoring status, and the open alerts", async () => {
    const api = async <T>(url: string) => (await dashboard.app.inject({ url, headers: auth() })).json<T>();
    const devices = (await api<{ devices: { id: string }[] }>('/v1/devices?status=active')).devices;
    const alerts = (await api<{ alerts: unknown[] }>('/v1/alerts?status=open')).alerts;
    expect(devices.length).toBeGreaterThan(0);

    await openPage(page, '/devices', 'Devices');
    const table = page.getByRole('table', { name: 'Devices' });
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(devices.length);
    for (const device of devices) expect(await table.textContent()).toContain(device.id);
    const verdicts = await table.locator('tbody tr td:nth-child(5) .badge').allTextContents();
    for (const v of verdicts)
      expect(['PASS', 'INCONCLUSIVE', 'SITE_INCONSISTENT', 'MISSING', 'NONE']).toContain(v);
    await expect.poll(() => page.locator('ul.alerts > li').count()).toBe(alerts.length);
    await screenshot(page, 'exporter-devices');
    await checkAccessibility(page, 'devices');
  });
});

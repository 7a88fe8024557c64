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

/**
 * The whole licensing flow across roles, each in its own browser session: the exporter
 * submits a request whose purchaser resembles an Entity List entry, so screening holds it;
 * the regulator clears the match as a false positive and approves with conditions; the
 * exporter ships against the license and sees it deplete.
 */
describeBrowser('from request to shipment, across roles', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('exporter submits → held by screening → regulator clears and approves with conditions → exporter ships', async () => {
    // 1. The exporter's request: 20,000 H100s to the UAE, bought through a Huawei-named distributor.
    const exporter = await dashboard.newPage();
    await signIn(exporter, dashboard, 'Skyline Cloud Inc');
    await openPage(exporter, '/new-request', 'New export request');
    await exporter.getByLabel('Chip').selectOption('nvidia-h100-sxm');
    await exporter.getByLabel('Quantity').fill('20000');
    await exporter.getByLabel('Destination').selectOption('AE');
    await exporter.getByLabel('End user', { exact: true }).fill('Example Cloud FZ-LLC');
    await exporter.getByRole('button', { name: 'Add a party' }).click();
    await exporter.getByLabel('Name', { exact: true }).fill('Huawei Technologies Co., Ltd.');
    await exporter.locator('#party-0-country').selectOption('AE');
    await exporter.getByLabel('Your reference (optional)').fill('SKY-FLOW-001');
    const cards = exporter.getByTestId('determinations').locator('article');
    await expect.poll(() => cards.first().textContent()).toContain('20,000 ×');
    await exporter.getByLabel('Submit under').selectOption('us-ai-diffusion-2025');
    await exporter.getByRole('button', { name: 'Submit request' }).click();
    await exporter.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    const requestId = decodeURIComponent(exporter.url().split('#/requests/')[1] ?? '');
    await expect.poll(() => exporter.locator('.facts').first().textContent()).toContain('held');
    await exporter.getByText('keep the request on hold').waitFor();
    await screenshot(exporter, 'flow-1-exporter-request-held');

    // 2. The regulator reviews it: clears the match as a false positive, then approves with conditions.
    const regulator = await dashboard.newPage();
    await signIn(regulator, dashboard, 'regulator');
    await openPage(regulator, '/queue', 'License queue');
    await regulator
      .getByRole('link', { name: new RegExp(`SKY-FLOW-001|${requestId}`) })
      .first()
      .click();
    await regulator.getByRole('heading', { level: 1, name: /^Review / }).waitFor();
    await screenshot(regulator, 'flow-2-regulator-review-held');
    await checkAccessibility(regulator, 'queue review (held)');
    const clearances = regulator.locator('form.clearance-form');
    await clearances.first().waitFor();
    for (let open = await clearances.count(); open > 0; open = await clearances.count()) {
      const form = clearances.first();
      await form.getByLabel('No: a false positive (clear it)').check();
      await form
        .getByLabel('Reason', { exact: true })
        .fill('A UAE distributor, not the listed Huawei entity: trade licence checked');
      await form.getByRole('button', { name: 'Record the decision' }).click();
      await expect.poll(() => clearances.count()).toBeLessThan(open);
    }
    await regulator.getByText('nothing keeps the request on hold').waitFor();
    const decide = regulator.getByRole('form', { name: 'Decide the request' });
    await decide.getByLabel('Approve (issues a license)').check();
    await decide
      .getByLabel('Conditions (one per line)')
      .fill('semi-annual inventory reports\nno transfers outside the installation');
    await decide.getByLabel('Note').fill('within the UAE allocation');
    await decide.getByRole('button', { name: 'Approve' }).click();
    const result = regulator.getByTestId('decision-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('approved');
    const licenseId = (await result.getByRole('link').textContent())?.trim() ?? '';
    expect(licenseId).not.toBe('');
    await screenshot(regulator, 'flow-3-regulator-approved');

    // 3. The exporter sees the approval and ships against the license: the depletion moves.
    await exporter.reload();
    await exporter.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await expect.poll(() => exporter.locator('.facts').first().textContent()).toContain('approved');
    const history = exporter.locator('.history');
    await expect.poll(() => history.textContent()).toContain('cleared as a false positive');
    expect(await history.textContent()).toContain('semi-annual inventory reports');
    await openPage(exporter, `/licenses/${licenseId}`, `License ${licenseId}`);
    const chipsMeter = exporter.getByRole('meter', { name: 'Chips shipped' });
    expect(await chipsMeter.getAttribute('aria-valuenow')).toBe('0');
    expect(await chipsMeter.getAttribute('aria-valuemax')).toBe('20000');
    await exporter.getByRole('link', { name: 'Record a shipment' }).click();
    await exporter.getByRole('heading', { level: 1, name: 'Shipments' }).waitFor();
    await expect.poll(() => exporter.getByLabel('License', { exact: true }).inputValue()).toBe(licenseId);
    await exporter.getByRole('spinbutton', { name: 'Chips' }).fill('5000');
    await exporter.getByRole('button', { name: 'Record shipment' }).click();
    await exporter.getByRole('status').filter({ hasText: 'Recorded' }).waitFor();
    await expect
      .poll(() =>
        exporter.getByRole('meter', { name: 'Chips shipped on this license' }).getAttribute('aria-valuenow'),
      )
      .toBe('5000');
    await openPage(exporter, `/licenses/${licenseId}`, `License ${licenseId}`);
    await expect.poll(() => chipsMeter.getAttribute('aria-valuenow')).toBe('5000');
    expect(await exporter.locator('.depletion-text').first().textContent()).toContain('(25 %)');
    await screenshot(exporter, 'flow-4-exporter-license-depleted');
    await checkAccessibility(exporter, 'license detail (after shipment)');
  });
});

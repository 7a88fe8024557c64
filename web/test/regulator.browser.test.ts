import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authenticate } from '../../src/ledger/principal.js';
import { submitRequest } from '../../src/ledger/requests/index.js';
import {
  checkAccessibility,
  type Dashboard,
  describeBrowser,
  openPage,
  screenshot,
  signIn,
  startDashboard,
  tabTo,
} from './harness.js';

/**
 * The regulator's, host government's and auditor's pages in Chromium over the demo ledger:
 * the license queue (decide a screening hit, approve with conditions, deny), the allocation
 * map with its table, an audit inclusion proof verified in the browser (and failing once the
 * entry is altered), a list import with its progress, and the host government's allocations
 * and agreements. Every page passes the axe-core check.
 */

/** The part of the page's `localStorage` the tests touch (this file is compiled without the DOM types). */
interface BrowserStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

describeBrowser('regulator, host government and auditor pages', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('reviews the held request: confirms the Entity List hit, then denies it', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'regulator');
    await openPage(page, '#/queue', 'License queue');
    const held = page.getByTestId('queue-held');
    await held.getByRole('link', { name: 'SKY-2025-044' }).waitFor();
    // The exporter by name (GET /v1/organizations), not only its id.
    await held
      .getByRole('row', { name: /SKY-2025-044/ })
      .getByText('Skyline Cloud Inc')
      .waitFor();
    await screenshot(page, 'regulator-queue');
    await checkAccessibility(page, 'license queue');

    await held.getByRole('link', { name: 'SKY-2025-044' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review SKY-2025-044' }).waitFor();
    expect(await page.getByTestId('request-status').textContent()).toBe('held');
    // The hit and its explanation.
    const hit = page.locator('ul.hits li').first();
    expect(await hit.textContent()).toContain('Entity List');
    expect(await hit.textContent()).toContain('matches');
    await checkAccessibility(page, 'queue review (held)');
    await screenshot(page, 'regulator-review-held');

    // Huawei's Thai subsidiary is the listed entry: confirm it.
    const form = page.getByRole('form', { name: /Decide the match/ });
    await form.getByLabel('Yes: confirm the match').check();
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('note');
    await form
      .getByLabel('Reason', { exact: true })
      .fill('Same name, country and address as the Entity List entry');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('determined');
    // The confirmed Entity List entry now sets the license requirement: deny it.
    const decide = page.getByRole('form', { name: 'Decide the request' });
    await decide.getByLabel('Deny').check();
    await decide.getByLabel('Note').fill('Entity List: presumption of denial');
    await decide.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => page.getByTestId('decision-result').textContent()).toContain('denied');
    await expect.poll(() => page.getByTestId('request-status').textContent()).toBe('denied');
    const stored = await dashboard.ledger.ctx.db
      .selectFrom('requests')
      .select(['status', 'decision'])
      .where('reference', '=', 'SKY-2025-044')
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('denied');
  });

  it('approves a determined request with conditions, which issues a license', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'regulator');
    await openPage(page, '#/queue', 'License queue');
    await page.getByTestId('queue-determined').getByRole('link', { name: 'NOVA-2026-004' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review NOVA-2026-004' }).waitFor();
    // What was asked, and the same request under the three other frameworks (the enforced law
    // among them), side by side.
    await expect
      .poll(() => page.locator('section[aria-labelledby="summary-heading"]').textContent())
      .toContain('40,000 × nvidia-b300');
    await expect.poll(() => page.getByTestId('determinations').locator('article').count()).toBe(3);
    await checkAccessibility(page, 'queue review (determined)');
    const decide = page.getByRole('form', { name: 'Decide the request' });
    await decide
      .getByLabel('Conditions (one per line)')
      .fill('quarterly end-use reports\nno remote access from Tier 3');
    await decide.getByLabel('Note').fill('within the partnership terms');
    await decide.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByTestId('decision-result').textContent()).toContain('approved');
    const link = page.getByTestId('decision-result').getByRole('link');
    const licenseId = (await link.textContent()) ?? '';
    expect(licenseId).toMatch(/^lic_/);
    const license = await dashboard.ledger.ctx.db
      .selectFrom('licenses')
      .select(['status', 'conditions'])
      .where('id', '=', licenseId)
      .executeTakeFirstOrThrow();
    expect(license.status).toBe('active');
    expect(JSON.stringify(license.conditions)).toContain('no remote access from Tier 3');
    await screenshot(page, 'regulator-approved');
  });

  it('draws the allocation map with its legend, tooltip and table', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'regulator');
    await openPage(page, '#/allocations', 'Country allocations');
    const table = page.getByTestId('allocations-table');
    const uae = table.getByRole('row', { name: /United Arab Emirates/ });
    await uae.waitFor();
    // The UAE's shipments under its license count against its cap.
    expect(await uae.textContent()).toMatch(/1,580,000,000/);
    const country = page.locator('path[data-country="AE"]');
    await country.waitFor();
    expect(await page.locator('.world-map path.country').count()).toBeGreaterThan(150);
    // The UAE is a few pixels wide at this scale: point at the shape itself.
    await country.dispatchEvent('mousemove');
    await expect.poll(() => page.locator('.map-tooltip').textContent()).toContain('United Arab Emirates');
    // Keyboard: the coloured countries are one Tab stop after the framework picker, the arrow
    // keys move between them, and focus shows the same tooltip as the pointer.
    await page.mouse.move(0, 0);
    expect(await page.locator('.world-map path.country-data[tabindex="0"]').count()).toBe(1);
    await page.getByLabel('Framework', { exact: true }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate('document.activeElement?.getAttribute("data-country") ?? null');
    const firstCountry = await focused();
    expect(firstCountry).toMatch(/^[A-Z]{2}$/);
    const firstTip = await page.locator('.map-tooltip').textContent();
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).not.toBe(firstCountry);
    expect(await page.locator('.map-tooltip').textContent()).not.toBe(firstTip);
    expect(await page.locator('.world-map path.country-data[tabindex="0"]').count()).toBe(1);
    await country.focus();
    expect(await page.locator('.map-tooltip').textContent()).toContain('United Arab Emirates');
    expect(await page.locator('.map-tooltip').textContent()).toContain('TPP used');
    await screenshot(page, 'regulator-allocations');
    await checkAccessibility(page, 'allocations');
    // Another framework: the map and the table follow the picker.
    await page.getByLabel('Framework', { exact: true }).selectOption('us-investment-for-chips-2026');
    await page.getByRole('heading', { name: /Allocations under Investment-for-chips/ }).waitFor();
  });

  it('verifies an audit entry in the browser, and fails once the entry is altered', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'auditor');
    await openPage(page, '#/audit', 'Audit log');
    const size = Number((await page.getByTestId('checkpoint-size').textContent())?.replace(/,/g, ''));
    expect(size).toBeGreaterThan(10);
    await expect.poll(() => page.locator('.verified').first().textContent()).toContain('valid');
    await page.getByRole('button', { name: `Verify entry ${size - 3}` }).click();
    await expect.poll(() => page.getByTestId('proof-result').textContent()).toBe('✓ verified');
    await screenshot(page, 'audit-verified');
    await checkAccessibility(page, 'audit');
    await page.getByLabel(/Alter one byte of the entry/).check();
    await expect.poll(() => page.getByTestId('proof-result').textContent()).toBe('✗ not verified');
    expect(await page.locator('section[aria-labelledby="proof-heading"]').textContent()).toContain(
      'different root',
    );
    await screenshot(page, 'audit-tampered');
    // Older entries, one page further, with the keyboard only.
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByRole('button', { name: `Verify entry ${size - 21}` }).waitFor();
    await tabTo(page, `button[aria-label="Verify entry ${size - 21}"]`, 60);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('proof-result').textContent()).toBe('✓ verified');
    expect(await page.locator('#proof-heading').textContent()).toBe(`Entry ${size - 21}: inclusion proof`);
  });

  it('remembers the checkpoint it verified, checks the next extends it, and alarms when it does not', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'auditor');
    await openPage(page, '#/audit', 'Audit log');
    const history = page.getByTestId('checkpoint-history');
    // Remembered on first sight (the page may have loaded the checkpoint twice by now).
    await expect
      .poll(() => history.textContent())
      .toMatch(/first checkpoint of this log|the same tree this browser verified/);
    const size = Number((await page.getByTestId('checkpoint-size').textContent())?.replace(/,/g, ''));

    // The log grows; the next checkpoint must come with a consistency proof that verifies here.
    const { ledger, keys } = dashboard;
    const exporter = await authenticate(ledger.ctx.db, keys['NovaChip Corp']!.key);
    await submitRequest(ledger.ctx, exporter, {
      framework: 'us-ai-diffusion-2025',
      request: {
        id: 'HISTORY-01',
        date: '2025-06-02',
        destination: 'IN',
        items: [{ chip: 'nvidia-h100-sxm', quantity: 10 }],
        endUser: { name: 'Pune Compute Pvt Ltd', country: 'IN' },
      },
    });
    await ledger.ctx.audit.sync();
    await page.getByRole('button', { name: 'New checkpoint' }).click();
    await expect
      .poll(() => page.getByTestId('checkpoint-size').textContent())
      .not.toBe(size.toLocaleString('en-US'));
    await expect
      .poll(() => history.textContent())
      .toContain(`consistent — extends the ${size.toLocaleString('en-US')} entries`);

    // What the browser remembers is now the newer tree; pretend it had seen another tree of that
    // size (a log rewritten under it): the alarm is raised and the remembered tree is kept.
    const forged = await page.evaluate(() => {
      // (Runs in the page: the browser's localStorage.)
      const storage = (globalThis as unknown as { localStorage: BrowserStorage }).localStorage;
      const key = Object.keys(storage).find((k) => k.startsWith('chipexport.audit.seen:'))!;
      const seen = JSON.parse(storage.getItem(key)!) as { size: number; rootHash: string; seenAt: string };
      const other = { ...seen, rootHash: btoa(String.fromCharCode(...new Array<number>(32).fill(7))) };
      storage.setItem(key, JSON.stringify(other));
      return { key, value: JSON.stringify(other) };
    });
    await page.getByRole('button', { name: 'New checkpoint' }).click();
    const alarm = page.getByRole('alert').filter({ hasText: 'NOT CONSISTENT' });
    await alarm.waitFor();
    expect(await alarm.textContent()).toContain('another root hash: it was rewritten');
    const kept = await page.evaluate(
      (key) => (globalThis as unknown as { localStorage: BrowserStorage }).localStorage.getItem(key),
      forged.key,
    );
    expect(kept).toBe(forged.value);
    await screenshot(page, 'audit-history-inconsistent');
    await checkAccessibility(page, 'audit (inconsistent history)');
  });

  it('imports a list file and shows the import finishing', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'regulator');
    await openPage(page, '#/lists', 'Screening lists');
    // The list in force is always there: count the versions once the table has loaded.
    await page.getByTestId('list-versions').locator('tbody tr').first().waitFor();
    const before = await page.getByTestId('list-versions').locator('tbody tr').count();
    await page.getByLabel('List file').setInputFiles({
      name: 'internal.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,alt_names,country,type,source\nExample Trading FZE,ET FZE,AE,entity,Internal list\n',
      ),
    });
    await expect.poll(() => page.getByLabel('Format').inputValue()).toBe('csv');
    await checkAccessibility(page, 'lists');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => page.getByTestId('import-job').textContent(), { timeout: 30_000 })
      .toContain('Imported');
    expect(await page.getByTestId('import-result').textContent()).toContain('Entries1');
    await expect.poll(() => page.getByTestId('list-versions').locator('tbody tr').count()).toBe(before + 1);
    await screenshot(page, 'regulator-lists-imported');
  });

  it('shows the host government its allocations and agreements, and records a disbursement', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'UAE Government');
    await openPage(page, '#/allocations', 'Country allocations');
    await page.getByTestId('allocations-table').waitFor();
    await checkAccessibility(page, 'allocations (host government)');
    await openPage(page, '#/agreements', 'Agreements');
    const agreements = page.getByTestId('agreement');
    await agreements.first().waitFor();
    expect(await agreements.count()).toBe(3);
    expect(await agreements.first().textContent()).toContain(
      '$25 billion disbursed of $1,400 billion committed',
    );
    await checkAccessibility(page, 'agreements');
    await screenshot(page, 'host-government-agreements');
    const first = agreements.first();
    await first.getByText('Record a disbursement').click();
    await first.getByLabel('Amount (USD billions)').fill('5');
    await first.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => first.textContent()).toContain('$30 billion disbursed');

    // A new agreement: refused for another country, recorded for its own.
    const form = page.locator('section[aria-labelledby="new-agreement-heading"]');
    expect(await form.getByLabel('Country (ISO code or name)').inputValue()).toBe('AE');
    await form.getByLabel('Country (ISO code or name)').fill('SA');
    await form.getByLabel('U.S. investment committed (USD billions)').fill('10');
    await form.getByLabel('Cap (TPP, optional)').fill('500,000,000');
    await form.getByLabel('Security guarantee').check();
    await form.getByRole('button', { name: 'Record the agreement' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('its own country');
    await form.getByLabel('Country (ISO code or name)').fill('AE');
    await form.getByRole('button', { name: 'Record the agreement' }).click();
    await expect.poll(() => agreements.count()).toBe(4);
    const added = agreements.filter({ hasText: '500,000,000 TPP' });
    expect(await added.textContent()).toContain('$0 disbursed of $10 billion committed');
    expect(await added.textContent()).toContain('✓ Security guarantee');

    // Monitoring: the alerts at installations in its own country only.
    await openPage(page, '#/monitoring', 'Monitoring');
    const sites = page.getByTestId('alerts-table').locator('tbody tr td:nth-child(6)');
    await sites.first().waitFor();
    for (const site of await sites.allTextContents()) expect(site).toMatch(/AE$/);
    await checkAccessibility(page, 'monitoring (host government)');
    await screenshot(page, 'host-government-monitoring');
  });

  it('triages a monitoring alert on the map of sites and landmarks, and downloads the report', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'regulator');
    await openPage(page, '#/monitoring', 'Monitoring');
    const table = page.getByTestId('alerts-table');
    await table.locator('tbody tr').first().waitFor();
    // Sites (circles) and landmarks (triangles) on the map.
    await expect.poll(() => page.locator('.world-map circle.marker').count()).toBeGreaterThan(0);
    expect(await page.locator('.world-map path.marker').count()).toBeGreaterThan(0);
    // Coverage: the planned Singapore site cannot be verified with today's landmarks, in the table
    // and on the map.
    const coverage = page.getByTestId('coverage-table');
    await coverage.waitFor();
    expect(await coverage.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(
        /Jurong colocation \(planned\)SG0no disk around its landmarks fits.*lm-singapore 13\.1 km/,
      ),
    ]);
    const unverifiable = page.locator('.world-map circle.marker[aria-label*="cannot be verified"]');
    expect(await unverifiable.count()).toBe(1);
    expect(await unverifiable.getAttribute('aria-label')).toContain('Jurong');
    await screenshot(page, 'regulator-monitoring');
    await checkAccessibility(page, 'monitoring');

    // A site on the map is a button: Enter opens its most urgent alert.
    await page.locator('.world-map circle.marker[role="button"]').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('alert-detail').waitFor();

    // Filters: only forged check-ins.
    await page.getByLabel('Kind').selectOption('forged');
    await expect
      .poll(async () => new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents()))
      .toEqual(new Set(['forged']));
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Status').selectOption('open');
    const first = table.locator('tbody tr').first();
    await expect.poll(() => first.locator('td').nth(2).textContent()).toBe('open');
    await first.getByRole('button', { name: /Open alert/ }).click();
    const detail = page.getByTestId('alert-detail');
    const alertId = (await detail.locator('h2 code').textContent()) ?? '';
    expect(await detail.textContent()).toContain('Evidence');

    const triage = page.getByRole('form', { name: 'Triage the alert' });
    await triage.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => triage.getByRole('alert').textContent()).toContain('note');
    await triage.getByLabel('Note').fill('Exporter asked for the site log');
    await triage.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByLabel('Status').selectOption('');
    await expect
      .poll(() => page.getByTestId('alert-detail').locator('h2').textContent())
      .toContain('acknowledged');
    await page
      .getByRole('form', { name: 'Triage the alert' })
      .getByLabel('Resolution')
      .selectOption('referred');
    await page
      .getByRole('form', { name: 'Triage the alert' })
      .getByLabel('Note')
      .fill('Referred to enforcement');
    await page
      .getByRole('form', { name: 'Triage the alert' })
      .getByRole('button', { name: 'Resolve' })
      .click();
    await expect
      .poll(() => page.getByTestId('alert-detail').locator('h2').textContent())
      .toContain('resolved');
    const stored = await dashboard.ledger.ctx.db
      .selectFrom('alerts')
      .select(['status', 'resolution', 'note'])
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'resolved', resolution: 'referred' });
    await screenshot(page, 'regulator-alert-resolved');

    // The period's report as CSV.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toContain('category');
    expect(csv).toContain(alertId);
  });

  it('shows the auditor the alerts read-only', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'auditor');
    await openPage(page, '#/monitoring', 'Monitoring');
    const table = page.getByTestId('alerts-table');
    await table.waitFor();
    await table
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /Open alert/ })
      .click();
    await page.getByTestId('alert-detail').waitFor();
    expect(await page.getByRole('form', { name: 'Triage the alert' }).count()).toBe(0);
    await checkAccessibility(page, 'monitoring (auditor)');
  });
});

describeBrowser('license queue paging', () => {
  let dashboard: Dashboard;
  const COUNT = 30;
  beforeAll(async () => {
    dashboard = await startDashboard({
      // More determined requests than one page of the queue, submitted one after another.
      seed: async (ledger, keys) => {
        const exporter = await authenticate(ledger.ctx.db, keys['NovaChip Corp']!.key);
        for (let i = 1; i <= COUNT; i++) {
          await submitRequest(ledger.ctx, exporter, {
            framework: 'us-ai-diffusion-2025',
            request: {
              id: `PAGE-${String(i).padStart(2, '0')}`,
              date: '2025-06-02',
              destination: 'IN',
              items: [{ chip: 'nvidia-h100-sxm', quantity: 100 + i }],
              endUser: { name: `Bengaluru Compute ${i} Pvt Ltd`, country: 'IN' },
            },
          });
        }
      },
    });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('shows the newest 25 first and the rest on the next page', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'regulator');
    await openPage(page, '#/queue', 'License queue');
    const table = page.getByTestId('queue-determined');
    await table.getByRole('link', { name: 'PAGE-30' }).waitFor();
    const first = await table.locator('tbody tr td:first-child a').allTextContents();
    expect(first).toHaveLength(25);
    expect(first.slice(0, 3)).toEqual(['PAGE-30', 'PAGE-29', 'PAGE-28']);
    const section = page.locator('section[aria-labelledby="queue-determined"]');
    await section.getByRole('button', { name: 'Next' }).click();
    await table.getByRole('link', { name: 'PAGE-05' }).waitFor();
    const second = await table.locator('tbody tr td:first-child a').allTextContents();
    // The last five of ours, then the demo's own determined requests.
    expect(second.slice(0, 5)).toEqual(['PAGE-05', 'PAGE-04', 'PAGE-03', 'PAGE-02', 'PAGE-01']);
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
    await section.getByRole('button', { name: 'Previous' }).click();
    await table.getByRole('link', { name: 'PAGE-30' }).waitFor();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkAccessibility,
  type Dashboard,
  describeBrowser,
  screenshot,
  signIn,
  signInWithKeyboard,
  startDashboard,
  tabTo,
} from './harness.js';

describeBrowser('sign-in', () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard();
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('signs in with the keyboard only and reaches a page from the navigation', async () => {
    const page = await dashboard.newPage();
    await signInWithKeyboard(page, dashboard, 'exporter');
    await screenshot(page, 'home-exporter');
    await checkAccessibility(page, 'home (exporter)');
    await tabTo(page, 'nav a[href="#/requests"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    expect(page.url()).toMatch(/#\/requests$/);
  });

  it('submits an export request with the keyboard only', async () => {
    const page = await dashboard.newPage();
    await signInWithKeyboard(page, dashboard, 'Skyline Cloud Inc');
    await tabTo(page, 'nav a[href="#/new-request"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New export request' }).waitFor();
    await expect.poll(() => page.locator('#chip option').count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('#destination option').count()).toBeGreaterThan(100);
    await tabTo(page, '#chip');
    await page.keyboard.type('NVIDIA H100 S'); // type-ahead in the focused list
    await page.keyboard.press('Tab');
    await page.keyboard.type('64');
    await tabTo(page, '#destination');
    await page.keyboard.type('United Arab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Example Cloud FZ-LLC');
    expect(await page.locator('#chip').inputValue()).toBe('nvidia-h100-sxm');
    expect(await page.locator('#destination').inputValue()).toBe('AE');
    await page.getByTestId('determinations').waitFor();
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await page.context().close();
  });

  it('refuses a wrong key with a message, and the sign-in page passes the accessibility check', async () => {
    const page = await dashboard.newPage();
    await page.goto(dashboard.url);
    await checkAccessibility(page, 'sign-in');
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await screenshot(page, 'sign-in-refused');
  });

  it('signs in as every role through the form', async () => {
    for (const role of ['exporter', 'regulator', 'host-government', 'auditor'] as const) {
      const page = await dashboard.newPage();
      await signIn(page, dashboard, role);
      expect(await page.locator('.topbar .role').textContent()).toBe(role);
      await page.context().close();
    }
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { type DemoKeys, seedDemo } from '../../src/ledger/demo.js';
import { type Ledger, openLedger } from '../../src/ledger/ledger.js';
import { browserSkipReason, CHROMIUM, CHROMIUM_ARGS } from './browser.js';

/**
 * The dashboard's browser tests: the real server (buildServer over a fresh in-memory PGlite
 * store seeded with the demo) serving the dashboard built once for the run, driven by
 * Chromium through playwright-core, signed in through the real sign-in form.
 */

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[chipexport tests] ${skipReason}`);

/** `describe` for browser suites: skipped (reason printed) when Chromium is missing. */
export const describeBrowser = skipReason ? describe.skip : describe;

export const RESULTS_DIR = 'test-results';

export type Role = 'exporter' | 'regulator' | 'host-government' | 'auditor';

export interface Dashboard {
  readonly url: string;
  readonly ledger: Ledger;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  /** The demo organizations and their keys. */
  readonly keys: DemoKeys;
  /** A demo organization's key: by organization name, or the first organization of a role. */
  keyOf(who: Role | string): string;
  /** A new page (own browser context, so its own session storage), errors in the page fail the test. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface DashboardOptions {
  /** Extra data stored before the server starts (after the demo). */
  seed?: (ledger: Ledger, keys: DemoKeys) => Promise<void>;
}

/** Starts the API and the dashboard on an ephemeral port, and Chromium. */
export async function startDashboard(options: DashboardOptions = {}): Promise<Dashboard> {
  const webRoot = inject('webRoot');
  if (!webRoot) throw new Error('the dashboard was not built for this run (see web/test/global-setup.ts)');
  const ledger = await openLedger({ dataDir: 'memory://' });
  const keys = await seedIn(ledger);
  await options.seed?.(ledger, keys);
  const app = await buildServer(ledger, {
    webRoot,
    demoAccounts: () =>
      Object.entries(keys).map(([organization, { role, key }]) => ({ organization, role, key })),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const pageErrors: string[] = [];
  return {
    url: `http://127.0.0.1:${port}/`,
    ledger,
    app,
    browser,
    keys,
    keyOf(who) {
      const entry =
        keys[who] ?? Object.values(keys).find((k) => k.role === who) ?? fail(`no demo organization "${who}"`);
      return entry.key;
    },
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // The server's Content Security Policy applies: anything it blocks fails the run.
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) pageErrors.push(message.text());
      });
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await ledger.close();
      expect(pageErrors, 'uncaught errors in the dashboard').toEqual([]);
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** The demo ledger's keys (an in-memory store: seedDemo writes no file). */
async function seedIn(ledger: Ledger): Promise<DemoKeys> {
  return (await seedDemo(ledger)).keys;
}

/** Signs in through the sign-in form: the key typed into the password field, then "Sign in". */
export async function signIn(page: Page, dashboard: Dashboard, who: Role | string): Promise<void> {
  await page.goto(dashboard.url);
  const field = page.getByLabel('API key');
  expect(await field.getAttribute('type')).toBe('password');
  await field.pressSequentially(dashboard.keyOf(who));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Signs in with the keyboard only: Tab until the key field has focus, type the key, Enter;
 * then reach the first page link of the main navigation by Tab and open it with Enter.
 */
export async function signInWithKeyboard(
  page: Page,
  dashboard: Dashboard,
  who: Role | string,
): Promise<void> {
  await page.goto(dashboard.url);
  await page.getByLabel('API key').waitFor();
  await tabTo(page, '#api-key');
  await page.keyboard.type(dashboard.keyOf(who));
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Presses Tab until the element matching `selector` has the focus (at most `limit` times). */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      `document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`,
    );
    if (focused) return;
  }
  throw new Error(`${selector} cannot be reached with the Tab key (${limit} presses)`);
}

/** A full-page screenshot in test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core in the page (WCAG 2 A/AA rules) and fails on serious or critical violations,
 * naming each rule and the elements it found.
 */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const injected = await page.evaluate('typeof window.axe !== "undefined"');
  // Evaluated through the DevTools protocol, not as an inline <script>: the page's Content
  // Security Policy (script-src 'self') rightly blocks those.
  if (!injected) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(described, `accessibility violations on ${name}`).toEqual([]);
}

/** Opens a page of the dashboard by its hash route and waits for its heading. */
export async function openPage(page: Page, route: string, heading: string | RegExp): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(route)}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

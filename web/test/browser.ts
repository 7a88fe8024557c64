import { existsSync } from 'node:fs';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * Why the browser tests cannot run here, or null when they can. Without Chromium they are
 * skipped with this reason printed; with CHIPEXPORT_REQUIRE_BROWSER=1 (CI) they fail instead.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `${CHROMIUM} is not installed: the dashboard's browser tests are SKIPPED`;
  if (process.env['CHIPEXPORT_REQUIRE_BROWSER'] === '1') {
    throw new Error(`the browser tests are required (CHIPEXPORT_REQUIRE_BROWSER=1) but ${reason}`);
  }
  return reason;
}

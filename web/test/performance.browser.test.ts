import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/ledger.js';
import { type Dashboard, describeBrowser, signIn, startDashboard } from './harness.js';

/**
 * The dashboard's first load with 10,000 requests stored (issue 6, item 8): after signing in,
 * a fresh browser tab opens the requests page; the time until the first page of requests is
 * rendered is read from the Performance API and printed (docs/benchmarks.md). No time is
 * asserted — machines are noisy — but the page must show the right total and one page only.
 */
const STORED = 10_000;

/** Bulk-inserts `count` requests of the demo's exporter, copies of its stored ones with new ids, references, statuses and dates. */
async function storeRequests(ledger: Ledger, count: number): Promise<number> {
  const db = ledger.ctx.db;
  const templates = await db
    .selectFrom('requests')
    .innerJoin('organizations', 'organizations.id', 'requests.organization_id')
    .where('organizations.name', '=', 'Skyline Cloud Inc')
    .selectAll('requests')
    .execute();
  expect(templates.length).toBeGreaterThan(0);
  const statuses = ['determined', 'approved', 'denied', 'held', 'submitted'] as const;
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let from = 0; from < count; from += 500) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + 500); i++) {
      const t = templates[i % templates.length]!;
      const at = new Date(start + i * 45 * 60_000);
      rows.push({
        id: `req_bulk${String(i).padStart(6, '0')}`,
        organization_id: t.organization_id,
        reference: `SKY-BULK-${String(i).padStart(5, '0')}`,
        framework: t.framework,
        framework_revision: t.framework_revision,
        status: statuses[i % statuses.length]!,
        installation_id: t.installation_id,
        input: JSON.stringify(t.input),
        normalized: JSON.stringify(t.normalized),
        determination: JSON.stringify(t.determination),
        outcome: t.outcome,
        decision: null,
        created_at: at,
        updated_at: at,
      });
    }
    await db.insertInto('requests').values(rows).execute();
  }
  return templates.length + count;
}

describeBrowser('first load with 10,000 requests', () => {
  let dashboard: Dashboard;
  let total = 0;
  beforeAll(async () => {
    dashboard = await startDashboard({
      seed: async (ledger) => {
        total = await storeRequests(ledger, STORED);
      },
    });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  it('renders the first page of requests after sign-in, and prints how long it took', async () => {
    const page = await dashboard.newPage();
    await signIn(page, dashboard, 'Skyline Cloud Inc');
    const figures: Record<string, number>[] = [];
    const cdp = await page.context().newCDPSession(page);
    const tab = page;
    for (const run of ['first load (empty cache)', 'second load (cached assets)']) {
      // The signed-in tab loads the app anew: it restores the session and opens the requests page.
      if (run.startsWith('first')) await cdp.send('Network.clearBrowserCache');
      await tab.goto('about:blank');
      await tab.goto(`${dashboard.url}#/requests`);
      await tab.getByRole('table', { name: 'Requests' }).locator('tbody tr').first().waitFor();
      const timing = (await tab.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const rendered = performance.getEntriesByName('chipexport:requests-rendered')[0];
        // A fetch cancelled before its answer (the page asking again) has no body: take the answered one.
        const list = performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/requests?'))
          .sort((a, b) => b.encodedBodySize - a.encodedBodySize)[0];
        return {
          domContentLoaded: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
          requestsFetch: list ? list.duration : -1,
          requestsKb: list ? list.encodedBodySize / 1024 : -1,
          requestsRendered: rendered ? rendered.startTime : -1,
          transferredKb: performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, nav.transferSize) / 1024,
        };
      })()`)) as Record<string, number>;
      figures.push(timing);
      console.log(
        `[dashboard first load, ${STORED.toLocaleString('en-US')} requests stored] ${run}: requests page rendered at ` +
          `${timing['requestsRendered']!.toFixed(0)} ms (DOMContentLoaded ${timing['domContentLoaded']!.toFixed(0)} ms, ` +
          `GET /v1/requests ${timing['requestsFetch']!.toFixed(0)} ms for ${timing['requestsKb']!.toFixed(0)} KB, ` +
          `${timing['transferredKb']!.toFixed(0)} KB transferred in all)`,
      );
      expect(timing['requestsRendered']).toBeGreaterThan(0);
      const rows = await tab.getByRole('table', { name: 'Requests' }).locator('tbody tr').count();
      expect(rows).toBe(50);
      const pager = await tab.getByRole('navigation', { name: 'Pages' }).textContent();
      expect(pager).toContain(`of ${total.toLocaleString('en-US')}`);
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';
import { main } from '../cli/main.js';
import { formatIssue, type InputIssue } from '../domain/errors.js';
import { parseExportRequest } from '../domain/request.js';

/**
 * One door for bad input: the same mistake gives the same issues — code, path (relative to the
 * request) and message — from the CLI (exit 2, one line per issue on stderr), the API (400,
 * `error.issues`) and a job (`error.issues`), and an unknown framework is named first whatever
 * else is wrong.
 */
const [variant] = (await storeVariants()).filter((v) => v.available);
const dir = mkdtempSync(join(tmpdir(), 'chipexport-door-'));

/** A request with a misspelt field, a negative quantity, a bad country and an impossible date. */
const bad = {
  date: '2025-02-30',
  destination: 'Atlantis',
  items: [
    { chip: 'nvidia-h100-sxm', quantity: -3 },
    { chip: 'nvidia-h100-sxm', quantty: 5 },
  ],
  endUser: { name: 'Example DC LLC', headquarters: 'ZZ' },
  transaction: 'sale',
};

async function cli(request: unknown, ...flags: string[]) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(request));
  let stderr = '';
  const code = await main(['check', file, ...flags], { out: () => {}, err: (t) => (stderr += `${t}\n`) });
  return {
    code,
    lines: stderr
      .trim()
      .split('\n')
      .map((l) => l.replace(/^error: /, '')),
  };
}

describe.skipIf(!variant)('one door for bad input: CLI, API and jobs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(variant!);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('gives the same path, code and message for the same mistakes at every door', async () => {
    // The CLI: exit 2, one line per issue, paths relative to the request file.
    const viaCli = await cli(bad);
    expect(viaCli.code).toBe(2);
    // The API's two doors that take a request: the issues under `request`.
    const submit = await api.call('exporter', 'POST', '/v1/requests', {
      framework: 'us-ai-diffusion-2025',
      request: bad,
    });
    const whatIf = await api.call('auditor', 'POST', '/v1/determinations', { request: bad });
    for (const res of [submit, whatIf]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const issues: InputIssue[] = submit.json().error.issues;
    expect(whatIf.json().error.issues).toEqual(issues);
    expect(issues.every((i) => i.path[0] === 'request')).toBe(true);
    const relative = issues.map((i) => ({ ...i, path: i.path.slice(1) }));
    expect(viaCli.lines).toEqual(relative.map(formatIssue));
    // The mistakes are all named, each with its field.
    const paths = relative.map((i) => i.path.join('.'));
    for (const p of [
      'date',
      'destination',
      'items.0.quantity',
      'items.1.quantty',
      'items.1.quantity',
      'transaction',
    ])
      expect(paths).toContain(p);
    expect(relative.find((i) => i.path.join('.') === 'items.1.quantty')?.message).toContain(
      'did you mean "quantity"',
    );

    // A job that meets the same request: its error is the same data as the API's 400 body.
    const job = await api.jobs.start('portfolio-comparison', api.principals.exporter, 1, async () =>
      parseExportRequest(bad),
    );
    await api.jobs.idle();
    const failed = await api.jobs.get(api.principals.exporter, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      ...submit.json().error,
      path: relative[0]!.path,
      issues: relative,
      message: expect.any(String),
    });
    expect(failed.error!.message).toBe(relative.map(formatIssue).join('; '));
  });

  it('names an unknown framework first, whatever else is wrong, at every door', async () => {
    const known =
      'known: us-ear-enforced, us-ai-diffusion-2025, us-g2g-licensing-2025, us-investment-for-chips-2026';
    const message = `unknown framework "us-made-up"; ${known}`;
    const viaCli = await cli(bad, '--framework', 'us-made-up');
    expect(viaCli.code).toBe(2);
    expect(viaCli.lines[0]).toBe(`framework: ${message}`);

    const submit = await api.call('exporter', 'POST', '/v1/requests', {
      framework: 'us-made-up',
      request: bad,
    });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error).toMatchObject({ code: 'invalid_input', path: ['framework'] });
    expect(submit.json().error.issues[0]).toEqual({
      code: 'unknown_framework',
      path: ['framework'],
      message,
    });
    // The rest of what is wrong is still reported, after it.
    expect(submit.json().error.issues.length).toBeGreaterThan(1);

    const whatIf = await api.call('auditor', 'POST', '/v1/determinations', {
      frameworks: ['us-made-up'],
      request: bad,
    });
    expect(whatIf.json().error.issues[0]).toEqual({
      code: 'unknown_framework',
      path: ['frameworks', 0],
      message,
    });

    const comparison = await api.call(
      'analyst' in api.keys ? 'auditor' : 'auditor',
      'POST',
      '/v1/portfolios/comparisons',
      {
        frameworks: ['us-made-up'],
        csv: 'not a portfolio',
      },
    );
    expect(comparison.statusCode).toBe(400);
    expect(comparison.json().error.issues[0]).toEqual({
      code: 'unknown_framework',
      path: ['frameworks', 0],
      message,
    });

    // A good request with an unknown framework: the same single issue.
    const good = {
      ...bad,
      date: '2025-06-01',
      destination: 'AE',
      items: [{ chip: 'nvidia-h100-sxm', quantity: 1 }],
      endUser: { name: 'E' },
      transaction: 'export',
    };
    const alone = await api.call('exporter', 'POST', '/v1/requests', {
      framework: 'us-made-up',
      request: good,
    });
    expect(alone.json().error.issues).toEqual([{ code: 'unknown_framework', path: ['framework'], message }]);
    expect((await cli(good, '--framework', 'us-made-up')).lines).toEqual([`framework: ${message}`]);
    // Nothing was stored.
    const list = await api.call('exporter', 'GET', '/v1/requests');
    expect(list.json().requests ?? list.json().items ?? []).toHaveLength(0);
  });
});

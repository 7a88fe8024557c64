import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../ledger/context.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import { createApiKey, createOrganization } from '../ledger/organizations.js';
import { SYSTEM } from '../ledger/principal.js';
import { buildServer } from './server.js';

/**
 * Operations: JSON log lines (pino) that each carry the request's id, the id in the response
 * header (a caller's own kept, a malformed one replaced), and GET /metrics in the Prometheus
 * text format with request counts and latency by route pattern and the audit log's state.
 */
describe('logs and metrics', () => {
  let ledger: Ledger;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ledger = await openLedger({ dataDir: 'memory://' }, { integrator: false });
    await createOrganization(ledger.ctx, { name: 'Metrics Exporter', role: 'exporter', country: 'US' });
    key = (await createApiKey(ledger.ctx, 'Metrics Exporter')).key;
    await ledger.ctx.audit.sync();
    app = await buildServer(ledger, {
      logger: true,
      logStream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) },
      webRoot: null,
    });
  });
  afterAll(async () => {
    await app?.close();
    await ledger?.close();
  });

  it('puts a request id on every log line about a request and in the response header', async () => {
    const own = await app.inject({
      method: 'GET',
      url: '/v1/requests',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(own.headers['x-request-id']).toBe('trace-42');
    const bad = await app.inject({
      method: 'GET',
      url: '/v1/requests',
      headers: { 'x-request-id': 'no spaces or\nnewlines', authorization: `Bearer ${key}` },
    });
    const id = bad.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await app.inject({ method: 'GET', url: '/v1/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const about = (rid: string) => lines.filter((l) => l['requestId'] === rid);
    expect(about('trace-42').map((l) => l['msg'])).toEqual(['incoming request', 'request completed']);
    expect(about(id).find((l) => l['msg'] === 'request completed')).toMatchObject({
      res: { statusCode: 200 },
    });
    // Every line logged while serving a request names it.
    for (const line of lines.filter((l) => 'req' in l || 'res' in l))
      expect(line['requestId']).toBeTypeOf('string');
    expect(lines.every((l) => typeof l['level'] === 'number' && typeof l['time'] === 'number')).toBe(true);
  });

  it('serves Prometheus metrics: requests by route pattern, latency, audit tree size and delay', async () => {
    await app.inject({ method: 'GET', url: '/v1/requests', headers: { authorization: `Bearer ${key}` } });
    await inTransaction(ledger.ctx, SYSTEM, (_tx, record) => record('test.metric', 'thing', 'm1', null, {}));
    const before = await app.inject({ method: 'GET', url: '/metrics' });
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const metric = (text: string, line: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${line} `))
          ?.split(' ')
          .pop(),
      );
    const size0 = metric(before.body, 'chipexport_audit_tree_size');
    expect(metric(before.body, 'chipexport_audit_pending_entries')).toBe(1);
    expect(metric(before.body, 'chipexport_audit_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);
    expect(
      metric(before.body, 'chipexport_http_requests_total{method="GET",route="/v1/requests",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metric(before.body, 'chipexport_http_requests_total{method="GET",route="unmatched",status="404"}'),
    ).toBe(1);
    expect(before.body).toContain(
      'chipexport_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/requests",status="200"}',
    );
    // The raw URL never becomes a label (unbounded label values).
    expect(before.body).not.toContain('/v1/nowhere');

    await ledger.ctx.audit.sync();
    const after = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metric(after, 'chipexport_audit_tree_size')).toBe(size0 + 1);
    expect(metric(after, 'chipexport_audit_pending_entries')).toBe(0);
    expect(metric(after, 'chipexport_audit_oldest_pending_seconds')).toBe(0);
    expect(metric(after, 'chipexport_audit_integration_delay_seconds_count')).toBeGreaterThanOrEqual(1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../ledger/demo.js';
import { openLedger } from '../ledger/ledger.js';
import { coverageReport, listDevices } from '../ledger/monitoring/index.js';
import { SYSTEM } from '../ledger/principal.js';
import { main } from './main.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

describe('chipexport monitor report | alerts over the demo ledger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipexport-monitor-'));
  const saved = { dataDir: process.env['CHIPEXPORT_DATA_DIR'], url: process.env['DATABASE_URL'] };

  beforeAll(async () => {
    process.env['CHIPEXPORT_DATA_DIR'] = dir;
    delete process.env['DATABASE_URL'];
    const ledger = await openLedger();
    try {
      await seedDemo(ledger);
    } finally {
      await ledger.close();
    }
  }, 120_000);
  afterAll(() => {
    if (saved.dataDir === undefined) delete process.env['CHIPEXPORT_DATA_DIR'];
    else process.env['CHIPEXPORT_DATA_DIR'] = saved.dataDir;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds alerts of every kind from real signed check-ins', async () => {
    const { code, stdout } = await run('monitor', 'alerts', '--json');
    expect(code).toBe(0);
    const alerts = JSON.parse(stdout).alerts as { kind: string; status: string; deviceIds: string[] }[];
    expect(new Set(alerts.map((a) => a.kind))).toEqual(
      new Set(['location', 'location-unverified', 'cluster', 'missing', 'forged', 'replayed']),
    );
    expect(alerts.find((a) => a.kind === 'location')!.deviceIds).toEqual(['hm-gb300-0003']);
    // The chip that stopped answering its landmarks, and no honest one.
    expect(alerts.filter((a) => a.kind === 'location-unverified').map((a) => a.deviceIds)).toEqual([
      ['hm-gb300-0002'],
    ]);
    expect(alerts.find((a) => a.kind === 'cluster')!.deviceIds).toHaveLength(10);
    const text = await run('monitor', 'alerts', '--status', 'open');
    expect(text.stdout).toMatch(/cluster .*open/);
    expect((await run('monitor', 'alerts', '--status', 'resolved')).stdout.trim()).toBe('no resolved alerts');
  });

  it("the demo's honest chips PASS; the coverage report names the one site today's landmarks cannot verify", async () => {
    const ledger = await openLedger();
    try {
      const devices = await listDevices(ledger.ctx, SYSTEM);
      const attacked = new Set(['hm-gb300-0002', 'hm-gb300-0003', 'hm-gb300-0004']);
      const honest = devices.filter((d) => !attacked.has(d.id));
      expect(honest.length).toBeGreaterThanOrEqual(15);
      for (const d of honest) expect(d.monitoring.status, d.id).toBe('PASS');
      expect(devices.find((d) => d.id === 'hm-gb300-0002')!.monitoring.status).toBe('INCONCLUSIVE');
      const coverage = await coverageReport(ledger.ctx, SYSTEM);
      expect(coverage.installations.filter((i) => !i.verifiable)).toEqual([
        expect.objectContaining({ country: 'SG', gaps: ['no-disk-fits'], activeDevices: 0 }),
      ]);
      expect(coverage.counts.verifiable).toBeGreaterThanOrEqual(3);
    } finally {
      await ledger.close();
    }
  });

  it('prints the report as JSON and as CSV', async () => {
    const json = await run('monitor', 'report');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.counts).toEqual({ 'location-change': 1, diversion: 3, tampering: 2 });
    const csv = await run('monitor', 'report', '--format', 'csv');
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'category,alertId,kind,status,organizationId,licenseId,installationId,deviceIds,openedAt,summary',
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['diversion', 'diversion', 'diversion', 'location-change', 'tampering', 'tampering']);
    const none = await run('monitor', 'report', '--from', '2020-01-01', '--to', '2020-12-31');
    expect(JSON.parse(none.stdout).events).toEqual([]);
  });

  it('exits 2 naming the bad option', async () => {
    for (const [args, option] of [
      [['monitor', 'report', '--format', 'xml'], '--format'],
      [['monitor', 'report', '--from', '2026-02-30'], '--from'],
      [['monitor', 'report', '--from', '2026-03-01', '--to', '2026-02-01'], '--from'],
      [['monitor', 'alerts', '--status', 'closed'], '--status'],
    ] as const) {
      const { code, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(option);
      expect(stderr).not.toMatch(/at .*\.ts/);
    }
  });
});

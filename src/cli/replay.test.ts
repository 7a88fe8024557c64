import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../ledger/ledger.js';
import { createApiKey, createOrganization } from '../ledger/organizations.js';
import { authenticate } from '../ledger/principal.js';
import { submitRequest } from '../ledger/requests/index.js';
import { main } from './main.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

/** `chipexport replay` over a ledger in a data directory: past requests under the enforced law. */
describe('chipexport replay --framework us-ear-enforced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipexport-replay-'));
  const saved = { dataDir: process.env['CHIPEXPORT_DATA_DIR'], url: process.env['DATABASE_URL'] };
  let lpp = '';
  let denied = '';

  beforeAll(async () => {
    process.env['CHIPEXPORT_DATA_DIR'] = dir;
    delete process.env['DATABASE_URL'];
    const ledger = await openLedger();
    try {
      await createOrganization(ledger.ctx, { name: 'Chipmaker Inc', role: 'exporter', country: 'US' });
      const exporter = await authenticate(
        ledger.ctx.db,
        (await createApiKey(ledger.ctx, 'Chipmaker Inc')).key,
      );
      const request = (destination: string, name: string) => ({
        date: '2025-06-01',
        destination,
        items: [{ chip: 'nvidia-h100-sxm', quantity: 100 }],
        endUser: { name },
      });
      lpp = (
        await submitRequest(ledger.ctx, exporter, {
          framework: 'us-ai-diffusion-2025',
          request: request('AE', 'Gulf DC'),
        })
      ).id;
      denied = (
        await submitRequest(ledger.ctx, exporter, {
          framework: 'us-ai-diffusion-2025',
          request: request('CN', 'Beijing DC'),
        })
      ).id;
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

  it('shows what the enforced law answers differently for a stored request, as of its date', async () => {
    const { code, stdout } = await run('replay', lpp, '--framework', 'us-ear-enforced', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      framework: 'us-ai-diffusion-2025',
      replayedUnder: 'us-ear-enforced',
      changed: true,
      determination: { asOf: '2025-06-01', outcome: 'license-required' },
    });
    const same = JSON.parse((await run('replay', denied, '--framework', 'us-ear-enforced', '--json')).stdout);
    expect(same).toMatchObject({ changed: false, differences: [] });
  });

  it('lists, with --all, the stored requests the enforced law treats differently', async () => {
    const { code, stdout } = await run('replay', '--all', '--framework', 'us-ear-enforced');
    expect(code).toBe(0);
    expect(stdout).toContain('2 stored requests replayed under us-ear-enforced');
    expect(stdout).toContain('1 answered differently');
    expect(stdout).toContain(lpp);
    expect(stdout).not.toContain(denied);
  });

  it('exits 2 naming the field for an unknown framework, or no id and no --all', async () => {
    const unknown = await run('replay', lpp, '--framework', 'us-made-up');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--framework');
    const neither = await run('replay');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--all');
  });
});

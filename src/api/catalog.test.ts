import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { storeVariants } from '../../test/support/stores.js';

// Reference data only: the embedded store is enough.
const [pglite] = await storeVariants();

describe('catalog', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(pglite!);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists every chip with its figures, classification and source', async () => {
    const res = await api.call('auditor', 'GET', '/v1/catalog/chips');
    expect(res.statusCode).toBe(200);
    const { chips } = res.json();
    const gb300 = chips.find((c: { id: string }) => c.id === 'nvidia-gb300');
    expect(gb300).toMatchObject({ vendor: 'NVIDIA', tpp: 58484, classification: { class: 'advanced' } });
    expect(gb300.source).toMatch(/NVIDIA/);
    const h20 = chips.find((c: { id: string }) => c.id === 'nvidia-h20');
    expect(h20.classification.class).not.toBe('advanced');
  });

  it("gives each country's tier and group under each framework on a date", async () => {
    const res = await api.call('exporter', 'GET', '/v1/catalog/countries?asOf=2025-06-01');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe('2025-06-01');
    const by = new Map(body.countries.map((c: { code: string }) => [c.code, c]));
    expect(by.size).toBe(249);
    expect(by.get('DE')).toMatchObject({ name: 'Germany', tier: 1 });
    expect(by.get('AE')).toMatchObject({
      tier: 2,
      frameworks: {
        'us-ai-diffusion-2025': { group: 'tier-2' },
        'us-g2g-licensing-2025': { group: 'g2g' },
        'us-investment-for-chips-2026': { group: 'installation-size' },
      },
    });
    expect(by.get('CN')).toMatchObject({
      tier: 3,
      frameworks: { 'us-investment-for-chips-2026': { group: 'tier-3' } },
    });
    expect(by.get('MO')).toMatchObject({
      tier: 3,
      frameworks: { 'us-ai-diffusion-2025': { group: 'tier-3' } },
    });
    const later = (await api.call('exporter', 'GET', '/v1/catalog/countries?asOf=2026-04-01')).json();
    const cn = later.countries.find((c: { code: string }) => c.code === 'CN');
    expect(cn.frameworks['us-investment-for-chips-2026']).toMatchObject({ group: 'china-h200' });
    // Under the enforced law: D:5 / Macau, D:1 / D:4 not in A:5 / A:6, the UAE named, the rest.
    const enforced = (code: string) =>
      later.countries.find((c: { code: string }) => c.code === code).frameworks['us-ear-enforced'];
    expect(enforced('CN')).toMatchObject({ group: 'd5-macau' });
    expect(enforced('MO')).toMatchObject({ group: 'd5-macau' });
    expect(enforced('SA')).toMatchObject({ group: 'd1-d4' });
    expect(enforced('KH')).toMatchObject({ group: 'd1-d4' }); // out of D:5 from 2025-11-07
    expect(enforced('IL')).toMatchObject({ group: 'no-license' }); // D:4 but also A:6
    expect(enforced('AE')).toMatchObject({ group: 'named' });
    expect(enforced('IN')).toMatchObject({ group: 'no-license' });
  });

  it('refuses a bad date naming the field', async () => {
    const res = await api.call('exporter', 'GET', '/v1/catalog/countries?asOf=2025-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toEqual(['asOf']);
  });
});

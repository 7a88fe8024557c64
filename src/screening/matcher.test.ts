import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { loadDefaultList } from './default-list.js';
import { importList } from './lists/import.js';
import { ALGORITHM_VERSION, DEFAULT_THRESHOLD, Screener } from './matcher.js';
import type { ScreeningHit } from './types.js';

const EL = 'Entity List (EL) - Bureau of Industry and Security';
const isHuaweiEntityList = (hit: ScreeningHit) =>
  hit.source === EL && hit.name.startsWith('Huawei Technologies Co., Ltd.') && hit.countries.includes('CN');

describe('screening against the shipped Consolidated Screening List', () => {
  let screener: Screener;
  beforeAll(() => {
    screener = new Screener(loadDefaultList());
  });

  it('finds the Entity List entries of Huawei Technologies Co., Ltd. and says which words matched', () => {
    const result = screener.screen({ name: 'Huawei Technologies' });
    expect(result).toMatchObject({
      listVersion: '4cb2be849d976ae3',
      algorithm: ALGORITHM_VERSION,
      decision: 'potential-match',
    });
    expect(result.threshold).toBe(DEFAULT_THRESHOLD);
    const hit = result.hits.find(isHuaweiEntityList)!;
    expect(hit).toBeDefined();
    expect(hit.licensePolicy).toMatch(/presumption of denial/i);
    expect(hit.explanation.tokens).toEqual(
      expect.arrayContaining([
        { query: 'huawei', listed: 'huawei', how: 'exact', similarity: 1 },
        expect.objectContaining({ query: 'technologies', how: expect.stringMatching(/exact|abbreviation/) }),
      ]),
    );
    expect(hit.explanation.text).toContain('"huawei" = "huawei"');
    expect(hit.explanation.text).toContain(hit.matchedName);
    const scores = result.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.hits.length).toBeLessThanOrEqual(10);
    expect(result.hitCount).toBeGreaterThan(10);
  });

  it('finds them from the Chinese name, transliterated', () => {
    const result = screener.screen({ name: '华为技术有限公司' });
    const hit = result.hits.find(isHuaweiEntityList)!;
    expect(hit.score).toBe(1);
    expect(hit.explanation.tokens[0]).toEqual({
      query: 'huawei',
      listed: 'huawei',
      how: 'transliteration',
      similarity: 1,
    });
  });

  it('finds them misspelt', () => {
    const result = screener.screen({ name: 'Huawai Technolgies Co Ltd' });
    const hit = result.hits.find(isHuaweiEntityList)!;
    expect(hit.score).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(
      hit.explanation.tokens.filter((token) => token.how === 'fuzzy').map((token) => token.query),
    ).toEqual(['huawai', 'technolgies']);
  });

  it('reads Chinese company abbreviations', () => {
    const [hit] = screener.screen({ name: 'GUANGZHOU HAIGE COMM GRP' }).hits;
    expect(hit!.name).toBe('Guangzhou Haige Communication Group Co., Ltd.');
    expect(hit!.explanation.tokens.map((token) => token.how)).toEqual([
      'exact',
      'exact',
      'abbreviation',
      'abbreviation',
    ]);
  });

  it('clears clearly unrelated names', () => {
    for (const name of ['Stanford University', 'Siemens AG', 'Bank of China']) {
      expect(screener.screen({ name })).toMatchObject({ decision: 'clear', hits: [], hitCount: 0 });
    }
  });

  it('ranks entries in the query country first, and never drops the others', () => {
    const anywhere = screener.screen({ name: 'Huawei Technologies' });
    const inChina = screener.screen({ name: 'Huawei Technologies', country: 'CN' });
    expect(inChina.query.country).toBe('CN');
    expect(inChina.hits.slice(0, 3).every((hit) => hit.countries.includes('CN'))).toBe(true);
    expect(inChina.hits[0]!.explanation.countryAdjustment).toBeGreaterThan(0);
    // "Huawei Technology" of Egypt matches as fully as the Chinese entries, and yields to them.
    const egypt = (hits: readonly ScreeningHit[]) => hits.findIndex((hit) => hit.countries.includes('EG'));
    expect(egypt(anywhere.hits)).toBeLessThan(2);
    expect(egypt(inChina.hits)).toBeGreaterThanOrEqual(3);
    const inJapan = screener.screen({ name: 'Huawei Technologies', country: 'Japan' });
    expect(inJapan.query.country).toBe('JP');
    expect(inJapan.hitCount).toBeGreaterThanOrEqual(anywhere.hitCount);
    const chinese = inJapan.hits.find(isHuaweiEntityList)!;
    expect(chinese.explanation.countryAdjustment).toBeLessThan(0);
    expect(chinese.explanation.text).toContain('never clears');
  });

  it('filters by type, keeping entries whose type the list does not give', () => {
    const people = screener.screen({ name: 'Mohammed Ali' });
    expect(people.hits.some((hit) => hit.type === 'individual')).toBe(true);
    const entities = screener.screen({ name: 'Mohammed Ali', type: 'entity' });
    expect(entities.hits.every((hit) => hit.type !== 'individual')).toBe(true);
    const unknownType = screener.screen({ name: 'Huawei Technologies', type: 'individual' });
    expect(unknownType.hits.some((hit) => hit.type === null)).toBe(true);
  });

  it('honours threshold and limit options, and gives the same answer every time', () => {
    const strict = screener.screen({ name: 'Huawai Technolgies' }, { threshold: 0.95, limit: 3 });
    expect(strict.threshold).toBe(0.95);
    expect(strict.decision).toBe('clear');
    const few = screener.screen({ name: 'Huawei Technologies' }, { limit: 3 });
    expect(few.hits).toHaveLength(3);
    expect(screener.screen({ name: 'Huawei Technologies' })).toEqual(
      screener.screen({ name: 'Huawei Technologies' }),
    );
  });

  it('reads glued words, doubled letters and legal-form phrases in any order or cut short', () => {
    // Each scored below 0.80 before (0.53–0.87): the glued word stood for nothing listed, and
    // the reordered or cut legal phrase became rare-looking words.
    const cases: [string, string][] = [
      ['AbdulAziz HAQQANI', 'HAQQANI, Abdul Aziz'],
      ['MAHSUD, AbdulAziz', 'MAHSUD, Abdul Aziz'],
      ['Joint Stock CompanyConcern Sozvezdie', 'Joint Stock Company Concern Sozvezdie'],
      ['Concern Sozvezdie Joint Company Stock', 'Joint Stock Company Concern Sozvezdie'],
      ['Yalta Film Studio Joint Stock Comp', 'Joint Stock Company Yalta Film Studio'],
      ['KBP Instrument Design Bureau Stock Joint Company', 'JSC KBP Instrument Design Bureau'],
      // Letters doubled or made single, twice in one word.
      ['JO, Yong Chholl', 'JO, Yong Chol'],
      ['HAQANI, Abdul Aziz', 'HAQQANI, Abdul Aziz'],
    ];
    for (const [name, listed] of cases) {
      const hit = screener.screen({ name }).hits.find((h) => h.matchedName === listed);
      expect(hit?.score, name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('records which algorithm version and threshold decided', () => {
    const byDefault = screener.screen({ name: 'Huawei Technologies' });
    expect(byDefault.decidedBy).toEqual({
      algorithm: ALGORITHM_VERSION,
      threshold: DEFAULT_THRESHOLD,
      thresholdSource: 'default',
      defaultThreshold: DEFAULT_THRESHOLD,
    });
    const set = screener.screen({ name: 'Huawei Technologies' }, { threshold: 0.9 });
    expect(set.decidedBy).toMatchObject({ threshold: 0.9, thresholdSource: 'caller' });
    expect(() => screener.screen({ name: 'Huawei' }, { threshold: 1.5 })).toThrow(InputError);
    expect(() => screener.screen({ name: 'Huawei' }, { threshold: Number.NaN })).toThrow(InputError);
  });

  it('rejects an empty name or an unknown country as bad input', () => {
    expect(() => screener.screen({ name: '  ' })).toThrow(InputError);
    expect(() => screener.screen({ name: 'X', country: 'Atlantis' })).toThrow(InputError);
  });
});

describe('scoring on a small list', () => {
  const list = importList(
    new TextEncoder().encode(
      [
        'name,alt_names,country,type,entity_number',
        'Acme Widgets GmbH,,DE,entity,1',
        'China Electronics Technology Group Corporation,CETC,CN,entity,2',
        '"RIM, Ryong Nam",,KP,individual,3',
        'Photon Pro LLP,,KZ,entity,4',
        'Wong Wai Chung,,HK,individual,5',
      ].join('\n'),
    ),
    'csv',
    { importedAt: '2026-08-01T00:00:00Z' },
  );
  const screener = new Screener(list);
  const top = (name: string) => screener.screen({ name }, { threshold: 0.5 }).hits[0];

  it('weights legal forms low, not nothing', () => {
    const same = top('Acme Widgets GmbH')!.score;
    const other = top('Acme Widgets LLC')!.score;
    const none = top('Acme Widgets')!.score;
    expect(same).toBe(1);
    expect(other).toBeLessThan(same);
    expect(other).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(none).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('does not match a long name on one common word', () => {
    expect(screener.screen({ name: 'China' }).decision).toBe('clear');
    expect(screener.screen({ name: 'Technology Group' }).decision).toBe('clear');
  });

  it('ignores word order and reads surname-first names', () => {
    expect(top('Ryong Nam Rim')!.score).toBe(1);
  });

  it('mends spacing: words run together or split', () => {
    const joined = top('PhotonPro LLP')!;
    expect(joined.score).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(joined.explanation.tokens[0]).toMatchObject({ query: 'photonpro', listed: 'photon pro' });
    expect(top('Pho ton Pro')!.score).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('pairs leftover words two slips apart, at a discount', () => {
    const hit = top('Wnoog Wai Chung')!;
    expect(hit.score).toBeGreaterThan(0.7);
    expect(hit.score).toBeLessThan(0.9);
  });

  it('matches alt names and says so', () => {
    const hit = top('CETC')!;
    expect(hit.matchedName).toBe('CETC');
    expect(hit.name).toBe('China Electronics Technology Group Corporation');
    expect(hit.explanation.text).toContain('alt name');
  });
});

import { describe, expect, it } from 'vitest';
import { foldWords, nameKey, tokenizeName } from './normalize.js';

const canon = (name: string) => tokenizeName(name).map((token) => token.canon);
const surfaces = (name: string) => tokenizeName(name).map((token) => token.surface);

describe('foldWords', () => {
  it('folds case, drops punctuation and apostrophes, joins dotted initials', () => {
    expect(foldWords("Xi’an L.L.C. (Kaspersky's) A&B S.A")).toEqual([
      'xian',
      'llc',
      'kaspersky',
      'a',
      'and',
      'b',
      'sa',
    ]);
  });

  it('keeps "?" inside a word as a wildcard, but reads it as a space between two words', () => {
    expect(foldWords('M?ller')).toEqual(['m?ller']);
    expect(foldWords('Beijing?Naura?Semiconductor')).toEqual(['beijing', 'naura', 'semiconductor']);
    expect(foldWords('?ltd ??')).toEqual(['ltd']);
  });
});

describe('tokenizeName', () => {
  it('applies NFKC/NFKD, case folding and diacritic stripping', () => {
    expect(surfaces('ＡＢＣ　Müller Straße ÉCOLE')).toEqual(['abc', 'muller', 'strasse', 'ecole']);
  });

  it('romanizes other scripts with any-ascii and marks the words as transliterated', () => {
    const tokens = tokenizeName('ООО Ромашка');
    expect(tokens.map((token) => token.canon)).toEqual(['llc', 'romashka']);
    expect(tokens.every((token) => token.transliterated)).toBe(true);
    expect(surfaces('Αθήνα')).toEqual(['athina']);
  });

  it('translates Chinese company words and joins the romanized rest into one word', () => {
    expect(canon('华为技术有限公司')).toEqual(['huawei', 'technology', 'co', 'ltd']);
    expect(canon('北京华为')).toEqual(['beijing', 'huawei']);
    expect(canon('中兴通讯股份有限公司')).toEqual(['zhongxing', 'communication', 'co', 'ltd']);
  });

  it('canonicalizes legal forms and abbreviations, keeping what was written', () => {
    const tokens = tokenizeName('GUANGZHOU HAIGE COMM GRP Co., Ltd.');
    expect(tokens.map((token) => [token.surface, token.canon, token.legal, token.via])).toEqual([
      ['guangzhou', 'guangzhou', false, null],
      ['haige', 'haige', false, null],
      ['comm', 'communication', false, 'abbreviation'],
      ['grp', 'group', false, 'abbreviation'],
      ['co', 'co', true, null],
      ['ltd', 'ltd', true, null],
    ]);
  });

  it('mends legal words split by a stray space or glued to a neighbour', () => {
    expect(canon('Khum Thaw Com Pany Limi ted')).toEqual(['khum', 'thaw', 'co', 'ltd']);
    expect(canon('Joint StockCompany Set 1')).toEqual(['jsc', 'set', '1']);
    expect(canon('FASTLINKSARL')).toEqual(['fastlink', 'sarl']);
    expect(canon('Zinc Corp')).toEqual(['zinc', 'corp']);
  });

  it('gives equal keys to names that differ only in conventions', () => {
    expect(nameKey('Huawei Technologies Company Limited')).toBe(nameKey('HUAWEI TECHNOLOGIES CO., LTD.'));
    expect(nameKey('Huawei Tech. Co Ltd')).toBe(nameKey('华为技术有限公司'));
    expect(nameKey('Huawei Technologies')).not.toBe(nameKey('Huawei Technologies Ltd'));
  });
});

import { describe, expect, it } from 'vitest';
import {
  isLegalForm,
  joinsIntoLegalWord,
  LEGAL_FORMS,
  legalFormAt,
  misspeltLegalForm,
  splitGluedLegalWord,
  truncatedLegalForm,
} from './legal-forms.js';
import { tokenizeName } from './normalize.js';

const legal = (name: string) =>
  tokenizeName(name)
    .filter((token) => token.legal)
    .map((token) => token.canon);

describe('legal forms', () => {
  it.each([
    ['Co.', ['co']],
    ['Company', ['co']],
    ['Corp', ['corp']],
    ['Corporation', ['corp']],
    ['Ltd', ['ltd']],
    ['Limited', ['ltd']],
    ['LLC', ['llc']],
    ['L.L.C.', ['llc']],
    ['Limited Liability Company', ['llc']],
    ['GmbH', ['gmbh']],
    ['AG', ['ag']],
    ['OOO', ['llc']],
    ['ООО', ['llc']],
    ['OAO', ['jsc']],
    ['ZAO', ['jsc']],
    ['PAO', ['jsc']],
    ['JSC', ['jsc']],
    ['AO', ['jsc']],
    ['Public Joint Stock Company', ['jsc']],
    ['Aktsionernoe Obshchestvo', ['jsc']],
    ['Obshchestvo s Ogranichennoi Otvetstvennostyu', ['llc']],
    ['SA', ['sa']],
    ['S.A.', ['sa']],
    ['Sociedad Anonima', ['sa']],
    ['PLC', ['plc']],
    ['Pte', ['pte']],
    ['Sdn Bhd', ['sdnbhd']],
    ['Sdn. Bhd.', ['sdnbhd']],
    ['Private Limited', ['pvt', 'ltd']],
    ['有限公司', ['co', 'ltd']],
    ['有限责任公司', ['co', 'ltd']],
    ['股份有限公司', ['co', 'ltd']],
    ['KK', ['kk']],
    ['Kabushiki Kaisha', ['kk']],
    ['株式会社', ['kk']],
  ])('%s → %j', (written, canonical) => {
    expect(legal(`Example ${written}`)).toEqual(canonical);
    for (const token of canonical) expect(isLegalForm(token)).toBe(true);
  });

  it('reads phrases in any order, and cut short at the end of a name', () => {
    expect(legal('Example Joint Company Stock')).toEqual(['jsc']);
    expect(legal('Company Joint Stock Example')).toEqual(['jsc']);
    expect(legal('Example Liability Limited Company')).toEqual(['llc']);
    expect(legal('Example Joint Stock Comp')).toEqual(['jsc']);
    expect(legal('Aktsionernoe Obshch')).toEqual(['jsc']);
    // Cut short where the name ends, or inside a phrase of three words or more.
    expect(legal('Limited Liability Comp Example')).toEqual(['llc']);
    expect(legal('Joint Stoc Example')).toEqual([]);
    expect(legal('Example Ogranichennoi S Obshchestvo Otvetstvennostyu')).not.toEqual(['llc']);
    expect(legal('Stockholm Example')).toEqual([]);
    expect(truncatedLegalForm('comp')).toBe('co');
    expect(truncatedLegalForm('corpor')).toBe('corp');
    expect(truncatedLegalForm('incorp')).toBe('inc');
    expect(truncatedLegalForm('lim')).toBeNull();
    expect(truncatedLegalForm('huawei')).toBeNull();
  });

  it('splits legal words glued to the word after', () => {
    expect(splitGluedLegalWord('companyscientific')).toEqual(['company', 'scientific']);
    expect(splitGluedLegalWord('limitedprogress')).toEqual(['limited', 'progress']);
    expect(splitGluedLegalWord('stockholm')).toBeNull();
    expect(tokenizeName('Joint Stock CompanyScientific Production').map((t) => t.canon)).toEqual([
      'jsc',
      'science',
      'production',
    ]);
  });

  it('recognises long legal words with a slip', () => {
    expect(legal('Parsian Commpany')).toEqual(['co']);
    expect(legal('Jawhirah Compnay')).toEqual(['co']);
    expect(legal('Ocmpany Dotone')).toEqual(['co']);
  });

  it('leaves ordinary words alone', () => {
    expect(legal('Moscow Compass Limitless Pat Sal Corporate As')).toEqual([]);
  });

  it('is a small set', () => {
    expect(LEGAL_FORMS.length).toBeLessThan(50);
    expect(legalFormAt(['huawei'], 0)).toBeNull();
  });

  it('joins and splits legal words at stray or missing spaces', () => {
    expect(joinsIntoLegalWord('limi', 'ted')).toBe(true);
    expect(joinsIntoLegalWord('lia', 'biliyt')).toBe(true);
    expect(joinsIntoLegalWord('huawei', 'ted')).toBe(false);
    expect(splitGluedLegalWord('stockcompany')).toEqual(['stock', 'company']);
    expect(splitGluedLegalWord('ooomolot')).toEqual(['ooo', 'molot']);
    expect(splitGluedLegalWord('company')).toBeNull();
  });

  it('reads a short legal form with one slip, but not a name that resembles one', () => {
    expect(['lttd', 'ldtd', 'llcc', 'oooo', 'gmbhh'].map(misspeltLegalForm)).toEqual([
      'ltd',
      'ltd',
      'llc',
      'llc',
      'gmbh',
    ]);
    expect(['pete', 'abc', 'lotte', 'huawei'].map(misspeltLegalForm)).toEqual([null, null, null, null]);
  });
});

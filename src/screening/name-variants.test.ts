import { describe, expect, it } from 'vitest';
import { nameVariants } from './name-variants.js';
import type { ListedEntry } from './types.js';

const entry = (name: string, altNames: string[] = []): ListedEntry => ({
  id: 'X-1',
  name,
  altNames,
  source: 'Entity List (EL) - Bureau of Industry and Security',
  type: null,
  countries: [],
  programs: [],
  licenseRequirement: null,
  licensePolicy: null,
  federalRegisterNotice: null,
  remarks: null,
  sourceListUrl: null,
});

const texts = (name: string, altNames: string[] = []) =>
  nameVariants(entry(name, altNames)).map((variant) => variant.text);

describe('name variants', () => {
  it('drops the successor boilerplate of ISN rows', () => {
    expect(
      texts('Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof'),
    ).toEqual(['Sinobright Import and Export Company']);
  });

  it('matches an affiliate by its own name, not its parent', () => {
    expect(
      texts(
        'Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Beijing Huawei Longshine Information Technology Co., Ltd.',
      ),
    ).toEqual([
      'Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Beijing Huawei Longshine Information Technology Co., Ltd.',
      'Beijing Huawei Longshine Information Technology Co., Ltd.',
    ]);
  });

  it('takes a parenthesis apart, but not a country or a qualifier', () => {
    expect(texts('Academy of Aerospace Solid Propulsion Technology (AASPT)')).toEqual([
      'Academy of Aerospace Solid Propulsion Technology (AASPT)',
      'Academy of Aerospace Solid Propulsion Technology',
      'AASPT',
    ]);
    expect(texts('Huawei Technologies (Bolivia) S.R.L.')).toEqual([
      'Huawei Technologies (Bolivia) S.R.L.',
      'Huawei Technologies S.R.L.',
    ]);
    expect(texts('Huawei Technologies Pakistan (Private) Limited')).toEqual([
      'Huawei Technologies Pakistan (Private) Limited',
      'Huawei Technologies Pakistan Limited',
    ]);
  });

  it('marks alt names and drops repeats', () => {
    expect(nameVariants(entry('Gazprom PAO', ['PJSC Gazprom', 'gazprom pao']))).toEqual([
      { text: 'Gazprom PAO', primary: true, part: false },
      { text: 'PJSC Gazprom', primary: false, part: false },
    ]);
    expect(nameVariants(entry('Xyz Trading (XTC)')).map((variant) => variant.part)).toEqual([
      false,
      true,
      true,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { groupMembershipOn } from '../data/country-groups.js';
import groupData from '../data/ear-country-groups.json' with { type: 'json' };
import { dayNumber } from '../domain/dates.js';
import type { InputError } from '../domain/errors.js';
import { parseExportRequest } from '../domain/request.js';
import {
  affiliations,
  consigneeKey,
  effectiveDestinations,
  endUserLocatedElsewhere,
  ultimateConsignee,
} from './places.js';

const base = {
  date: '2026-06-01',
  destination: 'SG',
  items: [{ chip: 'nvidia-h100-sxm', quantity: 10 }],
  endUser: { name: 'Example Pte', country: 'CN', headquarters: 'SG' },
};

describe('the 2026-12 request model', () => {
  it('parses transaction, origin, parties’ headquarters and parent, U.S. availability and 4E091 exclusions', () => {
    const request = parseExportRequest({
      ...base,
      transaction: 'reexport',
      origin: 'Taiwan',
      parties: [
        {
          role: 'ultimate-consignee',
          name: 'UC Ltd',
          country: 'MY',
          headquarters: 'HK',
          ultimateParent: 'RU',
        },
      ],
      items: [
        {
          customChip: { name: 'X1', tpp: 9000, dieAreaMm2: 600, usCommerciallyAvailableSince: '2025-12-01' },
          quantity: 1,
        },
        { modelWeights: { name: 'M', trainingOps: 1e26, exclusion: 'derived-from-published' } },
      ],
    });
    expect(request.transaction).toBe('reexport');
    expect(request.origin).toBe('TW');
    expect(request.parties[0]).toMatchObject({ headquarters: 'HK', ultimateParent: 'RU' });
    expect(request.items[0]!.customChip?.usCommerciallyAvailableSince).toBe('2025-12-01');
    expect(request.items[1]!.modelWeights?.exclusion).toBe('derived-from-published');
  });

  it('defaults to an export from the United States', () => {
    const request = parseExportRequest(base);
    expect(request.transaction).toBe('export');
    expect(request.origin).toBe('US');
  });

  it('names the field of each bad new value', () => {
    const bad = {
      ...base,
      transaction: 'sale',
      origin: 'Atlantis',
      parties: [{ role: 'ultimate-consignee', name: 'UC', headquarters: 'ZZ' }],
      items: [
        { customChip: { name: 'X', tpp: 9000, usCommerciallyAvailableSince: '2026-02-30' }, quantity: 1 },
      ],
    };
    const paths = (input: unknown) => {
      try {
        parseExportRequest(input);
      } catch (error) {
        return (error as InputError).issues.map((i) => i.path.join('.'));
      }
      return [];
    };
    // Every problem at once: the schema refuses bad dates and countries too.
    expect(paths(bad)).toContain('transaction');
    expect(paths(bad)).toEqual(
      expect.arrayContaining([
        'origin',
        'parties.0.headquarters',
        'items.0.customChip.usCommerciallyAvailableSince',
      ]),
    );
    expect(
      paths({ ...base, items: [{ modelWeights: { name: 'M', trainingOps: 1, exclusion: 'fine-tuned' } }] }),
    ).toEqual(['items.0.modelWeights.exclusion']);
  });
});

describe('where the items go', () => {
  it('reads the ship-to, the end user’s and the ultimate consignee’s locations, ship-to first', () => {
    const request = parseExportRequest({
      ...base,
      parties: [{ role: 'ultimate-consignee', name: 'UC', country: 'HK', headquarters: 'MO' }],
    });
    expect(effectiveDestinations(request)).toEqual([
      { role: 'ship-to', code: 'SG', country: 'SG' },
      { role: 'end user', code: 'CN', country: 'CN' },
      { role: 'ultimate consignee', code: 'HK', country: 'CN' },
    ]);
    expect(affiliations(request).map((a) => `${a.role}=${a.code}`)).toEqual([
      'end-user headquarters=SG',
      'ultimate-consignee headquarters=MO',
    ]);
    expect(endUserLocatedElsewhere(request)).toBe(true);
    expect(
      endUserLocatedElsewhere(parseExportRequest({ ...base, endUser: { name: 'E', country: 'SG' } })),
    ).toBe(false);
  });

  it('keys a consignee by name and country, the ultimate consignee before the end user', () => {
    const a = parseExportRequest({
      ...base,
      parties: [{ role: 'ultimate-consignee', name: 'Acme Ltd', country: 'AE' }],
    });
    const b = parseExportRequest({
      ...base,
      parties: [{ role: 'ultimate-consignee', name: 'Acme Ltd', country: 'SA' }],
    });
    expect(ultimateConsignee(a).name).toBe('Acme Ltd');
    expect(consigneeKey(ultimateConsignee(a))).toBe('acme-ltd:ae');
    expect(consigneeKey(ultimateConsignee(a))).not.toBe(consigneeKey(ultimateConsignee(b)));
    expect(consigneeKey(ultimateConsignee(parseExportRequest(base)))).toBe('example-pte:cn');
  });
});

describe('country groups', () => {
  const day = dayNumber('2026-07-23');
  it('holds the eCFR table of 2026-07-23 for A:5, A:6, D:1, D:4 and D:5', () => {
    for (const group of ['A:5', 'A:6', 'D:1', 'D:4', 'D:5'] as const) {
      for (const code of groupData.groups[group])
        expect(groupMembershipOn(group, code, day), `${group} ${code}`).toBeDefined();
    }
    expect(groupMembershipOn('A:5', 'AE', day)?.note).toMatch(/UNVERIFIED/);
    expect(groupMembershipOn('D:4', 'SA', day)).toBeDefined();
    expect(groupMembershipOn('D:4', 'AE', day)).toBeUndefined();
    expect(groupMembershipOn('D:1', 'IN', day)).toBeUndefined();
  });
});

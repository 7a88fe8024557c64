import { dayNumber } from '../domain/dates.js';
import groupData from './ear-country-groups.json' with { type: 'json' };

/**
 * Country Group D:5 (U.S. arms-embargoed countries), 15 CFR part 740 Supp. No. 1, as dated
 * membership intervals. Membership as of the eCFR of 2026-07-23; earlier changes from the
 * Federal Register. `from: null` means a member throughout the dates these frameworks cover
 * (none covers a date before 2023-11-17).
 */
export interface GroupMembership {
  readonly code: string;
  readonly from: string | null;
  /** First day the country is no longer a member. */
  readonly until: string | null;
  readonly source: string;
  /** What the data does not know (e.g. the date a membership began), said plainly. */
  readonly note?: string;
}

const ECFR_2026 = '15 CFR 740 Supp. No. 1, Country Group D:5 (eCFR 2026-07-23)';

export const D5_MEMBERSHIP: readonly GroupMembership[] = [
  ...[
    'AF',
    'BY',
    'MM',
    'CF',
    'CN',
    'CD',
    'CU',
    'ER',
    'HT',
    'IR',
    'IQ',
    'KP',
    'LB',
    'LY',
    'RU',
    'SO',
    'SS',
    'SD',
  ]
    .concat(['SY', 'VE', 'ZW'])
    .map((code) => ({ code, from: null, until: null, source: ECFR_2026 })),
  {
    code: 'NI',
    from: '2024-03-15',
    until: null,
    source: 'FR Doc 2024-05696 (effective 2024-03-15): Nicaragua added to D:5 (BIS press release 2024-03-14)',
  },
  // The note to Country Group D:5 says the State Department's list (22 CFR 126.1) controls when
  // it and the EAR table disagree (spec/frameworks.md §2, corrected 2026-12). So a country leaves
  // D:5 on State's date; BIS's conforming date is kept in the source for the record.
  {
    code: 'KH',
    from: null,
    until: '2025-11-07',
    source:
      'Cambodia removed from 22 CFR 126.1 effective 2025-11-07 (State Department; Export Compliance Daily 2025-11-07); BIS conformed D:5 on 2026-02-03 (Fenwick); the State list controls (note to D:5)',
  },
  {
    code: 'CY',
    from: null,
    until: '2023-10-01',
    source:
      '88 FR 63016 (22 CFR 126.1, Cyprus, effective 2023-10-01); BIS conformed D:5 in 89 FR 40369 (2024-05-30); the State list controls (note to D:5)',
    note: 'the ITAR change rests on a suspension renewed yearly; its renewal after 2026-09-30 is not known',
  },
];

interface CompiledMembership extends GroupMembership {
  readonly fromDay: number;
  readonly untilDay: number;
}

const d5ByCode = new Map<string, CompiledMembership>(
  D5_MEMBERSHIP.map((m) => [
    m.code,
    {
      ...m,
      fromDay: m.from ? dayNumber(m.from) : Number.NEGATIVE_INFINITY,
      untilDay: m.until ? dayNumber(m.until) : Number.POSITIVE_INFINITY,
    },
  ]),
);

/** The D:5 membership record in force for `code` on `day`, if any. */
export function d5MembershipOn(code: string, day: number): GroupMembership | undefined {
  const m = d5ByCode.get(code);
  return m && day >= m.fromDay && day < m.untilDay ? m : undefined;
}

export function d5MembersOn(day: number): string[] {
  return [...d5ByCode.values()].filter((m) => day >= m.fromDay && day < m.untilDay).map((m) => m.code);
}

/** The country groups the advanced-computing rules read (15 CFR 740 Supp. No. 1). */
export type CountryGroup = 'A:5' | 'A:6' | 'D:1' | 'D:4' | 'D:5';

/** The other groups' members as of the eCFR of 2026-07-23 (src/data/ear-country-groups.json). */
export const EAR_GROUPS_SOURCE: string = groupData.source;
const ECFR_GROUP = (group: string) => `15 CFR 740 Supp. No. 1, Country Group ${group} (eCFR 2026-07-23)`;
const SINCE_UNKNOWN =
  'member in the eCFR of 2026-07-23; the date membership began is not recorded here (since: null), so earlier dates read today’s table';

/**
 * Dated memberships of A:5, A:6, D:1 and D:4 (spec/frameworks.md §2): today's table with
 * `from: null` and a note, since the dates of earlier changes are not in the data. The UAE is in
 * A:5 only today; the Federal Register rule that moved it there was not found (UNVERIFIED date).
 */
export const GROUP_MEMBERSHIP: Readonly<Record<Exclude<CountryGroup, 'D:5'>, readonly GroupMembership[]>> = {
  'A:5': groupData.groups['A:5'].map((code) => ({
    code,
    from: null,
    until: null,
    source: ECFR_GROUP('A:5'),
    note:
      code === 'AE'
        ? 'the UAE is in A:5 only in the eCFR of 2026-07-23; the rule and date that moved it there were not found (UNVERIFIED)'
        : SINCE_UNKNOWN,
  })),
  'A:6': groupData.groups['A:6'].map((code) => ({
    code,
    from: null,
    until: null,
    source: ECFR_GROUP('A:6'),
    note: SINCE_UNKNOWN,
  })),
  'D:1': groupData.groups['D:1'].map((code) => ({
    code,
    from: null,
    until: null,
    source: ECFR_GROUP('D:1'),
    note: SINCE_UNKNOWN,
  })),
  'D:4': groupData.groups['D:4'].map((code) => ({
    code,
    from: null,
    until: null,
    source: ECFR_GROUP('D:4'),
    note: SINCE_UNKNOWN,
  })),
};

const groupIndex = new Map<string, Map<string, CompiledMembership>>(
  Object.entries(GROUP_MEMBERSHIP).map(([group, members]) => [
    group,
    new Map(
      members.map((m) => [
        m.code,
        {
          ...m,
          fromDay: m.from ? dayNumber(m.from) : Number.NEGATIVE_INFINITY,
          untilDay: m.until ? dayNumber(m.until) : Number.POSITIVE_INFINITY,
        },
      ]),
    ),
  ]),
);

/**
 * The membership of `code` in `group` on `day`, if any (Hong Kong is not mapped here: callers
 * pass `rulesCountry(code)` when the rule treats Hong Kong as China).
 */
export function groupMembershipOn(
  group: CountryGroup,
  code: string,
  day: number,
): GroupMembership | undefined {
  if (group === 'D:5') return d5MembershipOn(code, day);
  const m = groupIndex.get(group)?.get(code);
  return m && day >= m.fromDay && day < m.untilDay ? m : undefined;
}

/** Hong Kong is treated as China for these rules (90 FR 4544; 15 CFR 772.1 "China" includes HK since 2020). */
export function rulesCountry(code: string): string {
  return code === 'HK' ? 'CN' : code;
}

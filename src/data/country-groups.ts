import { dayNumber } from '../domain/dates.js';

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
  { code: 'NI', from: '2024-03-15', until: null, source: '89 FR 18780 (2024-03-15): Nicaragua added to D:5' },
  {
    code: 'KH',
    from: null,
    until: '2026-02-03',
    source: 'Cambodia removed from D:5 effective 2026-02-03 (fenwick.com, arms-embargo designations)',
  },
  // Sources disagree on Cyprus: the State Department changed its ITAR 126.1 policy effective
  // 2023-10-01 (88 FR 63016); BIS made the conforming EAR change effective 2024-05-30
  // (89 FR 40369). The EAR's own table governs EAR determinations, so the EAR date is used.
  {
    code: 'CY',
    from: null,
    until: '2024-05-30',
    source: '89 FR 40369 (effective 2024-05-30): Cyprus no longer in D:5 (cf. 88 FR 63016, ITAR, 2023-10-01)',
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

/** Hong Kong is treated as China for these rules (90 FR 4544; 15 CFR 772.1 "China" includes HK since 2020). */
export function rulesCountry(code: string): string {
  return code === 'HK' ? 'CN' : code;
}

import { resolveCountry } from '../../data/countries.js';
import groupsFile from '../../data/ear-country-groups.json' with { type: 'json' };
import { dayNumber, type IsoDate } from '../../domain/dates.js';
import { LAW } from './law.js';

/**
 * Country Groups A:5, A:6, D:1, D:4 and D:5 of 15 CFR part 740 Supp. No. 1 as dated
 * memberships. The members are those of the eCFR of 2026-07-23 (`ear-country-groups.json`, a
 * copy of the eCFR versioner extract, see its `source`); earlier changes are dated from the
 * Federal Register or the State Department. `since: null` means the date the country joined is
 * not known to us (the `note` says so); it was a member on every date this framework covers
 * unless `until` says otherwise.
 */
export type GroupName = 'A:5' | 'A:6' | 'D:1' | 'D:4' | 'D:5';
export const GROUP_NAMES: readonly GroupName[] = ['A:5', 'A:6', 'D:1', 'D:4', 'D:5'];

export interface GroupMembership {
  readonly group: GroupName;
  readonly code: string;
  /** First day of membership; null when unknown (see note). */
  readonly since: IsoDate | null;
  /** First day the country is no longer a member; null when still a member. */
  readonly until: IsoDate | null;
  readonly source: string;
  readonly note?: string;
}

const ECFR_SOURCE = `${LAW.countryGroups} (eCFR of ${groupsFile.ecfrIssueDate}): ${groupsFile.source}`;
const UNKNOWN_SINCE =
  'date of joining not established from the sources held; a member on the eCFR of 2026-07-23 and treated as a member on every covered date';

/** Codes as the data file holds them (ISO alpha-2), checked against the country table. */
function codeOf(code: string): string {
  return resolveCountry(code, ['ear-country-groups', code]);
}

/** Dated changes the eCFR snapshot does not show, each with its source. */
const CHANGES: readonly GroupMembership[] = [
  {
    group: 'D:5',
    code: 'NI',
    since: '2024-03-15' as IsoDate,
    until: null,
    source: `${LAW.nicaragua}: BIS rule effective 2024-03-15 (FR Doc 2024-05696; BIS press release 2024-03-14) adding Nicaragua to D:5`,
  },
  {
    group: 'D:5',
    code: 'KH',
    since: null,
    until: '2025-11-07' as IsoDate,
    source: `${LAW.itar1261}: the State Department removed Cambodia effective 2025-11-07; the note to D:5 makes the State list control (BIS conformed the EAR table on 2026-02-03)`,
    note: 'State date used, not the BIS conforming date (spec/frameworks.md §2); joined D:5 before the covered dates',
  },
  {
    group: 'D:5',
    code: 'CY',
    since: null,
    until: '2023-10-01' as IsoDate,
    source: `${LAW.itar1261}: 88 FR 63016, State Department ITAR change effective 2023-10-01; BIS conformed on 2024-05-30 (89 FR 40369)`,
    note: 'State date used; out of D:5 before this framework’s coverage begins. The yearly ITAR suspension after 2026-09-30 is not confirmed (uncertain)',
  },
];

function fromEcfr(): GroupMembership[] {
  const out: GroupMembership[] = [];
  const groups = groupsFile.groups as Record<string, string[]>;
  for (const group of GROUP_NAMES) {
    for (const name of groups[group] ?? []) {
      const code = codeOf(name);
      if (CHANGES.some((c) => c.group === group && c.code === code)) continue;
      out.push({
        group,
        code,
        since: null,
        until: null,
        source: ECFR_SOURCE,
        note:
          group === 'A:5' && code === 'AE'
            ? 'UAE in A:5: the Federal Register rule and date of the move are not known (research/enforced-law.md §3.2 item 8)'
            : UNKNOWN_SINCE,
      });
    }
  }
  return out;
}

export const GROUP_MEMBERSHIP: readonly GroupMembership[] = [...fromEcfr(), ...CHANGES];

interface Interval {
  readonly membership: GroupMembership;
  readonly fromDay: number;
  readonly untilDay: number;
}

const index = new Map<string, Interval>();
for (const m of GROUP_MEMBERSHIP) {
  index.set(`${m.group}|${m.code}`, {
    membership: m,
    fromDay: m.since ? dayNumber(m.since) : Number.NEGATIVE_INFINITY,
    untilDay: m.until ? dayNumber(m.until) : Number.POSITIVE_INFINITY,
  });
}

/** The membership of `code` in `group` in force on `day`, if any. */
export function membershipOn(group: GroupName, code: string, day: number): GroupMembership | undefined {
  const m = index.get(`${group}|${code}`);
  return m && day >= m.fromDay && day < m.untilDay ? m.membership : undefined;
}

/** Every member of `group` on `day`, sorted. */
export function membersOn(group: GroupName, day: number): string[] {
  return GROUP_MEMBERSHIP.filter((m) => m.group === group && membershipOn(group, m.code, day))
    .map((m) => m.code)
    .sort();
}

/** Days on which some membership starts or ends: where the parameters get a new value. */
export function changeDates(): IsoDate[] {
  const dates = new Set<string>();
  for (const m of GROUP_MEMBERSHIP) {
    if (m.since) dates.add(m.since);
    if (m.until) dates.add(m.until);
  }
  return [...dates].sort() as IsoDate[];
}

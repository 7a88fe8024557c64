import {
  type CountryGroup,
  D5_MEMBERSHIP,
  groupMembershipOn,
  GROUP_MEMBERSHIP as OTHER_GROUPS,
  type GroupMembership as SharedMembership,
} from '../../data/country-groups.js';
import type { IsoDate } from '../../domain/dates.js';

/**
 * Country Groups A:5, A:6, D:1, D:4 and D:5 of 15 CFR part 740 Supp. No. 1 as this framework
 * reads them: the dated memberships of src/data/country-groups.ts (the eCFR of 2026-07-23,
 * src/data/ear-country-groups.json; D:5 on the State Department's dates, since the note to D:5
 * makes its list control: Cambodia out 2025-11-07, Cyprus out 2023-10-01). `from: null` means the
 * date the country joined is not known (the membership's note says so); it is treated as a
 * member on every date this framework covers unless `until` says otherwise.
 */
export type GroupName = CountryGroup;
export const GROUP_NAMES: readonly GroupName[] = ['A:5', 'A:6', 'D:1', 'D:4', 'D:5'];

export interface GroupMembership extends SharedMembership {
  readonly group: GroupName;
}

export const GROUP_MEMBERSHIP: readonly GroupMembership[] = [
  ...D5_MEMBERSHIP.map((m) => ({ ...m, group: 'D:5' as const })),
  ...(['A:5', 'A:6', 'D:1', 'D:4'] as const).flatMap((group) =>
    OTHER_GROUPS[group].map((m) => ({ ...m, group })),
  ),
];

/** The membership of `code` in `group` in force on `day`, if any. */
export function membershipOn(group: GroupName, code: string, day: number): SharedMembership | undefined {
  return groupMembershipOn(group, code, day);
}

/** Every member of `group` on `day`, sorted. */
export function membersOn(group: GroupName, day: number): string[] {
  return GROUP_MEMBERSHIP.filter((m) => m.group === group && membershipOn(group, m.code, day))
    .map((m) => m.code)
    .sort();
}

/** Days on which some membership starts or ends: where the group parameters get a new value. */
export function changeDates(): IsoDate[] {
  const dates = new Set<string>();
  for (const m of GROUP_MEMBERSHIP) {
    if (m.from) dates.add(m.from);
    if (m.until) dates.add(m.until);
  }
  return [...dates].sort() as IsoDate[];
}

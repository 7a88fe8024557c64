import { d, type IsoDate } from '../../domain/dates.js';
import type { Parameter, ParameterValue } from '../../rules/parameters.js';
import { changeDates, GROUP_NAMES, type GroupName, membersOn } from './groups.js';
import { LAW } from './law.js';

/** First covered date: 89 FR 23876 split License Exception NAC into NAC and ACA. */
export const COVERAGE_FROM = d('2024-04-04');

/**
 * One parameter per country group: the members on each date where the membership changes,
 * from the dated memberships of groups.ts (each membership carries its own source, which the
 * trace records when a rule tests a country).
 */
function groupParameter(group: GroupName): Parameter<readonly string[]> {
  const values: ParameterValue<readonly string[]>[] = [];
  let previous = '';
  for (const date of [COVERAGE_FROM, ...changeDates().filter((x) => x > COVERAGE_FROM)] as IsoDate[]) {
    const members = membersOn(group, dayOf(date));
    const key = members.join(',');
    if (key === previous) continue;
    previous = key;
    values.push({
      from: date,
      value: members,
      source: `${LAW.countryGroups} (eCFR 2026-07-23), dated changes from ${LAW.itar1261} and ${LAW.nicaragua}`,
      note:
        group === 'D:5'
          ? 'D:5 dates follow the State Department list (note to D:5): Cambodia out 2025-11-07, Cyprus out 2023-10-01'
          : 'members whose date of joining is unknown (from: null in src/data/country-groups.ts, with a note) are listed from the start of coverage',
    });
  }
  return {
    id: `groups.${group}`,
    description: `Country Group ${group} (15 CFR 740 Supp. No. 1)`,
    values,
  };
}

function dayOf(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export const parameters: readonly Parameter[] = [
  ...GROUP_NAMES.map(groupParameter),
  {
    id: 'groups.namedBesideD5',
    description:
      'Destinations the EAR names beside D:5 ("Macau or a destination specified in Country Group D:5")',
    values: [
      {
        from: COVERAGE_FROM,
        value: ['MO'],
        source: `${LAW.eccn3a090}: license requirements name "Macau or a destination specified in Country Group D:5"`,
      },
    ],
  },
  {
    id: 'scope.namedDestinations',
    description:
      'Destinations the CCL names for 3A090 besides D:1/D:4 (the UAE: named in the 3A090.b entry; for 3A090.a the pre-Diffusion scope, which included it)',
    values: [
      {
        from: COVERAGE_FROM,
        value: ['AE'],
        source: `${LAW.eccn3a090}: the 3A090.b license requirement names the United Arab Emirates (eCFR 2026-07-23)`,
        note: 'uncertain for 3A090.a: the UAE was in D:4 before the Diffusion rule by recollection only; when it moved to A:5 is not known (uae-scope)',
      },
    ],
  },
  {
    id: 'exceptions.nacAcaEligible',
    description:
      'Items eligible for License Exceptions NAC and ACA: 3A090.b, and 3A090.a not designed or marketed for data centers',
    values: [
      {
        from: COVERAGE_FROM,
        value: { mid: true, advancedNonDatacenter: true, advancedDatacenter: false },
        source: `${LAW.sec7408}: NAC and ACA eligibility (89 FR 23876); "not for data-center 3A090.a"`,
      },
    ],
  },
  {
    id: 'hq.rule',
    description:
      'The headquarters rule: a license for 3A090/4A090 items to any entity headquartered in, or whose ultimate parent is headquartered in, D:5 or Macau, wherever located (outside the United States)',
    values: [
      {
        from: COVERAGE_FROM,
        value: true,
        source: `${LAW.sec744_23}: introduced 2023-11-17 (88 FR 73458); restated in BIS guidance of 2026-05-31 under ${LAW.sec742_6}`,
      },
    ],
  },
  {
    id: 'h200.lane',
    description:
      'Whether the case-by-case lane of 91 FR 1684 for H200-class exports from the U.S. to China/Macau is open',
    values: [
      {
        from: COVERAGE_FROM,
        value: false,
        source: `${LAW.fr91_1684}: not yet published (effective 2026-01-15)`,
      },
      { from: d('2026-01-15'), value: true, source: `${LAW.fr91_1684}: effective 2026-01-15` },
    ],
  },
  {
    id: 'h200.maxTpp',
    description: 'H200 lane: TPP per chip strictly below',
    unit: 'TPP',
    values: [{ from: d('2026-01-15'), value: 21_000, source: `${LAW.fr91_1684}: TPP < 21,000` }],
  },
  {
    id: 'h200.maxBandwidthGBs',
    description: 'H200 lane: total DRAM bandwidth strictly below',
    unit: 'GB/s',
    values: [
      { from: d('2026-01-15'), value: 6_500, source: `${LAW.fr91_1684}: total DRAM bandwidth < 6,500 GB/s` },
    ],
  },
  {
    id: 'h200.availableBy',
    description:
      'H200 lane: the chip must have been commercially available in the U.S. by this date (publication)',
    values: [
      {
        from: d('2026-01-15'),
        value: '2026-01-15',
        source: `${LAW.fr91_1684}: "commercially available in the United States at the time of publication of this rule"`,
      },
    ],
  },
  {
    id: 'h200.locations',
    description: 'H200 lane: where the end user must be located (Hong Kong counts as China)',
    values: [
      {
        from: d('2026-01-15'),
        value: ['CN', 'MO'],
        source: `${LAW.fr91_1684}: "end users located in China and Macau"`,
      },
    ],
  },
  {
    id: 'weights.trainingOpsThreshold',
    description: 'ECCN 4E091: weights of a model trained utilizing 10^26 or more operations',
    unit: 'operations',
    values: [
      { from: d('2025-01-13'), value: 1e26, source: `${LAW.eccn4e091}: "10^26 or more 'operations'"` },
    ],
  },
  {
    id: 'weights.enforced',
    description: 'Whether BIS enforces ECCN 4E091 (added by the Diffusion rule)',
    values: [
      {
        from: COVERAGE_FROM,
        value: false,
        source: `${LAW.eccn4e091}: the ECCN did not exist before 2025-01-13`,
      },
      {
        from: d('2025-01-13'),
        value: false,
        source: `${LAW.bisRelease}: compliance deferred to 2025-05-15, then not enforced from 2025-05-13 (4E091 "effectively removed")`,
      },
    ],
  },
  {
    id: 'diffusion.nonEnforcementFrom',
    description: 'From this date BIS does not enforce the Diffusion rule; before it, compliance was deferred',
    values: [
      { from: d('2025-01-13'), value: '2025-05-13', source: `${LAW.bisRelease}: announced 2025-05-13` },
    ],
  },
  {
    id: 'affiliates.status',
    description:
      'The Affiliates Rule (50 % ownership, 90 FR 47201): not issued, in effect, suspended, or back',
    values: [
      { from: COVERAGE_FROM, value: 'not-issued', source: `${LAW.affiliates}: effective 2025-09-29` },
      {
        from: d('2025-09-29'),
        value: 'in-effect',
        source: `${LAW.affiliates}: interim final rule effective 2025-09-29`,
      },
      {
        from: d('2025-11-10'),
        value: 'suspended',
        source: `${LAW.affiliates}: suspended 2025-11-10 through 2026-11-09`,
      },
      {
        from: d('2026-11-10'),
        value: 'reimposed-unless-extended',
        source: `${LAW.affiliates}: re-imposed 2026-11-10 "absent a future extension"; no extension found`,
        note: 'uncertain: whether the suspension was extended is not known (affiliates-rule)',
      },
    ],
  },
];

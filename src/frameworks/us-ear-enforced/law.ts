import { readFileSync } from 'node:fs';

/**
 * The keys of law.md: each is the heading of one excerpt there. Every citation of this
 * framework (rules, requirements, uncertain readings, parameter sources) starts with one of
 * them, so no rule cites text the repository does not hold (checked by law.test.ts).
 */
export const LAW = {
  eccn3a090: 'ECCN 3A090 and 4A090 (15 CFR 774 Supp. No. 1)',
  sec742_6: '15 CFR 742.6(a)(6)(iii)',
  sec744_23: '15 CFR 744.23(a)(3)',
  sec7408: '15 CFR 740.8 (NAC, ACA)',
  sec734_13: '15 CFR 734.13 and 734.14',
  countryGroups: '15 CFR 740 Supp. No. 1',
  itar1261: '22 CFR 126.1',
  nicaragua: 'FR Doc 2024-05696',
  fr88_73458: '88 FR 73458',
  fr89_23876: '89 FR 23876',
  fr89_96790: '89 FR 96790',
  fr91_1684: '91 FR 1684',
  fr90_4544: '90 FR 4544',
  bisRelease: 'BIS press release of 2025-05-13',
  bisGuidance: 'BIS guidance of 2026-05-31',
  gao: 'GAO B-337935',
  affiliates: '90 FR 47201',
  entityList: '15 CFR 744.11 and Supp. No. 4 to part 744 (Entity List)',
  eccn4e091: 'ECCN 4E091',
  published: '15 CFR 734.7',
  redFlags: '15 CFR 732 Supp. No. 3',
} as const;

export type LawKey = (typeof LAW)[keyof typeof LAW];

/** law.md's keys: headings "## `key`" (rule citations) and "### `key`" (other citations). */
export function lawHeadings(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^#{2,3} `(.+)`\s*$/gm)].map((m) => m[1]!);
}

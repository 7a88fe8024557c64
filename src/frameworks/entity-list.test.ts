import { describe, expect, it } from 'vitest';
import { loadDefaultList } from '../screening/index.js';
import { policyFromText } from './entity-list.js';

/** Every distinct license-policy text of the shipped Consolidated Screening List. */
const texts = [
  ...new Set(loadDefaultList().entries.flatMap((e) => (e.licensePolicy ? [e.licensePolicy] : []))),
];

describe('the Entity List policy, read from the entry’s own words for an item on the CCL', () => {
  it('reads the texts the spec names', () => {
    expect(
      policyFromText('Case-by-case for all items listed on the CCL. Presumption of approval for EAR99 items'),
    ).toBe('case-by-case');
    expect(policyFromText('See § 746.8(b)(2) of the EAR')).toBe('presumption-of-denial');
    expect(policyFromText('See §§744.11 and 744.23(d) of the EAR')).toBe('presumption-of-denial');
    expect(policyFromText(null)).toBe('presumption-of-denial');
    expect(policyFromText('Presumption of denial.')).toBe('presumption-of-denial');
    expect(policyFromText('Case-by-case review.')).toBe('case-by-case');
    expect(
      policyFromText(
        'Policy of denial for all items subject to the EAR apart from food and medicine designated as EAR99, which will be reviewed on a case-by-case basis. See §§ 746.8(b) and 744.21(e)',
      ),
    ).toBe('presumption-of-denial');
    expect(
      policyFromText(
        'Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and 2E983; presumption of denial for all other items subject to the EAR.',
      ),
    ).toBe('presumption-of-denial');
    expect(
      policyFromText(
        'Presumption of denial except case-by-case for items not described in ECCN 3B001.a.4, .c, .d, f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994',
      ),
    ).toBe('case-by-case');
    expect(
      policyFromText('Presumption of approval for EAR99; case-by-case review for all items on the CCL'),
    ).toBe('case-by-case');
    // The same texts read for an EAR99 item.
    expect(
      policyFromText(
        'Case-by-case for all items listed on the CCL. Presumption of approval for EAR99 items',
        'ear99',
      ),
    ).toBe('presumption-of-approval');
  });

  it('gives every distinct policy text of the shipped list a policy, never approval for a CCL item', () => {
    expect(texts.length).toBeGreaterThan(50);
    const byPolicy: Record<string, number> = {};
    for (const text of texts) {
      const policy = policyFromText(text);
      byPolicy[policy] = (byPolicy[policy] ?? 0) + 1;
      expect(policy, text).not.toBe('presumption-of-approval');
      // Case-by-case only where the entry says case-by-case.
      if (policy === 'case-by-case')
        expect(text.toLowerCase().replace(/\s+/g, ' '), text).toMatch(/case[- ]by[- ]case/);
      // Texts that speak only of denial are denial.
      if (!/case[- ]by[- ]case|casa-by-case|approval/i.test(text))
        expect(policy, text).toBe('presumption-of-denial');
      // Russia/Belarus (§ 746.8(b)) entries are denial whatever else the text says.
      if (/746\.8\s*\(b\)/.test(text)) expect(policy, text).toBe('presumption-of-denial');
    }
    expect(byPolicy['case-by-case']).toBeGreaterThan(0);
    expect(byPolicy['presumption-of-denial']).toBeGreaterThan(byPolicy['case-by-case']!);
  });
});

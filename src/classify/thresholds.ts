/**
 * ECCN 3A090 thresholds (15 CFR 774 Supp. No. 1, Category 3, 3A090.a/.b, as set by the
 * 2023-10-17 rule, 88 FR 73458, effective 2023-11-17). spec/frameworks.md §1.
 */
export const CLASSIFICATION_CITATION = '15 CFR 774 Supp. 1, ECCN 3A090 (88 FR 73458)';

export const THRESHOLDS = {
  /** 3A090.a: TPP ≥ 4800 … */
  advancedTpp: 4800,
  /** … or TPP ≥ 1600 and PD ≥ 5.92. */
  advancedTppWithDensity: 1600,
  advancedDensity: 5.92,
  /** 3A090.b: 2400 ≤ TPP < 4800 and 1.6 ≤ PD < 5.92 … */
  midTppLow: 2400,
  midDensityLow: 1.6,
  /** … or TPP ≥ 1600 and 3.2 ≤ PD < 5.92. */
  midTppWithDensity: 1600,
  midDensityHigh: 3.2,
} as const;

/**
 * H100-equivalents = TPP ÷ 15,832: the H100 TPP implied by BIS's own arithmetic
 * (26,900,000 TPP ≈ 1,699 H100; spec/frameworks.md §1). NVIDIA lists 15,840, and
 * 26,900,000 ÷ 15,831 is quoted too; BIS's figure is used because the quotas are BIS's.
 */
export const H100_EQUIVALENT_TPP = 15832;

/** GB300-equivalents, for the unit one report of the 2026 draft used (Bloomberg, 2026-03-05). */
export const GB300_EQUIVALENT_TPP = 58484;

import type { FieldPath } from '../domain/errors.js';
import { InputError } from '../domain/errors.js';
import { CLASSIFICATION_CITATION, H100_EQUIVALENT_TPP, THRESHOLDS as T } from './thresholds.js';

export type ControlClass = 'advanced' | 'mid' | 'uncontrolled';

export interface ChipFigures {
  readonly name: string;
  readonly tpp: number;
  readonly dieAreaMm2: number | null;
  readonly datacenter: boolean;
}

/** One threshold test made while classifying, kept for the trace. */
export interface ClassificationTest {
  readonly what: string;
  readonly actual: number;
  readonly op: '>=' | '<';
  readonly threshold: number;
  readonly passed: boolean;
}

export interface Classification {
  readonly class: ControlClass;
  readonly eccn: '3A090.a' | '3A090.b' | null;
  readonly tpp: number;
  /** Performance density, TPP per mm² of logic die; null when the die area is not known. */
  readonly pd: number | null;
  readonly h100e: number;
  readonly basis: string;
  readonly citation: string;
  readonly tests: readonly ClassificationTest[];
}

/**
 * Classifies a chip under 3A090 (spec/frameworks.md §1). Missing die area is an error naming
 * the field only when the answer depends on performance density; it is never guessed.
 */
export function classifyChip(chip: ChipFigures, path: FieldPath = ['dieAreaMm2']): Classification {
  // Module-level helpers, not closures: classification runs for every custom chip of every request.
  const tests: ClassificationTest[] = [];
  const { tpp } = chip;
  const pd = chip.dieAreaMm2 ? tpp / chip.dieAreaMm2 : null;

  if (test(tests, 'TPP', tpp, '>=', T.advancedTpp)) {
    return result(tests, tpp, pd, 'advanced', `TPP ${tpp} ≥ ${T.advancedTpp} (3A090.a)`);
  }
  if (!chip.datacenter) {
    // A chip not designed or marketed for data centers is advanced only at TPP ≥ 4800, never mid.
    return result(
      tests,
      tpp,
      pd,
      'uncontrolled',
      `not designed for data centers and TPP ${tpp} < ${T.advancedTpp}`,
    );
  }
  if (!test(tests, 'TPP', tpp, '>=', T.advancedTppWithDensity)) {
    return result(tests, tpp, pd, 'uncontrolled', `TPP ${tpp} < ${T.advancedTppWithDensity}`);
  }
  if (pd === null) {
    throw InputError.single(
      'missing_die_area',
      path,
      `die area is required to classify "${chip.name}": with TPP ${tpp} (between ${T.advancedTppWithDensity} and ` +
        `${T.advancedTpp}) the class depends on performance density`,
    );
  }
  const pdText = pd.toFixed(2);
  if (test(tests, 'PD', pd, '>=', T.advancedDensity)) {
    return result(
      tests,
      tpp,
      pd,
      'advanced',
      `TPP ${tpp} ≥ ${T.advancedTppWithDensity} and PD ${pdText} ≥ ${T.advancedDensity} (3A090.a)`,
    );
  }
  if (test(tests, 'PD', pd, '>=', T.midDensityHigh)) {
    return result(
      tests,
      tpp,
      pd,
      'mid',
      `TPP ${tpp} ≥ ${T.midTppWithDensity} and ${T.midDensityHigh} ≤ PD ${pdText} < ${T.advancedDensity} (3A090.b)`,
    );
  }
  if (test(tests, 'TPP', tpp, '>=', T.midTppLow) && test(tests, 'PD', pd, '>=', T.midDensityLow)) {
    return result(
      tests,
      tpp,
      pd,
      'mid',
      `${T.midTppLow} ≤ TPP ${tpp} < ${T.advancedTpp} and ${T.midDensityLow} ≤ PD ${pdText} < ${T.advancedDensity} (3A090.b)`,
    );
  }
  return result(
    tests,
    tpp,
    pd,
    'uncontrolled',
    `TPP ${tpp} and PD ${pdText} below the 3A090.a and 3A090.b thresholds`,
  );
}

function test(
  tests: ClassificationTest[],
  what: string,
  actual: number,
  op: '>=' | '<',
  threshold: number,
): boolean {
  const passed = op === '>=' ? actual >= threshold : actual < threshold;
  tests.push({ what, actual, op, threshold, passed });
  return passed;
}

function result(
  tests: readonly ClassificationTest[],
  tpp: number,
  pd: number | null,
  cls: ControlClass,
  basis: string,
): Classification {
  return {
    class: cls,
    eccn: cls === 'advanced' ? '3A090.a' : cls === 'mid' ? '3A090.b' : null,
    tpp,
    pd,
    h100e: tpp / H100_EQUIVALENT_TPP,
    basis,
    citation: CLASSIFICATION_CITATION,
    tests,
  };
}

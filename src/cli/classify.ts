import { type Classification, classifyChip } from '../classify/classify.js';
import { CLASSIFICATION_CITATION } from '../classify/thresholds.js';
import { catalogChip, catalogIds } from '../data/chips.js';
import { InputError } from '../domain/errors.js';
import { suggestion } from '../domain/request.js';
import { c, num } from './format.js';
import type { Output } from './io.js';

export interface ClassifyOptions {
  tpp?: string;
  dieArea?: string;
  nonDatacenter?: boolean;
  json?: boolean;
}

function positiveNumber(text: string | undefined, flag: string): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw InputError.single('invalid_number', [flag], `"${text}" is not a positive number`);
  return value;
}

export function runClassify(chipId: string | undefined, options: ClassifyOptions, io: Output): void {
  let name: string;
  let source: string;
  let classification: Classification;
  if (chipId !== undefined) {
    if (options.tpp !== undefined) {
      throw InputError.single(
        'conflicting_arguments',
        ['--tpp'],
        'give a catalog chip id or --tpp, not both',
      );
    }
    const chip = catalogChip(chipId);
    if (!chip) {
      throw InputError.single(
        'unknown_chip',
        ['chip'],
        `unknown chip id "${chipId}"${suggestion(chipId, catalogIds())}; known ids: ${catalogIds().join(', ')}`,
      );
    }
    name = chip.name;
    source = chip.source;
    classification = classifyChip(chip, ['dieAreaMm2']);
  } else {
    const tpp = positiveNumber(options.tpp, '--tpp');
    if (tpp === null)
      throw InputError.single(
        'missing_argument',
        ['chip'],
        'give a catalog chip id, or --tpp N [--die-area MM2]',
      );
    name = 'custom chip';
    source = 'figures given on the command line';
    classification = classifyChip(
      {
        name,
        tpp,
        dieAreaMm2: positiveNumber(options.dieArea, '--die-area'),
        datacenter: !options.nonDatacenter,
      },
      ['--die-area'],
    );
  }
  if (options.json) {
    const { tests, ...rest } = classification;
    io.out(JSON.stringify({ chip: chipId ?? null, name, ...rest, tests, source }, null, 2));
    return;
  }
  const x = classification;
  io.out(
    [
      `${c.bold(name)}${chipId ? c.dim(` (${chipId})`) : ''}`,
      `  class        ${c.bold(x.class)}${x.eccn ? ` (${x.eccn})` : ''}`,
      `  TPP          ${num(x.tpp)}`,
      `  density      ${x.pd === null ? 'unknown (die area not published)' : x.pd.toFixed(2)}`,
      `  H100e        ${x.h100e.toFixed(2)}`,
      `  basis        ${x.basis}`,
      `  tests        ${x.tests.map((t) => `${t.what} ${num(Number(t.actual.toFixed(2)))} ${t.op} ${t.threshold}: ${t.passed ? 'yes' : 'no'}`).join('; ')}`,
      `  citation     ${CLASSIFICATION_CITATION}`,
      `  figures from ${source}`,
    ].join('\n'),
  );
}

import { readFileSync } from 'node:fs';
import { InputError } from '../domain/errors.js';
import type { ListFormat, Screener, ScreeningResult } from '../screening/index.js';
import { c, wrap } from './format.js';
import type { Output } from './io.js';
import { progressBar } from './progress.js';
import { embeddedDataDir, fastScreener, rememberCurrentList } from './screen-cache.js';

export interface ScreenOptions {
  country?: string;
  type?: string;
  batch?: string;
  json?: boolean;
}

/**
 * `chipexport screen NAME` and `screen --batch FILE.jsonl`: against the list version current
 * in the ledger (the shipped copy of the Consolidated Screening List until one is imported).
 */
export async function runScreen(name: string | undefined, options: ScreenOptions, io: Output): Promise<void> {
  if (options.type !== undefined && options.type !== 'entity' && options.type !== 'individual') {
    throw InputError.single('invalid_type', ['--type'], 'must be "entity" or "individual"');
  }
  const type = options.type as 'entity' | 'individual' | undefined;
  let run: (screener: Screener) => void;
  if (options.batch) {
    if (name)
      throw InputError.single('conflicting_arguments', ['--batch'], 'give a NAME or --batch FILE, not both');
    const queries = readBatch(options.batch);
    run = (screener) => {
      const progress = progressBar('screening');
      try {
        queries.forEach((q, i) => {
          const result = screener.screen({
            name: q.name,
            ...(q.country ? { country: q.country } : {}),
            ...(type ? { type } : {}),
          });
          io.out(options.json ? JSON.stringify(result) : summary(result));
          progress.update(i + 1, queries.length);
        });
      } finally {
        progress.stop();
      }
    };
  } else {
    if (!name)
      throw InputError.single('missing_argument', ['NAME'], 'give a name to screen, or --batch FILE.jsonl');
    run = (screener) => {
      const result = screener.screen({
        name,
        ...(options.country ? { country: options.country } : {}),
        ...(type ? { type } : {}),
      });
      io.out(options.json ? JSON.stringify(result, null, 2) : report(result));
    };
  }
  // The embedded store unchanged since the last full run: its list's cached index, no database.
  const dataDir = embeddedDataDir();
  const fast = dataDir ? fastScreener(dataDir) : null;
  if (fast) {
    run(fast);
    return;
  }
  const { withLedger } = await import('./ledger-commands.js');
  const version = await withLedger(async (ledger) => {
    const screener = await ledger.ctx.screening.current();
    run(screener);
    return screener.snapshot.version;
  });
  if (dataDir) rememberCurrentList(dataDir, version);
}

function readBatch(file: string): { name: string; country?: string }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw InputError.single('unreadable_file', [file], 'cannot be read');
  }
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw InputError.single('invalid_json', [file, `line ${n}`], 'is not valid JSON');
      }
      const v = value as { name?: unknown; country?: unknown };
      if (typeof v?.name !== 'string' || v.name.trim() === '') {
        throw InputError.single('missing_field', [file, `line ${n}`, 'name'], 'is required');
      }
      if (v.country !== undefined && typeof v.country !== 'string') {
        throw InputError.single('invalid_country', [file, `line ${n}`, 'country'], 'must be a string');
      }
      return { name: v.name, ...(typeof v.country === 'string' ? { country: v.country } : {}) };
    });
}

function summary(result: ScreeningResult): string {
  const top = result.hits[0];
  return `${result.query.name}\t${result.decision}${top ? `\t${top.name} (${top.source}, ${top.score})` : ''}`;
}

function report(result: ScreeningResult): string {
  const lines = [
    `${c.bold(result.query.name)}${result.query.country ? ` (${result.query.country})` : ''}: ` +
      (result.decision === 'clear' ? c.green('clear') : c.red('potential match')),
    c.dim(`list version ${result.listVersion} · ${result.algorithm} · threshold ${result.threshold}`),
  ];
  for (const hit of result.hits) {
    lines.push('', `${c.bold(hit.name)}  ${c.dim(hit.entityId)}  score ${hit.score}`);
    lines.push(`  ${hit.source}${hit.countries.length ? ` · ${hit.countries.join(', ')}` : ''}`);
    if (hit.matchedName !== hit.name) lines.push(`  matched: ${hit.matchedName}`);
    if (hit.licenseRequirement) lines.push(`  license requirement: ${hit.licenseRequirement}`);
    if (hit.licensePolicy) lines.push(`  license policy: ${hit.licensePolicy}`);
    if (hit.federalRegisterNotice) lines.push(`  Federal Register: ${hit.federalRegisterNotice}`);
    lines.push(wrap(hit.explanation.text, '  '));
  }
  return lines.join('\n');
}

/** `chipexport lists import FILE [--format F]`: a new list version; re-screens what is open. */
export async function runListsImport(
  file: string,
  options: { format?: string; sourceDate?: string; list?: string; replace?: boolean; json?: boolean },
  io: Output,
) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw InputError.single('unreadable_file', [file], 'cannot be read');
  }
  const { guessListFormat, LIST_FORMATS } = await import('../screening/index.js');
  if (options.format !== undefined && !LIST_FORMATS.includes(options.format as ListFormat)) {
    throw InputError.single('invalid_format', ['--format'], `must be one of ${LIST_FORMATS.join(', ')}`);
  }
  const format = (options.format as ListFormat | undefined) ?? guessListFormat(file, bytes);
  const { withLedger } = await import('./ledger-commands.js');
  const { importListVersion } = await import('../ledger/clearances.js');
  const { SYSTEM } = await import('../ledger/principal.js');
  await withLedger(async (ledger) => {
    const progress = progressBar('list import');
    const result = await importListVersion(ledger.ctx, SYSTEM, bytes, format, {
      fileName: file,
      ...(options.sourceDate ? { sourceDate: options.sourceDate } : {}),
      ...(options.list ? { list: options.list } : {}),
      ...(options.replace ? { replace: true } : {}),
      onProgress: (p) => progress.update(p.done, p.total, p.phase),
    }).finally(() => progress.stop());
    if (options.json) {
      io.out(JSON.stringify(result, null, 2));
      return;
    }
    io.out(
      `list "${result.list}" version ${result.version}: ${result.entryCount} entries (${result.added} added, ${result.changed} changed, ` +
        `${result.removed} removed); ${result.clearancesInvalidated} clearances invalidated; ${result.rescreened} ` +
        `requests re-screened, ${result.held} on hold, ${result.licensesSuspended} licenses suspended`,
    );
  });
}

import { readFileSync } from 'node:fs';
import { parseIsoDate } from '../domain/dates.js';
import { InputError } from '../domain/errors.js';
import type { Output } from './io.js';
import { progressBar } from './progress.js';

export interface PortfolioOptions {
  framework?: string;
  asOf?: string;
  json?: boolean;
}

/**
 * `chipexport portfolio FILE.csv`: the portfolio comparison of the dashboard's Analysis page
 * (docs/portfolio.md) from the command line, with the ledger's usage facts; CSV out (one line
 * per row and framework) or JSON, and a progress bar on a terminal.
 */
export async function runPortfolio(file: string, options: PortfolioOptions, io: Output): Promise<void> {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch {
    throw InputError.single('unreadable_file', [file], 'cannot be read');
  }
  const { parsePortfolioCsv } = await import('../portfolio/csv.js');
  const { comparePortfolio } = await import('../portfolio/compare.js');
  const { selectFrameworks } = await import('./check.js');
  const ids = selectFrameworks(options.framework).map((f) => f.id);
  const asOf = parseIsoDate(options.asOf ?? new Date().toISOString().slice(0, 10), ['--as-of']);
  const rows = parsePortfolioCsv(text, asOf);
  const { withLedger } = await import('./ledger-commands.js');
  const result = await withLedger(async (ledger) => {
    const progress = progressBar('comparing');
    try {
      return await comparePortfolio(ledger.ctx, rows, ids, (p) =>
        progress.update(p.done ?? 0, p.total ?? rows.length * ids.length, p.phase),
      );
    } finally {
      progress.stop();
    }
  });
  if (options.json) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  const { comparisonCsv } = await import('../api/routes/jobs.js');
  io.out(comparisonCsv(result).trimEnd());
}

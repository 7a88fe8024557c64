import Papa from 'papaparse';
import { catalogChip, catalogIds } from '../data/chips.js';
import { resolveCountry } from '../data/countries.js';
import { parseIsoDate } from '../domain/dates.js';
import { InputError, type InputIssue } from '../domain/errors.js';

/**
 * The portfolio CSV (docs/portfolio.md): one planned export per line, a header row first.
 * Errors name the file's line (the header is line 1; a quoted field spanning lines counts
 * every line) and the column.
 */
export const PORTFOLIO_COLUMNS = [
  { name: 'destination', required: true, help: 'ISO 3166-1 alpha-2 code or country name' },
  { name: 'chip', required: true, help: 'a chip id of GET /v1/catalog/chips' },
  { name: 'quantity', required: true, help: 'number of chips, a positive whole number' },
  { name: 'end_user', required: true, help: 'the end user (consignee) name' },
  { name: 'end_user_headquarters', required: false, help: 'country of the end user headquarters' },
  { name: 'veu', required: false, help: 'none (default), uveu or nveu' },
  { name: 'date', required: false, help: 'YYYY-MM-DD; default: asOf, else today' },
  { name: 'installation_chips', required: false, help: 'chips already at the installation (default 0)' },
  { name: 'exporter_monitoring', required: false, help: 'yes/no: the exporter monitors the chips' },
  { name: 'anti_clustering_software', required: false, help: 'yes/no: anti-clustering software runs' },
] as const;

export const MAX_PORTFOLIO_ROWS = 10_000;

export interface PortfolioRow {
  line: number;
  destination: string;
  chip: string;
  quantity: number;
  endUser: string;
  endUserHeadquarters: string | null;
  veu: 'none' | 'uveu' | 'nveu';
  date: string;
  installationChips: number;
  exporterMonitoring: boolean;
  antiClusteringSoftware: boolean;
}

const KNOWN = new Set<string>(PORTFOLIO_COLUMNS.map((c) => c.name));
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);

export const PORTFOLIO_TEMPLATE = [
  PORTFOLIO_COLUMNS.map((c) => c.name).join(','),
  'AE,nvidia-gb300,5000,G42,AE,none,2025-06-01,0,yes,yes',
  'SA,nvidia-gb300,18000,Humain,SA,none,2025-06-01,0,yes,no',
  'DE,nvidia-h100-sxm,2000,Max Planck Society,DE,none,2025-06-01,,,',
  'IN,amd-mi300x,1200,Yotta Data Services,IN,none,2025-06-01,,no,no',
  'MY,nvidia-h200-sxm,900,"Cloud Operator Sdn Bhd",MY,none,2025-06-01,,,',
].join('\r\n');

/** The 1-based line each character offset is on. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Parses and checks a portfolio; every problem is an issue at ['csv', line, column]. */
export function parsePortfolioCsv(text: string, defaultDate: string): PortfolioRow[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const records: { line: number; fields: string[] }[] = [];
  const issues: InputIssue[] = [];
  let previousEnd = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result) => {
      let start = previousEnd;
      // Skip the line break that ended the previous record.
      while (start < text.length && (text[start] === '\n' || text[start] === '\r') && records.length > 0)
        start++;
      previousEnd = result.meta.cursor;
      const line = lineOf(starts, start);
      for (const error of result.errors) {
        issues.push({ code: 'bad_csv', path: ['csv', line], message: `line ${line}: ${error.message}` });
      }
      records.push({ line, fields: result.data });
    },
  });
  if (issues.length) throw new InputError(issues.slice(0, 20));
  const header = records.shift();
  if (!header || header.fields.every((f) => f.trim() === '')) {
    throw InputError.single('bad_csv', ['csv', 1], 'line 1: the header row is missing');
  }
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  columns.forEach((name, index) => {
    if (!KNOWN.has(name)) {
      issues.push({
        code: 'unknown_column',
        path: ['csv', 1, name || `#${index + 1}`],
        message: `line 1, column ${index + 1}: unknown column "${name}"; the columns are ${[...KNOWN].join(', ')}`,
      });
    } else if (columns.indexOf(name) !== index) {
      issues.push({
        code: 'duplicate_column',
        path: ['csv', 1, name],
        message: `line 1: column "${name}" appears twice`,
      });
    }
  });
  for (const column of PORTFOLIO_COLUMNS) {
    if (column.required && !columns.includes(column.name)) {
      issues.push({
        code: 'missing_column',
        path: ['csv', 1, column.name],
        message: `line 1: the required column "${column.name}" is missing (${column.help})`,
      });
    }
  }
  if (issues.length) throw new InputError(issues);
  const data = records.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  if (data.length === 0) throw InputError.single('empty_portfolio', ['csv'], 'the portfolio has no rows');
  if (data.length > MAX_PORTFOLIO_ROWS) {
    throw InputError.single(
      'too_many_rows',
      ['csv'],
      `at most ${MAX_PORTFOLIO_ROWS} rows; this has ${data.length}`,
    );
  }

  const rows: PortfolioRow[] = [];
  for (const record of data) {
    const { line } = record;
    const problem = (column: string, message: string) =>
      issues.push({
        code: 'bad_value',
        path: ['csv', line, column],
        message: `line ${line}, column ${column}: ${message}`,
      });
    if (record.fields.length !== columns.length) {
      issues.push({
        code: 'bad_csv',
        path: ['csv', line],
        message: `line ${line}: ${record.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const get = (name: string) => {
      const index = columns.indexOf(name);
      return index < 0 ? '' : record.fields[index]!.trim();
    };
    const country = (name: string, required: boolean): string | null => {
      const value = get(name);
      if (!value) {
        if (required) problem(name, 'is required');
        return null;
      }
      try {
        return resolveCountry(value, [name]);
      } catch (error) {
        problem(name, error instanceof InputError ? error.issues[0]!.message : String(error));
        return null;
      }
    };
    const whole = (name: string, required: boolean, min: number): number => {
      const value = get(name);
      if (!value) {
        if (required) problem(name, 'is required');
        return 0;
      }
      if (!/^\d{1,12}$/.test(value) || Number(value) < min) {
        problem(name, `"${value}" is not a ${min > 0 ? 'positive' : 'non-negative'} whole number`);
        return 0;
      }
      return Number(value);
    };
    const flag = (name: string): boolean => {
      const value = get(name).toLowerCase();
      if (YES.has(value)) return true;
      if (!NO.has(value)) problem(name, `"${get(name)}" is not yes or no`);
      return false;
    };
    const destination = country('destination', true);
    const chip = get('chip');
    if (!chip) problem('chip', 'is required');
    else if (!catalogChip(chip))
      problem('chip', `unknown chip id "${chip}"; known ids: ${catalogIds().join(', ')}`);
    const quantity = whole('quantity', true, 1);
    const endUser = get('end_user');
    if (!endUser) problem('end_user', 'is required');
    const headquarters = country('end_user_headquarters', false);
    const veu = (get('veu').toLowerCase() || 'none') as PortfolioRow['veu'];
    if (!['none', 'uveu', 'nveu'].includes(veu)) problem('veu', `"${get('veu')}" is not none, uveu or nveu`);
    let date = defaultDate;
    if (get('date')) {
      try {
        date = parseIsoDate(get('date'), ['date']);
      } catch {
        problem('date', `"${get('date')}" is not a real date, YYYY-MM-DD`);
      }
    }
    const row: PortfolioRow = {
      line,
      destination: destination ?? '',
      chip,
      quantity,
      endUser,
      endUserHeadquarters: headquarters,
      veu,
      date,
      installationChips: whole('installation_chips', false, 0),
      exporterMonitoring: flag('exporter_monitoring'),
      antiClusteringSoftware: flag('anti_clustering_software'),
    };
    if (issues.length >= 50) break;
    rows.push(row);
  }
  if (issues.length) throw new InputError(issues.slice(0, 50));
  return rows;
}

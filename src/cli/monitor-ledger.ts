/**
 * `chipexport monitor report` and `chipexport monitor alerts`: the monitoring ledger read from the
 * data directory (or DATABASE_URL), as the ledger itself (it sees every organization's alerts).
 */
import { parseIsoDate } from '../domain/dates.js';
import { InputError } from '../domain/errors.js';
import { ALERT_STATUSES, listAlerts, monitoringReport, reportCsv } from '../ledger/monitoring/index.js';
import { SYSTEM } from '../ledger/principal.js';
import { c } from './format.js';
import type { Output } from './io.js';
import { withLedger } from './ledger-commands.js';

const FORMATS = ['json', 'csv'] as const;

/** Validates the options before the ledger is opened: a bad one exits 2 naming it. */
function reportOptions(options: { from?: string; to?: string; format?: string }) {
  if (options.format !== undefined && !FORMATS.includes(options.format as (typeof FORMATS)[number])) {
    throw InputError.single('invalid_format', ['--format'], `must be one of ${FORMATS.join(', ')}`);
  }
  for (const name of ['from', 'to'] as const) {
    const value = options[name];
    if (value !== undefined) parseIsoDate(value, [`--${name}`]);
  }
  if (options.from && options.to && options.from > options.to) {
    throw InputError.single('invalid_range', ['--from'], `must not be after --to (${options.to})`);
  }
  return {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    format: (options.format ?? 'json') as (typeof FORMATS)[number],
  };
}

export async function runMonitorReport(
  options: { from?: string; to?: string; format?: string },
  io: Output,
): Promise<void> {
  const { format, ...range } = reportOptions(options);
  await withLedger(async (ledger) => {
    const report = await monitoringReport(ledger.ctx, SYSTEM, range);
    io.out(format === 'csv' ? reportCsv(report).trimEnd() : JSON.stringify(report, null, 2));
  });
}

export async function runMonitorAlerts(
  options: { status?: string; json?: boolean },
  io: Output,
): Promise<void> {
  if (
    options.status !== undefined &&
    !ALERT_STATUSES.includes(options.status as (typeof ALERT_STATUSES)[number])
  ) {
    throw InputError.single('invalid_status', ['--status'], `must be one of ${ALERT_STATUSES.join(', ')}`);
  }
  await withLedger(async (ledger) => {
    const alerts = await listAlerts(ledger.ctx, SYSTEM, options.status ? { status: options.status } : {});
    if (options.json) {
      io.out(JSON.stringify({ alerts }, null, 2));
      return;
    }
    if (alerts.length === 0) {
      io.out(options.status ? `no ${options.status} alerts` : 'no alerts');
      return;
    }
    for (const alert of alerts) {
      const status = alert.status === 'open' ? c.red(alert.status) : alert.status;
      io.out(
        `${c.bold(alert.kind.padEnd(8))} ${status.padEnd(12)} ${alert.openedAt.slice(0, 16)}  ${alert.id}`,
      );
      io.out(`  ${alert.summary}`);
    }
  });
}

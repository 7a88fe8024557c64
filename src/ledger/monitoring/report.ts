import { InputError } from '../../domain/errors.js';
/**
 * The regulator's report under the Chip Security Act (S. 1705 / H.R. 3447, 2025), which asks
 * licensees to report promptly "credible information" that a covered chip is at a different
 * location, has been diverted, or has been tampered with (../shared/research/regulatory-facts.md,
 * "Chip Security Act"). Each monitoring alert is one such piece of information, in one category:
 *
 * - `location` → location-change: a signed round trip bounded at the speed of light in vacuum
 *   proves the chip is not within reach of its licensed site (SITE_INCONSISTENT), the Act's
 *   "different location" exactly.
 * - `location-unverified` → diversion: an enrolled chip that keeps checking in but stops answering
 *   the landmarks it is assigned (two check-ins or two intervals without a PASS) can no longer be
 *   placed in its licensed country; like a silent chip, until explained it may have been diverted.
 * - `cluster` → diversion: chips linked into a larger cluster than the license allows are put to a
 *   use the license did not authorize (the SMALL-INSTALLATION exemption and the banded licenses are
 *   granted on anti-clustering conditions: seeds 000_af86b0d64553dd15.txt, 001_d7314c7397f87934.txt).
 *   Opaque ports and one-sided links found with it are in its evidence; alone they are findings on
 *   the check-in, not credible information of a diversion.
 * - `missing` → diversion: an enrolled chip that stops checking in for two intervals is no longer
 *   accounted for at its licensed site; until explained, the Act's "diversion" is what it may be.
 * - `forged` → tampering: a check-in or receipt whose signature does not verify was made by
 *   something other than the enrolled chip or a registered landmark — the security mechanism itself
 *   is being interfered with.
 * - `replayed` → tampering: old messages sent again, or a sequence counter gone back (a reset or a
 *   cloned key), are manipulation of the location-verification mechanism.
 *
 * Host governments see the events at installations in their country; the regulator and auditors all.
 */
import { parseInput } from '../../monitoring/index.js';
import type { AlertStatus } from '../../store/schema.js';
import { visibleRows } from '../access.js';
import type { LedgerContext } from '../context.js';
import type { Principal } from '../principal.js';
import type { AlertKind } from './alerts.js';
import { type ReportInput, ReportQuery } from './schemas.js';

export const REPORT_CATEGORIES = ['location-change', 'diversion', 'tampering'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const CATEGORY_OF: Readonly<Record<AlertKind, ReportCategory>> = {
  location: 'location-change',
  'location-unverified': 'diversion',
  cluster: 'diversion',
  missing: 'diversion',
  forged: 'tampering',
  replayed: 'tampering',
};

/** Default span of a report without `from`. */
const DEFAULT_DAYS = 90;

export interface ReportEvent {
  category: ReportCategory;
  alertId: string;
  kind: AlertKind;
  status: AlertStatus;
  organizationId: string;
  licenseId: string;
  installationId: string | null;
  deviceIds: string[];
  openedAt: string;
  summary: string;
}

export interface MonitoringReport {
  generatedAt: string;
  from: string;
  to: string;
  counts: Record<ReportCategory, number>;
  events: ReportEvent[];
}

export async function monitoringReport(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown = {},
): Promise<MonitoringReport> {
  const visible = visibleRows(principal, 'monitoring-report.read');
  const input: ReportInput = parseInput(ReportQuery, raw);
  const now = ctx.now();
  const to = input.to ?? now.toISOString().slice(0, 10);
  const from =
    input.from ??
    new Date(Date.parse(`${to}T00:00:00Z`) - DEFAULT_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw InputError.single('invalid_range', ['from'], `must not be after "to" (${to})`);
  let query = ctx.db
    .selectFrom('alerts')
    .leftJoin('installations as ins', 'ins.id', 'alerts.installation_id')
    .selectAll('alerts')
    .where('alerts.opened_at', '>=', new Date(`${from}T00:00:00Z`))
    .where('alerts.opened_at', '<', new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000))
    .orderBy('alerts.opened_at')
    .orderBy('alerts.id');
  if (visible.organizationId !== undefined)
    query = query.where('alerts.organization_id', '=', visible.organizationId);
  if (visible.country !== undefined) query = query.where('ins.country', '=', visible.country);
  const rows = await query.execute();
  const counts: Record<ReportCategory, number> = { 'location-change': 0, diversion: 0, tampering: 0 };
  const events = rows.map((row): ReportEvent => {
    const category = CATEGORY_OF[row.kind];
    counts[category]++;
    return {
      category,
      alertId: row.id,
      kind: row.kind,
      status: row.status,
      organizationId: row.organization_id,
      licenseId: row.license_id,
      installationId: row.installation_id,
      deviceIds: row.device_ids as string[],
      openedAt: row.opened_at.toISOString(),
      summary: row.summary,
    };
  });
  return { generatedAt: now.toISOString(), from, to, counts, events };
}

const CSV_COLUMNS = [
  'category',
  'alertId',
  'kind',
  'status',
  'organizationId',
  'licenseId',
  'installationId',
  'deviceIds',
  'openedAt',
  'summary',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; CRLF line ends. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value; // no formula injection in spreadsheets
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The report's events as CSV, header row first; device ids joined by spaces. */
export function reportCsv(report: MonitoringReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const event of report.events) {
    lines.push(
      CSV_COLUMNS.map((column) => {
        const value = event[column];
        return csvField(Array.isArray(value) ? value.join(' ') : (value ?? ''));
      }).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

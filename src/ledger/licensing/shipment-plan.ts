import { LedgerError } from '../errors.js';
import type { LicenseLine } from './authorizations.js';

/**
 * The pure half of recording a shipment: which line of the license it draws on, whether the line
 * and the license have room for it, what it draws from which quota pool, and the license after
 * it; and whether the pools, once locked, have room. No store: `recordShipment` reads and locks
 * the rows, asks these, and writes what they return.
 */

type LicenseStatus = 'active' | 'suspended' | 'revoked' | 'expired' | 'exhausted';

/** The license's counters a shipment changes (a `licenses` row). */
export interface LicenseCounters {
  readonly id: string;
  readonly status: LicenseStatus;
  readonly limit_chips: number;
  readonly used_chips: number;
  readonly used_tpp: number;
}

/** A quota pool row as locked for a shipment. */
export interface LockedPool {
  pool: string;
  used_tpp: number;
  limit_tpp: number;
}

export interface ShipmentPlan {
  /** The TPP the shipment carries, drawn from each of its line's pools. */
  readonly tpp: number;
  /** The line's pools in key order: the order they are locked in, so two shipments never deadlock. */
  readonly pools: readonly LicenseLine['pools'][number][];
  readonly draws: { pool: string; tpp: number }[];
  /** The license after the shipment. */
  readonly usedChips: number;
  readonly usedTpp: number;
  readonly lines: readonly LicenseLine[];
  /** Exhausted when the shipment takes the license's last chips. */
  readonly status: LicenseStatus;
}

/** The line a shipment draws on: the one numbered `line`, or the only one when the license has one. */
export function shipmentLine(
  licenseId: string,
  lines: readonly LicenseLine[],
  line: number | undefined,
): LicenseLine {
  const found =
    line === undefined ? (lines.length === 1 ? lines[0] : undefined) : lines.find((l) => l.index === line);
  if (!found) {
    throw new LedgerError(
      'bad_request',
      line === undefined
        ? `license ${licenseId} has ${lines.length} lines; say which with "line" (one of ${lines.map((l) => l.index).join(', ')})`
        : `license ${licenseId} has no line ${line}`,
      ['line'],
    );
  }
  return found;
}

/** What shipping `chips` on `line` draws and leaves; refused when the line or the license has not that many left. */
export function planShipment(
  license: LicenseCounters,
  lines: readonly LicenseLine[],
  line: LicenseLine,
  chips: number,
): ShipmentPlan {
  const tpp = chips * line.tppPerChip;
  if (line.shippedChips + chips > line.chips || license.used_chips + chips > license.limit_chips) {
    throw new LedgerError(
      'license_exhausted',
      `license ${license.id} line ${line.index} allows ${line.chips - line.shippedChips} more chips; ${chips} asked`,
      ['chips'],
    );
  }
  const pools = [...line.pools].sort((a, b) => a.pool.localeCompare(b.pool));
  const usedChips = license.used_chips + chips;
  return {
    tpp,
    pools,
    draws: pools.map((p) => ({ pool: p.pool, tpp })),
    usedChips,
    usedTpp: license.used_tpp + tpp,
    lines: lines.map((l) => (l.index === line.index ? { ...l, shippedChips: l.shippedChips + chips } : l)),
    status: usedChips === license.limit_chips ? 'exhausted' : license.status,
  };
}

/** Refuses a shipment of `tpp` when one of its pools (as locked) has not that much left. */
export function checkPoolRoom(rows: readonly LockedPool[], tpp: number): void {
  for (const row of rows) {
    if (row.used_tpp + tpp > row.limit_tpp) {
      throw new LedgerError(
        'quota_exceeded',
        `quota ${row.pool} has ${row.limit_tpp - row.used_tpp} TPP left; this shipment needs ${tpp}`,
        ['chips'],
      );
    }
  }
}

/**
 * Who sees which devices and alerts (docs/monitoring-protocol.md, "HTTP API"): an exporter its own
 * organization's; the regulator and auditors all; a host government those installed in its country.
 */
import { LedgerError } from '../errors.js';
import type { Principal } from '../principal.js';

export function canSee(
  principal: Principal,
  row: { organizationId: string; country: string | null },
): boolean {
  switch (principal.role) {
    case 'regulator':
    case 'auditor':
      return true;
    case 'exporter':
      return row.organizationId === principal.organizationId;
    case 'host-government':
      return principal.country !== null && row.country === principal.country;
  }
}

/** An object the principal may not see is reported as absent, not forbidden. */
export function notFound(what: string, id: string, path: readonly (string | number)[] = ['id']): LedgerError {
  return new LedgerError('not_found', `no ${what} "${id}"`, path);
}

import { resolveCountry } from '../data/countries.js';
import { authorize, visibleOrganization } from './access.js';
import { inTransaction, type LedgerContext } from './context.js';
import { LedgerError } from './errors.js';
import { newId } from './ids.js';
import type { Principal } from './principal.js';

export interface InstallationInput {
  name: string;
  country: string;
  lat?: number | null;
  lon?: number | null;
  operator: string;
  baselineChips?: number;
}

export async function createInstallation(ctx: LedgerContext, principal: Principal, input: InstallationInput) {
  authorize(principal, 'installation.create');
  if (!input.name) throw new LedgerError('bad_request', 'is required', ['name']);
  if (!input.operator) throw new LedgerError('bad_request', 'is required', ['operator']);
  const country = resolveCountry(input.country, ['country']);
  for (const [field, value, limit] of [
    ['lat', input.lat, 90],
    ['lon', input.lon, 180],
  ] as const) {
    if (value != null && !(Math.abs(value) <= limit)) {
      throw new LedgerError('bad_request', `must be between -${limit} and ${limit}`, [field]);
    }
  }
  const baseline = input.baselineChips ?? 0;
  if (!Number.isInteger(baseline) || baseline < 0) {
    throw new LedgerError('bad_request', 'must be a non-negative whole number', ['baselineChips']);
  }
  const row = {
    id: newId('ins'),
    organization_id: principal.organizationId,
    name: input.name,
    country,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    operator: input.operator,
    baseline_chips: baseline,
  };
  return inTransaction(ctx, principal, async (tx, record) => {
    await tx.insertInto('installations').values(row).execute();
    await record('installation.created', 'installation', row.id, null, row);
    return installationJson(row);
  });
}

export async function listInstallations(ctx: LedgerContext, principal: Principal) {
  const organizationId = visibleOrganization(principal, 'installation.read');
  let query = ctx.db.selectFrom('installations').selectAll().orderBy('created_at');
  if (organizationId !== null) query = query.where('organization_id', '=', organizationId);
  return (await query.execute()).map(installationJson);
}

function installationJson(row: {
  id: string;
  organization_id: string;
  name: string;
  country: string;
  lat: number | null;
  lon: number | null;
  operator: string;
  baseline_chips: number;
}) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    country: row.country,
    lat: row.lat,
    lon: row.lon,
    operator: row.operator,
    baselineChips: row.baseline_chips,
  };
}

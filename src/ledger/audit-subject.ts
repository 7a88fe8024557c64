import { sql } from 'kysely';
import type { AuditSubject } from '../audit/index.js';
import type { Tx } from '../store/store.js';

/**
 * Whom an audit record concerns, found in the transaction that writes it (the rows it describes
 * are already there): the organization whose record it is and the country it concerns. This
 * decides who may read the entry's bytes (`audit.read` in src/ledger/access.ts). A record about
 * no one organization (a list import, a landmark) has no subject and is read by the regulator
 * and auditors only.
 */
export async function auditSubject(
  tx: Tx,
  entity: string,
  id: string,
  before: unknown,
  after: unknown,
): Promise<AuditSubject> {
  const field = (name: string): string | null => {
    for (const value of [after, before]) {
      if (value && typeof value === 'object') {
        const v = (value as Record<string, unknown>)[name];
        if (typeof v === 'string') return v;
      }
    }
    return null;
  };
  const ofRequest = async (requestId: string | null): Promise<AuditSubject | null> => {
    if (!requestId) return null;
    const row = await tx
      .selectFrom('requests')
      .select(['organization_id', sql<string | null>`normalized->>'destination'`.as('country')])
      .where('id', '=', requestId)
      .executeTakeFirst();
    return row ? { organizationId: row.organization_id, country: row.country } : null;
  };
  const ofLicense = async (licenseId: string | null): Promise<AuditSubject | null> => {
    if (!licenseId) return null;
    const row = await tx
      .selectFrom('licenses')
      .select('request_id')
      .where('id', '=', licenseId)
      .executeTakeFirst();
    return row ? ofRequest(row.request_id) : null;
  };
  const ofInstallation = async (installationId: string | null): Promise<AuditSubject | null> => {
    if (!installationId) return null;
    const row = await tx
      .selectFrom('installations')
      .select(['organization_id', 'country'])
      .where('id', '=', installationId)
      .executeTakeFirst();
    return row ? { organizationId: row.organization_id, country: row.country } : null;
  };
  const ofDevice = async (deviceId: string): Promise<AuditSubject | null> => {
    const row = await tx
      .selectFrom('devices')
      .select('license_id')
      .where('id', '=', deviceId)
      .executeTakeFirst();
    return row ? ofLicense(row.license_id) : null;
  };
  const none: AuditSubject = { organizationId: null, country: null };
  switch (entity) {
    case 'request':
      return (await ofRequest(id)) ?? none;
    case 'license':
      return (await ofLicense(id)) ?? none;
    case 'shipment': {
      const row = await tx
        .selectFrom('shipments')
        .select('license_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return (await ofLicense(row?.license_id ?? field('licenseId'))) ?? none;
    }
    case 'notification': {
      const row = await tx
        .selectFrom('notifications')
        .select('request_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return (await ofRequest(row?.request_id ?? field('requestId'))) ?? none;
    }
    case 'clearance':
      return (
        (await ofRequest(field('requestId') ?? field('request_id'))) ?? {
          organizationId: field('organization_id'),
          country: null,
        }
      );
    case 'agreement':
      return { organizationId: null, country: field('country') };
    case 'disbursement': {
      const agreementId = field('agreementId');
      const row = agreementId
        ? await tx.selectFrom('agreements').select('country').where('id', '=', agreementId).executeTakeFirst()
        : undefined;
      return { organizationId: null, country: row?.country ?? null };
    }
    case 'installation':
      return (await ofInstallation(id)) ?? none;
    case 'site-visit': {
      const row = await tx
        .selectFrom('site_visits')
        .select('installation_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return (await ofInstallation(row?.installation_id ?? field('installation_id'))) ?? none;
    }
    case 'organization': {
      return { organizationId: id, country: field('country') };
    }
    case 'api-key':
      return { organizationId: field('organizationId'), country: null };
    case 'device':
      return (await ofDevice(id)) ?? none;
    case 'checkin':
      return (await ofDevice(id.split('#')[0] ?? id)) ?? none;
    case 'alert': {
      const row = await tx.selectFrom('alerts').select('license_id').where('id', '=', id).executeTakeFirst();
      return (await ofLicense(row?.license_id ?? field('licenseId'))) ?? none;
    }
    default:
      return none;
  }
}

/**
 * The subjects of many devices' records with one query (a batch of check-ins): what
 * `auditSubject(tx, 'device', id)` gives for each, device → license → request. A device whose
 * chain breaks gets no subject, as there.
 */
export async function deviceSubjects(
  tx: Tx,
  deviceIds: readonly string[],
): Promise<Map<string, AuditSubject>> {
  const out = new Map<string, AuditSubject>();
  if (deviceIds.length === 0) return out;
  const rows = await tx
    .selectFrom('devices')
    .leftJoin('licenses', 'licenses.id', 'devices.license_id')
    .leftJoin('requests', 'requests.id', 'licenses.request_id')
    .select([
      'devices.id as id',
      'requests.id as requestId',
      'requests.organization_id as organizationId',
      sql<string | null>`requests.normalized->>'destination'`.as('country'),
    ])
    .where('devices.id', 'in', [...new Set(deviceIds)])
    .execute();
  for (const row of rows) {
    out.set(
      row.id,
      row.requestId
        ? { organizationId: row.organizationId, country: row.country }
        : { organizationId: null, country: null },
    );
  }
  return out;
}

/**
 * Device enrolment (issue 5 item 1): the exporter enrolls each exported chip's device key against
 * one of its own active licenses and one of its own installations. A license cannot carry more
 * active devices than it licenses chips.
 */
import { type Expression, sql } from 'kysely';
import { InputError } from '../../domain/errors.js';
import { importPublicKey, parseInput } from '../../monitoring/index.js';
import { authorize, authorizeObject, noSuch, visibleRows } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import type { Principal } from '../principal.js';
import { type DeviceFilter, DeviceListQuery, EnrollDeviceBody } from './schemas.js';
import { monitoringSettings } from './settings.js';
import { type DeviceJson, deviceJson } from './views.js';

export async function enrollDevice(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<DeviceJson> {
  authorize(principal, 'device.enroll');
  const input = parseInput(EnrollDeviceBody, raw);
  if (!importPublicKey(input.algorithm, input.publicKey)) {
    throw InputError.single(
      'invalid_key',
      ['publicKey'],
      `is not a base64 SPKI ${input.algorithm} public key`,
    );
  }
  const settings = await monitoringSettings(ctx.db);
  return inTransaction(ctx, principal, async (tx, record) => {
    // Locks the license: concurrent enrolments against it count active devices one at a time.
    const license = await tx
      .selectFrom('licenses')
      .innerJoin('requests', 'requests.id', 'licenses.request_id')
      .select([
        'licenses.id',
        'licenses.organization_id',
        'licenses.status',
        'licenses.limit_chips',
        'requests.installation_id',
      ])
      .where('licenses.id', '=', input.licenseId)
      .forNoKeyUpdate('licenses')
      .executeTakeFirst();
    authorizeObject(principal, 'device.enroll', license, noSuch('license', input.licenseId, ['licenseId']));
    if (license.status !== 'active') {
      throw new LedgerError(
        'invalid_state',
        `license ${license.id} is ${license.status}; devices are enrolled against an active license`,
        ['licenseId'],
      );
    }
    const installation = await tx
      .selectFrom('installations')
      .selectAll()
      .where('id', '=', input.installationId)
      .executeTakeFirst();
    authorizeObject(
      principal,
      'installation.use',
      installation,
      noSuch('installation', input.installationId, ['installationId']),
    );
    if (license.installation_id !== null && license.installation_id !== installation.id) {
      throw new LedgerError(
        'invalid_state',
        `license ${license.id} is for installation ${license.installation_id}, not ${installation.id}`,
        ['installationId'],
      );
    }
    if (installation.lat === null || installation.lon === null) {
      throw new LedgerError(
        'invalid_state',
        `installation ${installation.id} has no coordinates; a device's location is checked against them`,
        ['installationId'],
      );
    }
    const existing = await tx
      .selectFrom('devices')
      .select(['id', 'public_key'])
      .where((eb) => eb.or([eb('id', '=', input.id), eb('public_key', '=', input.publicKey)]))
      .executeTakeFirst();
    if (existing?.id === input.id) {
      throw new LedgerError('conflict', `device "${input.id}" is already enrolled`, ['id']);
    }
    if (existing) {
      throw new LedgerError('conflict', `device "${existing.id}" already has this key`, ['publicKey']);
    }
    const { active } = await tx
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('active'))
      .where('license_id', '=', license.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    if (Number(active) >= license.limit_chips) {
      throw new LedgerError(
        'conflict',
        `license ${license.id} licenses ${license.limit_chips} chips and already has ${active} active devices`,
        ['licenseId'],
      );
    }
    const row = {
      id: input.id,
      organization_id: principal.organizationId,
      license_id: license.id,
      installation_id: installation.id,
      model: input.model,
      algorithm: input.algorithm,
      public_key: input.publicKey,
      status: 'active' as const,
      enrolled_at: ctx.now(),
    };
    await tx.insertInto('devices').values(row).execute();
    await record('device.enrolled', 'device', row.id, null, row);
    const stored = await tx
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return deviceJson(stored, settings, ctx.now(), 0);
  });
}

export async function retireDevice(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  note = '',
): Promise<DeviceJson> {
  authorize(principal, 'device.retire');
  await inTransaction(ctx, principal, async (tx, record) => {
    const row = await tx
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    authorizeObject(principal, 'device.retire', row, noSuch('device', id));
    if (row.status !== 'active') throw new LedgerError('invalid_state', `device ${id} is already retired`);
    await tx
      .updateTable('devices')
      .set({ status: 'retired', retired_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await record('device.retired', 'device', id, { status: row.status }, { status: 'retired', note });
  });
  // Read back with its open alerts, which retiring does not close.
  return getDevice(ctx, principal, id);
}

/** Unresolved alerts naming a device. */
const openAlertsOf = (deviceId: Expression<string>) =>
  sql<number>`(select count(*) from alerts where alerts.status <> 'resolved' and alerts.device_ids @> jsonb_build_array(${deviceId}))`;

export async function listDevices(
  ctx: LedgerContext,
  principal: Principal,
  rawFilter: unknown = {},
): Promise<DeviceJson[]> {
  const filter: DeviceFilter = parseInput(DeviceListQuery, rawFilter);
  const settings = await monitoringSettings(ctx.db);
  let query = ctx.db
    .selectFrom('devices')
    .innerJoin('installations as ins', 'ins.id', 'devices.installation_id')
    .selectAll('devices')
    .select((eb) => openAlertsOf(eb.ref('devices.id')).as('open_alerts'))
    .orderBy('devices.enrolled_at')
    .orderBy('devices.id')
    .limit(5000);
  const visible = visibleRows(principal, 'device.read');
  if (visible.organizationId !== undefined)
    query = query.where('devices.organization_id', '=', visible.organizationId);
  if (visible.country !== undefined) query = query.where('ins.country', '=', visible.country);
  if (filter.licenseId) query = query.where('devices.license_id', '=', filter.licenseId);
  if (filter.installationId) query = query.where('devices.installation_id', '=', filter.installationId);
  if (filter.status) query = query.where('devices.status', '=', filter.status);
  const now = ctx.now();
  return (await query.execute()).map((row) => deviceJson(row, settings, now, Number(row.open_alerts)));
}

export async function getDevice(ctx: LedgerContext, principal: Principal, id: string): Promise<DeviceJson> {
  const settings = await monitoringSettings(ctx.db);
  const row = await ctx.db
    .selectFrom('devices')
    .innerJoin('installations as ins', 'ins.id', 'devices.installation_id')
    .selectAll('devices')
    .select(['ins.country'])
    .select((eb) => openAlertsOf(eb.ref('devices.id')).as('open_alerts'))
    .where('devices.id', '=', id)
    .executeTakeFirst();
  authorizeObject(principal, 'device.read', row, noSuch('device', id));
  return deviceJson(row, settings, ctx.now(), Number(row.open_alerts));
}

/** Where a device's check-ins go: its installation (the stream's partition) and its exporter. */
export async function deviceRoute(
  ctx: LedgerContext,
  deviceId: string,
): Promise<{ installationId: string; organizationId: string } | undefined> {
  const row = await ctx.db
    .selectFrom('devices')
    .select(['installation_id', 'organization_id'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return row ? { installationId: row.installation_id, organizationId: row.organization_id } : undefined;
}

import { type QueryCreator, sql } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Tx } from '../../store/store.js';
import { authorize, authorizeObject, visibleOrganization } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import { newId } from '../ids.js';
import { MAX_PAGE, type PageInput, pageRequest, readPage } from '../pagination.js';
import type { Principal } from '../principal.js';
import type { LicenseLine } from './authorizations.js';
import { checkPoolRoom, type LockedPool, planShipment, shipmentLine } from './shipment-plan.js';

export interface ShipmentInput {
  licenseId: string;
  chips: number;
  /** Which line of the license (the request item index); needed only when it has several. */
  line?: number;
  installationId?: string;
}

/**
 * Records a shipment that draws down a license (or an exception authorization) and the
 * quota pools its line draws on, all in one transaction with the audit entry. The license
 * row is locked before its checks and the pool rows (in key order, so two shipments never
 * deadlock) before theirs, so concurrent shipments cannot both take the last units: one
 * succeeds, the other gets 409.
 */
export async function recordShipment(ctx: LedgerContext, principal: Principal, input: ShipmentInput) {
  authorize(principal, 'shipment.record');
  if (!Number.isInteger(input.chips) || input.chips <= 0) {
    throw new LedgerError('bad_request', 'must be a positive whole number', ['chips']);
  }
  const result = await inTransaction(ctx, principal, async (tx, record, entry) => {
    // Only an active license is locked: a shipment on an exhausted (or revoked, expired…)
    // one is refused without queueing behind the shipments still racing for it. PostgreSQL
    // re-checks the condition on the newest version after waiting, so a license exhausted
    // by the transaction it waited for is not returned.
    // The pools of the shipment's line are locked in the same statement, after the license.
    const active = await lockActiveLicense(tx, input.licenseId, principal.organizationId, input.line);
    const license = active ?? (await readLicense(tx, input.licenseId));
    authorizeObject(principal, 'shipment.record', license, {
      message: `no license "${input.licenseId}" of your organization`,
      path: ['licenseId'],
    });
    if (!active && license.status === 'active') {
      // Not locked above, so it became active after that statement's snapshot: let the
      // exporter retry rather than draw on a row this transaction does not hold.
      const locked = await tx
        .selectFrom('licenses')
        .select('status')
        .where('id', '=', license.id)
        .where('status', '=', 'active')
        .forUpdate()
        .executeTakeFirst();
      if (!locked)
        throw new LedgerError('conflict', `license ${license.id} changed; try again`, ['licenseId']);
    }
    if (license.status !== 'active') {
      throw new LedgerError(
        license.status === 'exhausted' ? 'license_exhausted' : 'conflict',
        `license ${license.id} is ${license.status}`,
        ['licenseId'],
      );
    }
    if (license.valid_until && new Date(license.valid_until).getTime() < ctx.now().getTime()) {
      // Record the expiry (it must survive), then refuse: the refusal happens after commit.
      await tx.updateTable('licenses').set({ status: 'expired' }).where('id', '=', license.id).execute();
      await record(
        'license.status',
        'license',
        license.id,
        { status: license.status },
        { status: 'expired' },
      );
      return { expired: new Date(license.valid_until).toISOString().slice(0, 10) } as const;
    }
    const lines = license.lines as LicenseLine[];
    const line = shipmentLine(license.id, lines, input.line);
    if (input.installationId) {
      const inst = await tx
        .selectFrom('installations')
        .select('organization_id')
        .where('id', '=', input.installationId)
        .executeTakeFirst();
      authorizeObject(principal, 'installation.use', inst, {
        message: `no installation "${input.installationId}" of your organization`,
        path: ['installationId'],
      });
    }
    const plan = planShipment(license, lines, line, input.chips);
    const { tpp, pools, status } = plan;
    const id = newId('shp');
    // The pools are locked and checked before anything is written, so a shipment refused for
    // want of quota costs no writes (and holds the license row no longer than the check);
    // the draw itself is one statement after the shipment row exists.
    if (pools.length > 0) await lockPools(tx, license.framework, pools, tpp, active?.locked_pools);
    const after = {
      licenseId: license.id,
      line: line.index,
      chips: input.chips,
      tpp,
      draws: plan.draws,
    };
    // Everything the shipment writes is one statement (data-modifying CTEs, all or nothing like
    // the transaction around them): the shipment row, the license's new counters, the draws on
    // the pools locked and checked above with a row for each, and the audit entry. Its subject
    // is the one `auditSubject` gives a shipment (its license's request's organization and
    // destination), read with the license row.
    const audit = entry(
      'shipment.recorded',
      'shipment',
      id,
      { licenseUsedChips: license.used_chips },
      after,
      {
        organizationId: license.subject_org,
        country: license.subject_country,
      },
    );
    // (Typed as the plain schema: nothing below reads these CTEs by name.)
    let writes: QueryCreator<Database> = tx
      .with('shipment', (db) =>
        db.insertInto('shipments').values({
          id,
          license_id: license.id,
          organization_id: principal.organizationId,
          line: line.index,
          chips: input.chips,
          tpp,
          installation_id: input.installationId ?? null,
        }),
      )
      .with('license', (db) =>
        db
          .updateTable('licenses')
          .set({
            used_chips: plan.usedChips,
            used_tpp: plan.usedTpp,
            lines: JSON.stringify(plan.lines),
            status,
          })
          .where('id', '=', license.id),
      ) as unknown as QueryCreator<Database>;
    if (pools.length > 0) writes = drawPools(writes, license.framework, pools, tpp, id);
    await ctx.audit.appendQuery(writes, audit).execute();
    return { id, ...after, licenseStatus: status };
  });
  if ('expired' in result) {
    throw new LedgerError('conflict', `license ${input.licenseId} expired on ${result.expired}`, [
      'licenseId',
    ]);
  }
  return result;
}

/**
 * Locks the pools in key order (so two shipments never deadlock) and refuses when one has not
 * `tpp` left. A pool first drawn on is created from the line's limit. `locked`: the rows already
 * locked with the license (`lockActiveLicense`), used when they are exactly these pools.
 */
async function lockPools(
  tx: Tx,
  framework: string,
  pools: readonly { pool: string; limit: number; kind: string }[],
  tpp: number,
  locked?: readonly LockedPool[],
): Promise<void> {
  const names = pools.map((p) => p.pool);
  const lock = () =>
    tx
      .selectFrom('quota_pools')
      .select(['pool', 'used_tpp', 'limit_tpp'])
      .where('framework', '=', framework)
      .where('pool', 'in', names)
      .orderBy('pool')
      .forUpdate()
      .execute();
  const held =
    locked !== undefined &&
    locked.length === names.length &&
    names.every((name) => locked.some((row) => row.pool === name));
  let rows = held ? locked : await lock();
  if (rows.length < pools.length) {
    for (const p of pools) {
      await tx
        .insertInto('quota_pools')
        .values({ framework, pool: p.pool, kind: p.kind, limit_tpp: p.limit })
        .onConflict((oc) => oc.columns(['framework', 'pool']).doNothing())
        .execute();
    }
    rows = await lock();
  }
  checkPoolRoom(rows, tpp);
}

/**
 * Adds to `writes` the draws of `tpp` on each pool (locked and checked by `lockPools`) and a
 * draw row for each: two CTEs of the shipment's one writing statement.
 */
function drawPools(
  writes: QueryCreator<Database>,
  framework: string,
  pools: readonly { pool: string }[],
  tpp: number,
  shipmentId: string,
): QueryCreator<Database> {
  const names = pools.map((p) => p.pool);
  return writes
    .with('drawn', (db) =>
      db
        .updateTable('quota_pools')
        .set((eb) => ({ used_tpp: eb('used_tpp', '+', tpp) }))
        .where('framework', '=', framework)
        .where('pool', 'in', names)
        .returning(['framework', 'pool']),
    )
    .with('draws', (db) =>
      db
        .insertInto('quota_draws')
        .columns(['framework', 'pool', 'shipment_id', 'tpp'])
        .expression((eb) =>
          eb
            .selectFrom('drawn')
            .select([
              'drawn.framework',
              'drawn.pool',
              eb.val(shipmentId).as('shipment_id'),
              eb.val(tpp).as('tpp'),
            ]),
        ),
    ) as unknown as QueryCreator<Database>;
}

/**
 * The license row with the subject of the audit records about it and its shipments (its
 * request's organization and destination, as `auditSubject` finds them).
 */
function readLicense(tx: Tx, licenseId: string) {
  return tx
    .selectFrom('licenses as l')
    .leftJoin('requests as r', 'r.id', 'l.request_id')
    .selectAll('l')
    .select([
      'r.organization_id as subject_org',
      sql<string | null>`r.normalized->>'destination'`.as('subject_country'),
    ])
    .where('l.id', '=', licenseId)
    .executeTakeFirst();
}

/**
 * `readLicense` of an active license, locked (`FOR UPDATE` of the license row only), and in the
 * same statement, after it, the quota pools of the line a shipment of `organizationId` would draw
 * on (the one numbered `line`, or the only one), locked in key order: the order `lockPools`
 * keeps, so two shipments never deadlock. The pools come back as `locked_pools`; a pool not yet
 * created is missing there (`lockPools` creates and locks it). Nothing is returned, and nothing
 * locked, when the license is not active.
 */
async function lockActiveLicense(
  tx: Tx,
  licenseId: string,
  organizationId: string,
  line: number | undefined,
) {
  const lineNo = line ?? null;
  const { rows } = await sql<
    NonNullable<Awaited<ReturnType<typeof readLicense>>> & { locked_pools: LockedPool[] }
  >`
    with l as (
      select l.*, r.organization_id as subject_org, r.normalized->>'destination' as subject_country
      from licenses l left join requests r on r.id = l.request_id
      where l.id = ${licenseId} and l.status = 'active'
      for update of l
    ), p as (
      select q.pool, q.used_tpp, q.limit_tpp from quota_pools q, l
      where q.framework = l.framework and l.organization_id = ${organizationId}
        and q.pool in (
          select d->>'pool' from jsonb_array_elements(l.lines) ln, jsonb_array_elements(ln->'pools') d
          where case when ${lineNo}::int is null then jsonb_array_length(l.lines) = 1
                     else (ln->>'index')::int = ${lineNo}::int end)
      order by q.pool
      for update of q
    )
    select l.*, (select coalesce(json_agg(p order by p.pool), '[]'::json) from p) as locked_pools from l`.execute(
    tx,
  );
  return rows[0];
}

/** Shipments, newest first, a page at a time (own organization's; the regulator sees all). */
export async function pageShipments(
  ctx: LedgerContext,
  principal: Principal,
  input: PageInput & { licenseId?: string | undefined } = {},
) {
  const organizationId = visibleOrganization(principal, 'shipment.read');
  const { licenseId } = input;
  const page = pageRequest('shipments', { licenseId }, input);
  let base = ctx.db.selectFrom('shipments');
  if (organizationId !== null) base = base.where('organization_id', '=', organizationId);
  if (licenseId) base = base.where('license_id', '=', licenseId);
  const { rows: kept, nextCursor, total } = await readPage<'shipments'>(page, base);
  return {
    shipments: kept.map((r) => ({
      id: r.id,
      licenseId: r.license_id,
      organizationId: r.organization_id,
      line: r.line,
      chips: r.chips,
      tpp: r.tpp,
      installationId: r.installation_id,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor,
    total,
  };
}

/** The first page of shipments (up to the largest page). */
export async function listShipments(ctx: LedgerContext, principal: Principal, licenseId?: string) {
  return (await pageShipments(ctx, principal, { licenseId, limit: MAX_PAGE })).shipments;
}

import { type ExportRequest, parseExportRequest } from '../../domain/request.js';
import { under } from '../../domain/zod-issues.js';
import { DEFAULT_FRAMEWORK } from '../../frameworks/registry.js';
import type { Db, Tx } from '../../store/store.js';
import { authorize, authorizeObject } from '../access.js';
import { inTransaction, type LedgerContext } from '../context.js';
import { newId } from '../ids.js';
import { authorizeException } from '../licensing/index.js';
import { applicationStanding } from '../licensing-settings.js';
import type { Principal } from '../principal.js';
import { recordScreenings, requestParties, screenParties } from '../screening.js';
import { judgeRequest, storedSubmission } from './judge.js';
import { withLedgerFacts } from './ledger-facts.js';

export interface SubmitInput {
  /** Default: us-ear-enforced, the export controls as BIS enforces them. */
  framework?: string;
  request: unknown;
  installationId?: string;
}

/** Chips already at an installation: its baseline plus everything shipped to it. */
async function chipsAtInstallation(db: Db | Tx, installationId: string): Promise<number> {
  const inst = await db
    .selectFrom('installations')
    .select('baseline_chips')
    .where('id', '=', installationId)
    .executeTakeFirst();
  const shipped = await db
    .selectFrom('shipments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('chips'), eb.lit(0)).as('n'))
    .where('installation_id', '=', installationId)
    .executeTakeFirstOrThrow();
  return (inst?.baseline_chips ?? 0) + Number(shipped.n);
}

/**
 * Submits a request: the request as the ledger knows it (its installation's chips, prior usage
 * and the agreements on record; its parties screened), judged (`judgeRequest`) and stored with
 * its screenings, parties and audit entry in one transaction; a license exception is recorded as
 * an authorization at once (`authorizeException`).
 */
export async function submitRequest(ctx: LedgerContext, principal: Principal, input: SubmitInput) {
  authorize(principal, 'request.submit');
  // The framework first: an unknown one is the error, whatever else is wrong; none named is the
  // enforced law (us-ear-enforced).
  const framework = ctx.registry.require(input.framework ?? DEFAULT_FRAMEWORK);
  const parsed: ExportRequest = under(['request'], () => parseExportRequest(input.request));
  const id = newId('req');
  const standing = applicationStanding(ctx.licensing, framework.id, parsed.date, ctx.now());
  return inTransaction(ctx, principal, async (tx, record) => {
    let request = parsed;
    if (input.installationId) {
      const inst = await tx
        .selectFrom('installations')
        .selectAll()
        .where('id', '=', input.installationId)
        .executeTakeFirst();
      authorizeObject(principal, 'installation.use', inst, {
        message: `no installation "${input.installationId}" of your organization`,
        path: ['installationId'],
      });
      request = {
        ...request,
        installation: { id: inst.id, existingChips: await chipsAtInstallation(tx, inst.id) },
      };
    }
    request = await withLedgerFacts(tx, framework.id, request);
    // Screening first: confirmed Entity List matches are inputs to the determination.
    const screening = await screenParties(ctx, tx, principal.organizationId, id, request);
    request = { ...request, screening: { entityList: screening.entityList } };
    const judgement = judgeRequest(framework, request, screening);
    const { det, determination, status } = judgement;
    const stored = storedSubmission({
      id,
      organizationId: principal.organizationId,
      framework,
      sent: input.request,
      request,
      installationId: input.installationId,
      standing,
      screening,
      judgement,
    });
    await tx.insertInto('requests').values(stored.row).execute();
    await recordScreenings(tx, principal.organizationId, id, screening);
    // The end user and every other party, as screened.
    for (const party of requestParties(request)) {
      await tx
        .insertInto('parties')
        .values({
          id: newId('pty'),
          organization_id: principal.organizationId,
          request_id: id,
          role: party.role,
          name: party.name,
          country: party.country,
        })
        .execute();
    }
    await record('request.submitted', 'request', id, null, stored.record);
    // An analysis (another date, or a framework this deployment does not license under) is
    // determined and kept, never authorized.
    const licenseId =
      status === 'held' || standing.kind === 'analysis'
        ? null
        : await authorizeException(tx, record, principal.organizationId, id, request, det);
    return {
      id,
      status,
      kind: standing.kind,
      analysisReason: standing.reason,
      determination,
      licenseId,
      screening,
    };
  });
}

import type { Insertable } from 'kysely';
import { InputError } from '../../domain/errors.js';
import type { ExportRequest } from '../../domain/request.js';
import type { Determination } from '../../rules/determination.js';
import { determine } from '../../rules/determine.js';
import type { CompiledFramework } from '../../rules/framework.js';
import { toDeterminationJson } from '../../rules/render.js';
import type { RequestsTable } from '../../store/schema.js';
import type { RequestScreening } from '../screening.js';

/**
 * The pure half of submitting a request: the engine's determination of the request as the
 * ledger knows it (history and assurances filled, parties screened), and what the ledger stores
 * of it — the request row and the summary its audit entry carries. No store and no clock: the
 * same request, screening and standing always give the same row and the same record.
 */

/** Whether the request may be authorized (an application) or is only determined (an analysis), and why. */
export interface Standing {
  readonly kind: 'application' | 'analysis';
  readonly reason: string | null;
}

export interface Judgement {
  readonly det: Determination;
  /** The determination as stored and served. */
  readonly determination: ReturnType<typeof toDeterminationJson>;
  /** Held while a screening hit blocks it; determined otherwise. */
  readonly status: 'held' | 'determined';
}

/**
 * Determines `request` under `framework`. A bad request is reported under `request` (the field
 * the caller sent it in), as every other error of a submission is.
 */
export function judgeRequest(
  framework: CompiledFramework,
  request: ExportRequest,
  screening: Pick<RequestScreening, 'blocking'>,
): Judgement {
  let det: Determination;
  try {
    det = determine(framework, request);
  } catch (error) {
    if (error instanceof InputError) {
      throw new InputError(error.issues.map((i) => ({ ...i, path: ['request', ...i.path] })));
    }
    throw error;
  }
  const status = screening.blocking > 0 ? ('held' as const) : ('determined' as const);
  return { det, determination: toDeterminationJson(det), status };
}

/** What a submission stores: the request row, and the `request.submitted` audit record's `after`. */
export function storedSubmission(input: {
  id: string;
  organizationId: string;
  framework: CompiledFramework;
  /** The request as the caller sent it. */
  sent: unknown;
  /** The request as determined (`withLedgerFacts`, screening filled). */
  request: ExportRequest;
  installationId: string | undefined;
  standing: Standing;
  screening: RequestScreening;
  judgement: Judgement;
}) {
  const { framework, request, standing, screening, judgement } = input;
  const { det, determination, status } = judgement;
  const row = {
    id: input.id,
    organization_id: input.organizationId,
    reference: request.id ?? null,
    framework: framework.id,
    framework_revision: framework.revision,
    status,
    installation_id: input.installationId ?? null,
    kind: standing.kind,
    input: JSON.stringify(input.sent),
    normalized: JSON.stringify(request),
    determination: JSON.stringify(determination),
    outcome: det.outcome,
    screening: JSON.stringify(screening),
  } satisfies Insertable<RequestsTable>;
  const record = {
    kind: standing.kind,
    framework: framework.id,
    revision: framework.revision,
    status,
    outcome: det.outcome,
    authorization: det.authorization,
    licensePolicy: det.licensePolicy,
    screening: {
      listVersion: screening.listVersion,
      blocking: screening.blocking,
      entityList: screening.entityList.length,
    },
  };
  return { row, record };
}

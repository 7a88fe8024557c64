import type { AuditSubject } from '../audit/index.js';
import type { FrameworkRegistry } from '../frameworks/registry.js';
import type { Db, Tx } from '../store/store.js';
import { accessRole } from './access.js';
import type { AuditLog, AuditRecord } from './audit-log/index.js';
import { auditSubject } from './audit-subject.js';
import type { LicensingSettings } from './licensing-settings.js';
import type { Principal } from './principal.js';
import type { ScreeningLists } from './screening-lists.js';

/** What every ledger operation needs: the store, the audit log, the frameworks and a clock. */
export interface LedgerContext {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly registry: FrameworkRegistry;
  readonly now: () => Date;
  readonly screening: ScreeningLists;
  /** Which requests are applications (src/ledger/licensing-settings.ts); undefined: all are. */
  readonly licensing?: LicensingSettings;
}

/**
 * Runs `fn` in one transaction and appends its audit entries in the same transaction: they
 * commit together or not at all. The entries wait in `audit_pending` for the integrator to
 * give them indices (src/ledger/audit-log/log.ts), so concurrent transactions do not queue on the log.
 */
export async function inTransaction<T>(
  ctx: LedgerContext,
  principal: Principal,
  fn: (tx: Tx, record: Recorder, entry: EntryBuilder) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    const when = ctx.now();
    // The record `record` appends, for a caller that already holds its subject (as
    // `auditSubject` finds it) and writes it with its change in one statement
    // (`ctx.audit.appendQuery`, in this transaction).
    const entry: EntryBuilder = (action, entity, id, before, after, subject) =>
      auditRecord(principal, when, { action, entity, id, before, after, subject });
    return fn(tx, auditRecorder(ctx, tx, principal, when), entry);
  });
}

/** Builds the audit record of a change whose subject the caller already holds (see inTransaction). */
export type EntryBuilder = (
  action: string,
  entity: string,
  id: string,
  before: unknown,
  after: unknown,
  subject: AuditSubject,
) => AuditRecord;

/** Appends an audit entry in `tx` (see inTransaction). */
export type Recorder = (
  action: string,
  entity: string,
  id: string,
  before: unknown,
  after: unknown,
) => Promise<void>;

/**
 * The `record` of inTransaction for one principal in a transaction already open: a batch that
 * commits the work of several callers in one transaction records each entry as its own caller.
 */
export function auditRecorder(ctx: LedgerContext, tx: Tx, principal: Principal, when = ctx.now()): Recorder {
  return async (action, entity, id, before, after) => {
    const subject = await auditSubject(tx, entity, id, before, after);
    await ctx.audit.append(tx, auditRecord(principal, when, { action, entity, id, before, after, subject }));
  };
}

/** The audit record of one change by `principal` (for `audit.append` and `audit.appendMany`). */
export function auditRecord(
  principal: Principal,
  when: Date,
  change: {
    action: string;
    entity: string;
    id: string;
    before: unknown;
    after: unknown;
    subject: AuditSubject;
  },
): AuditRecord {
  return {
    who: {
      organizationId: principal.organizationId,
      role: accessRole(principal),
      keyId: principal.keyId,
    },
    when: when.toISOString(),
    action: change.action,
    entity: change.entity,
    id: change.id,
    // Through JSON first: dates become ISO strings and undefined members drop out, as
    // canonical JSON requires.
    before: toJsonValue(change.before),
    after: toJsonValue(change.after),
    subject: change.subject,
  };
}

function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

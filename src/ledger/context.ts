import type { AuditSubject } from '../audit/leaf.js';
import type { AuditLog, AuditRecord } from '../audit/log.js';
import type { FrameworkRegistry } from '../frameworks/registry.js';
import type { Db, Tx } from '../store/store.js';
import { auditSubject } from './audit-subject.js';
import type { LicensingSettings } from './licensing.js';
import { type Principal, SYSTEM } from './principal.js';
import type { ScreeningLists } from './screening-lists.js';

/** What every ledger operation needs: the store, the audit log, the frameworks and a clock. */
export interface LedgerContext {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly registry: FrameworkRegistry;
  readonly now: () => Date;
  readonly screening: ScreeningLists;
  /** Which requests are applications (src/ledger/licensing.ts); undefined: all are. */
  readonly licensing?: LicensingSettings;
}

/**
 * Runs `fn` in one transaction and appends its audit entries in the same transaction: they
 * commit together or not at all. The entries wait in `audit_pending` for the integrator to
 * give them indices (src/audit/log.ts), so concurrent transactions do not queue on the log.
 */
export async function inTransaction<T>(
  ctx: LedgerContext,
  principal: Principal,
  fn: (
    tx: Tx,
    record: (action: string, entity: string, id: string, before: unknown, after: unknown) => Promise<void>,
    entry: (
      action: string,
      entity: string,
      id: string,
      before: unknown,
      after: unknown,
      subject: AuditSubject,
    ) => AuditRecord,
  ) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    const when = ctx.now().toISOString();
    // The record `record` appends, for a caller that already holds its subject (as
    // `auditSubject` finds it) and writes it with its change in one statement
    // (`ctx.audit.appendQuery`, in this transaction).
    const entry = (
      action: string,
      entity: string,
      id: string,
      before: unknown,
      after: unknown,
      subject: AuditSubject,
    ): AuditRecord => ({
      who: {
        organizationId: principal.organizationId,
        role: principal === SYSTEM ? 'system' : principal.role,
        keyId: principal.keyId,
      },
      when,
      action,
      entity,
      id,
      // Through JSON first: dates become ISO strings and undefined members drop out, as
      // canonical JSON requires.
      before: toJsonValue(before),
      after: toJsonValue(after),
      subject,
    });
    const record = async (action: string, entity: string, id: string, before: unknown, after: unknown) => {
      const subject = await auditSubject(tx, entity, id, before, after);
      await ctx.audit.append(tx, entry(action, entity, id, before, after, subject));
    };
    return fn(tx, record, entry);
  });
}

function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

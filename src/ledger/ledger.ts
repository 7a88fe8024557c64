import { AuditLog } from '../audit/log.js';
import { registry as defaultRegistry, type FrameworkRegistry } from '../frameworks/registry.js';
import { openStore, type Store, type StoreOptions } from '../store/store.js';
import type { LedgerContext } from './context.js';

export interface Ledger {
  readonly store: Store;
  readonly ctx: LedgerContext;
  close(): Promise<void>;
}

/** Opens the store (migrating it) and the audit log: the ledger every interface shares. */
export async function openLedger(
  options: StoreOptions = {},
  deps: { now?: () => Date; registry?: FrameworkRegistry } = {},
): Promise<Ledger> {
  const store = await openStore(options);
  const ctx: LedgerContext = {
    db: store.db,
    audit: new AuditLog(store.db),
    registry: deps.registry ?? defaultRegistry,
    now: deps.now ?? (() => new Date()),
  };
  return { store, ctx, close: () => store.close() };
}

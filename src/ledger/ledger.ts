import { AuditLog } from '../audit/log.js';
import { type AuditSigner, loadAuditSigner } from '../audit/signer.js';
import { registry as defaultRegistry, type FrameworkRegistry } from '../frameworks/registry.js';
import { openStore, type Store, type StoreOptions } from '../store/store.js';
import type { LedgerContext } from './context.js';
import type { LicensingSettings } from './licensing.js';
import { ScreeningLists } from './screening-lists.js';

export interface Ledger {
  readonly store: Store;
  readonly ctx: LedgerContext;
  readonly signer: AuditSigner;
  close(): Promise<void>;
}

/** Opens the store (migrating it) and the audit log: the ledger every interface shares. */
export async function openLedger(
  options: StoreOptions = {},
  deps: {
    now?: () => Date;
    registry?: FrameworkRegistry;
    signer?: AuditSigner;
    licensing?: LicensingSettings;
  } = {},
): Promise<Ledger> {
  const store = await openStore(options);
  const ctx: LedgerContext = {
    db: store.db,
    audit: new AuditLog(store.db),
    registry: deps.registry ?? defaultRegistry,
    now: deps.now ?? (() => new Date()),
    screening: new ScreeningLists(store.db),
    ...(deps.licensing ? { licensing: deps.licensing } : {}),
  };
  const signer = deps.signer ?? loadAuditSigner(store.dataDir);
  return { store, ctx, signer, close: () => store.close() };
}

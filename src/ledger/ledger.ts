import { join } from 'node:path';
import { verifyCheckpoint } from '../audit/index.js';
import { registry as defaultRegistry, type FrameworkRegistry } from '../frameworks/registry.js';
import { openStore, type Store, type StoreOptions } from '../store/store.js';
import {
  AuditLog,
  type AuditLogOptions,
  type AuditSigner,
  auditDelayFromEnv,
  exportCheckpoint,
  loadAuditSigner,
} from './audit-log/index.js';
import type { LedgerContext } from './context.js';
import type { LicensingSettings } from './licensing-settings.js';
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
    /** The audit integrator's settings (delay from CHIPEXPORT_AUDIT_DELAY_MS by default). */
    audit?: Omit<AuditLogOptions, 'sign'>;
    /** Leave the integrator loop off (entries are then integrated by `audit.sync()` or on close). */
    integrator?: boolean;
    licensing?: LicensingSettings;
  } = {},
): Promise<Ledger> {
  const store = await openStore(options);
  const signer = deps.signer ?? loadAuditSigner(store.dataDir);
  const audit = new AuditLog(store.db, {
    delayMs: auditDelayFromEnv(),
    ...deps.audit,
    sign: signer.sign,
    verifyNote: (note) => verifyCheckpoint(note, signer.verifierKey, { origin: signer.origin }),
    signed: (size, note) => exportCheckpoint(signer, size, note),
  });
  const ctx: LedgerContext = {
    db: store.db,
    audit,
    registry: deps.registry ?? defaultRegistry,
    now: deps.now ?? (() => new Date()),
    // Built list indexes are kept beside the data (not for an in-memory store).
    screening: new ScreeningLists(
      store.db,
      store.dataDir.startsWith('memory://') ? undefined : join(store.dataDir, 'screening-index'),
    ),
    ...(deps.licensing ? { licensing: deps.licensing } : {}),
  };
  // Every process runs the integrator loop; the advisory lock lets one work at a time.
  if (deps.integrator !== false) audit.start();
  return {
    store,
    ctx,
    signer,
    close: async () => {
      await audit.stop();
      await store.close();
    },
  };
}

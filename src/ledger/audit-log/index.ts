/**
 * The audit log over the store: entries appended in the transaction of the change they record, an
 * integrator that gives them indices, signed checkpoints and the verification of the stored log.
 * The pure RFC 6962 / C2SP parts are in src/audit.
 */

export { checkpointIntervalFromEnv, startAutoCheckpoint } from './auto-checkpoint.js';
export { leafHashes, storedEntry } from './entries.js';
export {
  AuditLog,
  type AuditLogOptions,
  type AuditRecord,
  auditDelayFromEnv,
  verifyAuditLog,
} from './log.js';
export {
  type AuditSigner,
  checkpoint,
  exportCheckpoint,
  loadAuditSigner,
  verifyWithSigner,
} from './signer.js';
export type { CheckpointSource, VerifyProblem, VerifyResult } from './verify.js';

/**
 * The two audit verifiers — this package's (merkle.ts, checkpoint.ts) and the dashboard's
 * (web/src/audit-verify.ts, WebCrypto) — under one suite (test/support/audit-verifier-suite.ts):
 * the transparency-dev/merkle vectors, published and tampered checkpoints.
 */
import { auditVerifierSuite } from '../../test/support/audit-verifier-suite.js';
import {
  AuditFormatError,
  parseCheckpointNote,
  parseVerifierKey,
  rootFromInclusionProof,
  toHex,
  verifyCheckpointSignature,
  verifyConsistencyProof,
} from '../../web/src/audit-verify.js';
import { CheckpointError, verifyCheckpoint } from './checkpoint.js';
import { AuditProofError, verifyConsistency, verifyInclusion } from './merkle.js';

auditVerifierSuite({
  name: 'Node (src/audit/merkle.ts, checkpoint.ts)',
  inclusion: verifyInclusion,
  consistency: verifyConsistency,
  checkpoint: async (text, key) => verifyCheckpoint(text, key),
  isRefusal: (error) => error instanceof AuditProofError || error instanceof CheckpointError,
});

auditVerifierSuite({
  name: 'browser (web/src/audit-verify.ts)',
  inclusion: async (leaf, index, size, proof, root) => {
    const computed = await rootFromInclusionProof(leaf, index, size, proof);
    return computed !== null && toHex(computed) === toHex(root);
  },
  consistency: verifyConsistencyProof,
  checkpoint: async (text, keyText) => {
    const note = parseCheckpointNote(text);
    const signature = await verifyCheckpointSignature(note, await parseVerifierKey(keyText));
    if (!signature.ok) throw new AuditFormatError(signature.detail);
    return { size: note.size, rootHash: note.rootHash };
  },
  isRefusal: (error) => error instanceof AuditFormatError,
});

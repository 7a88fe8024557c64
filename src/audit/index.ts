/**
 * The pure core of the tamper-evident audit log: canonical leaf bytes (RFC 8785), RFC 6962 Merkle trees
 * with RFC 9162 proof verification, and C2SP signed checkpoints. No I/O; storage is wired in elsewhere.
 */
export { CanonicalJsonError, canonicalJson, canonicalJsonString, type JsonValue } from './canonical-json.js';
export {
  type Checkpoint,
  type CheckpointBody,
  CheckpointError,
  type CheckpointErrorCode,
  formatCheckpointBody,
  generateLogKey,
  keyId,
  type LogKeyPair,
  type NoteSignature,
  type ParsedCheckpoint,
  parseCheckpoint,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  type VerifierKey,
  verifierKey,
  verifyCheckpoint,
  verifyNote,
} from './checkpoint.js';
export { type AuditSubject, encodeLeaf, leafSubject, NO_SUBJECT } from './leaf.js';
export {
  AuditProofError,
  consistencyProof,
  emptyRootHash,
  HASH_SIZE,
  inclusionProof,
  leafHash,
  MerkleTree,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

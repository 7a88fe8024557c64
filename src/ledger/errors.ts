import type { FieldPath } from '../domain/errors.js';

export type LedgerErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'quota_exceeded'
  | 'license_exhausted'
  | 'invalid_state'
  | 'bad_request'
  /** The audit log failed a check: nothing is signed over it (500). */
  | 'audit_integrity';

const STATUS: Record<LedgerErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 409,
  license_exhausted: 409,
  invalid_state: 422,
  bad_request: 400,
  audit_integrity: 500,
};

/** An error of the ledger service, rendered as `{error: {code, message, path}}` with its HTTP status. */
export class LedgerError extends Error {
  readonly status: number;
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly path: FieldPath = [],
  ) {
    super(message);
    this.name = 'LedgerError';
    this.status = STATUS[code];
  }
}

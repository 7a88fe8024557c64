import type { FastifyRequest } from 'fastify';
import { LedgerError } from '../ledger/errors.js';
import { authenticate, type Principal } from '../ledger/principal.js';
import type { Db } from '../store/store.js';

const principals = new WeakMap<FastifyRequest, Principal>();

/** The key of `Authorization: Bearer <key>`; undefined when the header is absent or not Bearer. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Authenticates the caller of a `/v1` route. Runs as the routes' first hook (`onRequest`), before
 * the body is parsed or validated: a caller without a valid key learns nothing about the input
 * it sent, only that it needs a key (401).
 */
export function authenticateRequest(db: Db, options: { allowDemoKeys?: boolean } = {}) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const key = bearerKey(header);
    if (header !== undefined && key === undefined) {
      throw new LedgerError('unauthenticated', 'the Authorization header must be "Bearer <api key>"');
    }
    principals.set(request, await authenticate(db, key, options));
  };
}

/** Who is calling; the authorization decisions themselves are the ledger functions'. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (!principal)
    throw new LedgerError('unauthenticated', 'an API key is required: Authorization: Bearer <key>');
  return principal;
}

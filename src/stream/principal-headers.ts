/**
 * Who submitted a queued check-in, carried in its message's headers: the API admits the check-in
 * (CheckInIntake: an exporter's own device) and publishes it with the caller's organization, role
 * and key id, and the worker records the check-in's audit entry as that caller, as the in-process
 * path does. The stream is written only by the API (NATS accounts keep others out: see
 * docs/monitoring-protocol.md, "Scale-out"); a message without these headers (published before
 * they existed) is recorded as the system's.
 */
import type { MsgHdrs } from '@nats-io/transport-node';
import { InputError } from '../domain/errors.js';
import { type Principal, ROLES, type Role, SYSTEM } from '../ledger/principal.js';

export const HEADER_CALLER_ORGANIZATION = 'Chipexport-Caller-Organization';
export const HEADER_CALLER_NAME = 'Chipexport-Caller-Name';
export const HEADER_CALLER_ROLE = 'Chipexport-Caller-Role';
export const HEADER_CALLER_COUNTRY = 'Chipexport-Caller-Country';
export const HEADER_CALLER_KEY = 'Chipexport-Caller-Key';

export function setPrincipalHeaders(h: MsgHdrs, principal: Principal): void {
  h.set(HEADER_CALLER_ORGANIZATION, principal.organizationId);
  h.set(HEADER_CALLER_NAME, encodeURIComponent(principal.organizationName));
  h.set(HEADER_CALLER_ROLE, principal.role);
  if (principal.country) h.set(HEADER_CALLER_COUNTRY, principal.country);
  if (principal.keyId) h.set(HEADER_CALLER_KEY, principal.keyId);
}

export function principalFromHeaders(header: (name: string) => string | undefined): Principal {
  const organizationId = header(HEADER_CALLER_ORGANIZATION);
  if (organizationId === undefined) return SYSTEM;
  const role = header(HEADER_CALLER_ROLE);
  if (!ROLES.includes(role as Role)) {
    throw InputError.single('invalid_header', [HEADER_CALLER_ROLE], `"${role ?? ''}" is not a role`);
  }
  return {
    organizationId,
    organizationName: decodeURIComponent(header(HEADER_CALLER_NAME) ?? organizationId),
    role: role as Role,
    country: header(HEADER_CALLER_COUNTRY) ?? null,
    keyId: header(HEADER_CALLER_KEY) ?? null,
  };
}

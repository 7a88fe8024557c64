import { headers } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { type Principal, SYSTEM } from '../ledger/principal.js';
import { HEADER_CALLER_ROLE, principalFromHeaders, setPrincipalHeaders } from './principal-headers.js';

const exporter: Principal = {
  organizationId: 'org_1',
  organizationName: 'Skyline Cloud, Inc. — Ünïcode',
  role: 'exporter',
  country: 'US',
  keyId: 'key_1',
};

describe('the caller in a queued check-in', () => {
  it('travels in the headers and comes back whole', () => {
    const h = headers();
    setPrincipalHeaders(h, exporter);
    expect(principalFromHeaders((name) => h.get(name) || undefined)).toEqual(exporter);
  });

  it('is the system for a message without the headers (published before they existed)', () => {
    expect(principalFromHeaders(() => undefined)).toBe(SYSTEM);
  });

  it('refuses a role that is not one, naming the header', () => {
    const h = headers();
    setPrincipalHeaders(h, exporter);
    h.set(HEADER_CALLER_ROLE, 'admin');
    let error: unknown;
    try {
      principalFromHeaders((name) => h.get(name) || undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]!.path).toEqual([HEADER_CALLER_ROLE]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ACCESS,
  ACTIONS,
  type AccessRole,
  type Action,
  accessRole,
  authorize,
  authorizeObject,
  can,
  noSuch,
  visibleOrganization,
  visibleRows,
} from './access.js';
import { LedgerError } from './errors.js';
import { type Principal, SYSTEM } from './principal.js';

/**
 * The table restated, one line per action: what each role reaches (`-` nothing, `all` every
 * object, `own` its organization's, `cty` those in its country, `own+cty` either). A change to
 * the table must change this line too.
 */
const EXPECTED: Record<Action, Record<AccessRole, string>> = {
  'request.submit': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: '-' },
  'request.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': '-',
    system: 'all',
  },
  'hold.read': { exporter: 'own', regulator: 'all', auditor: '-', 'host-government': '-', system: 'all' },
  'license.decide': { exporter: '-', regulator: 'all', auditor: '-', 'host-government': '-', system: 'all' },
  'license.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': '-',
    system: 'all',
  },
  'license.set-status': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'shipment.record': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: '-' },
  'shipment.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': '-',
    system: 'all',
  },
  'installation.create': {
    exporter: 'own',
    regulator: '-',
    auditor: '-',
    'host-government': '-',
    system: '-',
  },
  'installation.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'installation.use': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: '-' },
  'site-visit.schedule': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'site-visit.record': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'site-visit.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'agreement.create': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': 'cty',
    system: 'all',
  },
  'agreement.read': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': 'own',
    system: 'all',
  },
  'agreement.disburse': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': 'own',
    system: 'all',
  },
  'organization.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': 'own',
    system: 'all',
  },
  'clearance.decide': {
    exporter: 'own',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'clearance.decide-party': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'clearance.clear-listed-match': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'clearance.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': '-',
    system: 'all',
  },
  'list.import': { exporter: '-', regulator: 'all', auditor: '-', 'host-government': '-', system: 'all' },
  'job.read': { exporter: 'own', regulator: 'all', auditor: 'own', 'host-government': 'own', system: 'all' },
  'audit.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': 'own+cty',
    system: 'all',
  },
  'audit.verify': { exporter: '-', regulator: 'all', auditor: 'all', 'host-government': '-', system: 'all' },
  'device.enroll': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: '-' },
  'device.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': 'cty',
    system: 'all',
  },
  'device.retire': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: '-' },
  'checkin.nonce': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: '-' },
  'checkin.submit': { exporter: 'own', regulator: '-', auditor: '-', 'host-government': '-', system: 'all' },
  'landmark.register': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'monitoring.configure': {
    exporter: '-',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'coverage.read': {
    exporter: '-',
    regulator: 'all',
    auditor: 'all',
    'host-government': 'cty',
    system: 'all',
  },
  'monitoring-report.read': {
    exporter: '-',
    regulator: 'all',
    auditor: 'all',
    'host-government': 'cty',
    system: 'all',
  },
  'alert.read': {
    exporter: 'own',
    regulator: 'all',
    auditor: 'all',
    'host-government': 'cty',
    system: 'all',
  },
  'alert.acknowledge': {
    exporter: 'own',
    regulator: 'all',
    auditor: '-',
    'host-government': '-',
    system: 'all',
  },
  'alert.resolve': { exporter: '-', regulator: 'all', auditor: '-', 'host-government': '-', system: 'all' },
};

const ROLES: AccessRole[] = ['exporter', 'regulator', 'auditor', 'host-government', 'system'];

/** An organization of each role in the UAE (`system` is the ledger's own principal). */
function principalOf(role: AccessRole, country: string | null = 'AE'): Principal {
  if (role === 'system') return SYSTEM;
  return { organizationId: `org-${role}`, organizationName: role, role, country, keyId: 'key' };
}

/** Objects as a principal meets them: its own (abroad), another's in its country, another's elsewhere. */
function objects(principal: Principal) {
  return {
    own: { organizationId: principal.organizationId, country: 'SA' },
    country: { organizationId: 'org-someone-else', country: 'AE' },
    elsewhere: { organizationId: 'org-someone-else', country: 'SA' },
  };
}

/** What `EXPECTED`'s shorthand lets a principal reach. */
function reaches(code: string, kind: 'own' | 'country' | 'elsewhere', role: AccessRole): boolean {
  if (code === 'all') return true;
  // SYSTEM has no country: nothing is "in its country".
  if (kind === 'own') return code.includes('own');
  if (kind === 'country') return code.includes('cty') && role !== 'system';
  return false;
}

describe('the access table', () => {
  it('is restated action by action in this test, and every rule cites its source', () => {
    expect(ACTIONS.sort()).toEqual((Object.keys(EXPECTED) as Action[]).sort());
    for (const action of ACTIONS) expect(ACCESS[action].source.length, action).toBeGreaterThan(10);
  });

  for (const action of Object.keys(EXPECTED) as Action[]) {
    it(`${action}: each role as restated, on its own, its country's and others' objects`, () => {
      for (const role of ROLES) {
        const principal = principalOf(role);
        const code = EXPECTED[action][role];
        expect(can(principal, action), `${role} may ${action}`).toBe(code !== '-');
        for (const [kind, resource] of Object.entries(objects(principal))) {
          expect(can(principal, action, resource), `${role} ${action} on ${kind}`).toBe(
            reaches(code, kind as 'own' | 'country' | 'elsewhere', role),
          );
        }
      }
    });
  }

  it('knows SYSTEM as `system`, with the regulator’s grants and the check-in queue’s', () => {
    expect(accessRole(SYSTEM)).toBe('system');
    // An organization whose role is regulator is not the ledger itself.
    expect(accessRole({ ...SYSTEM })).toBe('regulator');
    for (const action of ACTIONS) {
      const grants = ACCESS[action].grants as Partial<Record<AccessRole, unknown>>;
      if (action === 'checkin.submit') expect(grants.regulator).toBeUndefined();
      else expect(grants.system, action).toEqual(grants.regulator);
    }
    expect(can(SYSTEM, 'checkin.submit', { organizationId: 'org-any' })).toBe(true);
    expect(can(principalOf('regulator'), 'checkin.submit')).toBe(false);
  });

  it('reaches nothing by a scope whose field is missing', () => {
    const exporter = principalOf('exporter');
    expect(can(exporter, 'request.read', { organizationId: null })).toBe(false);
    expect(can(exporter, 'request.read', {})).toBe(false);
    const stateless = principalOf('host-government', null);
    // A host government without a country sees nothing "in its country", even what has none.
    expect(can(stateless, 'device.read', { organizationId: 'org-x', country: null })).toBe(false);
    expect(can(stateless, 'device.read', { organizationId: 'org-x' })).toBe(false);
    expect(can(principalOf('regulator'), 'device.read', {})).toBe(true);
  });
});

describe('authorize', () => {
  it('lets a role the rule names pass, and refuses another with 403 naming the roles in order', () => {
    expect(() => authorize(principalOf('regulator'), 'coverage.read')).not.toThrow();
    expect(() => authorize(principalOf('exporter'), 'coverage.read')).toThrow(
      expect.objectContaining({
        code: 'forbidden',
        status: 403,
        message:
          "this needs the role regulator or auditor or host-government; the key's organization is exporter",
      }),
    );
    // SYSTEM is never named in a refusal: it acts in the regulator's role.
    expect(() => authorize(SYSTEM, 'request.submit')).toThrow(
      "this needs the role exporter; the key's organization is regulator",
    );
  });
});

describe('authorizeObject', () => {
  const exporter = principalOf('exporter');
  const refusal = noSuch('request', 'req-1');

  it('passes an object within scope', () => {
    expect(() =>
      authorizeObject(exporter, 'request.read', { organization_id: exporter.organizationId }, refusal),
    ).not.toThrow();
  });

  it('reports an object that is not there, or out of scope, as absent (404)', () => {
    const absent = { code: 'not_found', status: 404, message: 'no request "req-1"', path: ['id'] };
    expect(() => authorizeObject(exporter, 'request.read', undefined, refusal)).toThrow(
      expect.objectContaining(absent),
    );
    expect(() =>
      authorizeObject(exporter, 'request.read', { organization_id: 'org-other' }, refusal),
    ).toThrow(expect.objectContaining(absent));
    // A role the rule does not name at all: still absent, not forbidden, for one object.
    expect(() =>
      authorizeObject(principalOf('host-government'), 'request.read', { organization_id: 'org-x' }, refusal),
    ).toThrow(expect.objectContaining(absent));
  });

  it('refuses openly (403) where the rule says so, with the message and path given', () => {
    const governmentOfSaudiArabia = principalOf('host-government', 'SA');
    const notItsCountry = { message: 'for its own country (SA)', path: ['country'] };
    let thrown: unknown;
    try {
      authorizeObject(governmentOfSaudiArabia, 'agreement.create', { country: 'AE' }, notItsCountry);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LedgerError);
    expect(thrown).toMatchObject({ code: 'forbidden', status: 403, ...notItsCountry });
    expect(() =>
      authorizeObject(governmentOfSaudiArabia, 'agreement.create', { country: 'SA' }, notItsCountry),
    ).not.toThrow();
  });

  it('reads the organization and country through resourceOf when the row names them otherwise', () => {
    const agreement = { created_by: 'org-host-government', country: 'AE' };
    const government = principalOf('host-government');
    const byCreator = (a: typeof agreement) => ({ organizationId: a.created_by });
    expect(() =>
      authorizeObject(government, 'agreement.disburse', agreement, noSuch('agreement', 'a'), byCreator),
    ).not.toThrow();
    // Without it, the row has no organization_id: out of scope, absent.
    expect(() =>
      authorizeObject(government, 'agreement.disburse', agreement, noSuch('agreement', 'a')),
    ).toThrow('no agreement "a"');
  });
});

describe('visibleRows and visibleOrganization', () => {
  it('filter a list by the role’s scope', () => {
    expect(visibleRows(principalOf('regulator'), 'device.read')).toEqual({});
    expect(visibleRows(principalOf('auditor'), 'device.read')).toEqual({});
    expect(visibleRows(SYSTEM, 'device.read')).toEqual({});
    expect(visibleRows(principalOf('exporter'), 'device.read')).toEqual({ organizationId: 'org-exporter' });
    expect(visibleRows(principalOf('host-government'), 'device.read')).toEqual({ country: 'AE' });
    // Without a country, a host government's filter matches no row.
    expect(visibleRows(principalOf('host-government', null), 'device.read')).toEqual({ country: '' });
    expect(visibleOrganization(principalOf('exporter'), 'request.read')).toBe('org-exporter');
    expect(visibleOrganization(principalOf('auditor'), 'request.read')).toBeNull();
  });

  it('refuse a role the rule does not name (403)', () => {
    expect(() => visibleRows(principalOf('exporter'), 'coverage.read')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => visibleOrganization(principalOf('host-government'), 'request.read')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('refuse to build a filter they cannot express', () => {
    // Two scopes ("own organization or its country") would need an "or".
    expect(() => visibleRows(principalOf('host-government'), 'audit.read')).toThrow(/several scopes/);
    // Rows with an organization only cannot be scoped by country.
    expect(() => visibleOrganization(principalOf('host-government'), 'device.read')).toThrow(/no country/);
  });
});

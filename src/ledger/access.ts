/**
 * Who may do what to which object: one table that every ledger read and write asks.
 *
 * The roles are the API keys' (spec/contracts.md, "HTTP API": exporter, regulator,
 * host-government, auditor) and `system`, the ledger's own principal (`SYSTEM` in principal.ts:
 * demo seeding, the command line, the check-in queue's worker). A role named in an action's rule
 * may take the action on the objects within its scope; a role not named may not take it at all.
 *
 * Refusals, as the service has always reported them: a role that may not take the action is
 * `forbidden` (403); an object outside the caller's scope is reported absent (404, `not_found`),
 * as if it were not there, so an identifier reveals nothing of another organization, unless the
 * rule says `refused: 'forbidden'` (the audit log's entries, whose leaf hashes are public anyway,
 * and a host government's agreement for another country).
 *
 * src/api/authorization-matrix.test.ts calls every route as every role and checks the answers
 * against this table; src/ledger/access.test.ts checks each rule.
 */
import type { FieldPath } from '../domain/errors.js';
import { LedgerError } from './errors.js';
import { type Principal, type Role, SYSTEM } from './principal.js';

export type AccessRole = Role | 'system';

/** Which objects a role reaches: every one, its own organization's, or those in its country. */
export type Scope = 'any' | 'own-organization' | 'host-country';

/** What the scopes look at: the organization an object belongs to and the country it is in. */
export interface Resource {
  readonly organizationId?: string | null;
  readonly country?: string | null;
}

export interface AccessRule {
  /** Each role that may take the action, with the objects it reaches (any of the scopes listed). */
  readonly grants: Readonly<Partial<Record<AccessRole, readonly Scope[]>>>;
  /** How an object outside the caller's scope is reported (default: absent). */
  readonly refused?: 'forbidden';
  /** Where the rule is specified. */
  readonly source: string;
}

const ANY = ['any'] as const;
const OWN = ['own-organization'] as const;
const COUNTRY = ['host-country'] as const;

const CONTRACT = 'spec/contracts.md, "HTTP API"';
const MONITORING = 'docs/monitoring-protocol.md, "In the ledger and over HTTP"';
/** docs/decisions.md, "Auditors read every organization's ledger records". */
const AUDITORS_READ = `${CONTRACT}; docs/decisions.md (auditors read every organization's ledger records)`;

/**
 * The table. The order of the roles in each rule is the order the refusal message names them in.
 * `system` holds the regulator's grants (SYSTEM acts in the regulator's role) and, alone, takes
 * check-ins in from the queue whose admission the API has checked.
 */
export const ACCESS = {
  // --- requests and licenses
  'request.submit': { grants: { exporter: OWN }, source: `${CONTRACT}: POST /v1/requests (exporter)` },
  'request.read': {
    grants: { exporter: OWN, regulator: ANY, auditor: ANY, system: ANY },
    source: `${AUDITORS_READ}: GET /v1/requests (own organization; regulator: all)`,
  },
  /**
   * Disagreement kept: auditors read every request and its screening, but not the list of holds.
   */
  'hold.read': {
    grants: { exporter: OWN, regulator: ANY, system: ANY },
    source:
      'not in spec/contracts.md; GET /v1/holds as implemented: the organization its own, the regulator all',
  },
  'license.decide': {
    grants: { regulator: ANY, system: ANY },
    source: `${CONTRACT}: POST /v1/requests/{id}/decision (regulator)`,
  },
  'license.read': {
    grants: { exporter: OWN, regulator: ANY, auditor: ANY, system: ANY },
    source: `${AUDITORS_READ}: GET /v1/licenses/{id}`,
  },
  'license.set-status': {
    grants: { regulator: ANY, system: ANY },
    source: '15 CFR 750.8 (the regulator suspends and revokes licenses)',
  },
  'shipment.record': {
    grants: { exporter: OWN },
    source: `${CONTRACT}: POST /v1/shipments (exporter), against its own license`,
  },
  'shipment.read': {
    grants: { exporter: OWN, regulator: ANY, auditor: ANY, system: ANY },
    source: AUDITORS_READ,
  },
  // --- installations and site visits
  'installation.create': {
    grants: { exporter: OWN },
    source: 'not in spec/contracts.md; POST /v1/installations as implemented: an exporter its own sites',
  },
  /**
   * Disagreement kept: auditors read every request, license and shipment, but not the list of
   * installations those name.
   */
  'installation.read': {
    grants: { exporter: OWN, regulator: ANY, system: ANY },
    source:
      'not in spec/contracts.md; GET /v1/installations as implemented: the exporter its own, the regulator all',
  },
  /** Naming an installation in a request, a shipment or a device's enrolment. */
  'installation.use': {
    grants: { exporter: OWN },
    source: 'not in spec/contracts.md; as implemented: an exporter names its own installations only',
  },
  'site-visit.schedule': {
    grants: { regulator: ANY, system: ANY },
    source:
      'the 2026 draft\'s "site-visit" requirement (U.S. officials visit; seed 001_d7314c7397f87934.txt)',
  },
  'site-visit.record': {
    grants: { regulator: ANY, system: ANY },
    source: 'the 2026 draft\'s "site-visit" requirement',
  },
  /** Disagreement kept: auditors read every organization's licenses, but not the site visits. */
  'site-visit.read': {
    grants: { exporter: OWN, regulator: ANY, system: ANY },
    source: 'the 2026 draft\'s "site-visit" requirement; the installation\'s exporter sees its own visits',
  },
  // --- agreements
  'agreement.create': {
    grants: { 'host-government': COUNTRY, regulator: ANY, system: ANY },
    refused: 'forbidden',
    source: `${CONTRACT}: POST /v1/agreements (host-government / regulator); a government for its own country`,
  },
  /**
   * Disagreement kept: auditors read every organization's ledger records, but not the agreements
   * (nor their disbursements), whose terms the determinations read.
   */
  'agreement.read': {
    grants: { 'host-government': OWN, regulator: ANY, system: ANY },
    source: `${CONTRACT}: POST /v1/agreements; a government reads the agreements it recorded`,
  },
  'agreement.disburse': {
    grants: { 'host-government': OWN, regulator: ANY, system: ANY },
    source: `${CONTRACT}: U.S. investment commitments, disbursed against the government's own agreement`,
  },
  // --- organizations, screening and jobs
  'organization.read': {
    grants: {
      exporter: OWN,
      regulator: ANY,
      'host-government': OWN,
      auditor: ANY,
      system: ANY,
    },
    source: AUDITORS_READ,
  },
  'clearance.decide': {
    grants: { exporter: OWN, regulator: ANY, system: ANY },
    source: "issue 14, item 2 (four eyes on clearances): the request's organization or the regulator",
  },
  /** A clearance for every request of an organization (scope: party). */
  'clearance.decide-party': {
    grants: { regulator: ANY, system: ANY },
    source: "issue 14, item 2 (a party-wide clearance is the regulator's)",
  },
  /**
   * Clearing (false positive) a strong match on a prohibiting or licensing list
   * (src/ledger/clearance-policy.ts, REGULATOR_ONLY_SCORE).
   */
  'clearance.clear-listed-match': {
    grants: { regulator: ANY, system: ANY },
    source: 'issue 14, item 2 (strong matches on the Entity List and the like are cleared by the regulator)',
  },
  'clearance.read': {
    grants: { regulator: ANY, auditor: ANY, exporter: OWN, system: ANY },
    source: 'issue 14, item 2 (every one for the regulator and auditors; an exporter its own)',
  },
  'list.import': {
    grants: { regulator: ANY, system: ANY },
    source: 'spec/contracts.md, "Screening" (lists import); the regulator keeps the lists',
  },
  /**
   * Disagreement kept: the regulator reads every organization's jobs, auditors only their own
   * (they read every organization's requests).
   */
  'job.read': {
    grants: {
      exporter: OWN,
      regulator: ANY,
      'host-government': OWN,
      auditor: OWN,
      system: ANY,
    },
    source:
      'not in spec/contracts.md; GET /v1/jobs/{id} as implemented: the organization that started it, the regulator all',
  },
  // --- the audit log
  /**
   * An entry's bytes; its leaf hash is public. The subject is both the one stored beside the
   * leaf and the one the leaf commits to (src/audit/leaf.ts); a leaf without one (version 1)
   * is the regulator's and auditors' only.
   */
  'audit.read': {
    grants: {
      exporter: OWN,
      regulator: ANY,
      auditor: ANY,
      'host-government': ['own-organization', 'host-country'],
      system: ANY,
    },
    refused: 'forbidden',
    source:
      'issue 14, item 4 (private records, public proofs): its organization, the regulator, auditors, a host government for its country',
  },
  'audit.verify': {
    grants: { regulator: ANY, auditor: ANY, system: ANY },
    source: 'issue 14, item 3: GET /v1/audit/verify reads every entry, so the regulator and auditors only',
  },
  // --- monitoring (docs/monitoring-protocol.md)
  'device.enroll': {
    grants: { exporter: OWN },
    source: `${MONITORING}: the exporter, against its own license`,
  },
  'device.read': {
    grants: {
      exporter: OWN,
      regulator: ANY,
      auditor: ANY,
      'host-government': COUNTRY,
      system: ANY,
    },
    source: MONITORING,
  },
  'device.retire': { grants: { exporter: OWN }, source: `${MONITORING}: the exporter its own devices` },
  'checkin.nonce': {
    grants: { exporter: OWN },
    source: `${MONITORING}: a nonce for the exporter's own device`,
  },
  /**
   * A check-in's admission: the exporter, for a device of its organization; `system` is the queue
   * worker, taking in what the API admitted.
   */
  'checkin.submit': {
    grants: { exporter: OWN, system: ANY },
    source: `${MONITORING}: POST /v1/checkins (exporter, own device)`,
  },
  'landmark.register': { grants: { regulator: ANY, system: ANY }, source: MONITORING },
  'monitoring.configure': { grants: { regulator: ANY, system: ANY }, source: MONITORING },
  'coverage.read': {
    grants: { regulator: ANY, auditor: ANY, 'host-government': COUNTRY, system: ANY },
    source: `${MONITORING}: exporters place no landmarks`,
  },
  'monitoring-report.read': {
    grants: { regulator: ANY, 'host-government': COUNTRY, auditor: ANY, system: ANY },
    source: MONITORING,
  },
  'alert.read': {
    grants: {
      exporter: OWN,
      regulator: ANY,
      auditor: ANY,
      'host-government': COUNTRY,
      system: ANY,
    },
    source: MONITORING,
  },
  'alert.acknowledge': {
    grants: { regulator: ANY, exporter: OWN, system: ANY },
    source: `${MONITORING}: the regulator, or the exporter whose device it is about`,
  },
  'alert.resolve': { grants: { regulator: ANY, system: ANY }, source: MONITORING },
} as const satisfies Record<string, AccessRule>;

export type Action = keyof typeof ACCESS;
export const ACTIONS = Object.keys(ACCESS) as Action[];

/** The role the table knows a principal by: SYSTEM is `system`, as the audit log records it. */
export function accessRole(principal: Principal): AccessRole {
  return principal === SYSTEM ? 'system' : principal.role;
}

function scopesOf(principal: Principal, action: Action): readonly Scope[] {
  const rule: AccessRule = ACCESS[action];
  return rule.grants[accessRole(principal)] ?? [];
}

function inScope(scope: Scope, principal: Principal, resource: Resource): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'own-organization':
      return resource.organizationId != null && resource.organizationId === principal.organizationId;
    case 'host-country':
      return principal.country !== null && resource.country != null && resource.country === principal.country;
  }
}

/**
 * May `principal` take `action`: on `resource`, or without one on some object (creating, or
 * listing what it may see).
 */
export function can(principal: Principal, action: Action, resource?: Resource): boolean {
  const scopes = scopesOf(principal, action);
  if (resource === undefined) return scopes.length > 0;
  return scopes.some((scope) => inScope(scope, principal, resource));
}

/** The refusal of a role that may not take the action. */
function forbidden(principal: Principal, action: Action): LedgerError {
  const roles = Object.keys(ACCESS[action].grants).filter((role) => role !== 'system');
  return new LedgerError(
    'forbidden',
    `this needs the role ${roles.join(' or ')}; the key's organization is ${principal.role}`,
  );
}

/** An object that is not there, or that the caller may not see: reported alike. */
export function notFound(what: string, id: string, path: FieldPath = ['id']): LedgerError {
  return new LedgerError('not_found', `no ${what} "${id}"`, path);
}

/** What a refusal of one object says: the message and the field that named the object. */
export interface Refusal {
  readonly message: string;
  readonly path: FieldPath;
}

/** The refusal `no <what> "<id>"`, as for an object that is not there. */
export function noSuch(what: string, id: string, path: FieldPath = ['id']): Refusal {
  return { message: `no ${what} "${id}"`, path };
}

/** A stored row's organization and country, under the column names most tables use. */
export interface StoredRow {
  readonly organization_id?: string | null;
  readonly country?: string | null;
}

const rowResource = (row: StoredRow): Resource => ({
  organizationId: row.organization_id,
  country: row.country,
});

/**
 * Throws `forbidden` unless the principal's role may take `action` at all: creating something,
 * or listing what it may see.
 */
export function authorize(principal: Principal, action: Action): void {
  if (!can(principal, action)) throw forbidden(principal, action);
}

/**
 * Throws unless `principal` may take `action` on `row`: `not_found` with the refusal's message
 * when there is no row, or when the row is out of the caller's scope (whatever its role: the
 * object is reported absent), except where the rule refuses openly (`forbidden`). The row's
 * organization and country are read by `resourceOf` (default: its `organization_id` and
 * `country` columns).
 */
export function authorizeObject<R extends StoredRow>(
  principal: Principal,
  action: Action,
  row: R | undefined,
  refusal: Refusal,
  resourceOf: (row: R) => Resource = rowResource,
): asserts row is R {
  if (row === undefined) throw new LedgerError('not_found', refusal.message, refusal.path);
  if (can(principal, action, resourceOf(row))) return;
  const rule: AccessRule = ACCESS[action];
  throw new LedgerError(rule.refused ?? 'not_found', refusal.message, refusal.path);
}

/**
 * The rows of a list the principal sees under `action`: those with every field given (its
 * organization, or its country), or, with none given, every row. Throws `forbidden` for a role
 * the rule does not name. A host government without a country matches no row.
 */
export function visibleRows(
  principal: Principal,
  action: Action,
): { readonly organizationId?: string; readonly country?: string } {
  const scopes = scopesOf(principal, action);
  if (scopes.length === 0) throw forbidden(principal, action);
  if (scopes.includes('any')) return {};
  if (scopes.length > 1) {
    // No list is read under a rule of several scopes: the filter would be an "or" of them.
    throw new Error(`${action}: ${accessRole(principal)} has several scopes; a list needs one`);
  }
  return scopes[0] === 'own-organization'
    ? { organizationId: principal.organizationId }
    : { country: principal.country ?? '' };
}

/**
 * For a list of rows that carry an organization but no country: the organization whose rows the
 * principal sees under `action`, or null for every row. Throws `forbidden` for a role the rule
 * does not name, and refuses (a programming error) a rule that scopes the role by country.
 */
export function visibleOrganization(principal: Principal, action: Action): string | null {
  const rows = visibleRows(principal, action);
  if (rows.country !== undefined) throw new Error(`${action}: these rows have no country to scope them by`);
  return rows.organizationId ?? null;
}

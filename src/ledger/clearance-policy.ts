import { can } from './access.js';
import { LedgerError } from './errors.js';
import type { Principal } from './principal.js';

/**
 * Four eyes on clearances (issue 14, item 2). A clearance lifts a hold, and a lifted hold lets an
 * authorization issue; so the organization that asks for an export does not decide that the
 * party it names is not the listed one. The common pattern of trade-compliance suites
 * (research/compliance-anchors.md: "an officer releases it with a reason code", escalation) made
 * a rule:
 *
 * 1. the organization that submitted a request cannot clear (false-positive) its hits: it may
 *    confirm a match (the cautious direction), never clear one;
 * 2. a hit scoring at or above REGULATOR_ONLY_SCORE on a list that prohibits the export or
 *    requires a licence is cleared by the regulator only, whoever else might one day clear;
 * 3. `scope: party` (a clearance for every later request of the organization) is the regulator's;
 * 4. every decision carries a reason code, kept with the clearance and in the audit log.
 */

/**
 * At or above this score a hit on a prohibiting or licensing list is the regulator's to clear. The
 * matcher scores an exact name 1.0 and typical near-matches (word order, legal forms,
 * transliteration) 0.85–0.95 (src/screening/matcher.ts): 0.9 keeps every near-exact match with the
 * regulator. A deployment parameter, not law.
 */
export const REGULATOR_ONLY_SCORE = 0.9;

/**
 * CSL sources whose listing prohibits the export or requires a licence, by the code the CSL puts in
 * the source name. Entity List: 15 CFR 744.11 (licence); Military End-User List: 15 CFR 744.21
 * (licence); Denied Persons List: 15 CFR 764.3(a)(2) (denial of export privileges); SDN: 31 CFR
 * 501 App. A (blocking); ITAR Debarred: 22 CFR 127.7; Nonproliferation Sanctions: the State
 * Department's measures. The Unverified List (a UVL statement, 15 CFR 744.15) and Treasury's
 * non-SDN lists are left to the ordinary rule 1.
 */
export const PROHIBITING_OR_LICENSING_LISTS = ['(EL)', '(MEU)', '(DPL)', '(SDN)', '(DTC)', '(ISN)'] as const;

export const REASON_CODES = [
  'different-name',
  'different-country',
  'different-address',
  'different-identifiers',
  'different-entity-type',
  'confirmed-match',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export function requiresRegulator(hit: { source: string; score: number }): boolean {
  return (
    hit.score >= REGULATOR_ONLY_SCORE &&
    PROHIBITING_OR_LICENSING_LISTS.some((code) => hit.source.includes(code))
  );
}

/** Throws `forbidden` (or `bad_request` for the reason code) when `principal` may not record this decision. */
export function checkClearanceAuthority(
  principal: Principal,
  requestOrganizationId: string,
  input: { decision: 'false-positive' | 'confirmed'; scope?: 'party' | 'request'; reasonCode?: unknown },
  hit: { source: string; score: number },
): ReasonCode {
  const reasonCode = input.reasonCode;
  if (typeof reasonCode !== 'string' || !REASON_CODES.includes(reasonCode as ReasonCode)) {
    throw new LedgerError('bad_request', `a reason code is required: one of ${REASON_CODES.join(', ')}`, [
      'reasonCode',
    ]);
  }
  if (input.decision === 'confirmed' && reasonCode !== 'confirmed-match' && reasonCode !== 'other') {
    throw new LedgerError('bad_request', 'a confirmation takes "confirmed-match" or "other"', ['reasonCode']);
  }
  if (input.decision === 'false-positive' && reasonCode === 'confirmed-match') {
    throw new LedgerError('bad_request', '"confirmed-match" is not a reason to clear', ['reasonCode']);
  }
  if (input.scope === 'party' && !can(principal, 'clearance.decide-party')) {
    throw new LedgerError(
      'forbidden',
      'a clearance for every request of the organization (scope: party) is the regulator’s',
      ['scope'],
    );
  }
  if (input.decision === 'false-positive') {
    if (principal.organizationId === requestOrganizationId) {
      throw new LedgerError(
        'forbidden',
        'the organization that submitted the request cannot clear its own hits (four eyes): the regulator decides; you may confirm a match',
        ['decision'],
      );
    }
    if (requiresRegulator(hit) && !can(principal, 'clearance.clear-listed-match')) {
      throw new LedgerError(
        'forbidden',
        `a match scoring ${hit.score} on ${hit.source} is cleared by the regulator only`,
        ['decision'],
      );
    }
  }
  return reasonCode as ReasonCode;
}

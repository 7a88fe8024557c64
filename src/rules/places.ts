import { rulesCountry } from '../data/country-groups.js';
import type { ExportRequest } from '../domain/request.js';

/**
 * Where the items really go, and who the parties answer to (spec/frameworks.md §2). A rule that
 * asks "destination in X" asks it of every place here, and the most restrictive answer stands;
 * a rule about headquarters asks it of every affiliation.
 */
export type PlaceRole = 'ship-to' | 'end user' | 'ultimate consignee';
export type AffiliationRole =
  | 'end-user headquarters'
  | 'end-user ultimate parent'
  | 'ultimate-consignee headquarters'
  | 'ultimate-consignee ultimate parent';

export interface Place<R extends string = PlaceRole> {
  readonly role: R;
  /** The ISO code as the request gives it (HK stays HK; see `country`). */
  readonly code: string;
  /** The country the rules read: Hong Kong is treated as China. */
  readonly country: string;
}

/** The ultimate consignee: `parties[role=ultimate-consignee]`, else the end user (15 CFR 748.5). */
export interface Consignee {
  readonly name: string;
  readonly country: string | null;
  readonly fromParties: boolean;
}

const place = <R extends string>(role: R, code: string): Place<R> => ({
  role,
  code,
  country: rulesCountry(code),
});

/**
 * The destinations of a request: the ship-to destination, the end user's location (the
 * `endUser.country` and any `parties[role=end-user]`) and the ultimate consignee's location.
 * Each country once, the ship-to first; a later role naming the same country is not repeated.
 */
export function effectiveDestinations(request: ExportRequest): readonly Place[] {
  const destination = request.destination;
  const located = request.endUser.country;
  const parties = request.parties;
  const shipTo = place('ship-to', destination);
  if (parties.length === 0) {
    return located === undefined || located === destination ? [shipTo] : [shipTo, place('end user', located)];
  }
  const out: Place[] = [shipTo];
  addPlace(out, 'end user', located);
  for (let i = 0; i < parties.length; i++) {
    const party = parties[i]!;
    if (party.role === 'end-user') addPlace(out, 'end user', party.country);
    else if (party.role === 'ultimate-consignee') addPlace(out, 'ultimate consignee', party.country);
  }
  return out;
}

function addPlace(out: Place[], role: PlaceRole, code: string | undefined): void {
  if (code === undefined) return;
  for (let i = 0; i < out.length; i++) if (out[i]!.code === code) return;
  out.push(place(role, code));
}

const NO_AFFILIATIONS: readonly Place<AffiliationRole>[] = Object.freeze([]);

/** Headquarters and ultimate parent of the end user and of the ultimate consignee(s). */
export function affiliations(request: ExportRequest): readonly Place<AffiliationRole>[] {
  const endUser = request.endUser;
  const hq = endUser.headquarters;
  const parent = endUser.ultimateParent;
  const parties = request.parties;
  if (hq === undefined && parent === undefined && parties.length === 0) return NO_AFFILIATIONS;
  const out: Place<AffiliationRole>[] = [];
  addAffiliation(out, 'end-user headquarters', hq);
  addAffiliation(out, 'end-user ultimate parent', parent);
  for (let i = 0; i < parties.length; i++) {
    const party = parties[i]!;
    if (party.role === 'end-user') {
      addAffiliation(out, 'end-user headquarters', party.headquarters);
      addAffiliation(out, 'end-user ultimate parent', party.ultimateParent);
    } else if (party.role === 'ultimate-consignee') {
      addAffiliation(out, 'ultimate-consignee headquarters', party.headquarters);
      addAffiliation(out, 'ultimate-consignee ultimate parent', party.ultimateParent);
    }
  }
  return out;
}

function addAffiliation(
  out: Place<AffiliationRole>[],
  role: AffiliationRole,
  code: string | undefined,
): void {
  if (code === undefined) return;
  for (let i = 0; i < out.length; i++) if (out[i]!.role === role && out[i]!.code === code) return;
  out.push(place(role, code));
}

export const DIVERSION_REVIEW_CITATION =
  '15 CFR 732 Supp. No. 3 (red flags); BIS diversion guidance 2025-05-13 (red flags for advanced computing ICs)';

/**
 * Whether the end user is located in a different country from the ship-to destination: a red
 * flag of diversion (Supp. No. 3 to part 732; BIS's diversion guidance of 2025-05-13).
 */
export function endUserLocatedElsewhere(request: ExportRequest): boolean {
  const located = request.endUser.country;
  const destination = request.destination;
  if (located !== undefined && located !== destination && rulesCountry(located) !== rulesCountry(destination))
    return true;
  const parties = request.parties;
  for (let i = 0; i < parties.length; i++) {
    const party = parties[i]!;
    if (party.role === 'end-user' && party.country !== undefined) {
      if (rulesCountry(party.country) !== rulesCountry(destination)) return true;
    }
  }
  return false;
}

export function ultimateConsignee(request: ExportRequest): Consignee {
  for (const party of request.parties) {
    if (party.role === 'ultimate-consignee') {
      return { name: party.name, country: party.country ?? request.destination, fromParties: true };
    }
  }
  return {
    name: request.endUser.name,
    country: request.endUser.country ?? request.destination,
    fromParties: false,
  };
}

/**
 * A stable identity for a consignee's pool: the slug of its name and its country, so two firms
 * of the same name in different countries never share an LPP pool (spec/frameworks.md §3).
 */
export function consigneeKey(consignee: Consignee): string {
  return `${slug(consignee.name)}:${(consignee.country ?? 'xx').toLowerCase()}`;
}

/**
 * The LPP pool of a request: `lpp:consignee:<slug of the ultimate consignee's name>:<its
 * country>:<year>` (15 CFR 740.29(a): "directly to a single ultimate consignee").
 */
export function lppPool(request: ExportRequest, year: number): string {
  return `lpp:consignee:${consigneeKey(ultimateConsignee(request))}:${year}`;
}

/** A name as a pool-key fragment: lower case ASCII letters and digits joined by hyphens. */
export function slug(name: string): string {
  let out = slugCache.get(name);
  if (out === undefined) {
    out =
      name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'unnamed';
    if (slugCache.size >= SLUG_CACHE_LIMIT) slugCache.clear();
    slugCache.set(name, out);
  }
  return out;
}

/** Slugs already computed: the same consignees recur, and the slug is a pure function of the name. */
const slugCache = new Map<string, string>();
const SLUG_CACHE_LIMIT = 4096;

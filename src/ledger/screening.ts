import type { ExportRequest, PARTY_ROLES } from '../domain/request.js';
import { ALGORITHM_VERSION, entryContentHash, type Screener } from '../screening/index.js';
import type { Tx } from '../store/store.js';
import type { LedgerContext } from './context.js';
import { newId } from './ids.js';

/** What a screening of one party found, with each hit's standing after clearances. */
export interface PartyScreening {
  role: string;
  name: string;
  country: string | null;
  decision: 'clear' | 'potential-match';
  hits: {
    entityId: string;
    name: string;
    matchedName: string;
    source: string;
    score: number;
    licenseRequirement: string | null;
    licensePolicy: string | null;
    federalRegisterNotice: string | null;
    explanation: string;
    /** open: awaits a decision; cleared: a false positive; confirmed: the party is this entry. */
    status: 'open' | 'cleared' | 'confirmed';
    clearanceId: string | null;
  }[];
}

export interface RequestScreening {
  listVersion: string;
  algorithm: string;
  screenedAt: string;
  parties: PartyScreening[];
  /** Hits that keep the request on hold: open ones, and confirmed matches on lists that prohibit outright. */
  blocking: number;
  /** Confirmed Entity List matches, fed to the determination's `entity-list` rule. */
  entityList: ExportRequest['screening']['entityList'];
}

const ENTITY_LIST = 'Entity List';

/** Records a request's screenings (one row per party) once the request row exists. */
export async function recordScreenings(
  tx: Tx,
  organizationId: string,
  requestId: string,
  screening: RequestScreening,
): Promise<void> {
  for (const party of screening.parties) {
    await tx
      .insertInto('screenings')
      .values({
        id: newId('scr'),
        organization_id: organizationId,
        request_id: requestId,
        party_role: party.role,
        party_name: party.name,
        party_country: party.country,
        list_version: screening.listVersion,
        algorithm: screening.algorithm,
        decision: party.decision,
        open_hits: party.hits.filter((h) => h.status === 'open').length,
        hits: JSON.stringify(party.hits),
      })
      .execute();
  }
}

/** A party as screened: its name folded for matching clearances to later screenings. */
export function partyKey(name: string, country: string | null | undefined): string {
  return `${name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}|${country ?? ''}`;
}

export function requestParties(
  request: ExportRequest,
): { role: (typeof PARTY_ROLES)[number]; name: string; country: string | null }[] {
  const parties = [
    {
      role: 'end-user' as const,
      name: request.endUser.name,
      country: request.endUser.country ?? request.destination,
    },
    ...request.parties.map((p) => ({ role: p.role, name: p.name, country: p.country ?? null })),
  ];
  const seen = new Set<string>();
  return parties.filter((p) => {
    const key = `${p.role}|${partyKey(p.name, p.country)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Screens every party of a request against the current list, and applies the clearances on
 * record: a false-positive decision for this party and entry (for this request or for the
 * party generally), not expired, not invalidated, made against the same content of the
 * listed entry; or a confirmation.
 */
export async function screenParties(
  ctx: LedgerContext,
  tx: Tx,
  organizationId: string,
  requestId: string | null,
  request: ExportRequest,
): Promise<RequestScreening> {
  const screener: Screener = await ctx.screening.current(tx);
  const now = ctx.now();
  const parties: PartyScreening[] = [];
  let blocking = 0;
  const entityList: RequestScreening['entityList'] = [];
  for (const party of requestParties(request)) {
    const result = screener.screen({
      name: party.name,
      ...(party.country ? { country: party.country } : {}),
    });
    const key = partyKey(party.name, party.country);
    const ids = result.hits.map((h) => h.entityId);
    const clearances = ids.length
      ? await tx
          .selectFrom('clearances')
          .selectAll()
          .where('organization_id', '=', organizationId)
          .where('party_key', '=', key)
          .where('entity_id', 'in', ids)
          .where('invalidated_at', 'is', null)
          .where((eb) =>
            requestId
              ? eb.or([eb('request_id', 'is', null), eb('request_id', '=', requestId)])
              : eb('request_id', 'is', null),
          )
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
          .orderBy('created_at', 'desc')
          .execute()
      : [];
    const hits = result.hits.map((hit) => {
      const entry = screener.entry(hit.entityId);
      const hash = entry ? entryContentHash(entry) : '';
      const confirmed = clearances.find((c) => c.entity_id === hit.entityId && c.decision === 'confirmed');
      const cleared = clearances.find(
        (c) => c.entity_id === hit.entityId && c.decision === 'false-positive' && c.entity_hash === hash,
      );
      const status = confirmed ? 'confirmed' : cleared ? 'cleared' : 'open';
      if (status === 'open') blocking++;
      if (status === 'confirmed') {
        if (hit.source.includes(ENTITY_LIST)) {
          entityList.push({
            entityId: hit.entityId,
            name: hit.name,
            party: `${party.role} "${party.name}"`,
            licenseRequirement: hit.licenseRequirement,
            licensePolicy: hit.licensePolicy,
            federalRegisterNotice: hit.federalRegisterNotice,
          });
        } else {
          // SDN, Denied Persons and the like prohibit the export outright: it stays held.
          blocking++;
        }
      }
      return {
        entityId: hit.entityId,
        name: hit.name,
        matchedName: hit.matchedName,
        source: hit.source,
        score: hit.score,
        licenseRequirement: hit.licenseRequirement,
        licensePolicy: hit.licensePolicy,
        federalRegisterNotice: hit.federalRegisterNotice,
        explanation: hit.explanation.text,
        status: status as 'open' | 'cleared' | 'confirmed',
        clearanceId: (confirmed ?? cleared)?.id ?? null,
      };
    });
    parties.push({
      role: party.role,
      name: party.name,
      country: party.country,
      decision: result.decision,
      hits,
    });
  }
  return {
    listVersion: screener.snapshot.version,
    algorithm: ALGORITHM_VERSION,
    screenedAt: now.toISOString(),
    parties,
    blocking,
    entityList,
  };
}

/**
 * Response schemas of the screening routes: an ad-hoc screening, a request's screening, holds,
 * clearances and list versions (src/screening/types.ts, src/ledger/screening.ts). Objects are
 * open: fields the ledger adds later still reach the client.
 */
import { z } from 'zod';
import { RequestStatus, vocabulary } from './record-schemas.js';

const open = <T extends z.core.$ZodShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;
const stored = (schema: z.ZodType) => schema as unknown as z.ZodType<unknown>;
const DECISIONS = ['clear', 'potential-match'] as const;

export const ScreeningResultSchema = open({
  query: open({
    name: z.string(),
    country: z.string().optional(),
    type: vocabulary(['entity', 'individual']).optional(),
  }),
  listVersion: z.string(),
  algorithm: z.string(),
  threshold: z.number(),
  decision: vocabulary(DECISIONS),
  hitCount: z.number().int().describe('entries at or above the threshold; `hits` holds the best of them'),
  hits: z
    .array(
      open({
        entityId: z.string(),
        name: z.string().describe("the entry's primary name"),
        matchedName: z.string().describe('the name or alternative name that matched best'),
        source: z.string(),
        type: vocabulary(['entity', 'individual']).nullable(),
        countries: z.array(z.string()).readonly(),
        licenseRequirement: z.string().nullable(),
        licensePolicy: z.string().nullable(),
        federalRegisterNotice: z.string().nullable(),
        score: z.number().describe('0–1, after the country qualifier'),
        explanation: open({
          text: z.string(),
          tokens: z
            .array(open({ query: z.string(), listed: z.string(), how: z.string(), similarity: z.number() }))
            .readonly(),
          unmatchedQuery: z.array(z.string()).readonly(),
          unmatchedListed: z.array(z.string()).readonly(),
          queryCoverage: z.number(),
          listedCoverage: z.number(),
          countryAdjustment: z.number(),
        }),
      }),
    )
    .readonly(),
});

/** A request's screening as stored: each party, its hits and their standing. */
export const RequestScreeningSchema = open({
  listVersion: z.string(),
  algorithm: z.string(),
  screenedAt: z.string(),
  parties: z.array(
    open({
      role: z.string(),
      name: z.string(),
      country: z.string().nullable(),
      decision: vocabulary(DECISIONS),
      hits: z.array(
        open({
          entityId: z.string(),
          name: z.string(),
          matchedName: z.string(),
          source: z.string(),
          score: z.number(),
          licenseRequirement: z.string().nullable(),
          licensePolicy: z.string().nullable(),
          federalRegisterNotice: z.string().nullable(),
          explanation: z.string(),
          status: vocabulary(['open', 'cleared', 'confirmed']),
          clearanceId: z.string().nullable(),
        }),
      ),
    }),
  ),
  blocking: z.number().int().describe('hits that keep the request on hold'),
});

export const RequestScreeningResponse = open({
  id: z.string(),
  status: RequestStatus,
  screening: stored(RequestScreeningSchema.nullable()),
});

export const HoldList = z.object({
  holds: z.array(
    open({
      id: z.string(),
      organizationId: z.string(),
      reference: z.string().nullable(),
      framework: z.string(),
      screening: stored(RequestScreeningSchema.nullable()),
    }),
  ),
});

export const ClearanceResponse = open({
  clearanceId: z.string(),
  id: z.string().describe('the request'),
  status: RequestStatus,
  blocking: z.number().int(),
});

const countsBySource = z.record(z.string(), z.number().int());

export const ListVersionList = z.object({
  versions: z.array(
    open({
      version: z.string(),
      sha256: z.string(),
      format: z.string(),
      sourceDate: z.string().nullable(),
      importedAt: z.string(),
      entryCount: z.number().int(),
      countsBySource: stored(countsBySource),
      current: z.boolean(),
    }),
  ),
});

export const ListImportResult = open({
  version: z.string(),
  entryCount: z.number().int(),
  countsBySource,
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  clearancesInvalidated: z.number().int(),
  rescreened: z.number().int(),
  held: z.number().int(),
  licensesSuspended: z.number().int(),
});

/** GET /v1/clearances: each clearance with who decided, in which role, and why (issue 14, item 2). */
export const ClearanceList = z.object({
  clearances: z.array(
    open({
      id: z.string(),
      organizationId: z.string().describe('the exporter whose party or request it concerns'),
      requestId: z.string().nullable(),
      scope: z.enum(['request', 'party']),
      party: z.string().nullable(),
      entityId: z.string(),
      decision: z.enum(['false-positive', 'confirmed']),
      reasonCode: z.string().nullable(),
      note: z.string().nullable(),
      expiresAt: z.string().nullable(),
      invalidatedAt: z.string().nullable(),
      invalidatedReason: z.string().nullable(),
      decidedBy: open({
        organizationId: z.string().nullable(),
        name: z.string().nullable(),
        role: z.string().nullable(),
      }),
      createdAt: z.string().nullable(),
    }),
  ),
});

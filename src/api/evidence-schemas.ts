/** The evidence bundle as JSON (GET /v1/requests/{id}/evidence?format=json; src/reports/evidence.ts). */
import { z } from 'zod';
import { ExportRequestSchema } from '../domain/request.js';
import {
  ACTOR_ROLES,
  ItemDeterminationSchema,
  LicenseStatus,
  RequestStatus,
  RequirementSchema,
  StoredDecisionSchema,
  vocabulary,
} from './record-schemas.js';
import { RequestScreeningSchema } from './screening-schemas.js';

const open = <T extends z.core.$ZodShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;
const stored = (schema: z.ZodType) => schema as unknown as z.ZodType<unknown>;

export const EvidenceBundleSchema = open({
  generatedAt: z.string(),
  request: open({
    id: z.string(),
    organization: open({ id: z.string(), name: z.string() }),
    reference: z.string().nullable(),
    framework: z.string(),
    frameworkRevision: z.string(),
    status: RequestStatus,
    createdAt: z.string(),
    request: stored(ExportRequestSchema),
  }),
  determination: open({
    outcome: z.string(),
    authorization: z.string().nullable(),
    licensePolicy: z.string().nullable(),
    frameworkTitle: z.string(),
    frameworkStatus: z.string(),
    asOf: z.string(),
    explanation: z.string(),
    citations: z.array(z.string()),
    requirements: z.array(stored(RequirementSchema)),
    items: z.array(stored(ItemDeterminationSchema)),
  }),
  decision: stored(StoredDecisionSchema.nullable()),
  licenses: z.array(
    open({
      id: z.string(),
      kind: vocabulary(['license', 'exception']),
      status: LicenseStatus,
      validUntil: z.string().nullable(),
    }),
  ),
  screening: stored(RequestScreeningSchema.nullable()),
  audit: open({
    origin: z.string(),
    verifierKey: z.string().describe("the log's public key, a C2SP signed-note verifier key"),
    checkpoint: z.string().describe('the signed checkpoint the proofs are against'),
    treeSize: z.number().int(),
    rootHash: z.string(),
    entries: z.array(
      open({
        index: z.number().int(),
        action: z.string(),
        entity: z.string(),
        id: z.string(),
        when: z.string(),
        who: open({
          organizationId: z.string(),
          role: vocabulary(ACTOR_ROLES),
          keyId: z.string().nullable(),
        }),
        leaf: z.string().describe('the leaf: canonical JSON (RFC 8785)'),
        leafHash: z.string().describe('base64 SHA-256(0x00 ‖ leaf)'),
        proof: z.array(z.string()).describe('base64 hashes, leaf to root'),
      }),
    ),
    truncated: z.boolean().describe('more entries concern the request than the bundle lists'),
  }),
  howToVerify: z.array(z.string()),
}).describe('The evidence bundle (format=json); format=html and format=pdf render the same data');

/** The route's 200 schema: the JSON bundle is checked against it; HTML and PDF are sent as they are. */
export const EvidenceResponse = stored(EvidenceBundleSchema);

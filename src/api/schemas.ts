import { z } from 'zod';
import { ExportRequestSchema } from '../domain/request.js';
import { ROLES } from '../ledger/principal.js';
import { REQUEST_STATUSES } from '../ledger/requests/index.js';
import { ErrorBodySchema } from './errors.js';
import {
  ACTOR_ROLES,
  FullDeterminationSchema,
  JsonValue,
  LICENSE_KINDS,
  LicenseConditionsSchema,
  LicenseLineSchema,
  LicenseStatus,
  RequestStatus,
  StoredDecisionSchema,
  StoredDeterminationSchema,
  TraceNodeSchema,
  vocabulary,
} from './record-schemas.js';

/**
 * The API's request and response schemas. Request bodies and query strings are strict (an
 * unknown or misspelt field is a 400 naming it); the export request is the domain's own
 * schema, shared with the CLI. Response schemas describe the main fields and let the rest
 * through (`looseObject`), since the ledger may add fields.
 */

/**
 * An object schema that lets fields it does not list through (`z.looseObject` at run time), typed
 * as a plain object so the ledger's result interfaces can be returned as they are.
 */
export const open = <T extends z.core.$ZodShape>(shape: T) =>
  z.looseObject(shape) as unknown as z.ZodObject<T>;

const id = z.string().min(1, 'must not be empty');
const wholePositive = z.number().int('must be a whole number').positive('must be a positive whole number');
const wholeNonNegative = z
  .number()
  .int('must be a whole number')
  .nonnegative('must be zero or a positive whole number');
const isoDate = z.iso.date('must be a real date, YYYY-MM-DD');
/**
 * A whole number in a query string or path: digits only (so "", "1.5", "-1" and "1e3" are
 * refused), coerced to a number; the OpenAPI document types it as an integer.
 */
export const queryInteger = (min = 0, max = 999_999_999_999_999) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value),
    z
      .number({ error: 'must be a non-negative whole number' })
      .int('must be a non-negative whole number')
      .min(min, min === 0 ? 'must be a non-negative whole number' : `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
const queryCount = queryInteger();

export const IdParams = z.strictObject({ id });
export const IndexParams = z.strictObject({ index: queryCount });

// --- requests -------------------------------------------------------------------------------

export const SubmitBody = z.strictObject({
  framework: id
    .optional()
    .describe(
      'a framework id (GET /v1/frameworks); default us-ear-enforced, the export controls as BIS enforces them',
    ),
  request: ExportRequestSchema,
  installationId: id.optional().describe('an installation of your organization: its chips count'),
});

export const DeterminationSchema = FullDeterminationSchema;

export const SubmitResponse = open({
  id: z.string(),
  status: RequestStatus,
  determination: DeterminationSchema,
  licenseId: z.string().nullable().describe('the exception authorization recorded, if any'),
});

export const RequestRecord = open({
  id: z.string(),
  organizationId: z.string(),
  reference: z.string().nullable(),
  framework: z.string(),
  frameworkRevision: z.string(),
  status: RequestStatus,
  installationId: z.string().nullable(),
  determination: StoredDeterminationSchema,
  decision: z
    .union([StoredDecisionSchema, z.null()])
    .describe('null until the regulator decides') as unknown as z.ZodType<unknown>,
  createdAt: z.string(),
  updatedAt: z.string(),
  organizationName: z.string().optional().describe('the exporter (GET /v1/requests/{id} only)'),
  request: (ExportRequestSchema as unknown as z.ZodType<unknown>)
    .optional()
    .describe('the request as determined, history and assurances filled (GET /v1/requests/{id} only)'),
});

export const RequestHistory = z.object({
  requestId: z.string(),
  treeSize: z.number().int().describe('the audit log size the trail was read at'),
  entries: z.array(
    z.object({
      index: z.number().int(),
      when: z.string(),
      action: z.string(),
      entity: z.string(),
      id: z.string(),
      who: z.object({
        organizationId: z.string(),
        role: vocabulary(ACTOR_ROLES),
        keyId: z.string().nullable(),
      }),
    }),
  ),
  truncated: z.boolean(),
});

/** limit and cursor of a paginated list (newest first). */
const pageQuery = {
  limit: queryInteger(1, 500).optional().describe('rows per page, 1–500 (default 50)'),
  cursor: z.string().max(400, 'is too long').optional().describe('nextCursor of the previous page'),
};
const pageFields = {
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
  total: z.number().int().describe('rows in the whole list (with its filters)'),
};

export const RequestListQuery = z.strictObject({ status: z.enum(REQUEST_STATUSES).optional(), ...pageQuery });
export const RequestList = open({ requests: z.array(RequestRecord), ...pageFields });

export const DecisionBody = z.strictObject({
  decision: z.enum(['approve', 'deny']),
  conditions: z.array(z.string().min(1, 'must not be empty')).optional(),
  note: z.string().optional(),
  validUntil: isoDate.optional().describe('default: four years after the request date'),
  clusterLimit: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional()
    .describe("largest linked component of chips the license allows; default the license's chips"),
  clusterCountsScaleOut: z
    .boolean()
    .optional()
    .describe(
      'whether InfiniBand and RoCE links count toward that component (NVLink always does); default true',
    ),
});

export const DecisionResponse = open({
  id: z.string(),
  status: RequestStatus,
  licenseId: z.string().nullable(),
});

export const ReplayQuery = z.strictObject({
  framework: id
    .optional()
    .describe(
      'replay under this framework instead of the stored one, as of the request date (e.g. us-ear-enforced: what the enforced law says)',
    ),
});

export const ReplayResponse = open({
  id: z.string(),
  framework: z.string(),
  replayedUnder: z.string(),
  revisionThen: z.string(),
  revisionNow: z.string(),
  changed: z.boolean(),
  differences: z.array(open({ field: z.string(), stored: JsonValue, replayed: JsonValue })),
  determination: DeterminationSchema,
});

// --- licenses and shipments -----------------------------------------------------------------

const chipsTpp = z.object({ chips: z.number().int(), tpp: z.number() });

export const LicenseRecord = open({
  id: z.string(),
  requestId: z.string(),
  organizationId: z.string(),
  framework: z.string(),
  kind: vocabulary(
    LICENSE_KINDS,
    'license (issued on approval) or exception (a license exception on record)',
  ),
  authorization: z.string().nullable(),
  status: LicenseStatus,
  limits: chipsTpp,
  used: chipsTpp,
  lines: z.array(LicenseLineSchema),
  conditions: LicenseConditionsSchema.nullable(),
  validUntil: z.string().nullable(),
});
export const LicenseListQuery = z.strictObject(pageQuery);
export const LicenseList = open({ licenses: z.array(LicenseRecord), ...pageFields });

export const LicenseStatusBody = z.strictObject({
  status: z.enum(['active', 'suspended', 'revoked']),
  note: z.string().optional(),
});
export const LicenseStatusResponse = open({ id: z.string(), status: LicenseStatus });

export const ShipmentBody = z.strictObject({
  licenseId: id,
  chips: wholePositive,
  line: wholeNonNegative.optional().describe('the license line (request item index) when it has several'),
  installationId: id.optional(),
});
export const ShipmentResponse = open({
  id: z.string(),
  licenseId: z.string(),
  line: z.number().int(),
  chips: z.number().int(),
  tpp: z.number(),
  draws: z.array(open({ pool: z.string(), tpp: z.number() })),
  licenseStatus: LicenseStatus,
});
export const ShipmentListQuery = z.strictObject({ licenseId: id.optional(), ...pageQuery });
export const ShipmentList = open({
  shipments: z.array(
    open({
      id: z.string(),
      licenseId: z.string(),
      line: z.number().int(),
      chips: z.number().int(),
      tpp: z.number(),
      installationId: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  ...pageFields,
});

export const QuotaQuery = z.strictObject({ framework: id.optional() });
export const QuotaList = open({
  pools: z.array(
    open({
      framework: z.string(),
      pool: z.string(),
      kind: z.string(),
      limitTpp: z.number(),
      usedTpp: z.number(),
      remainingTpp: z.number(),
    }),
  ),
});

// --- agreements and installations -----------------------------------------------------------

export const AgreementBody = z.strictObject({
  country: z.string().min(1).describe('ISO 3166-1 alpha-2 code or name of the host country'),
  framework: id,
  g2gAssurances: z.boolean().optional(),
  siteVisitsAccepted: z.boolean().optional(),
  securityGuarantee: z.boolean().optional(),
  usInvestmentCommittedUsd: z.number().nonnegative('must be a non-negative amount').optional(),
  capTpp: wholePositive.nullable().optional(),
  note: z.string().optional(),
});
export const AgreementRecord = open({
  id: z.string(),
  country: z.string(),
  framework: z.string(),
  createdBy: z.string(),
  assurances: z.record(z.string(), z.boolean()),
  usInvestment: open({ committedUsd: z.number(), disbursedUsd: z.number() }),
  capTpp: z.number().nullable(),
  status: vocabulary(['active', 'terminated']),
  note: z.string(),
});
export const AgreementList = open({ agreements: z.array(AgreementRecord) });

export const DisbursementBody = z.strictObject({
  amountUsd: z.number().positive('must be a positive amount'),
  date: isoDate,
});
export const DisbursementResponse = open({
  id: z.string(),
  agreementId: z.string(),
  amountUsd: z.number(),
  date: z.string(),
});

export const InstallationBody = z.strictObject({
  name: z.string().min(1, 'is required'),
  country: z.string().min(1).describe('ISO 3166-1 alpha-2 code or country name'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  operator: z.string().min(1, 'is required'),
  baselineChips: wholeNonNegative.optional().describe('chips already at the site'),
});
export const InstallationRecord = open({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  country: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  operator: z.string(),
  baselineChips: z.number().int(),
});
export const InstallationList = open({ installations: z.array(InstallationRecord) });

// --- rules ----------------------------------------------------------------------------------

export const DeterminationsBody = z.strictObject({
  request: ExportRequestSchema,
  frameworks: z
    .array(id)
    .min(1, 'name at least one framework, or leave it out for all')
    .optional()
    .describe('framework ids; all registered frameworks when absent'),
});
export const DeterminationsResponse = open({ determinations: z.array(DeterminationSchema) });
export const FrameworkList = open({
  frameworks: z.array(
    open({
      id: z.string(),
      title: z.string(),
      kind: vocabulary(['framework', 'reform'], 'a framework, or a reform of `base`'),
      base: z.string().nullable(),
      revision: z.string(),
      citation: z.string(),
      summary: z.string(),
      parameters: z.array(
        open({
          id: z.string(),
          description: z.string(),
          unit: z.string().nullable(),
          values: z.array(
            open({ from: z.string(), value: JsonValue, source: z.string(), note: z.string().optional() }),
          ),
        }),
      ),
      rules: z.array(
        open({
          decision: vocabulary(['chips', 'modelWeights']),
          id: z.string(),
          title: z.string(),
          citation: z.string(),
          overrides: z.array(z.string()).readonly(),
          neutralizedBy: open({ reform: z.string(), reason: z.string(), citation: z.string() }).nullable(),
        }),
      ),
    }),
  ),
});

// --- audit ----------------------------------------------------------------------------------

export const InclusionQuery = z.strictObject({
  index: queryCount.describe('leaf index'),
  size: queryCount.describe('tree size, from a checkpoint'),
});
export const ConsistencyQuery = z.strictObject({
  from: queryCount.describe('the older tree size'),
  to: queryCount.describe('the newer tree size'),
});
export const ProofResponse = z.object({
  hashes: z.array(z.string()).describe('base64 SHA-256 hashes, leaf to root (RFC 9162)'),
});
export const LeafHashResponse = z.object({
  index: z.number(),
  leafHash: z.string().describe('base64 SHA-256(0x00 ‖ leaf bytes) (RFC 6962 §2.1)'),
});
export const LeafRangeQuery = z.strictObject({ start: queryCount, end: queryCount });
export const VerifyResponse = open({
  ok: z.boolean(),
  size: z.number().int(),
  root: z.string().describe('base64 RFC 6962 root of the entries in the table'),
  checkpointsChecked: z.number().int(),
  firstProblem: open({ index: z.number().int(), problem: z.string(), detail: z.string() }).nullable(),
});

export const HealthResponse = z.object({ ok: z.boolean(), store: z.enum(['pglite', 'postgres']) });

export const OrganizationList = z.object({
  organizations: z.array(
    z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), country: z.string().nullable() }),
  ),
});

export const MeResponse = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  role: z.enum(ROLES),
  country: z.string().nullable(),
});

/** What each error status means, for the OpenAPI document. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'bad input: `path` names the field',
  401: 'no API key, or an unknown or revoked one',
  403: "the key's role or organization may not do this",
  404: 'no such object visible to your organization',
  409: 'conflict: a license or quota would be exceeded, or the license is not active',
  422: 'the object is not in a state that allows this',
  500: 'internal error (logged; no detail is sent)',
  503: 'the store does not answer',
};

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 503;

/** Error responses to declare on a route (500 always). */
export function errors<S extends ErrorStatus>(...statuses: S[]): Record<S | 500, typeof ErrorBodySchema> {
  return Object.fromEntries([...statuses, 500].map((s) => [s, ErrorBodySchema])) as Record<
    S | 500,
    typeof ErrorBodySchema
  >;
}

/** Schemas named in the OpenAPI document's components (`$ref`s instead of copies). */
export const apiSchemas = z.registry<{ id: string; description?: string }>();
apiSchemas.add(ErrorBodySchema, { id: 'Error' });
apiSchemas.add(ExportRequestSchema, {
  id: 'ExportRequest',
  description: 'An export request (spec/contracts.md)',
});
apiSchemas.add(DeterminationSchema, { id: 'Determination' });
apiSchemas.add(TraceNodeSchema, { id: 'TraceNode' });
apiSchemas.add(JsonValue, { id: 'JsonValue', description: 'Any JSON value' });

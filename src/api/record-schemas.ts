/**
 * Response schemas of the ledger's records in full: the determination (items, requirements, quota
 * and trace), the stored decision, license lines and conditions. The OpenAPI document and the
 * dashboard's generated types (web/src/api-types.ts) come from these. Objects are `open`: a field
 * the ledger adds later still reaches the client, and the document lists every field it knows.
 * The vocabularies are the rules engine's own (src/rules/types.ts); the checks at the bottom keep
 * the two lists equal at compile time.
 */
import { z } from 'zod';
import { REQUEST_STATUSES } from '../ledger/requests/index.js';
import {
  type Authorization,
  type FrameworkStatus,
  type LicensePolicy,
  type Outcome,
  REQUIREMENT_CODES,
} from '../rules/types.js';

const open = <T extends z.core.$ZodShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;
const int = () => z.number().int();

/**
 * A closed vocabulary: an enum in the document and checked when a response is sent, typed as a
 * string for the route handlers (the ledger's records carry their statuses as strings).
 */
export const vocabulary = <const T extends readonly [string, ...string[]]>(
  values: T,
  description?: string,
) => {
  const schema = z.enum(values);
  return (description ? schema.describe(description) : schema) as unknown as z.ZodString;
};

/** A schema for a JSON column the ledger returns as `unknown`: typed in the document only. */
const stored = (schema: z.ZodType) => schema as unknown as z.ZodType<unknown>;

export const OUTCOMES = [
  'not-controlled',
  'no-license-required',
  'license-exception',
  'license-required',
] as const;
export const LICENSE_POLICIES = ['presumption-of-approval', 'case-by-case', 'presumption-of-denial'] as const;
export const AUTHORIZATIONS = ['AIA', 'ACA', 'NAC', 'LPP', 'UVEU', 'NVEU', 'SMALL-INSTALLATION'] as const;
export const FRAMEWORK_STATUSES = [
  'in-force',
  'compliance-deferred',
  'not-enforced',
  'proposed',
  'withdrawn',
  'not-yet-proposed',
  'abandoned',
] as const;
export const LICENSE_STATUSES = ['active', 'suspended', 'revoked', 'expired', 'exhausted'] as const;
export const LICENSE_KINDS = ['license', 'exception'] as const;
export const TRACE_STATUSES = ['applied', 'not-applicable', 'overridden', 'neutralized'] as const;
export const COMPARISON_OPS = ['<=', '<', '>=', '>', '=='] as const;

/** Any JSON value: parameter values and trace results, whose shape depends on the rule. */
export const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValue),
    z.record(z.string(), JsonValue),
  ]),
);

export const RequirementSchema = open({
  code: vocabulary(REQUIREMENT_CODES),
  satisfied: z.boolean().nullable().describe('null: not known yet (e.g. a certification still to be filed)'),
  citation: z.string(),
});

export const QuotaDrawSchema = open({
  pool: z.string().describe('the quota pool, e.g. "country:AE" or "company:…"'),
  tpp: z.number().describe('TPP the request draws from the pool'),
  limit: z.number().describe("the pool's limit in TPP"),
  usedBefore: z.number().describe('TPP used from the pool before this request'),
});

export const ItemDeterminationSchema = open({
  index: int().describe('position of the item in the request'),
  kind: vocabulary(['chip', 'model-weights']),
  label: z.string(),
  quantity: z.number(),
  classification: open({
    class: z.string().describe('ECCN class, e.g. 3A090.a'),
    eccn: z.string().nullable(),
    tpp: z.number().describe('total processing performance per chip'),
    pd: z.number().nullable().describe('performance density'),
    h100e: z.number().describe('H100 equivalents per chip'),
  }).nullable(),
  outcome: vocabulary(OUTCOMES),
  authorization: vocabulary(AUTHORIZATIONS).nullable(),
  licensePolicy: vocabulary(LICENSE_POLICIES).nullable(),
  rule: z.string().describe('the rule that decided the item'),
  citation: z.string(),
  quota: z
    .array(QuotaDrawSchema)
    .optional()
    .describe('what this item draws (the request `quota` sums these per pool)'),
});

export interface TraceNodeShape {
  rule: string;
  title?: string | undefined;
  citation: string;
  result: unknown;
  status?: string | undefined;
  parameters?: { id: string; value: unknown; from: string; source: string }[] | undefined;
  comparisons?:
    | { what: string; actual: number; op: string; threshold: number; passed: boolean }[]
    | undefined;
  facts?: { what: string; value: unknown; source: string }[] | undefined;
  notes?: string[] | undefined;
  children: TraceNodeShape[];
}

/** One node of the trace tree (spec/contracts.md: `{rule, citation, result, children}`). */
export const TraceNodeSchema: z.ZodType<TraceNodeShape> = z.lazy(() =>
  open({
    rule: z.string(),
    title: z.string().optional(),
    citation: z.string(),
    result: JsonValue,
    status: vocabulary(TRACE_STATUSES).optional(),
    parameters: z
      .array(open({ id: z.string(), value: JsonValue, from: z.string(), source: z.string() }))
      .optional(),
    comparisons: z
      .array(
        open({
          what: z.string(),
          actual: z.number(),
          op: vocabulary(COMPARISON_OPS),
          threshold: z.number(),
          passed: z.boolean(),
        }),
      )
      .optional(),
    facts: z.array(open({ what: z.string(), value: JsonValue, source: z.string() })).optional(),
    notes: z.array(z.string()).optional(),
    children: z.array(TraceNodeSchema),
  }),
);

const determinationShape = {
  framework: z.string(),
  frameworkTitle: z.string(),
  frameworkRevision: z.string(),
  frameworkStatus: vocabulary(FRAMEWORK_STATUSES),
  asOf: z.string().describe('the date the request was determined at (YYYY-MM-DD)'),
  requestId: z.string().nullable(),
  outcome: vocabulary([...OUTCOMES, 'out-of-coverage']),
  authorization: vocabulary(AUTHORIZATIONS)
    .nullable()
    .describe('the one authorization every licence-exception item shares; null when they differ'),
  authorizations: z
    .array(open({ authorization: vocabulary(AUTHORIZATIONS), items: z.array(int()) }))
    .describe('each distinct authorization with the indexes of the items that use it'),
  licensePolicy: vocabulary(LICENSE_POLICIES).nullable(),
  requirements: z.array(RequirementSchema),
  quota: z.array(QuotaDrawSchema),
  items: z.array(ItemDeterminationSchema),
  coveredRange: open({ from: z.string(), to: z.string().nullable() })
    .optional()
    .describe('the dates the framework covers (out-of-coverage answers only)'),
  explanation: z.string(),
  trace: TraceNodeSchema,
  citations: z.array(z.string()),
  sources: z
    .array(
      open({
        id: z.string(),
        title: z.string(),
        publisher: z.string(),
        date: z.string().nullable(),
        url: z.string().nullable(),
      }),
    )
    .describe('the bibliography behind `citations`: what a reader can open'),
  cfrText: open({
    framework: z.string(),
    outcome: vocabulary([...OUTCOMES, 'out-of-coverage']),
    authorization: vocabulary(AUTHORIZATIONS).nullable(),
    licensePolicy: vocabulary(LICENSE_POLICIES).nullable(),
  })
    .nullable()
    .optional()
    .describe(
      "us-ear-enforced: the CFR text's answer for the same request and date (null before it took effect)",
    ),
  uncertain: z
    .array(open({ code: z.string(), note: z.string(), citation: z.string() }))
    .optional()
    .describe('readings the sources leave open, each with its citation'),
};

export const FullDeterminationSchema = open(determinationShape).describe(
  'A determination (spec/contracts.md)',
);

/** A stored determination: lists leave out its `trace` (GET /v1/requests/{id} has it). */
export const StoredDeterminationSchema = stored(
  open({
    ...determinationShape,
    trace: TraceNodeSchema.optional().describe('absent in lists'),
    // Determinations stored before 2026-12 have neither field.
    authorizations: determinationShape.authorizations.optional(),
    sources: determinationShape.sources.optional(),
  }),
);

export const StoredDecisionSchema = open({
  decision: vocabulary(['approve', 'deny']),
  conditions: z.array(z.string()),
  note: z.string().nullable().optional(),
  validUntil: z.string().nullable().optional(),
  by: z.string().describe('the deciding organization'),
  at: z.string().describe('ISO 8601 date-time'),
});

export const LicenseLineSchema = open({
  index: int(),
  label: z.string(),
  chips: int(),
  tppPerChip: z.number(),
  shippedChips: int(),
  pools: z.array(open({ pool: z.string(), limit: z.number(), kind: z.string() })),
});

export const LicenseConditionsSchema = stored(
  z
    .union([
      open({
        requirements: z.array(RequirementSchema).optional(),
        imposed: z.array(z.string()).optional().describe("the regulator's conditions"),
        note: z.string().nullable().optional(),
      }),
      z.array(RequirementSchema),
    ])
    .describe(
      "a license: the determination's requirements, the regulator's conditions and note; an exception: the requirements",
    ),
);

/** Who wrote an audit entry: an organization's role, or the ledger itself (migrations, demo seeding). */
export const ACTOR_ROLES = ['exporter', 'regulator', 'host-government', 'auditor', 'system'] as const;

/** One line of a SNAP-R data pack (src/reports/snapr.ts). */
export const SnaprItemSchema = open({
  line: int(),
  eccn: z.string().nullable(),
  modelNumber: z.string(),
  manufacturer: z.string().nullable(),
  quantity: z.number(),
  units: z.string(),
  unitPriceUsd: z.number().nullable(),
  totalPriceUsd: z.number().nullable(),
  technicalDescription: z.string(),
  sources: z.record(z.string(), z.string()).describe('where each value came from'),
});

export const RequestStatus = vocabulary(REQUEST_STATUSES);
export const LicenseStatus = vocabulary(LICENSE_STATUSES);

// Compile-time: the enums above list exactly the rules engine's vocabularies.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const vocabulariesMatch: [
  Same<(typeof OUTCOMES)[number], Outcome>,
  Same<(typeof LICENSE_POLICIES)[number], LicensePolicy>,
  Same<(typeof AUTHORIZATIONS)[number], Authorization>,
  Same<(typeof FRAMEWORK_STATUSES)[number], FrameworkStatus>,
] = [true, true, true, true];
void vocabulariesMatch;

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Golden cases (after OpenFisca's YAML tests): each case is a request, the rule expected to
 * decide it and the expected determination; reform cases carry a counterfactual — the same
 * request under the base framework — so each reform rule is shown to change something.
 */
const Expectation = z.strictObject({
  outcome: z.string(),
  authorization: z.string().nullable().optional(),
  licensePolicy: z.string().nullable().optional(),
  /** Requirement code → satisfied (true / false / null); the set must match exactly. */
  requirements: z.record(z.string(), z.boolean().nullable()).optional(),
  quota: z
    .array(z.strictObject({ pool: z.string(), tpp: z.number(), limit: z.number(), usedBefore: z.number() }))
    .optional(),
  frameworkStatus: z.string().optional(),
  /** Each authorization with its item indexes (spec/contracts.md `authorizations`). */
  authorizations: z
    .array(z.strictObject({ authorization: z.string(), items: z.array(z.number()) }))
    .optional(),
  /** Codes of the `uncertain` entries, exactly (empty: none). */
  uncertain: z.array(z.string()).optional(),
  /** Rule ids that must have decided the items, in item order. */
  rules: z.array(z.string()).optional(),
  /** Substrings the explanation must contain. */
  explains: z.array(z.string()).optional(),
  error: z.strictObject({ path: z.array(z.union([z.string(), z.number()])) }).optional(),
  /** The CFR text's answer beside the enforced one (us-ear-enforced); null before it existed. */
  cfrText: z
    .strictObject({
      outcome: z.string(),
      authorization: z.string().nullable().optional(),
      licensePolicy: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

const GoldenCase = z.strictObject({
  name: z.string(),
  /** A boundary or counterfactual label, for reading the file. */
  kind: z.enum(['rule', 'boundary', 'counterfactual', 'error', 'status']).default('rule'),
  request: z.record(z.string(), z.unknown()),
  expect: Expectation,
  counterfactual: z.strictObject({ framework: z.string(), expect: Expectation }).optional(),
});

const GoldenFile = z.strictObject({
  framework: z.string(),
  /** Merged under every case's request (shallow per top-level key, deep for objects). */
  defaults: z.record(z.string(), z.unknown()).default({}),
  cases: z.array(GoldenCase).min(1),
});

export type GoldenExpectation = z.infer<typeof Expectation>;
export type GoldenCaseT = z.infer<typeof GoldenCase>;
export type GoldenFileT = z.infer<typeof GoldenFile>;

export function loadGoldenFile(path: string): GoldenFileT {
  return GoldenFile.parse(parse(readFileSync(path, 'utf8')));
}

/** The case's request with the file's defaults underneath. */
export function caseRequest(file: GoldenFileT, c: GoldenCaseT): Record<string, unknown> {
  return deepMerge(file.defaults, c.request);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isPlainObject(prior) && isPlainObject(value) ? deepMerge(prior, value) : (value as unknown);
  }
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

import type { FastifyError, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { type FieldPath, InputError, type InputIssue } from '../domain/errors.js';
import { errorData, issuesFromZod, knownKeys } from '../domain/zod-issues.js';
import { unknownFrameworkIssue } from '../frameworks/registry.js';
import { LedgerError } from '../ledger/errors.js';

/**
 * Every error the API sends, whatever its cause: `{"error": {"code", "message", "path"}}`
 * (spec/contracts.md). Input errors add the list of `issues` when there are several.
 */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('machine-readable: invalid_input, unauthenticated, forbidden, not_found, …'),
      message: z.string().describe('for people; never a stack trace'),
      path: z.array(z.union([z.string(), z.number()])).describe('the field at fault; [] for the whole call'),
      issues: z
        .array(
          z.object({
            code: z.string(),
            path: z.array(z.union([z.string(), z.number()])),
            message: z.string(),
          }),
        )
        .optional()
        .describe('every problem found in the input (400 only)'),
    }),
  })
  .describe('An error');

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export interface RenderedError {
  status: number;
  body: ErrorBody;
  /** Unexpected: log it, show none of it. */
  internal: boolean;
}

const FASTIFY_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** An input error's 400 body: the error data every door renders (domain/zod-issues.ts). */
function inputErrorBody(issues: readonly InputIssue[]): ErrorBody {
  return { error: errorData(issues) };
}

export function errorBody(code: string, message: string, path: FieldPath = []): ErrorBody {
  return { error: { code, message, path: [...path] } };
}

/** Maps any thrown value to its status and body. */
export function renderError(error: unknown): RenderedError {
  if (error instanceof InputError) {
    return { status: 400, body: inputErrorBody(error.issues), internal: false };
  }
  if (error instanceof LedgerError) {
    return { status: error.status, body: errorBody(error.code, error.message, error.path), internal: false };
  }
  const fastifyError = error as Partial<FastifyError> | null;
  if (
    fastifyError &&
    typeof fastifyError === 'object' &&
    typeof fastifyError.code === 'string' &&
    fastifyError.code.startsWith('FST_') &&
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const status = fastifyError.statusCode;
    if (Array.isArray(fastifyError.validation) && fastifyError.validation.length > 0) {
      // Only reached if a route escaped the Zod validator compiler (which throws InputError).
      const issues = fastifyError.validation.map((v) => ({
        code: String(v.keyword ?? 'invalid'),
        path: String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message: String(v.message ?? 'is invalid'),
      }));
      return { status: 400, body: inputErrorBody(issues), internal: false };
    }
    const code =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'invalid_json'
        : (FASTIFY_CODES[status] ?? 'bad_request');
    return { status, body: errorBody(code, String(fastifyError.message)), internal: false };
  }
  return {
    status: 500,
    body: errorBody('internal_error', 'internal error; it has been logged'),
    internal: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation: Zod schemas of every route part, translated by the one translator (domain/zod-issues).

/**
 * Fastify validator compiler for Zod schemas: a failure becomes an `InputError` (rendered as 400
 * by the error handler) whose issue paths are relative to the part checked (body, query, params).
 * A `framework` (or `frameworks`) the registry does not know is an issue of its own, listed first
 * whatever else is wrong, so the caller learns first that the framework is wrong.
 */
export function zodValidatorCompilerFor(frameworks: FrameworkIds): FastifySchemaCompiler<z.ZodType> {
  return ({ schema }) => {
    const known = [...knownKeys(schema)];
    return (data: unknown) => {
      const unknownFramework = frameworkIssues(frameworks, data);
      const result = schema.safeParse(data, { reportInput: true });
      if (result.success && unknownFramework.length === 0) return { value: result.data };
      const issues = result.success ? [] : issuesFromZod(result.error.issues, { known });
      return {
        error: new InputError([
          ...unknownFramework,
          ...issues.filter((i) => !unknownFramework.some((f) => samePath(f.path, i.path))),
        ]),
      };
    };
  };
}

/** The registry's ids, as the validator needs them. */
export interface FrameworkIds {
  has(id: string): boolean;
  ids(): string[];
}

function frameworkIssues(frameworks: FrameworkIds, data: unknown): InputIssue[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const record = data as Record<string, unknown>;
  const out: InputIssue[] = [];
  if (typeof record['framework'] === 'string') {
    const issue = unknownFrameworkIssue(frameworks, record['framework'], ['framework']);
    if (issue) out.push(issue);
  }
  const list = record['frameworks'];
  if (Array.isArray(list)) {
    list.forEach((id, index) => {
      if (typeof id !== 'string') return;
      const issue = unknownFrameworkIssue(frameworks, id, ['frameworks', index]);
      if (issue) out.push(issue);
    });
  }
  return out;
}

const samePath = (a: FieldPath, b: FieldPath) => a.length === b.length && a.every((p, i) => p === b[i]);

/** The default registry's validator (tests and tools that build a server without a ledger). */
export const zodValidatorCompiler = zodValidatorCompilerFor({ has: () => true, ids: () => [] });

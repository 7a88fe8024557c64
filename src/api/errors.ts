import type { FastifyError, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { type FieldPath, formatPath, InputError, type InputIssue } from '../domain/errors.js';
import { suggestion } from '../domain/request.js';
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

const formatApiIssue = (issue: InputIssue) =>
  issue.path.length ? `${formatPath(issue.path)}: ${issue.message}` : issue.message;

function inputErrorBody(issues: readonly InputIssue[]): ErrorBody {
  const first = issues[0];
  return {
    error: {
      code: 'invalid_input',
      message: issues.map(formatApiIssue).join('; ') || 'invalid input',
      path: [...(first?.path ?? [])],
      ...(issues.length > 1 ? { issues: issues.map((i) => ({ ...i, path: [...i.path] })) } : {}),
    },
  };
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
// Validation: Zod schemas of every route part, with paths kept as Zod gives them (array indexes
// stay numbers) and the messages the CLI gives for the same mistakes.

/** Every object key a schema knows, for "did you mean" on an unknown field. */
function knownKeys(schema: unknown, into = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return into;
  seen.add(schema);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return into;
  const shape = def['shape'] as Record<string, unknown> | undefined;
  if (shape) {
    for (const [key, value] of Object.entries(shape)) {
      into.add(key);
      knownKeys(value, into, seen);
    }
  }
  for (const inner of ['innerType', 'element', 'in', 'out', 'valueType']) knownKeys(def[inner], into, seen);
  const options = def['options'];
  if (Array.isArray(options)) for (const option of options) knownKeys(option, into, seen);
  return into;
}

const TYPE_NAMES: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
};

function describeInput(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function toIssues(issue: z.core.$ZodIssue, known: readonly string[]): InputIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code: 'unknown_field',
      path: [...path, key],
      message: `unknown field "${key}"${suggestion(key, known)}`,
    }));
  }
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return [{ code: 'missing_field', path, message: 'is required' }];
    if (path.length === 0 && issue.input === null && issue.expected === 'object') {
      return [{ code: 'missing_body', path, message: 'a JSON object is required' }];
    }
    // Zod's own wording ("Invalid input: expected number, received string"); a schema's message stays.
    if (!issue.message.startsWith('Invalid input'))
      return [{ code: 'invalid_type', path, message: issue.message }];
    const expected = TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
    return [
      { code: 'invalid_type', path, message: `must be ${expected}, not ${describeInput(issue.input)}` },
    ];
  }
  return [{ code: issue.code, path, message: issue.message }];
}

/**
 * Fastify validator compiler for Zod schemas: a failure becomes an `InputError` (rendered as 400
 * by the error handler) whose issue paths are relative to the part checked (body, query, params).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  const known = [...knownKeys(schema)];
  return (data: unknown) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new InputError(result.error.issues.flatMap((i) => toIssues(i, known))) };
  };
};

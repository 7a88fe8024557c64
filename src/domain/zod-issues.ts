import type { z } from 'zod';
import { type FieldPath, InputError, type InputIssue } from './errors.js';

/**
 * The one translator of Zod issues into our error data (Zod's "errors are data"): every door —
 * the CLI (exit 2), the API (400) and the jobs — renders the issues it gives, so the same mistake
 * has the same path, code and message wherever it is made.
 */

/** Every object key a schema knows, for "did you mean" on an unknown field. */
export function knownKeys(schema: unknown, into = new Set<string>(), seen = new Set<unknown>()): Set<string> {
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
  for (const inner of ['innerType', 'element', 'in', 'out', 'valueType', 'schema'])
    knownKeys(def[inner], into, seen);
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

/** Zod issues as our issues: paths kept as Zod gives them, under `prefix`; one issue per unknown key. */
export function issuesFromZod(
  issues: readonly z.core.$ZodIssue[],
  options: { known?: readonly string[]; prefix?: FieldPath } = {},
): InputIssue[] {
  const known = options.known ?? [];
  const prefix = options.prefix ?? [];
  return issues.flatMap((issue): InputIssue[] => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
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
    if (issue.code === 'custom' && typeof issue.params?.['code'] === 'string') {
      return [{ code: issue.params['code'], path, message: issue.message }];
    }
    if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return [{ code: 'invalid_value', path, message: `must be one of ${values}` }];
    }
    return [{ code: issue.code, path, message: issue.message }];
  });
}

const knownCache = new WeakMap<object, readonly string[]>();

/** Parses `input` with `schema`; every problem becomes an `InputError` issue naming its field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { prefix?: FieldPath } = {},
): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  let known = knownCache.get(schema);
  if (known === undefined) {
    known = [...knownKeys(schema)];
    knownCache.set(schema, known);
  }
  throw new InputError(issuesFromZod(parsed.error.issues, { known, prefix: options.prefix }));
}

/** Re-raises input errors of `fn` under `prefix` (a request that sits at `request` in a body). */
export function under<T>(prefix: FieldPath, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })));
    throw error;
  }
}

/**
 * The error data every door renders (the API's 400 body, a job's `error`; the CLI prints the
 * same issues, one line each): code `invalid_input`, the first issue's path, all messages, and
 * every issue with its own code.
 */
export interface ErrorData {
  code: string;
  message: string;
  path: (string | number)[];
  issues?: { code: string; path: (string | number)[]; message: string }[];
}

const formatted = (issue: InputIssue) =>
  issue.path.length ? `${formatFieldPath(issue.path)}: ${issue.message}` : issue.message;

export function errorData(issues: readonly InputIssue[]): ErrorData {
  const first = issues[0];
  return {
    code: 'invalid_input',
    message: issues.map(formatted).join('; ') || 'invalid input',
    path: [...(first?.path ?? [])],
    issues: issues.map((i) => ({ code: i.code, path: [...i.path], message: i.message })),
  };
}

function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** " (did you mean "quantity"?)" when a known name is within a small edit distance. */
export function suggestion(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

import type { z } from 'zod';
import { InputError, type InputIssue } from '../domain/errors.js';

/** Parses `input` with `schema`; every problem becomes an InputError issue naming its field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new InputError(parsed.error.issues.map(toIssue));
  return parsed.data;
}

function toIssue(issue: z.core.$ZodIssue): InputIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return {
      code: 'unknown_field',
      path,
      message: `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
    };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { code: 'missing_field', path, message: 'is required' };
  }
  return { code: issue.code, path, message: issue.message };
}

import type { z } from 'zod';
import { parseWith } from '../domain/zod-issues.js';

/** Parses `input` with `schema`; every problem becomes an InputError issue naming its field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  return parseWith(schema, input) as T;
}

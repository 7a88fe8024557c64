import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.js';
import { openApiDocument } from '../../scripts/openapi-document.js';
import { finishContract, isEmptySchema } from './contract.js';

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema: Schema }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
type Doc = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** Paths to values the schema leaves untyped: `{}`, or an object that lists no field and no value type. */
function untyped(schema: unknown, at: string, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return out;
  seen.add(schema);
  const s = schema as Schema;
  if (isEmptySchema(s)) out.push(at);
  const properties = (s['properties'] ?? {}) as Record<string, unknown>;
  const additional = s['additionalProperties'];
  if (
    s['type'] === 'object' &&
    Object.keys(properties).length === 0 &&
    (!additional || (typeof additional === 'object' && isEmptySchema(additional as Schema)))
  ) {
    out.push(`${at} (an object with no fields)`);
  }
  for (const [name, value] of Object.entries(properties)) untyped(value, `${at}.${name}`, out, seen);
  if (s['items']) untyped(s['items'], `${at}[]`, out, seen);
  if (additional && typeof additional === 'object') untyped(additional, `${at}{}`, out, seen);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    ((s[key] ?? []) as unknown[]).forEach((v, i) => {
      untyped(v, `${at}|${i}`, out, seen);
    });
  }
  return out;
}

function operations(doc: Doc): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
  );
}

describe('the OpenAPI contract', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = (await openApiDocument()) as unknown as Doc;
  });

  it('passes an outside OpenAPI linter (Redocly, recommended rules) with no errors', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    // Warnings too, but for a liveness probe that cannot answer 4xx.
    const warnings = problems.filter(
      (p) =>
        !(
          p.ruleId === 'operation-4xx-response' &&
          /~1(healthz|readyz|metrics)\//.test(p.location[0]?.pointer ?? '')
        ),
    );
    expect(warnings.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('catches a broken document (the lint can fail)', async () => {
    const broken = structuredClone(doc) as unknown as Record<string, unknown>;
    const paths = broken['paths'] as Doc['paths'];
    delete (paths['/v1/requests']!['get']!.responses as Record<string, unknown>)['200'];
    (paths['/v1/requests']!['get'] as { responses: Record<string, unknown> }).responses['200'] = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/NoSuchSchema' } } },
    };
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(broken),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
  });

  it('names every operation once (operationId) and the server it is served from', () => {
    const ids = operations(doc).map(([name, op]) => op.operationId ?? `(none: ${name})`);
    expect(ids.filter((id) => id.startsWith('(none'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('types every field of every response, and numeric query parameters as integers', () => {
    const problems: string[] = [];
    for (const [name, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          untyped(media.schema, `${name} ${status} ${type}`, problems);
        }
      }
      for (const parameter of op.parameters ?? []) {
        if (parameter.schema['type'] === 'string' && /^\^\\d/.test(String(parameter.schema['pattern']))) {
          problems.push(`${name} ?${parameter.name} is a string of digits, not an integer`);
        }
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas))
      untyped(schema, `#${name}`, problems);
    expect(problems).toEqual([]);
    expect(untyped({ type: 'object', properties: { a: {} } }, 'probe')).toEqual(['probe.a']);

    const determination = doc.components.schemas['Determination'] as { properties: Record<string, Schema> };
    expect(Object.keys(determination.properties)).toEqual(
      expect.arrayContaining(['items', 'requirements', 'quota', 'trace']),
    );
    expect(determination.properties['trace']).toEqual({ $ref: '#/components/schemas/TraceNode' });
    expect(determination.properties['outcome']!['enum']).toContain('license-required');
    const limit = doc.paths['/v1/requests']!['get']!.parameters!.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
  });

  it('fills in operationIds, servers and binary bodies, and keeps what a route set', () => {
    const finished = finishContract({
      info: {},
      paths: {
        '/x': {
          get: {
            operationId: 'mine',
            responses: {
              200: { content: { 'application/pdf': { schema: {} }, 'text/csv': { schema: {} } } },
            },
          },
        },
        '/v1/requests': { get: { responses: {} } },
      },
    }) as unknown as Doc & { paths: Record<string, Record<string, Operation>> };
    expect(finished.paths['/x']!['get']!.operationId).toBe('mine');
    expect(finished.paths['/v1/requests']!['get']!.operationId).toBe('listRequests');
    expect(finished.paths['/x']!['get']!.responses['200']!.content).toEqual({
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
    });
    expect(finished.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('has the dashboard types generated from it, committed and current (npm run gen:api-types)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const generated = await generateApiTypes();
    expect(committed === generated, `${API_TYPES_FILE} is stale: run npm run gen:api-types`).toBe(true);
    expect(generated).toContain('operations');
    expect(generated).toMatch(/listRequests: \{/);
  });
});

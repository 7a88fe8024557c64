import { OPERATION_IDS } from './operation-ids.js';

/**
 * The last touches to the OpenAPI document that make it a contract a client can be generated
 * from (openapi-typescript for the dashboard: `npm run gen:api-types`):
 * - every operation has an `operationId` (its route's own, or OPERATION_IDS);
 * - `servers` names the service itself (a relative URL: the document is served by the API);
 * - a body that is not JSON (CSV, HTML, PDF, the audit log's leaf bytes) is typed as text or
 *   binary instead of left empty;
 * - `additionalProperties: {}` (the response objects let fields the ledger adds through) is
 *   dropped: JSON Schema means the same without it, and generated types keep their listed
 *   fields instead of an index signature of `unknown`.
 */
export function finishContract<T>(document: T): T {
  const doc = document as {
    info?: { license?: { name: string; identifier?: string } };
    servers?: { url: string; description?: string }[];
    paths?: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, unknown> };
  };
  if (!doc.servers || doc.servers.length === 0) {
    doc.servers = [{ url: '/', description: 'The service that serves this document' }];
  }
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const id = operation.operationId ?? OPERATION_IDS[`${method.toUpperCase()} ${path}`];
      if (id) operation.operationId = id;
      for (const response of Object.values(operation.responses ?? {})) {
        const content = response.content ?? {};
        for (const [type, media] of Object.entries(content)) {
          // One route may answer in several types (its schema describes the JSON one), and the
          // types may share one media object: each gets its own.
          if (!type.includes('json')) {
            const text = type.startsWith('text/') || type.startsWith('application/x-www-form');
            content[type] = { schema: text ? { type: 'string' } : { type: 'string', format: 'binary' } };
            continue;
          }
          content[type] = { ...media };
          dropOpenAdditional(media.schema);
        }
      }
    }
  }
  for (const schema of Object.values(doc.components?.schemas ?? {})) dropOpenAdditional(schema);
  dropUnusedSchemas(doc);
  if (doc.info && !doc.info.license) doc.info.license = { name: 'Apache-2.0', identifier: 'Apache-2.0' };
  return document;
}

/**
 * Named schemas no operation refers to (the type provider names each registered schema twice, as
 * a request and as a response, whichever way it is used): left out, as generators would emit them.
 */
function dropUnusedSchemas(doc: {
  paths?: unknown;
  components?: { schemas?: Record<string, unknown> };
}): void {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
          const name = value.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else {
          visit(value);
        }
      }
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

const TYPE_KEYS = ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', 'not'];

/** A schema that says nothing about its value (description aside). */
export function isEmptySchema(schema: Record<string, unknown>): boolean {
  return !TYPE_KEYS.some((key) => key in schema);
}

function dropOpenAdditional(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropOpenAdditional(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const additional = record['additionalProperties'];
  if (
    record['type'] === 'object' &&
    record['properties'] &&
    Object.keys(record['properties']).length > 0 &&
    additional &&
    typeof additional === 'object' &&
    Object.keys(additional).length === 0
  ) {
    delete record['additionalProperties'];
  }
  for (const value of Object.values(record)) dropOpenAdditional(value);
}

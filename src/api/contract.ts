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
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (media.schema && isEmptySchema(media.schema) && !type.includes('json')) {
            media.schema = type.startsWith('text/')
              ? { type: 'string', description: media.schema['description'] }
              : { type: 'string', format: 'binary', description: media.schema['description'] };
            if (media.schema['description'] === undefined) delete media.schema['description'];
          }
          dropOpenAdditional(media.schema);
        }
      }
    }
  }
  for (const schema of Object.values(doc.components?.schemas ?? {})) dropOpenAdditional(schema);
  return document;
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
    additional &&
    typeof additional === 'object' &&
    Object.keys(additional).length === 0
  ) {
    delete record['additionalProperties'];
  }
  for (const value of Object.values(record)) dropOpenAdditional(value);
}

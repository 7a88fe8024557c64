import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from './openapi-document.js';

/** Where the dashboard's generated API types live (committed; `npm run gen:api-types` rewrites it). */
export const API_TYPES_FILE = 'web/src/api-types.ts';

const HEADER = `/**
 * The API's types, generated from its OpenAPI document (src/api/schemas.ts and the routes' Zod
 * schemas) by openapi-typescript. Do not edit: run \`npm run gen:api-types\`.
 */

`;

/** The text of web/src/api-types.ts for the document the service publishes now. */
export async function generateApiTypes(): Promise<string> {
  const document = await openApiDocument();
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes its own OpenAPI3 type
  const ast = await openapiTS(document as any, { alphabetize: false, immutable: false });
  return HEADER + namedJsonValue(astToString(ast));
}

const JSON_VALUE_MEMBER =
  /JsonValue: string \| number \| boolean \| null \| components\["schemas"\]\["JsonValue"\]\[\] \| \{\s*\[key: string\]: components\["schemas"\]\["JsonValue"\];\s*\};/;

/**
 * TypeScript refuses a member of an interface that refers to itself through an array
 * (`components["schemas"]["JsonValue"][]`), so the recursive JSON value becomes a type alias.
 */
function namedJsonValue(source: string): string {
  if (!JSON_VALUE_MEMBER.test(source))
    throw new Error('generated types: the JsonValue schema has changed shape');
  return `${source.replace(JSON_VALUE_MEMBER, 'JsonValue: JsonValue;')}
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
`;
}

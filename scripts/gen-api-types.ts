/**
 * Regenerates the dashboard's API types (web/src/api-types.ts) from the OpenAPI document:
 * `npm run gen:api-types`. A test fails while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from './api-types.js';

writeFileSync(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);

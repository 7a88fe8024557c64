import { buildServer } from '../src/api/server.js';
import { openLedger } from '../src/ledger/ledger.js';

/**
 * The OpenAPI document the service publishes at /openapi.json, built from the routes' Zod schemas
 * over a throwaway in-memory store (the document does not depend on what a store holds). Used to
 * generate the dashboard's types (`npm run gen:api-types`) and by the contract tests.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const ledger = await openLedger({ dataDir: 'memory://' });
  try {
    const app = await buildServer(ledger, { webRoot: null });
    try {
      return structuredClone(app.swagger()) as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await ledger.close();
  }
}

import type { operations } from './api-types.js';

/**
 * The ledger's records as the API returns them: aliases of the types generated from its OpenAPI
 * document (web/src/api-types.ts; `npm run gen:api-types`), so the dashboard cannot drift from it.
 */

/** The JSON body of an operation's success response. */
export type ResponseOf<K extends keyof operations, S extends number = 200> =
  operations[K]['responses'] extends Record<S, { content: { 'application/json': infer B } }> ? B : never;

export type RequestRecord = ResponseOf<'getRequest'>;
export type LicenseRecord = ResponseOf<'getLicense'>;
export type LicenseLine = LicenseRecord['lines'][number];
export type ShipmentRecord = ResponseOf<'listShipments'>['shipments'][number];
export type Installation = ResponseOf<'listInstallations'>['installations'][number];

export const REQUEST_STATUSES = [
  'submitted',
  'determined',
  'approved',
  'denied',
  'held',
] as const satisfies readonly RequestRecord['status'][];

export const shortDate = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
export const dateTime = (iso: string | null | undefined) =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';

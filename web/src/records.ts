import type { DeterminationView } from './components/Determination.js';

/** The ledger's records as the API returns them (src/api/schemas.ts); only the fields shown are typed. */

export interface RequestRecord {
  id: string;
  organizationId: string;
  reference: string | null;
  framework: string;
  frameworkRevision: string;
  status: string;
  installationId: string | null;
  determination: DeterminationView;
  decision: { decision: string; conditions: string[]; note: string; by: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface LicenseLine {
  index: number;
  label: string;
  chips: number;
  tppPerChip: number;
  shippedChips: number;
  pools: { pool: string; limit: number; kind: string }[];
}

export interface LicenseRecord {
  id: string;
  requestId: string;
  organizationId: string;
  framework: string;
  kind: string;
  authorization: string | null;
  status: string;
  limits: { chips: number; tpp: number };
  used: { chips: number; tpp: number };
  lines: LicenseLine[];
  conditions: { requirements?: { code: string }[]; imposed?: string[]; note?: string } | null;
  validUntil: string | null;
}

export interface ShipmentRecord {
  id: string;
  licenseId: string;
  line: number;
  chips: number;
  tpp: number;
  installationId: string | null;
  createdAt: string;
}

export interface Installation {
  id: string;
  name: string;
  country: string;
  operator: string;
}

export const REQUEST_STATUSES = ['submitted', 'determined', 'approved', 'denied', 'held'] as const;

export const shortDate = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
export const dateTime = (iso: string | null | undefined) =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';

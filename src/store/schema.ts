import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. Amounts of TPP and chips are int8, read back as numbers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: string;
  name: string;
  role: 'exporter' | 'regulator' | 'host-government' | 'auditor';
  country: string | null;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  key_hash: string;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface InstallationsTable {
  id: string;
  organization_id: string;
  name: string;
  country: string;
  lat: number | null;
  lon: number | null;
  operator: string;
  /** Chips already at the site before the ledger knew of it. */
  baseline_chips: number;
  created_at: Timestamp;
}

export interface PartiesTable {
  id: string;
  organization_id: string;
  request_id: string | null;
  role: 'purchaser' | 'intermediate-consignee' | 'ultimate-consignee' | 'end-user';
  name: string;
  country: string | null;
  created_at: Timestamp;
}

export interface RequestsTable {
  id: string;
  organization_id: string;
  reference: string | null;
  framework: string;
  framework_revision: string;
  status: 'submitted' | 'determined' | 'approved' | 'denied' | 'held';
  installation_id: string | null;
  input: Json;
  normalized: Json;
  determination: Json;
  outcome: string;
  decision: Json | null;
  screening: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListVersionsTable {
  version: string;
  sha256: string;
  format: string;
  source_date: string | null;
  imported_at: Timestamp;
  entry_count: number;
  counts: Json;
  /** gzip of the snapshot JSON; null for the list shipped with the software. */
  snapshot: Uint8Array | null;
  is_current: boolean;
}

export interface ScreeningsTable {
  id: string;
  organization_id: string;
  request_id: string | null;
  party_role: string;
  party_name: string;
  party_country: string | null;
  list_version: string;
  algorithm: string;
  decision: string;
  open_hits: number;
  hits: Json;
  created_at: Timestamp;
}

export interface ClearancesTable {
  id: string;
  organization_id: string;
  party_key: string;
  request_id: string | null;
  entity_id: string;
  entity_hash: string;
  decision: 'false-positive' | 'confirmed';
  note: string;
  expires_at: Timestamp | null;
  invalidated_at: Timestamp | null;
  invalidated_reason: string | null;
  decided_by: string;
  created_at: Timestamp;
}

export interface LicensesTable {
  id: string;
  request_id: string;
  organization_id: string;
  framework: string;
  kind: 'license' | 'exception';
  authorization: string | null;
  status: 'active' | 'suspended' | 'revoked' | 'expired' | 'exhausted';
  limit_chips: number;
  limit_tpp: number;
  used_chips: Generated<number>;
  used_tpp: Generated<number>;
  lines: Json;
  conditions: Json;
  valid_until: string | null;
  created_at: Timestamp;
}

export interface ShipmentsTable {
  id: string;
  license_id: string;
  organization_id: string;
  line: number;
  chips: number;
  tpp: number;
  installation_id: string | null;
  created_at: Timestamp;
}

export interface QuotaPoolsTable {
  framework: string;
  pool: string;
  kind: string;
  limit_tpp: number;
  used_tpp: Generated<number>;
}

export interface QuotaDrawsTable {
  id: Generated<number>;
  framework: string;
  pool: string;
  shipment_id: string;
  tpp: number;
}

export interface AgreementsTable {
  id: string;
  country: string;
  framework: string;
  created_by: string;
  g2g_assurances: boolean;
  site_visits_accepted: boolean;
  security_guarantee: boolean;
  us_investment_committed_usd: number;
  cap_tpp: number | null;
  status: 'active' | 'terminated';
  note: string;
  created_at: Timestamp;
}

export interface DisbursementsTable {
  id: string;
  agreement_id: string;
  amount_usd: number;
  date: string;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  request_id: string;
  organization_id: string;
  kind: string;
  filed_at: Timestamp;
  body: Json;
}

export interface SiteVisitsTable {
  id: string;
  installation_id: string;
  status: 'scheduled' | 'done' | 'cancelled';
  scheduled_for: string;
  done_at: Timestamp | null;
  findings: string | null;
  created_at: Timestamp;
}

export interface AuditEntriesTable {
  idx: number;
  leaf: Uint8Array;
  /** RFC 6962 root of the tree of entries 0..idx, recorded at append time. */
  root_after: Uint8Array;
  created_at: Timestamp;
}

export interface AuditHeadTable {
  id: number;
  size: number;
}

export interface AuditCheckpointsTable {
  size: number;
  root: Uint8Array;
  note: string;
  created_at: Timestamp;
}

export interface Database {
  organizations: OrganizationsTable;
  api_keys: ApiKeysTable;
  installations: InstallationsTable;
  parties: PartiesTable;
  requests: RequestsTable;
  licenses: LicensesTable;
  shipments: ShipmentsTable;
  quota_pools: QuotaPoolsTable;
  quota_draws: QuotaDrawsTable;
  agreements: AgreementsTable;
  disbursements: DisbursementsTable;
  notifications: NotificationsTable;
  site_visits: SiteVisitsTable;
  audit_entries: AuditEntriesTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  list_versions: ListVersionsTable;
  screenings: ScreeningsTable;
  clearances: ClearancesTable;
}

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
  /** Migration 0008: an application (may be authorized) or an analysis (src/ledger/licensing-settings.ts). */
  kind: Generated<'application' | 'analysis'>;
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
  /** Migration 0007: which list this is a version of (`csl`, or an internal list's name). */
  list_name: Generated<string>;
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
  /** Migration 0006: the decider's role and the reason code (four eyes, issue 14). */
  decided_role: string | null;
  reason_code: string | null;
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
  /** Largest connected component of linked chips the license allows (issue 5 item 1). */
  cluster_limit: number | null;
  /** Whether InfiniBand / RoCE links count toward that component. */
  cluster_counts_scale_out: Generated<boolean>;
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
  /** The leaf's subject, copied beside it for access control (migration 0005; null: regulator and auditors only). */
  subject_org: string | null;
  subject_country: string | null;
  created_at: Timestamp;
}

/** Committed audit entries not yet given an index by the integrator (src/ledger/audit-log/log.ts). */
export interface AuditPendingTable {
  seq: Generated<number>;
  xact: Generated<number>;
  leaf: Uint8Array;
  subject_org: string | null;
  subject_country: string | null;
  created_at: Generated<Timestamp>;
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

export interface MonitoringSettingsTable {
  id: number;
  /** 32+ secret bytes for service nonces, shared by every process that verifies check-ins. */
  nonce_key: Uint8Array;
  nonce_ttl_ms: number;
  interval_ms: number;
  processing_min_ms: number;
  /** Landmarks assigned with each nonce (k). */
  landmarks_per_checkin: Generated<number>;
  /** Where each default comes from. */
  sources: Json<Record<string, string>>;
  updated_at: Timestamp;
}

export type MonitoringVerdict = 'PASS' | 'INCONCLUSIVE' | 'SITE_INCONSISTENT';

export interface DevicesTable {
  id: string;
  organization_id: string;
  license_id: string;
  installation_id: string;
  model: string;
  algorithm: 'ed25519' | 'ecdsa-p384';
  /** base64 DER SPKI. */
  public_key: string;
  status: 'active' | 'retired';
  enrolled_at: Timestamp;
  retired_at: Timestamp | null;
  /** The verifier's state: last accepted sequence, issue time (Unix ms) of the last nonce used. */
  last_sequence: number | null;
  last_nonce_at: number | null;
  last_seen_at: Timestamp | null;
  last_verdict: MonitoringVerdict | null;
  /** Set when a sweep found the device silent for two intervals; cleared by its next check-in. */
  missing_since: Timestamp | null;
  /** Accepted check-ins since the last PASS (all, when none), and when the last PASS was accepted. */
  checkins_without_pass: Generated<number>;
  last_pass_at: Timestamp | null;
}

export interface LandmarksTable {
  id: string;
  name: string;
  lat: number;
  lon: number;
  operator: string;
  public_key: string;
  registered_by: string;
  registered_at: Timestamp;
}

export interface CheckinsTable {
  id: Generated<number>;
  device_id: string;
  sequence: number;
  /** hex SHA-256 of the check-in's signature: with device and sequence, its idempotency key. */
  signature_sha256: string;
  body: Json;
  received_at: Timestamp;
  accepted: boolean;
  problems: Json<string[]>;
  verdict: MonitoringVerdict | null;
  location: Json | null;
  findings: Json<unknown[]>;
  alert_ids: Json<string[]>;
}

export interface DeviceLinksTable {
  /** The ends in id order (device_a < device_b). */
  device_a: string;
  device_b: string;
  license_a: string;
  license_b: string;
  port_a: number | null;
  port_b: number | null;
  kind: 'nvlink' | 'nvswitch' | 'infiniband' | 'roce';
  state: 'up' | 'down';
  speed_gbps: number;
  first_seen: Timestamp;
  last_seen: Timestamp;
  /** When each end last reported the link (null: never): a link counts when both did recently. */
  reported_a_at: Timestamp | null;
  reported_b_at: Timestamp | null;
  sequence_a: number | null;
  sequence_b: number | null;
}

export type AlertKind = 'location' | 'location-unverified' | 'cluster' | 'missing' | 'forged' | 'replayed';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertsTable {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  /** What the alert is about (a device id, or a component's key): one unresolved alert per kind and subject. */
  subject: string;
  organization_id: string;
  license_id: string;
  installation_id: string | null;
  device_ids: Json<string[]>;
  summary: string;
  evidence: Json<Record<string, unknown>>;
  opened_at: Timestamp;
  updated_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution: 'false-alarm' | 'remediated' | 'referred' | null;
  note: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  organization_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: Json;
  input: Json | null;
  result: Json | null;
  error: Json | null;
  owner: string | null;
  attempts: Generated<number>;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
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
  audit_pending: AuditPendingTable;
  audit_checkpoints: AuditCheckpointsTable;
  list_versions: ListVersionsTable;
  screenings: ScreeningsTable;
  clearances: ClearancesTable;
  monitoring_settings: MonitoringSettingsTable;
  devices: DevicesTable;
  landmarks: LandmarksTable;
  checkins: CheckinsTable;
  device_links: DeviceLinksTable;
  alerts: AlertsTable;
  jobs: JobsTable;
}

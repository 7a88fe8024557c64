import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Versioned migrations, applied in order on start. Never edit a published migration: add a
 * new one. Written in SQL so the PostgreSQL server and PGlite run exactly the same DDL.
 */
const migrations: Record<string, Migration> = {
  '0001-ledger': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table organizations (
          id text primary key,
          name text not null unique,
          role text not null check (role in ('exporter', 'regulator', 'host-government', 'auditor')),
          country text,
          created_at timestamptz not null default now()
        );
        create table api_keys (
          id text primary key,
          organization_id text not null references organizations(id),
          key_hash text not null unique,
          label text not null default '',
          created_at timestamptz not null default now(),
          revoked_at timestamptz
        );
        create table installations (
          id text primary key,
          organization_id text not null references organizations(id),
          name text not null,
          country text not null,
          lat double precision,
          lon double precision,
          operator text not null,
          baseline_chips bigint not null default 0 check (baseline_chips >= 0),
          created_at timestamptz not null default now()
        );
        create table requests (
          id text primary key,
          organization_id text not null references organizations(id),
          reference text,
          framework text not null,
          framework_revision text not null,
          status text not null check (status in ('submitted', 'determined', 'approved', 'denied', 'held')),
          installation_id text references installations(id),
          input jsonb not null,
          normalized jsonb not null,
          determination jsonb not null,
          outcome text not null,
          decision jsonb,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create index requests_org_status on requests (organization_id, status);
        create table parties (
          id text primary key,
          organization_id text not null references organizations(id),
          request_id text references requests(id),
          role text not null,
          name text not null,
          country text,
          created_at timestamptz not null default now()
        );
        create table licenses (
          id text primary key,
          request_id text not null unique references requests(id),
          organization_id text not null references organizations(id),
          framework text not null,
          kind text not null check (kind in ('license', 'exception')),
          "authorization" text,
          status text not null check (status in ('active', 'suspended', 'revoked', 'expired', 'exhausted')),
          limit_chips bigint not null check (limit_chips >= 0),
          limit_tpp bigint not null check (limit_tpp >= 0),
          used_chips bigint not null default 0,
          used_tpp bigint not null default 0,
          lines jsonb not null,
          conditions jsonb not null,
          valid_until date,
          created_at timestamptz not null default now(),
          check (used_chips <= limit_chips and used_tpp <= limit_tpp)
        );
        create table shipments (
          id text primary key,
          license_id text not null references licenses(id),
          organization_id text not null references organizations(id),
          line integer not null,
          chips bigint not null check (chips > 0),
          tpp bigint not null,
          installation_id text references installations(id),
          created_at timestamptz not null default now()
        );
        create table quota_pools (
          framework text not null,
          pool text not null,
          kind text not null,
          limit_tpp bigint not null,
          used_tpp bigint not null default 0,
          primary key (framework, pool),
          check (used_tpp <= limit_tpp)
        );
        create table quota_draws (
          id bigserial primary key,
          framework text not null,
          pool text not null,
          shipment_id text not null references shipments(id),
          tpp bigint not null,
          foreign key (framework, pool) references quota_pools(framework, pool)
        );
        create table agreements (
          id text primary key,
          country text not null,
          framework text not null,
          created_by text not null references organizations(id),
          g2g_assurances boolean not null default false,
          site_visits_accepted boolean not null default false,
          security_guarantee boolean not null default false,
          us_investment_committed_usd double precision not null default 0,
          cap_tpp bigint,
          status text not null default 'active' check (status in ('active', 'terminated')),
          note text not null default '',
          created_at timestamptz not null default now()
        );
        create index agreements_country on agreements (country, framework, status);
        create table disbursements (
          id text primary key,
          agreement_id text not null references agreements(id),
          amount_usd double precision not null check (amount_usd > 0),
          date date not null,
          created_at timestamptz not null default now()
        );
        create table notifications (
          id text primary key,
          request_id text not null references requests(id),
          organization_id text not null references organizations(id),
          kind text not null,
          filed_at timestamptz not null default now(),
          body jsonb not null
        );
        create table site_visits (
          id text primary key,
          installation_id text not null references installations(id),
          status text not null check (status in ('scheduled', 'done', 'cancelled')),
          scheduled_for date not null,
          done_at timestamptz,
          findings text,
          created_at timestamptz not null default now()
        );
        create table audit_entries (
          idx bigint primary key,
          leaf bytea not null,
          root_after bytea not null,
          created_at timestamptz not null default now()
        );
        create table audit_head (
          id integer primary key check (id = 1),
          size bigint not null
        );
        insert into audit_head (id, size) values (1, 0);
        create table audit_checkpoints (
          size bigint primary key,
          root bytea not null,
          note text not null,
          created_at timestamptz not null default now()
        );
      `.execute(db);
    },
  },
  '0002-screening': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table list_versions (
          version text primary key,
          sha256 text not null,
          format text not null,
          source_date text,
          imported_at timestamptz not null,
          entry_count integer not null,
          counts jsonb not null,
          snapshot bytea,
          is_current boolean not null default false
        );
        create table screenings (
          id text primary key,
          organization_id text not null,
          request_id text references requests(id),
          party_role text not null,
          party_name text not null,
          party_country text,
          list_version text not null,
          algorithm text not null,
          decision text not null,
          open_hits integer not null,
          hits jsonb not null,
          created_at timestamptz not null default now()
        );
        create index screenings_request on screenings (request_id);
        create table clearances (
          id text primary key,
          organization_id text not null references organizations(id),
          party_key text not null,
          request_id text references requests(id),
          entity_id text not null,
          entity_hash text not null,
          decision text not null check (decision in ('false-positive', 'confirmed')),
          note text not null,
          expires_at timestamptz,
          invalidated_at timestamptz,
          invalidated_reason text,
          decided_by text not null,
          created_at timestamptz not null default now()
        );
        create index clearances_party on clearances (organization_id, party_key, entity_id);
        alter table requests add column screening jsonb;
      `.execute(db);
    },
  },
  '0003-monitoring': {
    async up(db: Kysely<unknown>) {
      // Post-export monitoring (docs/monitoring-protocol.md). The verifier's per-device state lives on
      // the device row, read and written under a row lock so one device's check-ins serialize.
      await sql`
        alter table licenses add column cluster_limit bigint check (cluster_limit > 0);
        alter table licenses add column cluster_counts_scale_out boolean not null default true;
        update licenses set cluster_limit = greatest(limit_chips, 1);
        create table monitoring_settings (
          id integer primary key check (id = 1),
          nonce_key bytea not null check (length(nonce_key) >= 32),
          nonce_ttl_ms bigint not null check (nonce_ttl_ms > 0),
          interval_ms bigint not null check (interval_ms > 0),
          processing_min_ms double precision not null check (processing_min_ms >= 0),
          sources jsonb not null,
          updated_at timestamptz not null default now()
        );
        create table devices (
          id text primary key,
          organization_id text not null references organizations(id),
          license_id text not null references licenses(id),
          installation_id text not null references installations(id),
          model text not null,
          algorithm text not null check (algorithm in ('ed25519', 'ecdsa-p384')),
          public_key text not null,
          status text not null check (status in ('active', 'retired')),
          enrolled_at timestamptz not null,
          retired_at timestamptz,
          last_sequence bigint,
          last_nonce_at bigint,
          last_seen_at timestamptz,
          last_verdict text check (last_verdict in ('PASS', 'INCONCLUSIVE', 'SITE_INCONSISTENT')),
          missing_since timestamptz
        );
        create index devices_license on devices (license_id, status);
        create index devices_installation on devices (installation_id);
        create index devices_organization on devices (organization_id);
        create table landmarks (
          id text primary key,
          name text not null,
          lat double precision not null check (lat between -90 and 90),
          lon double precision not null check (lon between -180 and 180),
          operator text not null,
          public_key text not null,
          registered_by text not null,
          registered_at timestamptz not null
        );
        create table checkins (
          id bigserial primary key,
          device_id text not null references devices(id),
          sequence bigint not null,
          signature_sha256 text not null,
          body jsonb not null,
          received_at timestamptz not null,
          accepted boolean not null,
          problems jsonb not null,
          verdict text,
          location jsonb,
          findings jsonb not null,
          alert_ids jsonb not null,
          unique (device_id, sequence, signature_sha256)
        );
        create index checkins_received on checkins (received_at);
        create table device_links (
          device_a text not null references devices(id),
          device_b text not null references devices(id),
          license_a text not null references licenses(id),
          license_b text not null references licenses(id),
          port_a integer,
          port_b integer,
          kind text not null check (kind in ('nvlink', 'nvswitch', 'infiniband', 'roce')),
          state text not null check (state in ('up', 'down')),
          speed_gbps double precision not null,
          first_seen timestamptz not null,
          last_seen timestamptz not null,
          reported_a_at timestamptz,
          reported_b_at timestamptz,
          sequence_a bigint,
          sequence_b bigint,
          primary key (device_a, device_b),
          check (device_a < device_b)
        );
        create index device_links_device_b on device_links (device_b);
        create index device_links_license_a on device_links (license_a);
        create index device_links_license_b on device_links (license_b);
        create table alerts (
          id text primary key,
          kind text not null check (kind in ('location', 'cluster', 'missing', 'forged', 'replayed')),
          status text not null check (status in ('open', 'acknowledged', 'resolved')),
          subject text not null,
          organization_id text not null references organizations(id),
          license_id text not null references licenses(id),
          installation_id text references installations(id),
          device_ids jsonb not null,
          summary text not null,
          evidence jsonb not null,
          opened_at timestamptz not null,
          updated_at timestamptz not null,
          acknowledged_at timestamptz,
          acknowledged_by text,
          resolved_at timestamptz,
          resolved_by text,
          resolution text check (resolution in ('false-alarm', 'remediated', 'referred')),
          note text
        );
        create unique index alerts_one_open on alerts (kind, subject) where status <> 'resolved';
        create index alerts_license on alerts (license_id, status);
        create index alerts_opened on alerts (opened_at);
      `.execute(db);
    },
  },
  '0004-list-order': {
    async up(db: Kysely<unknown>) {
      // Keyset pagination newest first (src/ledger/pagination.ts): an organization's rows and,
      // for the regulator, everyone's.
      await sql`
        create index requests_org_created on requests (organization_id, created_at, id);
        create index requests_created on requests (created_at, id);
        create index licenses_org_created on licenses (organization_id, created_at, id);
        create index licenses_created on licenses (created_at, id);
        create index shipments_org_created on shipments (organization_id, created_at, id);
        create index shipments_created on shipments (created_at, id);
        create index shipments_license on shipments (license_id);
      `.execute(db);
    },
  },
  '0005-audit-subjects': {
    async up(db: Kysely<unknown>) {
      // Leaf format 2 (src/audit/leaf.ts): whom each entry concerns, kept beside the leaf that
      // commits to it, so an entry's bytes go only to those who may read its subject.
      await sql`
        alter table audit_entries add column subject_org text;
        alter table audit_entries add column subject_country text;
        create index audit_entries_subject_org on audit_entries (subject_org, idx);
        create index audit_entries_subject_country on audit_entries (subject_country, idx);
      `.execute(db);
    },
  },
  '0006-clearance-reasons': {
    async up(db: Kysely<unknown>) {
      // Four eyes on clearances (src/ledger/clearance-policy.ts): who decided in which role, and why.
      await sql`
        alter table clearances add column decided_role text;
        alter table clearances add column reason_code text;
        create index clearances_created on clearances (created_at, id);
      `.execute(db);
    },
  },
  '0007-lists-by-source': {
    async up(db: Kysely<unknown>) {
      // Lists by source (src/ledger/screening-lists.ts): one current version per list. An
      // internal CSV that was made "the" list becomes the current internal list, and the
      // newest CSL version (or the shipped copy, when none is left) the CSL in force again.
      await sql`
        alter table list_versions add column list_name text not null default 'csl';
        update list_versions set list_name = 'internal' where format = 'csv';
        update list_versions set is_current = true
          where version = (select version from list_versions where list_name = 'internal'
                           order by imported_at desc limit 1)
            and not exists (select 1 from list_versions where list_name = 'internal' and is_current);
        update list_versions set is_current = false
          where list_name = 'internal' and is_current
            and version <> (select version from list_versions where list_name = 'internal'
                            order by imported_at desc limit 1);
        update list_versions set is_current = true
          where version = (select version from list_versions where list_name = 'csl'
                           order by imported_at desc limit 1)
            and not exists (select 1 from list_versions where list_name = 'csl' and is_current);
      `.execute(db);
    },
  },
  '0008-request-kind': {
    async up(db: Kysely<unknown>) {
      // Applications and analyses (src/ledger/licensing-settings.ts): only an application is authorized.
      await sql`
        alter table requests add column kind text not null default 'application'
          check (kind in ('application', 'analysis'));
      `.execute(db);
    },
  },
  '0009-audit-pending': {
    async up(db: Kysely<unknown>) {
      // Writers no longer append to the tree under the audit_head row lock: each transaction
      // inserts its entries here (atomically with its state change), and one integrator at a
      // time (a transaction-scoped advisory lock) moves committed rows into audit_entries in
      // batches, assigning indices and roots (src/ledger/audit-log/log.ts). A sequence draws no row lock;
      // `xact` keeps one transaction's entries together.
      await sql`
        create table audit_pending (
          seq bigserial primary key,
          xact bigint not null default txid_current(),
          leaf bytea not null,
          subject_org text,
          subject_country text,
          created_at timestamptz not null default clock_timestamp()
        );
      `.execute(db);
    },
  },
  '0010-landmark-assignment': {
    async up(db: Kysely<unknown>) {
      // Landmarks assigned with each nonce (docs/monitoring-protocol.md, "Assignment"): how many,
      // and per device the check-ins since its last PASS, for the `location-unverified` alert.
      await sql`
        alter table monitoring_settings add column landmarks_per_checkin integer not null default 3
          check (landmarks_per_checkin between 3 and 16);
        alter table devices add column checkins_without_pass integer not null default 0;
        alter table devices add column last_pass_at timestamptz;
        alter table alerts drop constraint alerts_kind_check;
        alter table alerts add constraint alerts_kind_check
          check (kind in ('location', 'location-unverified', 'cluster', 'missing', 'forged', 'replayed'));
      `.execute(db);
      await sql`
        update monitoring_settings set sources = sources || ${JSON.stringify({
          landmarksPerCheckIn: LANDMARKS_PER_CHECKIN_SOURCE,
        })}::jsonb
      `.execute(db);
    },
  },
  '0011-jobs': {
    async up(db: Kysely<unknown>) {
      // Long operations (src/jobs/registry.ts): kept in the store so that any process can report
      // a job and a job outlives the process that ran it. `input` is what a resumable kind needs
      // to run again; `heartbeat_at` tells a live owner from a dead one.
      await sql`
        create table jobs (
          id text primary key,
          kind text not null,
          organization_id text not null references organizations(id),
          status text not null check (status in ('queued', 'running', 'done', 'failed')),
          progress jsonb not null,
          input jsonb,
          result jsonb,
          error jsonb,
          owner text,
          attempts integer not null default 0,
          started_at timestamptz not null,
          heartbeat_at timestamptz not null,
          finished_at timestamptz
        );
        create index jobs_unfinished on jobs (heartbeat_at) where status in ('queued', 'running');
        create index jobs_finished on jobs (finished_at) where finished_at is not null;
      `.execute(db);
    },
  },
};

/** Where the default of `landmarksPerCheckIn` comes from (also in src/ledger/monitoring/settings.ts). */
const LANDMARKS_PER_CHECKIN_SOURCE =
  '3 landmarks per check-in, the nearest in the metro area: ../shared/research/chip-monitoring.md, "use ≥ 3 landmarks, at least one in the site\'s metro area (0.5–2 ms RTT)"';

class InCodeMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrate(db: Kysely<unknown>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrations(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? 'unknown error'}`,
    );
  }
}

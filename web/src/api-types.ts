/**
 * The API's types, generated from its OpenAPI document (src/api/schemas.ts and the routes' Zod
 * schemas) by openapi-typescript. Do not edit: run `npm run gen:api-types`.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the service answers and its store does (no key needed) */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store answers, and NATS when check-ins are queued there (no key needed) */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Operational metrics in the Prometheus text format (no key needed)
         * @description Request rates and latency by route, check-ins ingested and verification failures by kind, JetStream consumer lag (with NATS), audit integrator delay and tree size.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List requests, newest first, a page at a time (own organization's; the regulator and auditors see all)
         * @description Each determination comes without its `trace` (several kilobytes a request, which a list does not show): `GET /v1/requests/{id}` has the whole determination.
         */
        get: operations["listRequests"];
        put?: never;
        /**
         * Submit an export request (exporter)
         * @description Validates the request, fills `history` (prior usage) and the government `assurances` from the ledger, determines it under the framework and records the determination with the framework revision. A license exception is recorded as an authorization (`licenseId`).
         */
        post: operations["submitRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request with its determination and decision */
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or deny a request that needs a license (regulator)
         * @description Approval issues a license (`licenseId`), valid four years unless `validUntil` is given.
         */
        post: operations["decideRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-determine a stored request under the framework as it is now
         * @description As of the request date. With `?framework=us-ear-enforced`, under that framework instead: whether the enforced law would have treated the request differently.
         */
        get: operations["replayRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The request's audit trail: every log entry about it or its licenses
         * @description Submission, screening, clearances, decision, license issue and status changes, shipments: each with its index in the audit log (for GET /v1/audit/proof/inclusion), time, action and who acted.
         */
        get: operations["getRequestHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/licenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Licenses and exception authorizations, newest first, a page at a time (own organization's; the regulator sees all) */
        get: operations["listLicenses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/licenses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One license: limits, use, conditions, validity */
        get: operations["getLicense"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/licenses/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend, reinstate or revoke a license (regulator) */
        post: operations["setLicenseStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shipments, newest first, a page at a time (own organization's; the regulator sees all) */
        get: operations["listShipments"];
        put?: never;
        /**
         * Record a shipment against a license (exporter)
         * @description Draws down the license line and every quota pool it counts against, in one transaction. 409 when the license or a pool would be exceeded; concurrent shipments never over-draw.
         */
        post: operations["recordShipment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quota pools: limits and use (aggregate figures, any role) */
        get: operations["listQuotaPools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agreements (a host government's own; the regulator sees all) */
        get: operations["listAgreements"];
        put?: never;
        /**
         * Record a government-to-government agreement (host government for its country, or regulator)
         * @description Later determinations for the country and framework take their assurances, security guarantee, U.S. investment commitment and cap from the agreement on record.
         */
        post: operations["recordAgreement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agreements/{id}/disbursements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a disbursement of the U.S. investment committed under an agreement */
        post: operations["recordDisbursement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/installations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Installations (own organization's; the regulator sees all) */
        get: operations["listInstallations"];
        put?: never;
        /** Register an installation (data center site) of your organization (exporter) */
        post: operations["registerInstallation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/site-visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Site visits (at the organization's installations; the regulator sees all) */
        get: operations["listSiteVisits"];
        put?: never;
        /** Schedule a visit by U.S. export-control officials to an installation (regulator) */
        post: operations["scheduleSiteVisit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/site-visits/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a site visit was done, with findings, or cancelled (regulator) */
        post: operations["recordSiteVisitOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/determinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What-if: determine a request under one or more frameworks (nothing is stored)
         * @description The request is taken as given, `history` and `assurances` included (the ledger does not fill them in here). One determination per framework, all registered frameworks by default.
         */
        post: operations["determine"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/frameworks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registered frameworks: ids, titles, status timelines, parameters, rules, sources */
        get: operations["listFrameworks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A signed checkpoint of the log as it is now (C2SP tlog-checkpoint signed note)
         * @description Origin line, tree size, base64 RFC 6962 root hash, blank line, signature line. The checkpoint is also stored, so later verification checks the log against it.
         */
        get: operations["getAuditCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The log's public key as a C2SP signed-note verifier key
         * @description `<name>+<8 hex digits of key hash>+<base64(0x01 ‖ Ed25519 public key)>`
         */
        get: operations["getAuditKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/entries/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One entry's canonical JSON bytes (its leaf hash is SHA-256(0x00 ‖ bytes))
         * @description Only for whoever may read the entry's subject: its organization, the regulator, auditors, and a host government for its country (403 otherwise). Every leaf carries a random salt, so its hash (GET /v1/audit/entries/{index}/hash, any key) reveals nothing of the record.
         */
        get: operations["getAuditEntry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/entries/{index}/hash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry's RFC 6962 leaf hash (any key) */
        get: operations["getAuditLeafHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/leaf-hashes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leaf hashes of entries `start` to `end - 1` (any key; at most 1000): enough to recompute the tree */
        get: operations["listAuditLeafHashes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proof/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 9162 inclusion proof of entry `index` in the tree of `size` entries */
        get: operations["getInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proof/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 9162 consistency proof that the tree of `from` entries is a prefix of that of `to` */
        get: operations["getConsistencyProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the whole log and check every stored checkpoint (regulator, auditor) */
        get: operations["verifyAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screenings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Screen a name against the list in force (any role; nothing is stored) */
        post: operations["screenName"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests on hold for a potential match (own organization's; the regulator sees all) */
        get: operations["listHolds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/screening": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A request's latest screening: each party, its hits and their standing */
        get: operations["getRequestScreening"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/clearances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide a potential match: false positive (clears it) or confirmed
         * @description Scoped to the party for this request (`scope: "request"`, the default) or for all the organization's requests (`party`), optionally expiring; invalidated automatically when the listed entry changes in a later list version. The request is screened and determined again.
         */
        post: operations["decideScreeningHit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clearances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Clearances on record, newest first: decision, reason code, who decided in which role
         * @description The regulator and auditors see every organization’s; an exporter its own.
         */
        get: operations["listClearances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List versions imported, newest first (any role) */
        get: operations["listListVersions"];
        put?: never;
        /**
         * Import a list version (regulator): open requests and active licenses are re-screened
         * @description With `?async=true` the import and the re-screening run as a job (202): poll GET /v1/jobs/:id for its progress (phase importing, then rescreening) and its result.
         */
        post: operations["importListVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Enrolled devices with their monitoring status
         * @description An exporter sees its own; the regulator and auditors all; a host government those installed in its country.
         */
        get: operations["listDevices"];
        put?: never;
        /**
         * Enroll a chip's device key (exporter; own active license and installation)
         * @description A license carries at most as many active devices as it licenses chips (409 beyond).
         */
        post: operations["enrollDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One device and its monitoring status */
        get: operations["getDevice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a device: it no longer checks in or counts against its license (exporter) */
        post: operations["retireDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/landmarks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registered landmarks (every role: receipts are checked against them) */
        get: operations["listLandmarks"];
        put?: never;
        /** Register a landmark: position, operator and Ed25519 receipt key (regulator) */
        post: operations["registerLandmark"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkins/nonce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A fresh single-use nonce for a device's next check-in, and the landmarks it must answer (exporter, own device)
         * @description The check-in lists the landmark ids as `assignment` (signed) and carries a receipt from each; without them it is accepted with problem `missing-receipts` and is no location proof.
         */
        post: operations["issueCheckInNonce"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a signed check-in (exporter, own device)
         * @description Verified and stored in-process (200, the outcome), or queued for the monitor workers when the server runs with NATS (202). Idempotent: the same check-in again returns the stored outcome with `duplicate: true`.
         */
        post: operations["submitCheckIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monitoring alerts (visible as devices are) */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an open alert (the regulator, or the device's exporter) */
        post: operations["acknowledgeAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an alert: false alarm, remediated, or referred (regulator) */
        post: operations["resolveAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monitoring settings: check-in interval, landmarks per check-in, nonce lifetime */
        get: operations["getMonitoringSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the check-in interval and the landmarks per check-in (regulator, audited) */
        patch: operations["updateMonitoringSettings"];
        trace?: never;
    };
    "/v1/monitoring/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Installations today's landmarks cannot verify, and why (regulator, auditor, host government)
         * @description Per installation: the landmarks a nonce would assign, whether one is in the metro area, and the verdict at the physical minimum round trip; unverifiable installations first.
         */
        get: operations["getMonitoringCoverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Chip Security Act report: location changes, diversion and tampering (JSON or CSV)
         * @description Alerts opened from `from` to `to` (UTC days, inclusive), each in one category. `format=csv`: the events one per line, header row first (text/csv).
         */
        get: operations["getMonitoringReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling key's organization and role */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organizations' names (regulator and auditor: all; others: their own) */
        get: operations["listOrganizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/chips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chip catalog: figures, 3A090 classification and sources (any role) */
        get: operations["listChips"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/countries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Countries (ISO 3166-1) with their tier or group under each framework on a date (any role) */
        get: operations["listCountries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolios/template.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portfolio CSV format: a header row and example lines (docs/portfolio.md) */
        get: operations["getPortfolioTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolios/comparisons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compare a portfolio of planned exports under each framework (a job; any role)
         * @description The CSV is checked at once (400 naming the line and column of every bad row); the determinations run as a job: poll GET /v1/jobs/:id, then GET /v1/jobs/:id/result.csv.
         */
        post: operations["comparePortfolio"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A job's status, progress and result (own organization's; the regulator sees all)
         * @description Jobs are kept in the store: any process of the service answers for any job, and a job outlives a restart (a portfolio comparison runs again; an interrupted list import is failed with the code `interrupted`).
         */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/result.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A finished portfolio comparison as CSV (one line per row and framework) */
        get: operations["getJobResultCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A request's evidence bundle: determination, screening, audit entries with inclusion proofs
         * @description Signs a checkpoint of the log and proves each of the request’s audit entries against it; the checkpoint and the log’s public key are in the bundle, so anyone can verify it offline. `format=html` is a self-contained printable page, `pdf` a PDF of text, `json` the data.
         */
        get: operations["getEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/snapr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SNAP-R-ready data pack: the BIS-748P blocks the ledger can fill, with sources and what is missing */
        get: operations["getSnaprPack"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/requests.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Requests as CSV (the rows the caller may list)
         * @description RFC 4180; text a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
         */
        get: operations["exportRequestsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/licenses.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Licenses as CSV (the rows the caller may list)
         * @description RFC 4180; text a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
         */
        get: operations["exportLicensesCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/shipments.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Shipments as CSV (the rows the caller may list)
         * @description RFC 4180; text a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
         */
        get: operations["exportShipmentsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/quotas.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Quotas as CSV (the rows the caller may list)
         * @description RFC 4180; text a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
         */
        get: operations["exportQuotasCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per country under a framework: tier or group, cap in TPP, TPP shipped and licensed (any role) */
        get: operations["listAllocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The figures for the caller's home page: what needs attention now, scoped to its role
         * @description Exporter: requests on hold and awaiting a decision, licenses near exhaustion, devices with open alerts. Regulator: the queue, open alerts by kind, allocations nearest their caps. Host government: its country's allocations, agreements, devices and alerts. Auditor: the audit log, requests, licenses near exhaustion, open alerts. Each figure is read through the same access rules as the list it summarizes.
         */
        get: operations["getSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ExportRequestInput: {
            id?: string;
            date?: string;
            destination: string;
            /**
             * @default export
             * @enum {string}
             */
            transaction: "export" | "reexport" | "transfer";
            /** @default US */
            origin: string;
            items: {
                chip?: string;
                customChip?: {
                    name: string;
                    tpp: number;
                    dieAreaMm2?: number | null;
                    memoryBandwidthGBs?: number | null;
                    /** @default true */
                    datacenter: boolean;
                    usCommerciallyAvailableSince?: string;
                };
                modelWeights?: {
                    name: string;
                    trainingOps: number;
                    /** @default false */
                    published: boolean;
                    /** @enum {string} */
                    exclusion?: "derived-from-published" | "below-published-frontier";
                };
                quantity?: number;
                unitPriceUsd?: number;
            }[];
            endUser: {
                name: string;
                country?: string;
                headquarters?: string;
                ultimateParent?: string;
                /**
                 * @default none
                 * @enum {string}
                 */
                veu: "none" | "uveu" | "nveu";
            };
            /** @default [] */
            parties: {
                /** @enum {string} */
                role: "purchaser" | "intermediate-consignee" | "ultimate-consignee" | "end-user";
                name: string;
                country?: string;
                headquarters?: string;
                ultimateParent?: string;
            }[];
            /**
             * @default {
             *       "entityList": []
             *     }
             */
            screening: {
                /** @default [] */
                entityList: {
                    entityId: string;
                    name: string;
                    party: string;
                    licenseRequirement: string | null;
                    licensePolicy: string | null;
                    federalRegisterNotice?: string | null;
                }[];
            };
            installation?: {
                id?: string | null;
                /** @default 0 */
                existingChips: number;
            };
            /**
             * @default {
             *       "consigneeTppThisYear": 0,
             *       "countryAllocationUsedTpp": 0,
             *       "agreementUsedTpp": 0
             *     }
             */
            history: {
                /** @default 0 */
                consigneeTppThisYear: number;
                /** @default 0 */
                countryAllocationUsedTpp: number;
                /** @default 0 */
                agreementUsedTpp: number;
            };
            /**
             * @default {
             *       "g2gAgreement": false,
             *       "g2gAssurances": false,
             *       "siteVisitsAccepted": false,
             *       "securityGuarantee": false,
             *       "usInvestmentUsd": 0,
             *       "exporterMonitoring": false,
             *       "antiClusteringSoftware": false,
             *       "g2gAgreementCapTpp": null
             *     }
             */
            assurances: {
                /** @default false */
                g2gAgreement: boolean;
                /** @default false */
                g2gAssurances: boolean;
                /** @default false */
                siteVisitsAccepted: boolean;
                /** @default false */
                securityGuarantee: boolean;
                /** @default 0 */
                usInvestmentUsd: number;
                /** @default false */
                exporterMonitoring: boolean;
                /** @default false */
                antiClusteringSoftware: boolean;
                /** @default null */
                g2gAgreementCapTpp: number | null;
            };
        };
        CheckInInput: {
            /** @constant */
            protocol: "chipexport-monitoring/2";
            deviceId: string;
            sequence: number;
            issuedAt: number;
            nonce: string;
            assignment: string[];
            receipts: {
                landmarkId: string;
                nonce: string;
                deviceSignature: string;
                rttMs: number;
                samples: number[];
                landmarkSignature: string;
            }[];
            links: {
                localPort: number;
                /** @enum {string} */
                kind: "nvlink" | "nvswitch" | "infiniband" | "roce";
                /** @enum {string} */
                state: "up" | "down";
                speedGbps: number;
                peerDeviceId: string | null;
                firstSeen: number;
                lastSeen: number;
            }[];
            signature: string;
        };
        /** @description An error */
        Error: {
            error: {
                /** @description machine-readable: invalid_input, unauthenticated, forbidden, not_found, … */
                code: string;
                /** @description for people; never a stack trace */
                message: string;
                /** @description the field at fault; [] for the whole call */
                path: (string | number)[];
                /** @description every problem found in the input (400 only) */
                issues?: {
                    code: string;
                    path: (string | number)[];
                    message: string;
                }[];
            };
        };
        ExportRequest: {
            id?: string;
            date?: string;
            destination: string;
            /**
             * @default export
             * @enum {string}
             */
            transaction: "export" | "reexport" | "transfer";
            /** @default US */
            origin: string;
            items: {
                chip?: string;
                customChip?: {
                    name: string;
                    tpp: number;
                    dieAreaMm2?: number | null;
                    memoryBandwidthGBs?: number | null;
                    /** @default true */
                    datacenter: boolean;
                    usCommerciallyAvailableSince?: string;
                };
                modelWeights?: {
                    name: string;
                    trainingOps: number;
                    /** @default false */
                    published: boolean;
                    /** @enum {string} */
                    exclusion?: "derived-from-published" | "below-published-frontier";
                };
                quantity?: number;
                unitPriceUsd?: number;
            }[];
            endUser: {
                name: string;
                country?: string;
                headquarters?: string;
                ultimateParent?: string;
                /**
                 * @default none
                 * @enum {string}
                 */
                veu: "none" | "uveu" | "nveu";
            };
            /** @default [] */
            parties: {
                /** @enum {string} */
                role: "purchaser" | "intermediate-consignee" | "ultimate-consignee" | "end-user";
                name: string;
                country?: string;
                headquarters?: string;
                ultimateParent?: string;
            }[];
            /**
             * @default {
             *       "entityList": []
             *     }
             */
            screening: {
                /** @default [] */
                entityList: {
                    entityId: string;
                    name: string;
                    party: string;
                    licenseRequirement: string | null;
                    licensePolicy: string | null;
                    federalRegisterNotice?: string | null;
                }[];
            };
            installation?: {
                id?: string | null;
                /** @default 0 */
                existingChips: number;
            };
            /**
             * @default {
             *       "consigneeTppThisYear": 0,
             *       "countryAllocationUsedTpp": 0,
             *       "agreementUsedTpp": 0
             *     }
             */
            history: {
                /** @default 0 */
                consigneeTppThisYear: number;
                /** @default 0 */
                countryAllocationUsedTpp: number;
                /** @default 0 */
                agreementUsedTpp: number;
            };
            /**
             * @default {
             *       "g2gAgreement": false,
             *       "g2gAssurances": false,
             *       "siteVisitsAccepted": false,
             *       "securityGuarantee": false,
             *       "usInvestmentUsd": 0,
             *       "exporterMonitoring": false,
             *       "antiClusteringSoftware": false,
             *       "g2gAgreementCapTpp": null
             *     }
             */
            assurances: {
                /** @default false */
                g2gAgreement: boolean;
                /** @default false */
                g2gAssurances: boolean;
                /** @default false */
                siteVisitsAccepted: boolean;
                /** @default false */
                securityGuarantee: boolean;
                /** @default 0 */
                usInvestmentUsd: number;
                /** @default false */
                exporterMonitoring: boolean;
                /** @default false */
                antiClusteringSoftware: boolean;
                /** @default null */
                g2gAgreementCapTpp: number | null;
            };
        };
        /** @description A determination (spec/contracts.md) */
        Determination: {
            framework: string;
            frameworkTitle: string;
            frameworkRevision: string;
            /** @enum {string} */
            frameworkStatus: "in-force" | "compliance-deferred" | "not-enforced" | "proposed" | "withdrawn" | "not-yet-proposed" | "abandoned";
            /** @description the date the request was determined at (YYYY-MM-DD) */
            asOf: string;
            requestId: string | null;
            /** @enum {string} */
            outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required" | "out-of-coverage";
            /** @description the one authorization every licence-exception item shares; null when they differ */
            authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
            /** @description each distinct authorization with the indexes of the items that use it */
            authorizations: {
                /** @enum {string} */
                authorization: "AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION";
                items: number[];
            }[];
            licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
            requirements: {
                /** @enum {string} */
                code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                /** @description null: not known yet (e.g. a certification still to be filed) */
                satisfied: boolean | null;
                citation: string;
            }[];
            quota: {
                /** @description the quota pool, e.g. "country:AE" or "company:…" */
                pool: string;
                /** @description TPP the request draws from the pool */
                tpp: number;
                /** @description the pool's limit in TPP */
                limit: number;
                /** @description TPP used from the pool before this request */
                usedBefore: number;
            }[];
            items: {
                /** @description position of the item in the request */
                index: number;
                /** @enum {string} */
                kind: "chip" | "model-weights";
                label: string;
                quantity: number;
                classification: {
                    /** @description ECCN class, e.g. 3A090.a */
                    class: string;
                    eccn: string | null;
                    /** @description total processing performance per chip */
                    tpp: number;
                    /** @description performance density */
                    pd: number | null;
                    /** @description H100 equivalents per chip */
                    h100e: number;
                } | null;
                /** @enum {string} */
                outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required";
                authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                /** @description the rule that decided the item */
                rule: string;
                citation: string;
                /** @description what this item draws (the request `quota` sums these per pool) */
                quota?: {
                    /** @description the quota pool, e.g. "country:AE" or "company:…" */
                    pool: string;
                    /** @description TPP the request draws from the pool */
                    tpp: number;
                    /** @description the pool's limit in TPP */
                    limit: number;
                    /** @description TPP used from the pool before this request */
                    usedBefore: number;
                }[];
            }[];
            /** @description the dates the framework covers (out-of-coverage answers only) */
            coveredRange?: {
                from: string;
                to: string | null;
            };
            explanation: string;
            trace: components["schemas"]["TraceNode"];
            citations: string[];
            /** @description the bibliography behind `citations`: what a reader can open */
            sources: {
                id: string;
                title: string;
                publisher: string;
                date: string | null;
                url: string | null;
            }[];
            /** @description us-ear-enforced: the CFR text's answer for the same request and date (null before it took effect) */
            cfrText?: {
                framework: string;
                /** @enum {string} */
                outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required" | "out-of-coverage";
                authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
            } | null;
            /** @description readings the sources leave open, each with its citation */
            uncertain?: {
                code: string;
                note: string;
                citation: string;
            }[];
        };
        TraceNode: {
            rule: string;
            title?: string;
            citation: string;
            result: components["schemas"]["JsonValue"];
            /** @enum {string} */
            status?: "applied" | "not-applicable" | "overridden" | "neutralized";
            parameters?: {
                id: string;
                value: components["schemas"]["JsonValue"];
                from: string;
                source: string;
            }[];
            comparisons?: {
                what: string;
                actual: number;
                /** @enum {string} */
                op: "<=" | "<" | ">=" | ">" | "==";
                threshold: number;
                passed: boolean;
            }[];
            facts?: {
                what: string;
                value: components["schemas"]["JsonValue"];
                source: string;
            }[];
            notes?: string[];
            children: components["schemas"]["TraceNode"][];
        };
        JsonValue: JsonValue;
        Device: {
            id: string;
            organizationId: string;
            licenseId: string;
            installationId: string;
            model: string;
            /** @enum {string} */
            algorithm: "ed25519" | "ecdsa-p384";
            /** @description base64 DER SubjectPublicKeyInfo */
            publicKey: string;
            /** @description ISO 8601 date-time */
            enrolledAt: string;
            /** @enum {string} */
            status: "active" | "retired";
            monitoring: {
                /** @enum {string} */
                status: "PASS" | "INCONCLUSIVE" | "SITE_INCONSISTENT" | "MISSING" | "NONE";
                lastSeenAt: string | null;
                lastSequence: number | null;
                openAlerts: number;
            };
        };
        Landmark: {
            id: string;
            name: string;
            lat: number;
            lon: number;
            operator: string;
            /** @description base64 DER SubjectPublicKeyInfo of its Ed25519 key */
            publicKey: string;
            /** @description ISO 8601 date-time */
            registeredAt: string;
        };
        Alert: {
            id: string;
            /** @enum {string} */
            kind: "location" | "location-unverified" | "cluster" | "missing" | "forged" | "replayed";
            /** @enum {string} */
            status: "open" | "acknowledged" | "resolved";
            organizationId: string;
            licenseId: string;
            installationId: string | null;
            deviceIds: string[];
            site: {
                lat: number;
                lon: number;
                country: string;
            } | null;
            /** @description ISO 8601 date-time */
            openedAt: string;
            summary: string;
            evidence: {
                [key: string]: components["schemas"]["JsonValue"];
            };
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            resolution: ("false-alarm" | "remediated" | "referred") | null;
            note: string | null;
        };
        CheckInOutcome: {
            deviceId: string;
            sequence: number;
            /** @description this check-in (device, sequence, signature) was processed before */
            duplicate: boolean;
            accepted: boolean;
            problems: string[];
            verdict: ("PASS" | "INCONCLUSIVE" | "SITE_INCONSISTENT") | null;
            findings: {
                [key: string]: components["schemas"]["JsonValue"];
            }[];
            alertIds: string[];
        };
        MonitoringReport: {
            /** @description ISO 8601 date-time */
            generatedAt: string;
            from: string;
            to: string;
            counts: {
                "location-change": number;
                diversion: number;
                tampering: number;
            };
            events: {
                /** @enum {string} */
                category: "location-change" | "diversion" | "tampering";
                alertId: string;
                /** @enum {string} */
                kind: "location" | "location-unverified" | "cluster" | "missing" | "forged" | "replayed";
                /** @enum {string} */
                status: "open" | "acknowledged" | "resolved";
                organizationId: string;
                licenseId: string;
                installationId: string | null;
                deviceIds: string[];
                /** @description ISO 8601 date-time */
                openedAt: string;
                summary: string;
            }[];
        };
        MonitoringSettings: {
            /** @description expected time between check-ins, ms */
            intervalMs: number;
            nonceTtlMs: number;
            processingMinMs: number;
            /** @description landmarks each nonce assigns (k) */
            landmarksPerCheckIn: number;
            metroRadiusKm: number;
            sources: {
                [key: string]: string;
            };
            /** @description ISO 8601 date-time */
            updatedAt: string;
        };
        CoverageReport: {
            /** @description ISO 8601 date-time */
            generatedAt: string;
            landmarksPerCheckIn: number;
            metroRadiusKm: number;
            landmarks: number;
            counts: {
                installations: number;
                verifiable: number;
                unverifiable: number;
            };
            installations: {
                installationId: string;
                name: string;
                organizationId: string;
                country: string;
                lat: number;
                lon: number;
                activeDevices: number;
                verifiable: boolean;
                gaps: ("no-landmarks" | "no-metro-landmark" | "no-disk-fits")[];
                assigned: {
                    id: string;
                    lat: number;
                    lon: number;
                    distanceKm: number;
                }[];
                metroLandmarkId: string | null;
                bestCase: {
                    verdict: string;
                    reason: string;
                };
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        /** @enum {string} */
                        store: "pglite" | "postgres";
                    };
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the store does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ready: true;
                        checks: {
                            [key: string]: "ok";
                        };
                    };
                };
            };
            /** @description the store does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the store does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRequests: {
        parameters: {
            query?: {
                status?: "submitted" | "determined" | "approved" | "denied" | "held";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requests: {
                            id: string;
                            organizationId: string;
                            reference: string | null;
                            framework: string;
                            frameworkRevision: string;
                            /** @enum {string} */
                            status: "submitted" | "determined" | "approved" | "denied" | "held";
                            installationId: string | null;
                            determination: {
                                framework: string;
                                frameworkTitle: string;
                                frameworkRevision: string;
                                /** @enum {string} */
                                frameworkStatus: "in-force" | "compliance-deferred" | "not-enforced" | "proposed" | "withdrawn" | "not-yet-proposed" | "abandoned";
                                asOf: string;
                                requestId: string | null;
                                /** @enum {string} */
                                outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required" | "out-of-coverage";
                                authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                                authorizations?: {
                                    /** @enum {string} */
                                    authorization: "AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION";
                                    items: number[];
                                }[];
                                licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                                requirements: {
                                    /** @enum {string} */
                                    code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                                    satisfied: boolean | null;
                                    citation: string;
                                }[];
                                quota: {
                                    pool: string;
                                    tpp: number;
                                    limit: number;
                                    usedBefore: number;
                                }[];
                                items: {
                                    index: number;
                                    /** @enum {string} */
                                    kind: "chip" | "model-weights";
                                    label: string;
                                    quantity: number;
                                    classification: {
                                        class: string;
                                        eccn: string | null;
                                        tpp: number;
                                        pd: number | null;
                                        h100e: number;
                                    } | null;
                                    /** @enum {string} */
                                    outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required";
                                    authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                                    licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                                    rule: string;
                                    citation: string;
                                    quota?: {
                                        pool: string;
                                        tpp: number;
                                        limit: number;
                                        usedBefore: number;
                                    }[];
                                }[];
                                coveredRange?: {
                                    from: string;
                                    to: string | null;
                                };
                                explanation: string;
                                trace?: components["schemas"]["TraceNode"];
                                citations: string[];
                                sources?: {
                                    id: string;
                                    title: string;
                                    publisher: string;
                                    date: string | null;
                                    url: string | null;
                                }[];
                                cfrText?: {
                                    framework: string;
                                    /** @enum {string} */
                                    outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required" | "out-of-coverage";
                                    authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                                    licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                                } | null;
                                uncertain?: {
                                    code: string;
                                    note: string;
                                    citation: string;
                                }[];
                            };
                            decision: {
                                /** @enum {string} */
                                decision: "approve" | "deny";
                                conditions: string[];
                                note?: string | null;
                                validUntil?: string | null;
                                by: string;
                                at: string;
                            } | null;
                            createdAt: string;
                            updatedAt: string;
                            organizationName?: string;
                            request?: components["schemas"]["ExportRequest"];
                        }[];
                        nextCursor: string | null;
                        total: number;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    framework?: string;
                    request: components["schemas"]["ExportRequestInput"];
                    installationId?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "submitted" | "determined" | "approved" | "denied" | "held";
                        determination: components["schemas"]["Determination"];
                        licenseId: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        organizationId: string;
                        reference: string | null;
                        framework: string;
                        frameworkRevision: string;
                        /** @enum {string} */
                        status: "submitted" | "determined" | "approved" | "denied" | "held";
                        installationId: string | null;
                        determination: {
                            framework: string;
                            frameworkTitle: string;
                            frameworkRevision: string;
                            /** @enum {string} */
                            frameworkStatus: "in-force" | "compliance-deferred" | "not-enforced" | "proposed" | "withdrawn" | "not-yet-proposed" | "abandoned";
                            asOf: string;
                            requestId: string | null;
                            /** @enum {string} */
                            outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required" | "out-of-coverage";
                            authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                            authorizations?: {
                                /** @enum {string} */
                                authorization: "AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION";
                                items: number[];
                            }[];
                            licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                            requirements: {
                                /** @enum {string} */
                                code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                                satisfied: boolean | null;
                                citation: string;
                            }[];
                            quota: {
                                pool: string;
                                tpp: number;
                                limit: number;
                                usedBefore: number;
                            }[];
                            items: {
                                index: number;
                                /** @enum {string} */
                                kind: "chip" | "model-weights";
                                label: string;
                                quantity: number;
                                classification: {
                                    class: string;
                                    eccn: string | null;
                                    tpp: number;
                                    pd: number | null;
                                    h100e: number;
                                } | null;
                                /** @enum {string} */
                                outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required";
                                authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                                licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                                rule: string;
                                citation: string;
                                quota?: {
                                    pool: string;
                                    tpp: number;
                                    limit: number;
                                    usedBefore: number;
                                }[];
                            }[];
                            coveredRange?: {
                                from: string;
                                to: string | null;
                            };
                            explanation: string;
                            trace?: components["schemas"]["TraceNode"];
                            citations: string[];
                            sources?: {
                                id: string;
                                title: string;
                                publisher: string;
                                date: string | null;
                                url: string | null;
                            }[];
                            cfrText?: {
                                framework: string;
                                /** @enum {string} */
                                outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required" | "out-of-coverage";
                                authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                                licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                            } | null;
                            uncertain?: {
                                code: string;
                                note: string;
                                citation: string;
                            }[];
                        };
                        decision: {
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            conditions: string[];
                            note?: string | null;
                            validUntil?: string | null;
                            by: string;
                            at: string;
                        } | null;
                        createdAt: string;
                        updatedAt: string;
                        organizationName?: string;
                        request?: components["schemas"]["ExportRequest"];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    decideRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "approve" | "deny";
                    conditions?: string[];
                    note?: string;
                    /** Format: date */
                    validUntil?: string;
                    clusterLimit?: number;
                    clusterCountsScaleOut?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "submitted" | "determined" | "approved" | "denied" | "held";
                        licenseId: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replayRequest: {
        parameters: {
            query?: {
                framework?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        framework: string;
                        replayedUnder: string;
                        revisionThen: string;
                        revisionNow: string;
                        changed: boolean;
                        differences: {
                            field: string;
                            stored: components["schemas"]["JsonValue"];
                            replayed: components["schemas"]["JsonValue"];
                        }[];
                        determination: components["schemas"]["Determination"];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRequestHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requestId: string;
                        treeSize: number;
                        entries: {
                            index: number;
                            when: string;
                            action: string;
                            entity: string;
                            id: string;
                            who: {
                                organizationId: string;
                                /** @enum {string} */
                                role: "exporter" | "regulator" | "host-government" | "auditor" | "system";
                                keyId: string | null;
                            };
                        }[];
                        truncated: boolean;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLicenses: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        licenses: {
                            id: string;
                            requestId: string;
                            organizationId: string;
                            framework: string;
                            /** @enum {string} */
                            kind: "license" | "exception";
                            authorization: string | null;
                            /** @enum {string} */
                            status: "active" | "suspended" | "revoked" | "expired" | "exhausted";
                            limits: {
                                chips: number;
                                tpp: number;
                            };
                            used: {
                                chips: number;
                                tpp: number;
                            };
                            lines: {
                                index: number;
                                label: string;
                                chips: number;
                                tppPerChip: number;
                                shippedChips: number;
                                pools: {
                                    pool: string;
                                    limit: number;
                                    kind: string;
                                }[];
                            }[];
                            conditions: ({
                                requirements?: {
                                    /** @enum {string} */
                                    code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                                    satisfied: boolean | null;
                                    citation: string;
                                }[];
                                imposed?: string[];
                                note?: string | null;
                            } | {
                                /** @enum {string} */
                                code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                                satisfied: boolean | null;
                                citation: string;
                            }[]) | null;
                            validUntil: string | null;
                        }[];
                        nextCursor: string | null;
                        total: number;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getLicense: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        requestId: string;
                        organizationId: string;
                        framework: string;
                        /** @enum {string} */
                        kind: "license" | "exception";
                        authorization: string | null;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked" | "expired" | "exhausted";
                        limits: {
                            chips: number;
                            tpp: number;
                        };
                        used: {
                            chips: number;
                            tpp: number;
                        };
                        lines: {
                            index: number;
                            label: string;
                            chips: number;
                            tppPerChip: number;
                            shippedChips: number;
                            pools: {
                                pool: string;
                                limit: number;
                                kind: string;
                            }[];
                        }[];
                        conditions: ({
                            requirements?: {
                                /** @enum {string} */
                                code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                                satisfied: boolean | null;
                                citation: string;
                            }[];
                            imposed?: string[];
                            note?: string | null;
                        } | {
                            /** @enum {string} */
                            code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                            satisfied: boolean | null;
                            citation: string;
                        }[]) | null;
                        validUntil: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setLicenseStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "active" | "suspended" | "revoked";
                    note?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "revoked" | "expired" | "exhausted";
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listShipments: {
        parameters: {
            query?: {
                licenseId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        shipments: {
                            id: string;
                            licenseId: string;
                            line: number;
                            chips: number;
                            tpp: number;
                            installationId: string | null;
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                        total: number;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordShipment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    licenseId: string;
                    chips: number;
                    line?: number;
                    installationId?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        licenseId: string;
                        line: number;
                        chips: number;
                        tpp: number;
                        draws: {
                            pool: string;
                            tpp: number;
                        }[];
                        /** @enum {string} */
                        licenseStatus: "active" | "suspended" | "revoked" | "expired" | "exhausted";
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflict: a license or quota would be exceeded, or the license is not active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listQuotaPools: {
        parameters: {
            query?: {
                framework?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pools: {
                            framework: string;
                            pool: string;
                            kind: string;
                            limitTpp: number;
                            usedTpp: number;
                            remainingTpp: number;
                        }[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAgreements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreements: {
                            id: string;
                            country: string;
                            framework: string;
                            createdBy: string;
                            assurances: {
                                [key: string]: boolean;
                            };
                            usInvestment: {
                                committedUsd: number;
                                disbursedUsd: number;
                            };
                            capTpp: number | null;
                            /** @enum {string} */
                            status: "active" | "terminated";
                            note: string;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    country: string;
                    framework: string;
                    g2gAssurances?: boolean;
                    siteVisitsAccepted?: boolean;
                    securityGuarantee?: boolean;
                    usInvestmentCommittedUsd?: number;
                    capTpp?: number | null;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        country: string;
                        framework: string;
                        createdBy: string;
                        assurances: {
                            [key: string]: boolean;
                        };
                        usInvestment: {
                            committedUsd: number;
                            disbursedUsd: number;
                        };
                        capTpp: number | null;
                        /** @enum {string} */
                        status: "active" | "terminated";
                        note: string;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordDisbursement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amountUsd: number;
                    /** Format: date */
                    date: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        agreementId: string;
                        amountUsd: number;
                        date: string;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listInstallations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        installations: {
                            id: string;
                            organizationId: string;
                            name: string;
                            country: string;
                            lat: number | null;
                            lon: number | null;
                            operator: string;
                            baselineChips: number;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerInstallation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    country: string;
                    lat?: number | null;
                    lon?: number | null;
                    operator: string;
                    baselineChips?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        organizationId: string;
                        name: string;
                        country: string;
                        lat: number | null;
                        lon: number | null;
                        operator: string;
                        baselineChips: number;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSiteVisits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        visits: {
                            id: string;
                            installationId: string;
                            /** @enum {string} */
                            status: "scheduled" | "done" | "cancelled";
                            scheduledFor: string;
                            doneAt: string | null;
                            findings: string | null;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    scheduleSiteVisit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    installationId: string;
                    /** Format: date */
                    scheduledFor: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        installationId: string;
                        /** @enum {string} */
                        status: "scheduled" | "done" | "cancelled";
                        scheduledFor: string;
                        doneAt: string | null;
                        findings: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordSiteVisitOutcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "done" | "cancelled";
                    findings?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        installationId: string;
                        /** @enum {string} */
                        status: "scheduled" | "done" | "cancelled";
                        scheduledFor: string;
                        doneAt: string | null;
                        findings: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    determine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    request: components["schemas"]["ExportRequestInput"];
                    frameworks?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        determinations: components["schemas"]["Determination"][];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFrameworks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        frameworks: {
                            id: string;
                            title: string;
                            /** @enum {string} */
                            kind: "framework" | "reform";
                            base: string | null;
                            revision: string;
                            citation: string;
                            summary: string;
                            parameters: {
                                id: string;
                                description: string;
                                unit: string | null;
                                values: {
                                    from: string;
                                    value: components["schemas"]["JsonValue"];
                                    source: string;
                                    note?: string;
                                }[];
                            }[];
                            rules: {
                                /** @enum {string} */
                                decision: "chips" | "modelWeights";
                                id: string;
                                title: string;
                                citation: string;
                                readonly overrides: string[];
                                neutralizedBy: {
                                    reform: string;
                                    reason: string;
                                    citation: string;
                                } | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuditCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuditKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuditEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAuditLeafHash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        index: number;
                        leafHash: string;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditLeafHashes: {
        parameters: {
            query: {
                start: number;
                end: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        hashes: string[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getInclusionProof: {
        parameters: {
            query: {
                index: number;
                size: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        hashes: string[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConsistencyProof: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        hashes: string[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyAuditLog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        size: number;
                        root: string;
                        checkpointsChecked: number;
                        firstProblem: {
                            index: number;
                            problem: string;
                            detail: string;
                        } | null;
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    screenName: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    country?: string;
                    /** @enum {string} */
                    type?: "entity" | "individual";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        query: {
                            name: string;
                            country?: string;
                            /** @enum {string} */
                            type?: "entity" | "individual";
                        };
                        listVersion: string;
                        algorithm: string;
                        threshold: number;
                        /** @enum {string} */
                        decision: "clear" | "potential-match";
                        hitCount: number;
                        readonly hits: {
                            entityId: string;
                            name: string;
                            matchedName: string;
                            source: string;
                            type: ("entity" | "individual") | null;
                            readonly countries: string[];
                            licenseRequirement: string | null;
                            licensePolicy: string | null;
                            federalRegisterNotice: string | null;
                            score: number;
                            explanation: {
                                text: string;
                                readonly tokens: {
                                    query: string;
                                    listed: string;
                                    how: string;
                                    similarity: number;
                                }[];
                                readonly unmatchedQuery: string[];
                                readonly unmatchedListed: string[];
                                queryCoverage: number;
                                listedCoverage: number;
                                countryAdjustment: number;
                            };
                        }[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listHolds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        holds: {
                            id: string;
                            organizationId: string;
                            reference: string | null;
                            framework: string;
                            screening: {
                                listVersion: string;
                                algorithm: string;
                                screenedAt: string;
                                parties: {
                                    role: string;
                                    name: string;
                                    country: string | null;
                                    /** @enum {string} */
                                    decision: "clear" | "potential-match";
                                    hits: {
                                        entityId: string;
                                        name: string;
                                        matchedName: string;
                                        source: string;
                                        score: number;
                                        licenseRequirement: string | null;
                                        licensePolicy: string | null;
                                        federalRegisterNotice: string | null;
                                        explanation: string;
                                        /** @enum {string} */
                                        status: "open" | "cleared" | "confirmed";
                                        clearanceId: string | null;
                                    }[];
                                }[];
                                blocking: number;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRequestScreening: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "submitted" | "determined" | "approved" | "denied" | "held";
                        screening: {
                            listVersion: string;
                            algorithm: string;
                            screenedAt: string;
                            parties: {
                                role: string;
                                name: string;
                                country: string | null;
                                /** @enum {string} */
                                decision: "clear" | "potential-match";
                                hits: {
                                    entityId: string;
                                    name: string;
                                    matchedName: string;
                                    source: string;
                                    score: number;
                                    licenseRequirement: string | null;
                                    licensePolicy: string | null;
                                    federalRegisterNotice: string | null;
                                    explanation: string;
                                    /** @enum {string} */
                                    status: "open" | "cleared" | "confirmed";
                                    clearanceId: string | null;
                                }[];
                            }[];
                            blocking: number;
                        } | null;
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    decideScreeningHit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    party: string;
                    entityId: string;
                    /** @enum {string} */
                    decision: "false-positive" | "confirmed";
                    note: string;
                    /**
                     * @default request
                     * @enum {string}
                     */
                    scope?: "party" | "request";
                    expiresAt?: string;
                    /** @enum {string} */
                    reasonCode: "different-name" | "different-country" | "different-address" | "different-identifiers" | "different-entity-type" | "confirmed-match" | "other";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clearanceId: string;
                        id: string;
                        /** @enum {string} */
                        status: "submitted" | "determined" | "approved" | "denied" | "held";
                        blocking: number;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listClearances: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clearances: {
                            id: string;
                            organizationId: string;
                            requestId: string | null;
                            /** @enum {string} */
                            scope: "request" | "party";
                            party: string | null;
                            entityId: string;
                            /** @enum {string} */
                            decision: "false-positive" | "confirmed";
                            reasonCode: string | null;
                            note: string | null;
                            expiresAt: string | null;
                            invalidatedAt: string | null;
                            invalidatedReason: string | null;
                            decidedBy: {
                                organizationId: string | null;
                                name: string | null;
                                role: string | null;
                            };
                            createdAt: string | null;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listListVersions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        versions: {
                            version: string;
                            sha256: string;
                            format: string;
                            sourceDate: string | null;
                            importedAt: string;
                            entryCount: number;
                            countsBySource: {
                                [key: string]: number;
                            };
                            current: boolean;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importListVersion: {
        parameters: {
            query?: {
                async?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    format: "csl-csv" | "csl-json" | "csl-compact" | "csv";
                    content: string;
                    sourceDate?: string;
                    list?: string;
                    replace?: boolean;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        entryCount: number;
                        countsBySource: {
                            [key: string]: number;
                        };
                        added: number;
                        changed: number;
                        removed: number;
                        clearancesInvalidated: number;
                        rescreened: number;
                        held: number;
                        licensesSuspended: number;
                    };
                };
            };
            /** @description Accepted: queued (a check-in) or started (a job: poll GET /v1/jobs/:id) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "portfolio-comparison" | "list-import" | "rescreening";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        progress: {
                            done: number;
                            total: number;
                            phase: string;
                        };
                        result: components["schemas"]["JsonValue"];
                        error: {
                            code: string;
                            message: string;
                            path: (string | number)[];
                        } | null;
                        startedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDevices: {
        parameters: {
            query?: {
                licenseId?: string;
                installationId?: string;
                status?: "active" | "retired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        devices: components["schemas"]["Device"][];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrollDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    model: string;
                    /** @enum {string} */
                    algorithm: "ed25519" | "ecdsa-p384";
                    publicKey: string;
                    licenseId: string;
                    installationId: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflict: a license or quota would be exceeded, or the license is not active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retireDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Device"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLandmarks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        landmarks: components["schemas"]["Landmark"][];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerLandmark: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    name: string;
                    lat: number;
                    lon: number;
                    operator: string;
                    publicKey: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Landmark"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflict: a license or quota would be exceeded, or the license is not active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueCheckInNonce: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deviceId: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deviceId: string;
                        nonce: string;
                        expiresAt: number;
                        landmarks: {
                            id: string;
                            lat: number;
                            lon: number;
                        }[];
                        metroLandmarkId: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitCheckIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckInInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckInOutcome"];
                };
            };
            /** @description Accepted: queued (a check-in) or started (a job: poll GET /v1/jobs/:id) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        queued: true;
                        stream: string;
                        seq: number;
                        duplicate: boolean;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                status?: "open" | "acknowledged" | "resolved";
                kind?: "location" | "location-unverified" | "cluster" | "missing" | "forged" | "replayed";
                licenseId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alerts: components["schemas"]["Alert"][];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    acknowledgeAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resolveAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    resolution: "false-alarm" | "remediated" | "referred";
                    note: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMonitoringSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonitoringSettings"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateMonitoringSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    intervalMs?: number;
                    landmarksPerCheckIn?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonitoringSettings"];
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMonitoringCoverage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoverageReport"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMonitoringReport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonitoringReport"] | string;
                    "text/csv": string;
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/csv": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/csv": string;
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/csv": string;
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/csv": string;
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organizationId: string;
                        organizationName: string;
                        /** @enum {string} */
                        role: "exporter" | "regulator" | "host-government" | "auditor";
                        country: string | null;
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOrganizations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organizations: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "exporter" | "regulator" | "host-government" | "auditor";
                            country: string | null;
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listChips: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chips: {
                            id: string;
                            vendor: string;
                            name: string;
                            tpp: number;
                            dieAreaMm2: number | null;
                            memoryBandwidthGBs: number;
                            datacenter: boolean;
                            source: string;
                            classification: {
                                class: string;
                                eccn: string | null;
                                h100e: number;
                                pd: number | null;
                                basis: string;
                                citation: string;
                            };
                        }[];
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCountries: {
        parameters: {
            query?: {
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        asOf: string;
                        source: string;
                        countries: {
                            code: string;
                            alpha3: string;
                            name: string;
                            tier: number | null;
                            frameworks: {
                                [key: string]: {
                                    group: string;
                                    label: string;
                                    source: string;
                                } | null;
                            };
                        }[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPortfolioTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    comparePortfolio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csv: string;
                    frameworks?: string[];
                    /** Format: date */
                    asOf?: string;
                };
            };
        };
        responses: {
            /** @description Accepted: queued (a check-in) or started (a job: poll GET /v1/jobs/:id) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "portfolio-comparison" | "list-import" | "rescreening";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        progress: {
                            done: number;
                            total: number;
                            phase: string;
                        };
                        result: components["schemas"]["JsonValue"];
                        error: {
                            code: string;
                            message: string;
                            path: (string | number)[];
                        } | null;
                        startedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "portfolio-comparison" | "list-import" | "rescreening";
                        /** @enum {string} */
                        status: "running" | "done" | "failed";
                        progress: {
                            done: number;
                            total: number;
                            phase: string;
                        };
                        result: components["schemas"]["JsonValue"];
                        error: {
                            code: string;
                            message: string;
                            path: (string | number)[];
                        } | null;
                        startedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJobResultCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the object is not in a state that allows this */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEvidence: {
        parameters: {
            query?: {
                format?: "html" | "pdf" | "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/pdf": string;
                    "application/json": {
                        generatedAt: string;
                        request: {
                            id: string;
                            organization: {
                                id: string;
                                name: string;
                            };
                            reference: string | null;
                            framework: string;
                            frameworkRevision: string;
                            /** @enum {string} */
                            status: "submitted" | "determined" | "approved" | "denied" | "held";
                            createdAt: string;
                            request: components["schemas"]["ExportRequest"];
                        };
                        determination: {
                            outcome: string;
                            authorization: string | null;
                            licensePolicy: string | null;
                            frameworkTitle: string;
                            frameworkStatus: string;
                            asOf: string;
                            explanation: string;
                            citations: string[];
                            requirements: {
                                /** @enum {string} */
                                code: "notification" | "aia-certification" | "veu-limits" | "model-weight-security" | "g2g-agreement" | "g2g-assurance" | "site-visit" | "us-investment-or-security-guarantee" | "exporter-monitoring" | "anti-clustering-software" | "third-party-testing" | "kyc" | "china-volume-cap" | "diversion-review" | "nac-notification" | "us-supply-certification" | "foundry-capacity-certification" | "license-exception-conditions";
                                satisfied: boolean | null;
                                citation: string;
                            }[];
                            items: {
                                index: number;
                                /** @enum {string} */
                                kind: "chip" | "model-weights";
                                label: string;
                                quantity: number;
                                classification: {
                                    class: string;
                                    eccn: string | null;
                                    tpp: number;
                                    pd: number | null;
                                    h100e: number;
                                } | null;
                                /** @enum {string} */
                                outcome: "not-controlled" | "no-license-required" | "license-exception" | "license-required";
                                authorization: ("AIA" | "ACA" | "NAC" | "LPP" | "UVEU" | "NVEU" | "SMALL-INSTALLATION") | null;
                                licensePolicy: ("presumption-of-approval" | "case-by-case" | "presumption-of-denial") | null;
                                rule: string;
                                citation: string;
                                quota?: {
                                    pool: string;
                                    tpp: number;
                                    limit: number;
                                    usedBefore: number;
                                }[];
                            }[];
                        };
                        decision: {
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            conditions: string[];
                            note?: string | null;
                            validUntil?: string | null;
                            by: string;
                            at: string;
                        } | null;
                        licenses: {
                            id: string;
                            /** @enum {string} */
                            kind: "license" | "exception";
                            /** @enum {string} */
                            status: "active" | "suspended" | "revoked" | "expired" | "exhausted";
                            validUntil: string | null;
                        }[];
                        screening: {
                            listVersion: string;
                            algorithm: string;
                            screenedAt: string;
                            parties: {
                                role: string;
                                name: string;
                                country: string | null;
                                /** @enum {string} */
                                decision: "clear" | "potential-match";
                                hits: {
                                    entityId: string;
                                    name: string;
                                    matchedName: string;
                                    source: string;
                                    score: number;
                                    licenseRequirement: string | null;
                                    licensePolicy: string | null;
                                    federalRegisterNotice: string | null;
                                    explanation: string;
                                    /** @enum {string} */
                                    status: "open" | "cleared" | "confirmed";
                                    clearanceId: string | null;
                                }[];
                            }[];
                            blocking: number;
                        } | null;
                        audit: {
                            origin: string;
                            verifierKey: string;
                            checkpoint: string;
                            treeSize: number;
                            rootHash: string;
                            entries: {
                                index: number;
                                action: string;
                                entity: string;
                                id: string;
                                when: string;
                                who: {
                                    organizationId: string;
                                    /** @enum {string} */
                                    role: "exporter" | "regulator" | "host-government" | "auditor" | "system";
                                    keyId: string | null;
                                };
                                leaf: string;
                                leafHash: string;
                                proof: string[];
                            }[];
                            truncated: boolean;
                        };
                        howToVerify: string[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/pdf": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/pdf": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/pdf": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/pdf": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSnaprPack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        form: string;
                        requestId: string;
                        fields: {
                            block: string;
                            field: string;
                            value: string | number | null;
                            source: string;
                        }[];
                        items: {
                            line: number;
                            eccn: string | null;
                            modelNumber: string;
                            manufacturer: string | null;
                            quantity: number;
                            units: string;
                            unitPriceUsd: number | null;
                            totalPriceUsd: number | null;
                            technicalDescription: string;
                            sources: {
                                [key: string]: string;
                            };
                        }[];
                        mustSupply: {
                            block: string;
                            field: string;
                            why: string;
                        }[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such object visible to your organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportRequestsCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportLicensesCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportShipmentsCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportQuotasCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the key's role or organization may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAllocations: {
        parameters: {
            query: {
                framework: string;
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        framework: string;
                        asOf: string;
                        countries: {
                            country: string;
                            name: string;
                            tier: number | string | null;
                            capTpp: number | null;
                            usedTpp: number;
                            licensedTpp: number;
                        }[];
                    };
                };
            };
            /** @description bad input: `path` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "exporter" | "regulator" | "host-government" | "auditor";
                        asOf: string;
                        nearShare: number;
                        requests: {
                            byStatus: {
                                submitted: number;
                                determined: number;
                                approved: number;
                                denied: number;
                                held: number;
                            };
                            total: number;
                        } | null;
                        licensesNearExhaustion: {
                            id: string;
                            framework: string;
                            /** @enum {string} */
                            status: "active" | "suspended" | "revoked" | "expired" | "exhausted";
                            usedChips: number;
                            limitChips: number;
                            usedTpp: number;
                            limitTpp: number;
                            share: number;
                        }[];
                        devices: {
                            total: number;
                            withOpenAlerts: {
                                id: string;
                                model: string;
                                licenseId: string;
                                installationId: string;
                                openAlerts: number;
                            }[];
                        } | null;
                        openAlerts: {
                            total: number;
                            byKind: {
                                location: number;
                                "location-unverified": number;
                                cluster: number;
                                missing: number;
                                forged: number;
                                replayed: number;
                            };
                        } | null;
                        allocations: {
                            framework: string;
                            country: string;
                            name: string;
                            tier: number | string | null;
                            capTpp: number;
                            usedTpp: number;
                            licensedTpp: number;
                            share: number;
                            near: boolean;
                        }[];
                        agreements: {
                            id: string;
                            framework: string;
                            committedUsd: number;
                            disbursedUsd: number;
                        }[] | null;
                        auditLog: {
                            size: number;
                        } | null;
                    };
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description internal error (logged; no detail is sent) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

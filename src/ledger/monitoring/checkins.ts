/**
 * Check-in ingestion (issue 5 items 3–5): parse, verify with the pure judgeCheckIn against the
 * device state kept on the device row, store the check-in with its outcome, update the link graph,
 * raise alerts, in batches (ingestCheckIns). Idempotent: a check-in whose device, sequence and
 * signature equal one already processed returns the stored outcome with `duplicate: true` and
 * changes nothing, so a queue may deliver it any number of times. One device's check-ins serialize
 * on its row lock.
 */
import { createHash } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import { NO_SUBJECT } from '../../audit/index.js';
import { InputError } from '../../domain/errors.js';
import type { EnrolledDevice, RegisteredLandmark } from '../../monitoring/index.js';
import {
  type CheckIn,
  type CheckInProblem,
  type DeviceVerifierState,
  inlineVerifier,
  judgeCheckIn,
  NEVER,
  type NextDeviceState,
  parseCheckIn,
  type SignatureCheck,
  type SignatureVerifier,
  signatureChecks,
  type VerificationResult,
} from '../../monitoring/index.js';
import type { CheckinsTable } from '../../store/schema.js';
import type { Db, Tx } from '../../store/store.js';
import type { AuditRecord } from '../audit-log/index.js';
import { deviceSubjects } from '../audit-subject.js';
import { auditRecord, auditRecorder, type LedgerContext, type Recorder } from '../context.js';
import type { LedgerError } from '../errors.js';
import type { Principal } from '../principal.js';
import { notFound } from './access.js';
import { type AlertSpec, closeAlert, raiseAlert } from './alerts.js';
import { landmarksById, storedKey } from './landmarks.js';
import { observeLinks, type StoredFinding } from './links.js';
import { type MonitoringSettings, monitoringSettings } from './settings.js';

export interface CheckInOutcome {
  deviceId: string;
  sequence: number;
  duplicate: boolean;
  accepted: boolean;
  problems: string[];
  verdict: 'PASS' | 'INCONCLUSIVE' | 'SITE_INCONSISTENT' | null;
  findings: Record<string, unknown>[];
  alertIds: string[];
}

/** Problems that mean a signature did not verify: someone other than the chip or landmark signed. */
const FORGERY: readonly CheckInProblem[] = ['forged', 'bad-landmark-signature'];
/** Problems that mean an old message or a counter gone back. */
const REPLAY: readonly CheckInProblem[] = ['replayed', 'out-of-order', 'stale-nonce'];

export function signatureDigest(signature: string): string {
  return createHash('sha256').update(signature, 'utf8').digest('hex');
}

/**
 * Processes one signed check-in (docs/monitoring-protocol.md): a batch of one. Bad input is an
 * InputError naming the field; a device that is not enrolled is not_found. The caller has admitted
 * the check-in (CheckInIntake: the device is the caller's).
 */
export async function ingestCheckIn(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
  options: IngestOptions = {},
): Promise<CheckInOutcome> {
  const [result] = await ingestCheckIns(ctx, [{ principal, raw }], options);
  if (!result!.ok) throw result!.error;
  return result!.outcome;
}

/** One check-in of a batch and who submitted it (named in its audit entry). */
export interface CheckInItem {
  readonly principal: Principal;
  readonly raw: unknown;
}

/** What became of one check-in of a batch: its outcome, or why it was refused (bad input, no device). */
export type CheckInResult =
  | { readonly ok: true; readonly outcome: CheckInOutcome }
  | { readonly ok: false; readonly error: InputError | LedgerError };

export interface IngestOptions {
  /** Where the signatures are checked (default: on this thread). */
  readonly verifier?: SignatureVerifier;
}

/**
 * Processes a batch of check-ins in one transaction (issue 16 item 2): every check-in's row, its
 * device's new state, the links and alerts it raises and its audit entry commit together or not at
 * all. The batch keeps its order: check-ins of one device are judged in the order given, each
 * against the state the one before it left. Signatures are checked before the transaction, on
 * `options.verifier` (all cores), so no lock is held while they are; then the devices' rows are
 * locked in id order (two batches never wait on each other in a circle), the check-ins already held
 * are found with one query, and the check-ins and device states are written with one statement
 * each. A check-in refused as bad input or for an unknown device is answered as such and does not
 * stop the others; any other failure fails the whole batch (nothing of it is kept), for the caller
 * to retry or split. Idempotent as ingestCheckIn: a check-in already held (here or earlier in the
 * batch) is answered with its stored outcome and `duplicate: true`.
 */
export async function ingestCheckIns(
  ctx: LedgerContext,
  items: readonly CheckInItem[],
  options: IngestOptions = {},
): Promise<CheckInResult[]> {
  const results: (CheckInResult | undefined)[] = new Array(items.length);
  const parsed: Parsed[] = [];
  for (const [index, item] of items.entries()) {
    try {
      const checkIn = parseCheckIn(item.raw);
      parsed.push({ index, principal: item.principal, checkIn, digest: signatureDigest(checkIn.signature) });
    } catch (error) {
      if (error instanceof InputError) results[index] = { ok: false, error };
      else throw error;
    }
  }
  if (parsed.length > 0) {
    const settings = await monitoringSettings(ctx.db);
    const landmarks = await landmarksById(
      ctx.db,
      parsed.flatMap((p) => p.checkIn.receipts.map((r) => r.landmarkId)),
    );
    const devices = await deviceRows(ctx.db, parsed, false);
    const verified = await verifySignatures(parsed, devices, landmarks, options.verifier ?? inlineVerifier);
    // Check-ins of devices that share links lock the same link rows; PostgreSQL breaks the rare
    // deadlock by aborting one transaction, which is then simply run again.
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await ctx.db
          .transaction()
          .execute((tx) => judgeAndStore(ctx, tx, parsed, settings, landmarks, devices, verified));
        for (const [k, p] of parsed.entries()) results[p.index] = stored[k]!;
        break;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }
  return results as CheckInResult[];
}

/** deadlock_detected, serialization_failure (PostgreSQL error codes). */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

interface Parsed {
  readonly index: number;
  readonly principal: Principal;
  readonly checkIn: CheckIn;
  readonly digest: string;
}

async function deviceRows(db: Db | Tx, parsed: readonly Parsed[], lock: boolean) {
  const ids = [...new Set(parsed.map((p) => p.checkIn.deviceId))].sort();
  let query = db
    .selectFrom('devices')
    .innerJoin('installations as ins', 'ins.id', 'devices.installation_id')
    .selectAll('devices')
    .select(['ins.lat', 'ins.lon', 'ins.country', 'ins.name as installation_name'])
    .where('devices.id', 'in', ids)
    .orderBy('devices.id');
  if (lock) query = query.forNoKeyUpdate('devices');
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.id, row]));
}

type DeviceRow = Awaited<ReturnType<typeof deviceRows>> extends Map<string, infer R> ? R : never;

function enrolled(row: DeviceRow): EnrolledDevice | undefined {
  if (row.status !== 'active') return undefined;
  return {
    index: 0,
    deviceId: row.id,
    model: row.model,
    algorithm: row.algorithm,
    publicKey: storedKey(row.algorithm, row.public_key),
    licenseId: row.license_id,
    installation: { id: row.installation_id, lat: row.lat ?? 0, lon: row.lon ?? 0, country: row.country },
    enrolledAt: row.enrolled_at.getTime(),
  };
}

/** The outcome of each check-in's signatures (signatureChecks order), verified as one batch. */
async function verifySignatures(
  parsed: readonly Parsed[],
  devices: ReadonlyMap<string, DeviceRow>,
  landmarks: ReadonlyMap<string, RegisteredLandmark>,
  verifier: SignatureVerifier,
): Promise<Map<Parsed, VerifiedSignatures>> {
  const keys = new Map<string, EnrolledDevice | undefined>();
  const checks: SignatureCheck[] = [];
  const spans: [Parsed, VerifiedSignatures['key'], number, number][] = [];
  for (const p of parsed) {
    const row = devices.get(p.checkIn.deviceId);
    if (!row) continue;
    if (!keys.has(row.id)) keys.set(row.id, enrolled(row));
    const device = keys.get(row.id);
    if (!device) continue;
    const mine = signatureChecks(p.checkIn, device, landmarks);
    spans.push([p, { algorithm: row.algorithm, publicKey: row.public_key }, checks.length, mine.length]);
    checks.push(...mine);
  }
  const outcomes = checks.length > 0 ? await verifier.verifyAll(checks) : [];
  return new Map(spans.map(([p, key, from, n]) => [p, { key, outcomes: outcomes.slice(from, from + n) }]));
}

interface VerifiedSignatures {
  /** The key they were checked against: judged under the lock only if the row still holds it. */
  readonly key: { readonly algorithm: string; readonly publicKey: string };
  readonly outcomes: readonly boolean[];
}

async function judgeAndStore(
  ctx: LedgerContext,
  tx: Tx,
  parsed: readonly Parsed[],
  settings: MonitoringSettings,
  landmarks: ReadonlyMap<string, RegisteredLandmark>,
  unlocked: ReadonlyMap<string, DeviceRow>,
  verified: ReadonlyMap<Parsed, VerifiedSignatures>,
): Promise<CheckInResult[]> {
  const now = ctx.now();
  const rows = await deviceRows(tx, parsed, true);
  // Under the locks: a concurrent delivery of the same check-in has committed by now.
  const held = await storedOutcomes(tx, parsed);
  const unverifiedOpen = await openUnverifiedAlerts(tx, [...rows.keys()]);
  const devices = new Map<string, EnrolledDevice | undefined>();
  const states = new Map<string, DeviceState>();
  const subjects = await deviceSubjects(tx, [...rows.keys()]);
  const checkinRows: Insertable<CheckinsTable>[] = [];
  const entries: AuditRecord[] = [];
  const out: CheckInResult[] = [];

  for (const p of parsed) {
    const { checkIn, digest, principal } = p;
    const row = rows.get(checkIn.deviceId);
    if (!row) {
      out.push({ ok: false, error: notFound('enrolled device', checkIn.deviceId, ['deviceId']) });
      continue;
    }
    const key = `${checkIn.deviceId}#${checkIn.sequence}#${digest}`;
    const seen = held.get(key);
    if (seen) {
      out.push({ ok: true, outcome: { ...seen, duplicate: true } });
      continue;
    }
    if (!devices.has(row.id)) devices.set(row.id, enrolled(row));
    const device = devices.get(row.id);
    let state = states.get(row.id);
    if (!state) {
      state = {
        lastSequence: row.last_sequence ?? NEVER.lastSequence,
        lastNonceAt: row.last_nonce_at ?? NEVER.lastNonceAt,
        checkInsWithoutPass: row.checkins_without_pass,
        lastPassAt: row.last_pass_at?.getTime() ?? NEVER.lastPassAt,
        changed: false,
      };
      states.set(row.id, state);
    }
    const signatures = verified.get(p);
    const sameKey =
      signatures !== undefined &&
      signatures.key.algorithm === row.algorithm &&
      signatures.key.publicKey === row.public_key &&
      unlocked.get(row.id)?.status === row.status;
    const { result, next } = judgeCheckIn(
      checkIn,
      device,
      state,
      landmarks,
      {
        now: now.getTime(),
        nonces: settings.nonces,
        nonceTtlMs: settings.nonceTtlMs,
        processingMinMs: settings.processingMinMs,
        intervalMs: settings.intervalMs,
      },
      sameKey ? signatures.outcomes : undefined,
    );
    const record = auditRecorder(ctx, tx, principal, now);
    const { alertIds, findings } = await consequences(tx, record, now, settings, {
      row,
      checkIn,
      digest,
      result,
      next,
      state,
      unverifiedOpen,
    });
    if (next) {
      states.set(row.id, {
        lastSequence: next.lastSequence,
        lastNonceAt: next.lastNonceAt,
        checkInsWithoutPass: next.checkInsWithoutPass,
        lastPassAt: next.lastPassAt,
        verdict: next.verdict,
        changed: true,
      });
    }
    const outcome: CheckInOutcome = {
      deviceId: row.id,
      sequence: checkIn.sequence,
      duplicate: false,
      accepted: result.accepted,
      problems: [...result.problems],
      verdict: result.location?.verdict ?? null,
      findings,
      alertIds: [...new Set(alertIds)],
    };
    held.set(key, outcome);
    checkinRows.push({
      device_id: row.id,
      sequence: checkIn.sequence,
      signature_sha256: digest,
      body: JSON.stringify(checkIn),
      received_at: now,
      accepted: outcome.accepted,
      problems: JSON.stringify(outcome.problems),
      verdict: outcome.verdict,
      location: result.location ? JSON.stringify(result.location) : null,
      findings: JSON.stringify(findings),
      alert_ids: JSON.stringify(outcome.alertIds),
    });
    const subject = subjects.get(row.id) ?? NO_SUBJECT;
    entries.push(
      auditRecord(principal, now, {
        action: 'checkin.received',
        entity: 'checkin',
        id: `${row.id}#${checkIn.sequence}`,
        before: null,
        after: { ...outcome, signatureSha256: digest },
        subject,
      }),
    );
    out.push({ ok: true, outcome });
  }

  if (checkinRows.length > 0) await tx.insertInto('checkins').values(checkinRows).execute();
  await updateDeviceStates(tx, now, states);
  await ctx.audit.appendMany(tx, entries);
  return out;
}

interface DeviceState extends DeviceVerifierState {
  readonly verdict?: NextDeviceState['verdict'];
  /** An accepted check-in moved it: written back at the end of the batch. */
  readonly changed: boolean;
}

/** The check-ins of the batch already held, by device#sequence#digest. */
async function storedOutcomes(tx: Tx, parsed: readonly Parsed[]): Promise<Map<string, CheckInOutcome>> {
  const rows = await tx
    .selectFrom('checkins')
    .select([
      'device_id',
      'sequence',
      'signature_sha256',
      'accepted',
      'problems',
      'verdict',
      'findings',
      'alert_ids',
    ])
    .where('device_id', 'in', [...new Set(parsed.map((p) => p.checkIn.deviceId))])
    .where('signature_sha256', 'in', [...new Set(parsed.map((p) => p.digest))])
    .execute();
  const out = new Map<string, CheckInOutcome>();
  for (const row of rows) {
    out.set(`${row.device_id}#${row.sequence}#${row.signature_sha256}`, {
      deviceId: row.device_id,
      sequence: Number(row.sequence),
      duplicate: true,
      accepted: row.accepted,
      problems: row.problems as string[],
      verdict: row.verdict,
      findings: row.findings as Record<string, unknown>[],
      alertIds: row.alert_ids as string[],
    });
  }
  return out;
}

/** Devices of the batch with an open `location-unverified` alert (a PASS closes it). */
async function openUnverifiedAlerts(tx: Tx, deviceIds: readonly string[]): Promise<Set<string>> {
  if (deviceIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('alerts')
    .select('subject')
    .where('kind', '=', 'location-unverified')
    .where('subject', 'in', deviceIds)
    .where('status', '<>', 'resolved')
    .execute();
  return new Set(rows.map((r) => r.subject));
}

/** Writes each moved device's final state with one statement. */
async function updateDeviceStates(
  tx: Tx,
  now: Date,
  states: ReadonlyMap<string, DeviceState>,
): Promise<void> {
  const moved = [...states.entries()].filter(([, s]) => s.changed);
  if (moved.length === 0) return;
  const values = sql.join(
    moved.map(
      ([id, s]) =>
        sql`(${id}, ${s.lastSequence}::bigint, ${s.lastNonceAt}::bigint, ${s.verdict ?? null}::text, ${s.checkInsWithoutPass}::integer, ${s.lastPassAt >= 0 ? new Date(s.lastPassAt) : null}::timestamptz)`,
    ),
  );
  await sql`
    update devices set
      last_sequence = v.last_sequence,
      last_nonce_at = v.last_nonce_at,
      last_seen_at = ${now}::timestamptz,
      last_verdict = v.last_verdict,
      missing_since = null,
      checkins_without_pass = v.checkins_without_pass,
      last_pass_at = v.last_pass_at
    from (values ${values}) as v(id, last_sequence, last_nonce_at, last_verdict, checkins_without_pass, last_pass_at)
    where devices.id = v.id`.execute(tx);
}

/** The alerts a judged check-in raises or closes and the links it reports. */
async function consequences(
  tx: Tx,
  record: Recorder,
  now: Date,
  settings: MonitoringSettings,
  c: {
    row: DeviceRow;
    checkIn: CheckIn;
    digest: string;
    result: VerificationResult;
    next: NextDeviceState | null;
    state: DeviceVerifierState;
    unverifiedOpen: Set<string>;
  },
): Promise<{ alertIds: string[]; findings: StoredFinding[] }> {
  const { row, checkIn, digest, result, next, state } = c;
  const ref = { deviceId: row.id, sequence: checkIn.sequence };
  const base = {
    organizationId: row.organization_id,
    licenseId: row.license_id,
    installationId: row.installation_id,
    deviceIds: [row.id],
    subject: row.id,
  };
  const alerts: AlertSpec[] = [];
  let findings: StoredFinding[] = [];
  const alertIds: string[] = [];
  const lastPassAt = state.lastPassAt >= 0 ? new Date(state.lastPassAt) : null;
  if (next) {
    const location = result.location!;
    if (location.verdict === 'PASS') {
      if (c.unverifiedOpen.delete(row.id)) {
        await closeAlert(tx, record, now, {
          kind: 'location-unverified',
          subject: row.id,
          note: `closed by check-in ${row.id}#${checkIn.sequence}, which proved the chip in ${row.country} (PASS).`,
        });
      }
    } else if (result.locationUnverified) {
      const since = lastPassAt ? `since ${lastPassAt.toISOString()}` : 'since its enrolment';
      const why = result.problems.includes('missing-receipts')
        ? `it did not answer the assigned landmarks ${checkIn.assignment
            .filter((id) => !location.bounds.some((b) => b.landmarkId === id))
            .join(', ')}`
        : `the verdict is ${location.verdict} (${location.reason})`;
      alerts.push({
        ...base,
        kind: 'location-unverified',
        summary:
          `Device ${row.id} has not proved its location at ${row.installation_name} (${row.country}) ` +
          `${since}: ${next.checkInsWithoutPass} check-in(s) without PASS; in the latest (#${checkIn.sequence}) ${why}.`,
        evidence: {
          checkIn: ref,
          verdict: location.verdict,
          reason: location.reason,
          problems: result.problems,
          assignment: checkIn.assignment,
          answered: location.bounds.map((b) => b.landmarkId),
          checkInsWithoutPass: next.checkInsWithoutPass,
          lastPassAt: lastPassAt?.toISOString() ?? null,
          intervalMs: settings.intervalMs,
        },
      });
      c.unverifiedOpen.add(row.id);
    }
    if (location.verdict === 'SITE_INCONSISTENT') {
      const worst = [...location.bounds].sort(
        (a, b) => b.siteDistanceKm - b.maxDistanceKm - (a.siteDistanceKm - a.maxDistanceKm),
      )[0]!;
      alerts.push({
        ...base,
        kind: 'location',
        summary:
          `Device ${row.id} is not at its licensed site ${row.installation_name} (${row.country}): ` +
          `the signed round trip to landmark ${worst.landmarkId} puts it within ` +
          `${worst.maxDistanceKm.toFixed(0)} km of the landmark, and the site is ${worst.siteDistanceKm.toFixed(0)} km away.`,
        evidence: {
          checkIn: ref,
          verdict: location.verdict,
          reason: location.reason,
          bounds: location.bounds,
        },
      });
    }
    if (checkIn.links.length > 0) {
      const observed = await observeLinks(
        tx,
        record,
        now,
        settings,
        { id: row.id, licenseId: row.license_id, sequence: checkIn.sequence },
        checkIn.links,
      );
      findings = observed.findings;
      alertIds.push(...observed.alertIds);
    }
  } else {
    const problems = result.problems;
    const forged = problems.filter((p) => FORGERY.includes(p));
    const replayed = problems.filter((p) => REPLAY.includes(p));
    if (forged.length > 0) {
      alerts.push({
        ...base,
        kind: 'forged',
        summary: `A check-in for device ${row.id} (sequence ${checkIn.sequence}) carries a signature that does not verify (${forged.join(', ')}): it was not made by the enrolled chip or a registered landmark.`,
        evidence: { checkIn: ref, problems, signatureSha256: digest },
      });
    }
    if (replayed.length > 0) {
      const last = state.lastSequence >= 0 ? state.lastSequence : null;
      alerts.push({
        ...base,
        kind: 'replayed',
        summary: `A check-in for device ${row.id} (sequence ${checkIn.sequence}, last accepted ${last ?? 'none'}) was rejected as an old or out-of-order message (${replayed.join(', ')}).`,
        evidence: { checkIn: ref, problems, lastSequence: last, signatureSha256: digest },
      });
    }
  }
  for (const spec of alerts) alertIds.push(await raiseAlert(tx, record, now, spec));
  return { alertIds, findings };
}

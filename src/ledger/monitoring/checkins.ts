/**
 * Check-in ingestion (issue 5 items 3–5): parse, verify with the pure judgeCheckIn against the
 * device state kept on the device row, store the check-in with its outcome, update the link graph,
 * raise alerts. Idempotent: a check-in whose device, sequence and signature equal one already
 * processed returns the stored outcome with `duplicate: true` and changes nothing, so a queue may
 * deliver it any number of times. One device's check-ins serialize on its row lock.
 */
import { createHash } from 'node:crypto';
import type { EnrolledDevice, RegisteredLandmark } from '../../monitoring/enrollment.js';
import { type CheckIn, parseCheckIn } from '../../monitoring/protocol.js';
import { type CheckInProblem, judgeCheckIn, NEVER } from '../../monitoring/verifier.js';
import type { Db, Tx } from '../../store/store.js';
import { inTransaction, type LedgerContext } from '../context.js';
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

async function storedOutcome(
  db: Db | Tx,
  checkIn: CheckIn,
  digest: string,
): Promise<CheckInOutcome | undefined> {
  const row = await db
    .selectFrom('checkins')
    .select(['accepted', 'problems', 'verdict', 'findings', 'alert_ids'])
    .where('device_id', '=', checkIn.deviceId)
    .where('sequence', '=', checkIn.sequence)
    .where('signature_sha256', '=', digest)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    deviceId: checkIn.deviceId,
    sequence: checkIn.sequence,
    duplicate: true,
    accepted: row.accepted,
    problems: row.problems as string[],
    verdict: row.verdict,
    findings: row.findings as Record<string, unknown>[],
    alertIds: row.alert_ids as string[],
  };
}

/**
 * Processes one signed check-in (docs/monitoring-protocol.md). Bad input is an InputError naming
 * the field; a device that is not enrolled is not_found. The caller has checked the check-in may
 * enter (the API: the device is the caller's; the queue worker passes SYSTEM).
 */
export async function ingestCheckIn(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<CheckInOutcome> {
  const checkIn = parseCheckIn(raw);
  const digest = signatureDigest(checkIn.signature);
  const seen = await storedOutcome(ctx.db, checkIn, digest);
  if (seen) return seen;
  const settings = await monitoringSettings(ctx.db);
  const landmarks = await landmarksById(
    ctx.db,
    checkIn.receipts.map((r) => r.landmarkId),
  );
  // Check-ins of devices that share links lock the same link rows; PostgreSQL breaks the rare
  // deadlock by aborting one transaction, which is then simply run again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await judgeAndStore(ctx, principal, checkIn, digest, settings, landmarks);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}

/** deadlock_detected, serialization_failure (PostgreSQL error codes). */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

async function judgeAndStore(
  ctx: LedgerContext,
  principal: Principal,
  checkIn: CheckIn,
  digest: string,
  settings: MonitoringSettings,
  landmarks: ReadonlyMap<string, RegisteredLandmark>,
): Promise<CheckInOutcome> {
  return inTransaction(ctx, principal, async (tx, record) => {
    const row = await tx
      .selectFrom('devices')
      .innerJoin('installations as ins', 'ins.id', 'devices.installation_id')
      .selectAll('devices')
      .select(['ins.lat', 'ins.lon', 'ins.country', 'ins.name as installation_name'])
      .where('devices.id', '=', checkIn.deviceId)
      .forNoKeyUpdate('devices')
      .executeTakeFirst();
    if (!row) throw notFound('enrolled device', checkIn.deviceId, ['deviceId']);
    // Under the lock: a concurrent delivery of the same check-in has committed by now.
    const again = await storedOutcome(tx, checkIn, digest);
    if (again) return again;

    const now = ctx.now();
    const device: EnrolledDevice | undefined =
      row.status === 'active'
        ? {
            index: 0,
            deviceId: row.id,
            model: row.model,
            algorithm: row.algorithm,
            publicKey: storedKey(row.algorithm, row.public_key),
            licenseId: row.license_id,
            installation: {
              id: row.installation_id,
              lat: row.lat ?? 0,
              lon: row.lon ?? 0,
              country: row.country,
            },
            enrolledAt: row.enrolled_at.getTime(),
          }
        : undefined;
    const state = {
      lastSequence: row.last_sequence ?? NEVER.lastSequence,
      lastNonceAt: row.last_nonce_at ?? NEVER.lastNonceAt,
      checkInsWithoutPass: row.checkins_without_pass,
      lastPassAt: row.last_pass_at?.getTime() ?? NEVER.lastPassAt,
    };
    const { result, next } = judgeCheckIn(checkIn, device, state, landmarks, {
      now: now.getTime(),
      nonces: settings.nonces,
      nonceTtlMs: settings.nonceTtlMs,
      processingMinMs: settings.processingMinMs,
      intervalMs: settings.intervalMs,
    });

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
    if (next) {
      await tx
        .updateTable('devices')
        .set({
          last_sequence: next.lastSequence,
          last_nonce_at: next.lastNonceAt,
          last_seen_at: now,
          last_verdict: next.verdict,
          missing_since: null,
          checkins_without_pass: next.checkInsWithoutPass,
          last_pass_at: next.lastPassAt >= 0 ? new Date(next.lastPassAt) : null,
        })
        .where('id', '=', row.id)
        .execute();
      const location = result.location!;
      if (location.verdict === 'PASS') {
        await closeAlert(tx, record, now, {
          kind: 'location-unverified',
          subject: row.id,
          note: `closed by check-in ${row.id}#${checkIn.sequence}, which proved the chip in ${row.country} (PASS).`,
        });
      } else if (result.locationUnverified) {
        const lastPass = row.last_pass_at ? `since ${row.last_pass_at.toISOString()}` : 'since its enrolment';
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
            `${lastPass}: ${next.checkInsWithoutPass} check-in(s) without PASS; in the latest (#${checkIn.sequence}) ${why}.`,
          evidence: {
            checkIn: ref,
            verdict: location.verdict,
            reason: location.reason,
            problems: result.problems,
            assignment: checkIn.assignment,
            answered: location.bounds.map((b) => b.landmarkId),
            checkInsWithoutPass: next.checkInsWithoutPass,
            lastPassAt: row.last_pass_at?.toISOString() ?? null,
            intervalMs: settings.intervalMs,
          },
        });
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
        alerts.push({
          ...base,
          kind: 'replayed',
          summary: `A check-in for device ${row.id} (sequence ${checkIn.sequence}, last accepted ${row.last_sequence ?? 'none'}) was rejected as an old or out-of-order message (${replayed.join(', ')}).`,
          evidence: { checkIn: ref, problems, lastSequence: row.last_sequence, signatureSha256: digest },
        });
      }
    }
    for (const spec of alerts) alertIds.push(await raiseAlert(tx, record, now, spec));

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
    await tx
      .insertInto('checkins')
      .values({
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
      })
      .execute();
    await record('checkin.received', 'checkin', `${row.id}#${checkIn.sequence}`, null, {
      ...outcome,
      signatureSha256: digest,
    });
    return outcome;
  });
}

/**
 * Service nonces for check-ins (docs/monitoring-protocol.md, steps 1 and 2). Derived from the device,
 * the millisecond and the landmarks assigned to this check-in, with the key every process shares
 * (settings.ts), so nothing is stored per nonce: any verifier instance checks the assignment a
 * check-in names against the nonce's MAC.
 */
import { assignLandmarks, parseInput } from '../../monitoring/index.js';
import type { Db } from '../../store/store.js';
import { authorize, authorizeObject, noSuch } from '../access.js';
import type { LedgerContext } from '../context.js';
import { LedgerError } from '../errors.js';
import type { Principal } from '../principal.js';
import { NonceBody } from './schemas.js';
import { monitoringSettings } from './settings.js';

export interface CheckInNonce {
  deviceId: string;
  nonce: string;
  /** Unix ms: a check-in answering the nonce after this is `stale-nonce`. */
  expiresAt: number;
  /** The landmarks this check-in must answer, nearest to the licensed site first. */
  landmarks: { id: string; lat: number; lon: number }[];
  /** The first of `landmarks` when it lies within the metro radius (2 ms RTT at c), else null. */
  metroLandmarkId: string | null;
}

export async function issueCheckInNonce(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<CheckInNonce> {
  authorize(principal, 'checkin.nonce');
  const { deviceId } = parseInput(NonceBody, raw);
  const device = await ctx.db
    .selectFrom('devices')
    .innerJoin('installations as ins', 'ins.id', 'devices.installation_id')
    .select(['devices.organization_id', 'ins.lat', 'ins.lon'])
    .where('devices.id', '=', deviceId)
    .where('devices.status', '=', 'active')
    .executeTakeFirst();
  authorizeObject(principal, 'checkin.nonce', device, noSuch('active device', deviceId, ['deviceId']));
  if (device.lat === null || device.lon === null) {
    // Enrolment requires coordinates; an installation edited since cannot be assigned landmarks.
    throw new LedgerError('invalid_state', `the installation of device ${deviceId} has no coordinates`, [
      'deviceId',
    ]);
  }
  const settings = await monitoringSettings(ctx.db);
  const assignment = assignLandmarks(
    { lat: device.lat, lon: device.lon },
    await activeLandmarks(ctx.db),
    settings.landmarksPerCheckIn,
  );
  const now = ctx.now().getTime();
  return {
    deviceId,
    nonce: settings.nonces.issue(
      deviceId,
      now,
      assignment.landmarks.map((l) => l.id),
    ),
    expiresAt: now + settings.nonceTtlMs,
    landmarks: assignment.landmarks.map(({ id, lat, lon }) => ({ id, lat, lon })),
    metroLandmarkId: assignment.metroLandmarkId,
  };
}

/** Every registered landmark (all registered landmarks are active: there is no retirement yet). */
export async function activeLandmarks(db: Db): Promise<{ id: string; lat: number; lon: number }[]> {
  return db.selectFrom('landmarks').select(['id', 'lat', 'lon']).orderBy('id').execute();
}

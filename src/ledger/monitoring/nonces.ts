/**
 * Service nonces for check-ins (docs/monitoring-protocol.md, step 1). Derived from the device and
 * the millisecond with the key every process shares (settings.ts), so nothing is stored per nonce.
 */
import { parseInput } from '../../monitoring/zod-input.js';
import type { LedgerContext } from '../context.js';
import { type Principal, requireRole } from '../principal.js';
import { notFound } from './access.js';
import { NonceBody } from './schemas.js';
import { monitoringSettings } from './settings.js';

export async function issueCheckInNonce(
  ctx: LedgerContext,
  principal: Principal,
  raw: unknown,
): Promise<{ deviceId: string; nonce: string; expiresAt: string }> {
  requireRole(principal, 'exporter');
  const { deviceId } = parseInput(NonceBody, raw);
  const device = await ctx.db
    .selectFrom('devices')
    .select(['organization_id', 'status'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (!device || device.organization_id !== principal.organizationId || device.status !== 'active') {
    throw notFound('active device', deviceId, ['deviceId']);
  }
  const settings = await monitoringSettings(ctx.db);
  const now = ctx.now().getTime();
  return {
    deviceId,
    nonce: settings.nonces.issue(deviceId, now),
    expiresAt: new Date(now + settings.nonceTtlMs).toISOString(),
  };
}

/**
 * Request and response schemas of the monitoring routes (docs/monitoring-protocol.md, "HTTP API").
 * Bodies and queries are the ledger's own schemas (src/ledger/monitoring/schemas.ts); responses
 * list the contract's fields and let others through.
 */
import { z } from 'zod';
import { ALERT_KINDS, ALERT_STATUSES, DEVICE_STATUSES, RESOLUTIONS } from '../ledger/monitoring/schemas.js';
import { CheckInSchema } from '../monitoring/protocol.js';
import { JsonValue } from './record-schemas.js';
import { apiSchemas } from './schemas.js';

const open = <T extends z.core.$ZodShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;
const iso = z.string().describe('ISO 8601 date-time');
const VERDICTS = ['PASS', 'INCONCLUSIVE', 'SITE_INCONSISTENT'] as const;

export {
  AcknowledgeBody,
  AlertListQuery,
  DeviceListQuery,
  EnrollDeviceBody,
  NonceBody,
  RegisterLandmarkBody,
  ReportQuery,
  ResolveBody,
} from '../ledger/monitoring/schemas.js';

export const RetireBody = z.strictObject({ note: z.string().max(2000).optional() });

export const DeviceRecord = open({
  id: z.string(),
  organizationId: z.string(),
  licenseId: z.string(),
  installationId: z.string(),
  model: z.string(),
  algorithm: z.enum(['ed25519', 'ecdsa-p384']),
  publicKey: z.string().describe('base64 DER SubjectPublicKeyInfo'),
  enrolledAt: iso,
  status: z.enum(DEVICE_STATUSES),
  monitoring: open({
    status: z.enum([...VERDICTS, 'MISSING', 'NONE']),
    lastSeenAt: iso.nullable(),
    lastSequence: z.number().nullable(),
    openAlerts: z.number(),
  }),
});
export const DeviceList = open({ devices: z.array(DeviceRecord) });

export const LandmarkRecord = open({
  id: z.string(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  operator: z.string(),
  publicKey: z.string().describe('base64 DER SubjectPublicKeyInfo of its Ed25519 key'),
  registeredAt: iso,
});
export const LandmarkList = open({ landmarks: z.array(LandmarkRecord) });

export const NonceResponse = open({ deviceId: z.string(), nonce: z.string(), expiresAt: iso });

export const CheckInBody = CheckInSchema;

export const CheckInOutcomeRecord = open({
  deviceId: z.string(),
  sequence: z.number(),
  duplicate: z.boolean().describe('this check-in (device, sequence, signature) was processed before'),
  accepted: z.boolean(),
  problems: z.array(z.string()),
  verdict: z.enum(VERDICTS).nullable(),
  findings: z.array(z.record(z.string(), JsonValue)),
  alertIds: z.array(z.string()),
});

export const QueuedCheckIn = open({
  queued: z.literal(true),
  stream: z.string(),
  seq: z.number(),
  duplicate: z.boolean(),
});

export const AlertRecord = open({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  status: z.enum(ALERT_STATUSES),
  organizationId: z.string(),
  licenseId: z.string(),
  installationId: z.string().nullable(),
  deviceIds: z.array(z.string()),
  site: open({ lat: z.number(), lon: z.number(), country: z.string() }).nullable(),
  openedAt: iso,
  summary: z.string(),
  evidence: z.record(z.string(), JsonValue),
  acknowledgedAt: iso.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: iso.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.enum(RESOLUTIONS).nullable(),
  note: z.string().nullable(),
});
export const AlertList = open({ alerts: z.array(AlertRecord) });

const CATEGORIES = ['location-change', 'diversion', 'tampering'] as const;
export const MonitoringReportRecord = open({
  generatedAt: iso,
  from: z.string(),
  to: z.string(),
  counts: open({ 'location-change': z.number(), diversion: z.number(), tampering: z.number() }),
  events: z.array(
    open({
      category: z.enum(CATEGORIES),
      alertId: z.string(),
      kind: z.enum(ALERT_KINDS),
      status: z.enum(ALERT_STATUSES),
      organizationId: z.string(),
      licenseId: z.string(),
      installationId: z.string().nullable(),
      deviceIds: z.array(z.string()),
      openedAt: iso,
      summary: z.string(),
    }),
  ),
});

apiSchemas.add(DeviceRecord, { id: 'Device' });
apiSchemas.add(LandmarkRecord, { id: 'Landmark' });
apiSchemas.add(AlertRecord, { id: 'Alert' });
apiSchemas.add(CheckInBody, {
  id: 'CheckIn',
  description: 'A signed check-in (docs/monitoring-protocol.md)',
});
apiSchemas.add(CheckInOutcomeRecord, { id: 'CheckInOutcome' });
apiSchemas.add(MonitoringReportRecord, { id: 'MonitoringReport' });

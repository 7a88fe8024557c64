/**
 * Request and response schemas of the monitoring routes (docs/monitoring-protocol.md, "HTTP API").
 * Bodies and queries are the ledger's own schemas (src/ledger/monitoring/schemas.ts); responses
 * list the contract's fields and let others through.
 */
import { z } from 'zod';
import { ALERT_KINDS, ALERT_STATUSES, DEVICE_STATUSES, RESOLUTIONS } from '../ledger/monitoring/index.js';
import { CheckInSchema } from '../monitoring/index.js';
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
  MonitoringSettingsPatch,
  NonceBody,
  RegisterLandmarkBody,
  ReportQuery,
  ResolveBody,
} from '../ledger/monitoring/index.js';

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

const unixMs = z.number().int().describe('Unix milliseconds');

export const NonceResponse = open({
  deviceId: z.string(),
  nonce: z.string().describe('base64 of 32 bytes; its MAC covers the device, the time and `landmarks`'),
  expiresAt: unixMs.describe('Unix milliseconds: answered later, the check-in is `stale-nonce`'),
  landmarks: z
    .array(open({ id: z.string(), lat: z.number(), lon: z.number() }))
    .describe(
      'the landmarks this check-in must answer (k nearest to the licensed site, nearest first); ' +
        'the check-in lists their ids as `assignment`, in this order',
    ),
  metroLandmarkId: z
    .string()
    .nullable()
    .describe('the nearest landmark when within the metro radius (2 ms RTT at c: 299.792 km), else null'),
});

export const MonitoringSettingsRecord = open({
  intervalMs: z.number().describe('expected time between check-ins, ms'),
  nonceTtlMs: z.number(),
  processingMinMs: z.number(),
  landmarksPerCheckIn: z.number().describe('landmarks each nonce assigns (k)'),
  metroRadiusKm: z.number(),
  sources: z.record(z.string(), z.string()),
  updatedAt: iso,
});

const CoverageGap = z.enum(['no-landmarks', 'no-metro-landmark', 'no-disk-fits']);
export const CoverageReportRecord = open({
  generatedAt: iso,
  landmarksPerCheckIn: z.number(),
  metroRadiusKm: z.number(),
  landmarks: z.number(),
  counts: open({ installations: z.number(), verifiable: z.number(), unverifiable: z.number() }),
  installations: z.array(
    open({
      installationId: z.string(),
      name: z.string(),
      organizationId: z.string(),
      country: z.string(),
      lat: z.number(),
      lon: z.number(),
      activeDevices: z.number(),
      verifiable: z.boolean(),
      gaps: z.array(CoverageGap),
      assigned: z.array(open({ id: z.string(), lat: z.number(), lon: z.number(), distanceKm: z.number() })),
      metroLandmarkId: z.string().nullable(),
      bestCase: open({ verdict: z.string(), reason: z.string() }),
    }),
  ),
});

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
apiSchemas.add(MonitoringSettingsRecord, { id: 'MonitoringSettings' });
apiSchemas.add(CoverageReportRecord, { id: 'CoverageReport' });

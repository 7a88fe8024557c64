/**
 * Inputs of the monitoring ledger operations, validated here and shared with the API (its request
 * bodies and queries) and the CLI, so every interface names a bad field the same way.
 */
import { z } from 'zod';
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../../monitoring/index.js';

export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'must be 1–128 letters, digits or . _ : / -');

const base64Key = z
  .string()
  .min(1, 'is required')
  .max(1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be standard base64 (DER SubjectPublicKeyInfo)');

export const ALERT_KINDS = [
  'location',
  'location-unverified',
  'cluster',
  'missing',
  'forged',
  'replayed',
] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const RESOLUTIONS = ['false-alarm', 'remediated', 'referred'] as const;
export const DEVICE_STATUSES = ['active', 'retired'] as const;

export const EnrollDeviceBody = z.strictObject({
  id: identifier,
  model: z.string().min(1, 'must not be empty').max(128),
  algorithm: z.enum(SIGNATURE_ALGORITHMS as [SignatureAlgorithm, ...SignatureAlgorithm[]]),
  publicKey: base64Key,
  licenseId: z.string().min(1, 'must not be empty'),
  installationId: z.string().min(1, 'must not be empty'),
});
export type EnrollDeviceInput = z.infer<typeof EnrollDeviceBody>;

export const RegisterLandmarkBody = z.strictObject({
  id: identifier,
  name: z.string().min(1, 'must not be empty').max(200),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  operator: z.string().min(1, 'must not be empty').max(200),
  publicKey: base64Key,
});
export type RegisterLandmarkInput = z.infer<typeof RegisterLandmarkBody>;

export const DeviceListQuery = z.strictObject({
  licenseId: z.string().min(1).optional(),
  installationId: z.string().min(1).optional(),
  status: z.enum(DEVICE_STATUSES).optional(),
});
export type DeviceFilter = z.infer<typeof DeviceListQuery>;

export const AlertListQuery = z.strictObject({
  status: z.enum(ALERT_STATUSES).optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  licenseId: z.string().min(1).optional(),
});
export type AlertFilter = z.infer<typeof AlertListQuery>;

export const NonceBody = z.strictObject({ deviceId: identifier });

/** What the regulator may change (PATCH /v1/monitoring/settings); at least one member. */
export const MonitoringSettingsPatch = z
  .strictObject({
    intervalMs: z
      .number()
      .int('must be a whole number of milliseconds')
      .min(1_000, 'must be at least 1000 (1 s)')
      .max(30 * 86_400_000, 'must be at most 30 days')
      .optional()
      .describe('expected time between check-ins, ms (MISSING and location-unverified after two)'),
    landmarksPerCheckIn: z
      .number()
      .int('must be a whole number')
      .min(3, 'must be at least 3 (research note: use ≥ 3 landmarks)')
      .max(16, 'must be at most 16')
      .optional()
      .describe('landmarks each nonce assigns (k)'),
  })
  .refine((p) => p.intervalMs !== undefined || p.landmarksPerCheckIn !== undefined, {
    message: 'give intervalMs, landmarksPerCheckIn or both',
  });
export type MonitoringSettingsInput = z.infer<typeof MonitoringSettingsPatch>;

export const AcknowledgeBody = z.strictObject({ note: z.string().max(2000).optional() });
export type AcknowledgeInput = z.infer<typeof AcknowledgeBody>;

export const ResolveBody = z.strictObject({
  resolution: z.enum(RESOLUTIONS),
  note: z.string().min(1, 'must say why').max(2000),
});
export type ResolveInput = z.infer<typeof ResolveBody>;

const isoDate = z.iso.date('must be a real date, YYYY-MM-DD');
export const ReportQuery = z.strictObject({
  from: isoDate.optional().describe('first day (UTC) of alerts opened; default 90 days before `to`'),
  to: isoDate.optional().describe('last day (UTC), inclusive; default today'),
  format: z.enum(['json', 'csv']).optional().describe('default json'),
});
export type ReportInput = z.infer<typeof ReportQuery>;

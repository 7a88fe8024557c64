/**
 * Enrollment records (issue item 1): devices enrolled by the exporter, landmarks registered by the
 * regulator, and the license terms that bound a cluster. These are the shapes the ledger stores; the
 * in-memory directory here is what the verifier, the detector and the simulator read. Each device
 * gets a dense index (0, 1, 2, …) so per-device state can live in typed arrays.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { isCountryCode } from '../data/countries.js';
import { InputError } from '../domain/errors.js';
import { importPublicKey, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from './signatures.js';
import { parseInput } from './zod-input.js';

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'must be 1–128 letters, digits or . _ : / -');
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const country = z
  .string()
  .transform((c) => c.toUpperCase())
  .refine((c) => isCountryCode(c), 'must be an ISO 3166-1 alpha-2 country code');

export const DeviceEnrollmentSchema = z.strictObject({
  deviceId: identifier,
  model: z.string().min(1).max(128),
  algorithm: z.enum(SIGNATURE_ALGORITHMS as [SignatureAlgorithm, ...SignatureAlgorithm[]]),
  /** base64 DER SubjectPublicKeyInfo of the device key. */
  publicKey: z.string().min(1),
  licenseId: identifier,
  installation: z.strictObject({ id: identifier, lat: latitude, lon: longitude, country }),
});
export type DeviceEnrollment = z.input<typeof DeviceEnrollmentSchema>;

export const LandmarkRegistrationSchema = z.strictObject({
  id: identifier,
  lat: latitude,
  lon: longitude,
  operator: z.string().min(1).max(200),
  /** base64 DER SubjectPublicKeyInfo of the landmark's Ed25519 key. */
  publicKey: z.string().min(1),
});
export type LandmarkRegistration = z.input<typeof LandmarkRegistrationSchema>;

export const LicenseTermsSchema = z.strictObject({
  licenseId: identifier,
  /** Largest connected component of high-bandwidth links the license allows. */
  clusterLimit: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  /** Whether InfiniBand / RoCE (scale-out) links count toward a cluster (research: the license must say). */
  countsScaleOut: z.boolean(),
});
export type LicenseTerms = z.infer<typeof LicenseTermsSchema>;

export interface Installation {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
}

export interface EnrolledDevice {
  readonly index: number;
  readonly deviceId: string;
  readonly model: string;
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: KeyObject;
  readonly licenseId: string;
  readonly installation: Installation;
  /** Unix ms; a device that never checks in is MISSING two intervals after this. */
  readonly enrolledAt: number;
}

export interface RegisteredLandmark {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly operator: string;
  readonly publicKey: KeyObject;
}

/** Read side of the device registry, as the verifier and detector use it. */
export interface DeviceDirectory {
  /** Dense indices 0 … size − 1 are in use. */
  readonly size: number;
  lookup(deviceId: string): EnrolledDevice | undefined;
  at(index: number): EnrolledDevice | undefined;
}

export class InMemoryDeviceDirectory implements DeviceDirectory {
  readonly #byId = new Map<string, EnrolledDevice>();
  readonly #byIndex: EnrolledDevice[] = [];

  get size(): number {
    return this.#byIndex.length;
  }

  /** Validates and adds a device (InputError naming the field; a device id is enrolled once). */
  enroll(record: unknown, enrolledAt: number): EnrolledDevice {
    const parsed = parseInput(DeviceEnrollmentSchema, record);
    if (this.#byId.has(parsed.deviceId)) {
      throw InputError.single(
        'duplicate_device',
        ['deviceId'],
        `device "${parsed.deviceId}" is already enrolled`,
      );
    }
    const publicKey = importPublicKey(parsed.algorithm, parsed.publicKey);
    if (!publicKey) {
      throw InputError.single(
        'invalid_key',
        ['publicKey'],
        `is not a base64 SPKI ${parsed.algorithm} public key`,
      );
    }
    const device: EnrolledDevice = { ...parsed, publicKey, index: this.#byIndex.length, enrolledAt };
    this.#byId.set(device.deviceId, device);
    this.#byIndex.push(device);
    return device;
  }

  lookup(deviceId: string): EnrolledDevice | undefined {
    return this.#byId.get(deviceId);
  }

  at(index: number): EnrolledDevice | undefined {
    return this.#byIndex[index];
  }
}

/** Validates landmark registrations (Ed25519 keys only) into a lookup by id. */
export function landmarkRegistry(records: readonly unknown[]): ReadonlyMap<string, RegisteredLandmark> {
  const out = new Map<string, RegisteredLandmark>();
  records.forEach((record, index) => {
    let parsed: z.infer<typeof LandmarkRegistrationSchema>;
    try {
      parsed = parseInput(LandmarkRegistrationSchema, record);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(error.issues.map((i) => ({ ...i, path: [index, ...i.path] })));
    }
    if (out.has(parsed.id)) {
      throw InputError.single(
        'duplicate_landmark',
        [index, 'id'],
        `landmark "${parsed.id}" is registered twice`,
      );
    }
    const publicKey = importPublicKey('ed25519', parsed.publicKey);
    if (!publicKey) {
      throw InputError.single('invalid_key', [index, 'publicKey'], 'is not a base64 SPKI Ed25519 public key');
    }
    out.set(parsed.id, { ...parsed, publicKey });
  });
  return out;
}

/** Validates license terms into a lookup by license id. */
export function licenseTerms(records: readonly unknown[]): ReadonlyMap<string, LicenseTerms> {
  const out = new Map<string, LicenseTerms>();
  for (const record of records) {
    const parsed = parseInput(LicenseTermsSchema, record);
    out.set(parsed.licenseId, parsed);
  }
  return out;
}

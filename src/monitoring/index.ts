/**
 * Post-export chip monitoring: the pure core. Enrollment records, the signed check-in format, the
 * check-in verifier with the speed-of-light location verdict, the anti-clustering detector and the
 * fleet simulator. Storage, HTTP, NATS and the clock are the caller's (docs/monitoring-protocol.md).
 */
export {
  type AssignedLandmark,
  type Assignment,
  assignLandmarks,
  type Coverage,
  type CoverageGap,
  coverageOf,
  METRO_RADIUS_KM,
  METRO_RTT_MS,
} from './assignment.js';
export { BORDER_MARGIN_KM, BORDER_SOURCE, countryAt, hasBorderData, pointInCountry } from './borders.js';
export {
  formatSimulationTable,
  runLocate,
  runSimulate,
  runSimulateAll,
  type SimulateFlags,
} from './cli-functions.js';
export {
  type CheckInRef,
  type ClusterAlert,
  ClusterDetector,
  type ClusterDetectorOptions,
  clusterDetectorFor,
  type LinkFinding,
  type RebuildResult,
} from './clustering.js';
export { deviceCheckIn } from './device.js';
export {
  type DeviceDirectory,
  type DeviceEnrollment,
  DeviceEnrollmentSchema,
  type EnrolledDevice,
  InMemoryDeviceDirectory,
  type Installation,
  type LandmarkRegistration,
  LandmarkRegistrationSchema,
  type LicenseTerms,
  LicenseTermsSchema,
  landmarkRegistry,
  licenseTerms,
  type RegisteredLandmark,
} from './enrollment.js';
export {
  DISTANCE_TOLERANCE_RELATIVE,
  greatCircleKm,
  type LocateInput,
  LocateInputSchema,
  type LocateResult,
  type LocationBound,
  type LocationReason,
  type LocationVerdict,
  locate,
  locateMeasured,
  MEAN_EARTH_RADIUS_KM,
  maxDistanceKm,
  type PlacedMeasurement,
  SITE_TOLERANCE_KM,
  type Site,
  SPEED_OF_LIGHT_KM_PER_S,
} from './geo.js';
export { NonceIssuer } from './nonces.js';
export {
  answerChallenge,
  type CheckIn,
  CheckInSchema,
  challengeSigningBytes,
  checkInSigningBytes,
  issueReceipt,
  LINK_KINDS,
  type LinkKind,
  type LinkObservation,
  LinkObservationSchema,
  PROTOCOL,
  parseCheckIn,
  type Receipt,
  ReceiptSchema,
  receiptNonce,
  receiptSigningBytes,
  SCALE_OUT_KINDS,
  signCheckIn,
  type UnsignedCheckIn,
} from './protocol.js';
export { inlineVerifier, SignaturePool, type SignatureVerifier } from './signature-pool.js';
export {
  ed25519KeyPairFromSeed,
  generateKeyPair,
  importPublicKey,
  type KeyPair,
  p384KeyPairFromSeed,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  signBytes,
  spkiBase64,
  verifyBytes,
} from './signatures.js';
export {
  ATTACKS,
  type Attack,
  SIMULATION,
  type SimulationOptions,
  type SimulationReport,
  type SimulationSummary,
  simulateFleet,
} from './simulate.js';
export {
  type CheckInProblem,
  CheckInVerifier,
  type CheckInVerifierOptions,
  DEFAULT_LANDMARKS_PER_CHECK_IN,
  type DeviceStatus,
  type DeviceVerifierState,
  type JudgeOptions,
  judgeCheckIn,
  NEVER,
  type NextDeviceState,
  NON_REJECTING,
  type SignatureCheck,
  signatureChecks,
  UNVERIFIED_AFTER,
  type VerificationResult,
} from './verifier.js';
export { parseInput } from './zod-input.js';

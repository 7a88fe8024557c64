/** Post-export monitoring in the ledger: enrolment, check-ins, the link graph, alerts and the report. */
export {
  acknowledgeAlert,
  closeAlert,
  getAlert,
  listAlerts,
  raiseAlert,
  resolveAlert,
  sweepMissing,
  sweepUnverified,
} from './alerts.js';
export { type CheckInOutcome, ingestCheckIn, ingestCheckIns, signatureDigest } from './checkins.js';
export { type CoverageReport, coverageReport, type InstallationCoverage } from './coverage.js';
export { seedMonitoringDemo } from './demo.js';
export { deviceRoute, enrollDevice, getDevice, listDevices, retireDevice } from './devices.js';
export { type FleetLandmark, linkTo, type Position, seededKey, signedCheckIn } from './fleet.js';
export {
  type CheckInIntake,
  type CheckInPublisher,
  type CheckInRoute,
  InProcessCheckInIntake,
  type IntakeAnswer,
  QueuedCheckInIntake,
} from './intake.js';
export { listLandmarks, registerLandmark } from './landmarks.js';
export { activeLandmarks, type CheckInNonce, issueCheckInNonce } from './nonces.js';
export {
  CATEGORY_OF,
  type MonitoringReport,
  monitoringReport,
  REPORT_CATEGORIES,
  reportCsv,
} from './report.js';
export * from './schemas.js';
export {
  AcknowledgeBody,
  ALERT_KINDS,
  ALERT_STATUSES,
  AlertListQuery,
  DEVICE_STATUSES,
  DeviceListQuery,
  EnrollDeviceBody,
  MonitoringSettingsPatch,
  NonceBody,
  RESOLUTIONS,
  RegisterLandmarkBody,
  ReportQuery,
  ResolveBody,
} from './schemas.js';
export {
  getMonitoringSettings,
  MONITORING_DEFAULTS,
  type MonitoringSettings,
  type MonitoringSettingsJson,
  monitoringSettings,
  updateMonitoringSettings,
} from './settings.js';
export { startMissingSweep } from './sweeper.js';
export type { AlertJson, DeviceJson, LandmarkJson, MonitoringStatus } from './views.js';

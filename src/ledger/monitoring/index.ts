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
export { type CheckInOutcome, ingestCheckIn, signatureDigest } from './checkins.js';
export { type CoverageReport, coverageReport, type InstallationCoverage } from './coverage.js';
export { deviceRoute, enrollDevice, getDevice, listDevices, retireDevice } from './devices.js';
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
  getMonitoringSettings,
  MONITORING_DEFAULTS,
  type MonitoringSettings,
  type MonitoringSettingsJson,
  monitoringSettings,
  updateMonitoringSettings,
} from './settings.js';
export type { AlertJson, DeviceJson, LandmarkJson, MonitoringStatus } from './views.js';

/**
 * Licensing in the ledger: authorizations (licenses the regulator decides, exceptions recorded as
 * they are determined), the shipments that draw them and the quota pools down, the quotas, and
 * the government-to-government agreements that set caps. The deployment's licensing settings
 * (which frameworks license) are src/ledger/licensing-settings.ts, read by every operation.
 */
export { type AgreementInput, addDisbursement, createAgreement, listAgreements } from './agreements.js';
export { authorizeException, type LicenseLine } from './authorizations.js';
export {
  type DecisionInput,
  decideRequest,
  getLicense,
  listLicenses,
  pageLicenses,
  setLicenseStatus,
} from './licenses.js';
export { listQuotas } from './quotas.js';
export { listShipments, pageShipments, recordShipment, type ShipmentInput } from './shipments.js';

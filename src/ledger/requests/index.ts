/**
 * Export requests in the ledger: submitted (judged under a framework and stored with their
 * screenings), read and listed, their audit history, and replayed under today's rules.
 */
export { requestAuditEntries, requestHistory } from './history.js';
export { withLedgerFacts } from './ledger-facts.js';
export { getRequest, listRequests, pageRequests, REQUEST_STATUSES } from './read.js';
export { replayRequest } from './replay.js';
export { type SubmitInput, submitRequest } from './submit.js';

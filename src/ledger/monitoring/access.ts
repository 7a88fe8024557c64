/**
 * Who sees which devices and alerts is the ledger's access table (`device.read`, `alert.read` in
 * ../access.ts); its `notFound` is re-exported here for the monitoring operations that name it.
 */
export { notFound } from '../access.js';

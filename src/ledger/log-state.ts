import type { Db } from '../store/store.js';
import type { VerifyProblem } from './audit-log/index.js';

/**
 * The ledger's tables checked against its audit log. Every change to a request, licence or
 * shipment is recorded as an entry in the same transaction; replaying the entries in order gives
 * the state they describe: each request's status; each licence's limits, status and what has been
 * drawn from it; each shipment's licence, chips and TPP. That state must equal the rows: a row
 * edited, added or deleted in SQL without touching the log is named here (`ledger-mismatch`).
 */

interface LicenseState {
  index: number;
  limitChips: number;
  limitTpp: number;
  status: string;
  usedChips: number;
  usedTpp: number;
}

interface Replayed {
  requests: Map<string, { index: number; status: string }>;
  licenses: Map<string, LicenseState>;
  shipments: Map<string, { index: number; licenseId: string; chips: number; tpp: number }>;
}

type Entry = { action?: string; id?: string; after?: Record<string, unknown> | null };

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

export function replayLedgerState(leaves: readonly Uint8Array[]): Replayed {
  const state: Replayed = { requests: new Map(), licenses: new Map(), shipments: new Map() };
  leaves.forEach((leaf, index) => {
    let e: Entry;
    try {
      e = JSON.parse(Buffer.from(leaf).toString('utf8')) as Entry;
    } catch {
      return; // an unreadable leaf is named by the tree check
    }
    const after = e.after ?? {};
    const id = e.id ?? '';
    switch (e.action) {
      case 'request.submitted':
      case 'request.decided':
      case 'request.rescreened':
        if (typeof after['status'] === 'string') state.requests.set(id, { index, status: after['status'] });
        break;
      case 'license.issued':
      case 'exception.recorded':
        state.licenses.set(id, {
          index,
          limitChips: num(after['limit_chips']),
          limitTpp: num(after['limit_tpp']),
          status: String(after['status'] ?? 'active'),
          usedChips: 0,
          usedTpp: 0,
        });
        break;
      case 'license.status': {
        const license = state.licenses.get(id);
        if (license && typeof after['status'] === 'string') {
          license.status = after['status'];
          license.index = index;
        }
        break;
      }
      case 'shipment.recorded': {
        const licenseId = String(after['licenseId'] ?? '');
        const chips = num(after['chips']);
        const tpp = num(after['tpp']);
        state.shipments.set(id, { index, licenseId, chips, tpp });
        const license = state.licenses.get(licenseId);
        if (license) {
          license.usedChips += chips;
          license.usedTpp += tpp;
          license.index = index;
          // src/ledger/licensing/shipments.ts: a licence drawn to its limit is exhausted in the same step.
          if (license.usedChips === license.limitChips) license.status = 'exhausted';
        }
        break;
      }
    }
  });
  return state;
}

export async function ledgerStateProblems(db: Db, leaves: readonly Uint8Array[]): Promise<VerifyProblem[]> {
  const state = replayLedgerState(leaves);
  const problems: VerifyProblem[] = [];
  const mismatch = (index: number, detail: string) =>
    problems.push({ index, problem: 'ledger-mismatch', detail: `${detail}: a direct edit of the table` });
  const compare = (index: number, what: string, table: unknown, log: unknown) => {
    if (num(table) !== num(log) && String(table) !== String(log)) {
      mismatch(
        index,
        `${what} is ${String(table)} in the table but ${String(log)} by the audit log (entry ${index})`,
      );
    }
  };

  const requests = await db.selectFrom('requests').select(['id', 'status']).execute();
  for (const row of requests) {
    const logged = state.requests.get(row.id);
    if (!logged) mismatch(-1, `requests ${row.id} has no entry in the audit log`);
    else compare(logged.index, `requests ${row.id} status`, row.status, logged.status);
    state.requests.delete(row.id);
  }
  for (const [id, logged] of state.requests)
    mismatch(logged.index, `requests ${id} is in the audit log but not in the table`);

  const licenses = await db
    .selectFrom('licenses')
    .select(['id', 'limit_chips', 'limit_tpp', 'status', 'used_chips', 'used_tpp'])
    .execute();
  for (const row of licenses) {
    const logged = state.licenses.get(row.id);
    if (!logged) {
      mismatch(-1, `licenses ${row.id} has no entry in the audit log`);
      continue;
    }
    compare(logged.index, `licenses ${row.id} limit_chips`, row.limit_chips, logged.limitChips);
    compare(logged.index, `licenses ${row.id} limit_tpp`, row.limit_tpp, logged.limitTpp);
    compare(logged.index, `licenses ${row.id} status`, row.status, logged.status);
    compare(logged.index, `licenses ${row.id} used_chips`, row.used_chips, logged.usedChips);
    compare(logged.index, `licenses ${row.id} used_tpp`, row.used_tpp, logged.usedTpp);
    state.licenses.delete(row.id);
  }
  for (const [id, logged] of state.licenses)
    mismatch(logged.index, `licenses ${id} is in the audit log but not in the table`);

  const shipments = await db.selectFrom('shipments').select(['id', 'license_id', 'chips', 'tpp']).execute();
  for (const row of shipments) {
    const logged = state.shipments.get(row.id);
    if (!logged) {
      mismatch(-1, `shipments ${row.id} has no entry in the audit log`);
      continue;
    }
    compare(logged.index, `shipments ${row.id} license_id`, row.license_id, logged.licenseId);
    compare(logged.index, `shipments ${row.id} chips`, row.chips, logged.chips);
    compare(logged.index, `shipments ${row.id} tpp`, row.tpp, logged.tpp);
    state.shipments.delete(row.id);
  }
  for (const [id, logged] of state.shipments)
    mismatch(logged.index, `shipments ${id} is in the audit log but not in the table`);
  return problems;
}

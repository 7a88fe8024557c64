import { H100_EQUIVALENT_TPP } from '../classify/thresholds.js';
import { catalogChip } from '../data/chips.js';
import { countryByCode } from '../data/countries.js';
import { InputError } from '../domain/errors.js';
import { parseExportRequest } from '../domain/request.js';
import { DEFAULT_FRAMEWORK } from '../frameworks/registry.js';
import type { Report } from '../jobs/registry.js';
import { yieldToLoop } from '../jobs/registry.js';
import type { LedgerContext } from '../ledger/context.js';
import { withLedgerFacts } from '../ledger/requests/index.js';
import type { Determination } from '../rules/determination.js';
import { determine } from '../rules/determine.js';
import { lppPool } from '../rules/places.js';
import type { Requirement } from '../rules/types.js';
import type { PortfolioRow } from './csv.js';

/**
 * A portfolio of planned exports determined under each framework. Rows are taken in file
 * order as if each were authorized and shipped: what one row draws from a quota pool (a
 * consignee's LPP allowance, a country allocation, an agreement's cap) counts for the rows
 * after it, on top of what the ledger has on record, so splitting an order does not escape
 * a cap. The government assurances are the agreements on record (as for a submitted request).
 * Parties are not screened here: a submitted request is.
 */
export interface RowOutcome {
  outcome: string;
  licenseRequired: boolean;
  authorization: string | null;
  policy: string | null;
  h100e: number;
  conditions: string[];
  /** The outcome differs from the baseline's (the enforced law) for this row; false for the baseline. */
  changedFromBaseline: boolean;
}

export interface CountryOutcome {
  h100eRequested: number;
  h100eWithoutLicense: number;
  licensesNeeded: number;
  conditions: string[];
  /** Rows to this country whose outcome under this framework differs from the baseline's. */
  changedFromBaseline: number;
}

export interface PortfolioComparison {
  /** The framework every other is compared with: us-ear-enforced, the law as enforced. */
  baseline: string;
  /** The baseline first, then the what-ifs. */
  frameworks: string[];
  rows: {
    line: number;
    destination: string;
    chip: string;
    quantity: number;
    endUser: string;
    byFramework: Record<string, RowOutcome>;
  }[];
  byCountry: { country: string; name: string; byFramework: Record<string, CountryOutcome> }[];
}

/** A requirement as a condition of the authorization, with whether it is met. */
export function conditionText(r: Requirement): string {
  const state = r.satisfied === true ? 'met' : r.satisfied === false ? 'not met' : 'to be shown';
  return `${r.code} (${state})`;
}

/**
 * The frameworks a comparison runs: the enforced law first as the baseline, then the others
 * asked for (all registered when none are named), each once.
 */
export function withBaseline(frameworks: readonly string[]): string[] {
  return [DEFAULT_FRAMEWORK, ...frameworks.filter((f) => f !== DEFAULT_FRAMEWORK)];
}

const WITHOUT_LICENSE = new Set(['not-controlled', 'no-license-required', 'license-exception']);
const round = (n: number) => Math.round(n * 100) / 100;

export async function comparePortfolio(
  ctx: LedgerContext,
  rows: PortfolioRow[],
  asked: string[],
  report: Report,
): Promise<PortfolioComparison> {
  const frameworks = withBaseline(asked);
  const total = rows.length * frameworks.length;
  report({ total, done: 0, phase: 'determining' });
  const results = rows.map((row) => ({
    line: row.line,
    destination: row.destination,
    chip: row.chip,
    quantity: row.quantity,
    endUser: row.endUser,
    byFramework: {} as Record<string, RowOutcome>,
  }));
  let done = 0;
  for (const id of frameworks) {
    const framework = ctx.registry.get(id);
    /** TPP this portfolio has drawn from each pool so far. */
    const drawn = new Map<string, number>();
    const facts = new Map<string, Awaited<ReturnType<typeof withLedgerFacts>>>();
    for (const [i, row] of rows.entries()) {
      const base = parseExportRequest({
        date: row.date,
        destination: row.destination,
        items: [{ chip: row.chip, quantity: row.quantity }],
        endUser: {
          name: row.endUser,
          ...(row.endUserHeadquarters ? { headquarters: row.endUserHeadquarters } : {}),
          veu: row.veu,
        },
        installation: { existingChips: row.installationChips },
        assurances: {
          exporterMonitoring: row.exporterMonitoring,
          antiClusteringSoftware: row.antiClusteringSoftware,
        },
      });
      const year = row.date.slice(0, 4);
      const consigneePool = lppPool(base, Number(year));
      const key = `${row.destination}|${consigneePool}`;
      let known = facts.get(key);
      if (!known) {
        known = await withLedgerFacts(ctx.db, id, base);
        facts.set(key, known);
      }
      const extra = (pool: string) => drawn.get(pool) ?? 0;
      const request = {
        ...base,
        // The government's assurances from the ledger (cached per destination), the exporter's from the row.
        assurances: {
          ...known.assurances,
          exporterMonitoring: row.exporterMonitoring,
          antiClusteringSoftware: row.antiClusteringSoftware,
        },
        history: {
          consigneeTppThisYear: known.history.consigneeTppThisYear + extra(consigneePool),
          countryAllocationUsedTpp:
            known.history.countryAllocationUsedTpp + extra(`country-allocation:${row.destination}`),
          agreementUsedTpp: known.history.agreementUsedTpp + extra(`agreement:${row.destination}`),
        },
      };
      let det: Determination;
      try {
        det = determine(framework, request);
      } catch (error) {
        if (error instanceof InputError) {
          throw new InputError(
            error.issues.map((issue) => ({
              ...issue,
              path: ['csv', row.line, ...issue.path],
              message: `line ${row.line}: ${issue.message}`,
            })),
          );
        }
        throw error;
      }
      for (const draw of det.quota) drawn.set(draw.pool, (drawn.get(draw.pool) ?? 0) + draw.tpp);
      const perChip = det.items[0]?.classification?.h100e ?? catalogChip(row.chip)!.tpp / H100_EQUIVALENT_TPP;
      results[i]!.byFramework[id] = {
        outcome: det.outcome,
        licenseRequired: det.outcome === 'license-required',
        authorization: det.authorization,
        policy: det.licensePolicy,
        h100e: round(perChip * row.quantity),
        conditions: det.requirements.map(conditionText),
        // The baseline runs first, so its outcome is known here for every other framework.
        changedFromBaseline:
          id !== DEFAULT_FRAMEWORK && results[i]!.byFramework[DEFAULT_FRAMEWORK]!.outcome !== det.outcome,
      };
      done++;
      if (done % 25 === 0) {
        report({ done });
        await yieldToLoop();
      }
    }
  }
  report({ done, phase: 'summarizing' });
  return {
    baseline: DEFAULT_FRAMEWORK,
    frameworks,
    rows: results,
    byCountry: summarize(results, frameworks),
  };
}

function summarize(
  rows: PortfolioComparison['rows'],
  frameworks: string[],
): PortfolioComparison['byCountry'] {
  const byCountry = new Map<string, PortfolioComparison['byCountry'][number]>();
  for (const row of rows) {
    let entry = byCountry.get(row.destination);
    if (!entry) {
      entry = {
        country: row.destination,
        name: countryByCode(row.destination)?.name ?? row.destination,
        byFramework: Object.fromEntries(
          frameworks.map((f) => [
            f,
            {
              h100eRequested: 0,
              h100eWithoutLicense: 0,
              licensesNeeded: 0,
              conditions: [] as string[],
              changedFromBaseline: 0,
            },
          ]),
        ),
      };
      byCountry.set(row.destination, entry);
    }
    for (const f of frameworks) {
      const outcome = row.byFramework[f]!;
      const sum = entry.byFramework[f]!;
      sum.h100eRequested = round(sum.h100eRequested + outcome.h100e);
      if (WITHOUT_LICENSE.has(outcome.outcome))
        sum.h100eWithoutLicense = round(sum.h100eWithoutLicense + outcome.h100e);
      if (outcome.licenseRequired) sum.licensesNeeded++;
      if (outcome.changedFromBaseline) sum.changedFromBaseline++;
      for (const c of outcome.conditions) if (!sum.conditions.includes(c)) sum.conditions.push(c);
    }
  }
  return [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country));
}

import type { ExportRequest } from '../src/domain/request.js';

/** What the three implementations must agree on: the request-level outcome and policy (spec §7). */
export interface Verdict {
  readonly outcome: string;
  readonly licensePolicy: string | null;
  readonly authorization: string | null;
}

export interface Disagreement {
  readonly index: number;
  readonly request: ExportRequest;
  readonly engine: Verdict;
  readonly jsonRulesEngine: Verdict;
  readonly handWritten: Verdict;
}

export interface AgreementReport {
  readonly n: number;
  /** Fraction of requests where all three give the same outcome and licensePolicy. */
  readonly agreement: number;
  /** Same, also requiring the same authorization (an extra check, not a target). */
  readonly authorizationAgreement: number;
  readonly disagreements: readonly Disagreement[];
}

const same = (a: Verdict, b: Verdict) => a.outcome === b.outcome && a.licensePolicy === b.licensePolicy;

export function agreementOf(
  requests: readonly ExportRequest[],
  engine: readonly Verdict[],
  jsonRulesEngine: readonly Verdict[],
  handWritten: readonly Verdict[],
  keep = 5,
): AgreementReport {
  let agreeing = 0;
  let authorizationAgreeing = 0;
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < requests.length; i++) {
    const e = engine[i]!;
    const j = jsonRulesEngine[i]!;
    const h = handWritten[i]!;
    if (same(e, j) && same(e, h)) {
      agreeing++;
      if (e.authorization === j.authorization && e.authorization === h.authorization) authorizationAgreeing++;
    } else if (disagreements.length < keep) {
      disagreements.push({ index: i, request: requests[i]!, engine: e, jsonRulesEngine: j, handWritten: h });
    }
  }
  const n = requests.length;
  return {
    n,
    agreement: n === 0 ? 1 : agreeing / n,
    authorizationAgreement: n === 0 ? 1 : authorizationAgreeing / n,
    disagreements,
  };
}

export const verdictOf = (r: Verdict): Verdict => ({
  outcome: r.outcome,
  licensePolicy: r.licensePolicy,
  authorization: r.authorization,
});

import type { CfrTextAnswer, Determination, Source } from './determination.js';
import { readableCitation } from './sources.js';
import { materializeTrace, type TraceComparison, type TraceNode } from './trace-log.js';
import type { QuotaDraw, Requirement, UncertainReading } from './types.js';

/** The determination as spec/contracts.md shapes it (plus a few added fields). */
export interface DeterminationJson {
  framework: string;
  frameworkTitle: string;
  frameworkRevision: string;
  frameworkStatus: string;
  asOf: string;
  requestId: string | null;
  outcome: string;
  authorization: string | null;
  authorizations: { authorization: string; items: number[] }[];
  licensePolicy: string | null;
  requirements: Requirement[];
  quota: QuotaDraw[];
  items: {
    index: number;
    kind: string;
    label: string;
    quantity: number;
    classification: {
      class: string;
      eccn: string | null;
      tpp: number;
      pd: number | null;
      h100e: number;
    } | null;
    outcome: string;
    authorization: string | null;
    licensePolicy: string | null;
    rule: string;
    citation: string;
  }[];
  coveredRange?: { from: string; to: string | null };
  explanation: string;
  trace: TraceNode;
  citations: string[];
  sources: Source[];
  cfrText?: CfrTextAnswer | null;
  uncertain?: UncertainReading[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function toDeterminationJson(det: Determination): DeterminationJson {
  const trace = materializeTrace(det.log);
  const json: DeterminationJson = {
    framework: det.framework,
    frameworkTitle: det.frameworkTitle,
    frameworkRevision: det.frameworkRevision,
    frameworkStatus: det.frameworkStatus,
    asOf: det.asOf,
    requestId: det.requestId,
    outcome: det.outcome,
    authorization: det.authorization,
    authorizations: det.authorizations.map((a) => ({ authorization: a.authorization, items: [...a.items] })),
    licensePolicy: det.licensePolicy,
    requirements: det.requirements.map((r) => ({ ...r, citation: readableCitation(r.citation) })),
    quota: [...det.quota],
    items: det.items.map((item) => ({
      ...item,
      citation: readableCitation(item.citation),
      classification: item.classification && {
        class: item.classification.class,
        eccn: item.classification.eccn,
        tpp: item.classification.tpp,
        pd: item.classification.pd === null ? null : round2(item.classification.pd),
        h100e: round2(item.classification.h100e),
      },
    })),
    explanation: explain(det, trace),
    trace,
    citations: [...det.citations],
    sources: [...det.sources],
  };
  if (det.coveredRange) json.coveredRange = { ...det.coveredRange };
  if (det.cfrText !== undefined) json.cfrText = det.cfrText && { ...det.cfrText };
  if (det.uncertain !== undefined)
    json.uncertain = det.uncertain.map((u) => ({ ...u, citation: readableCitation(u.citation) }));
  return json;
}

/** Numbers as people read them: grouped digits, two decimals at most, 3e26 for the very large. */
export function formatNumber(x: number): string {
  if (Math.abs(x) >= 1e15) return x.toExponential().replace('e+', 'e');
  return Number.isInteger(x)
    ? x.toLocaleString('en-US')
    : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
const n = formatNumber;
const words = (code: string) => code.replace(/-/g, ' ');

const STATUS_TEXT: Record<string, string> = {
  'in-force': 'in force',
  'compliance-deferred': 'in effect, but compliance with it was not yet required',
  'not-yet-proposed': 'not yet proposed (a what-if: no such draft existed on that date)',
  abandoned: 'a reported plan, abandoned before it was published',
  'not-enforced': 'in the CFR but not enforced',
  proposed: 'a proposal, never adopted',
  withdrawn: 'a draft since withdrawn',
};

/**
 * A plain-language paragraph rendered from the trace: what the framework is and its status,
 * the outcome, and for each item the rule that decided it with the numbers it compared and
 * the rules tried before it that did not apply.
 */
export function explain(det: Determination, trace: TraceNode = materializeTrace(det.log)): string {
  const parts: string[] = [];
  parts.push(
    `Under ${det.frameworkTitle} (${det.framework}, revision ${det.frameworkRevision}), which on ${det.asOf} is ` +
      `${STATUS_TEXT[det.frameworkStatus] ?? det.frameworkStatus}:`,
  );
  if (det.outcome === 'out-of-coverage') {
    parts.push(
      `the date ${det.asOf} is outside the dates this framework covers (from ${det.coveredRange?.from}` +
        `${det.coveredRange?.to ? ` to ${det.coveredRange.to}` : ''}), so it gives no answer for this request.`,
    );
    return readableCitation(parts.join(' '));
  }
  if (det.frameworkStatus === 'compliance-deferred') {
    parts.push(
      `Compliance with this rule was not yet required on ${det.asOf} (deferred until 2025-05-15): the export ` +
        'controls in force before it governed; this is the answer of the rule’s text.',
    );
  }
  const policy = det.licensePolicy ? `, ${words(det.licensePolicy)}` : '';
  const authorization = det.authorization
    ? ` ${det.authorization}`
    : det.authorizations.length > 1
      ? ` (${det.authorizations.map((a) => `${a.authorization} for item${a.items.length > 1 ? 's' : ''} ${a.items.map((i) => i + 1).join(', ')}`).join('; ')})`
      : '';
  parts.push(`${words(det.outcome)}${authorization}${policy}.`);

  const itemNodes = trace.children.filter((c) => c.rule.startsWith('item['));
  det.items.forEach((item, i) => {
    const node = itemNodes[i];
    const c = item.classification;
    let text = `Item ${item.index + 1}: `;
    if (c) {
      text +=
        `${n(item.quantity)} × ${item.label} (${c.class}${c.eccn ? `, ${c.eccn}` : ''}; ${n(c.tpp)} TPP each, ` +
        `${n(c.tpp * item.quantity)} TPP ≈ ${n(Math.round(c.h100e * item.quantity))} H100e)`;
    } else {
      text += item.label;
    }
    text +=
      ` — ${words(item.outcome)}${item.authorization ? ` ${item.authorization}` : ''}` +
      `${item.licensePolicy ? `, ${words(item.licensePolicy)}` : ''}`;
    const decision = node?.children.find((ch) => ch.rule.includes('/'));
    if (decision) text += `: ${explainDecision(decision, item.rule)}`;
    parts.push(`${text.trimEnd()}.`);
  });

  if (det.requirements.length > 0) {
    parts.push(`Conditions: ${det.requirements.map(requirementText).join('; ')}.`);
  }
  for (const u of det.uncertain ?? []) parts.push(`Uncertain (${u.code}): ${u.note} [${u.citation}].`);
  for (const q of det.quota) {
    parts.push(
      `Draws ${n(q.tpp)} TPP from ${q.pool} (${n(q.usedBefore)} used before, limit ${n(q.limit)}, ` +
        `${n(Math.max(0, q.limit - q.usedBefore - q.tpp))} left after).`,
    );
  }
  if (det.cfrText !== undefined) parts.push(cfrTextSentence(det.cfrText));
  return readableCitation(parts.join(' '));
}

/** One line for the CFR text's answer ("license exception · LPP"), or why there is none. */
export function cfrTextAnswer(cfr: CfrTextAnswer | null): string {
  if (!cfr) return 'no answer (the Diffusion rule was not yet in the CFR)';
  return [words(cfr.outcome), cfr.authorization, cfr.licensePolicy ? words(cfr.licensePolicy) : null]
    .filter(Boolean)
    .join(' · ');
}

/** Whether the CFR text answers otherwise than the determination. */
export function cfrTextDiffers(
  det: Pick<Determination, 'outcome' | 'authorization' | 'licensePolicy' | 'cfrText'>,
): boolean {
  const cfr = det.cfrText;
  return (
    !!cfr &&
    (cfr.outcome !== det.outcome ||
      cfr.authorization !== det.authorization ||
      cfr.licensePolicy !== det.licensePolicy)
  );
}

function cfrTextSentence(cfr: CfrTextAnswer | null): string {
  if (!cfr) return 'The CFR text of the Diffusion rule did not yet exist on this date.';
  return `The CFR text (${cfr.framework}) says: ${cfrTextAnswer(cfr).replace(/ · /g, ', ')}.`;
}

function requirementText(r: Requirement): string {
  const state = r.satisfied === true ? 'met' : r.satisfied === false ? 'NOT met' : 'to be shown';
  return `${r.code} (${state}; ${r.citation})`;
}

function explainDecision(decision: TraceNode, winnerId: string): string {
  const rejected: string[] = [];
  const neutralized = new Map<string, string[]>();
  let applied = '';
  for (const child of decision.children) {
    if (child.status === 'not-applicable' && isInformative(child)) {
      rejected.push(`${child.rule} did not apply (${reasons(child)})`);
    } else if (child.status === 'neutralized') {
      const note = child.notes?.[0] ?? 'neutralized';
      neutralized.set(note, [...(neutralized.get(note) ?? []), child.rule]);
    } else if (child.rule === winnerId) {
      const why = reasons(child);
      applied = `rule ${child.rule} — ${child.title} [${child.citation}]${why ? ` — because ${why}` : ''}`;
    } else if (child.rule === `${winnerId}:consequence`) {
      const why = reasons(child);
      if (why) applied += `; then ${why}`;
    }
  }
  for (const [note, rules] of neutralized) rejected.push(`${rules.join(' and ')} ${note}`);
  return [applied, ...rejected].filter(Boolean).join('; ');
}

function isInformative(node: TraceNode): boolean {
  return Boolean(node.comparisons?.length || node.notes?.length);
}

function reasons(node: TraceNode): string {
  const out: string[] = [];
  for (const c of node.comparisons ?? []) out.push(comparisonText(c));
  for (const note of node.notes ?? []) out.push(note);
  return out.join(', ');
}

function comparisonText(c: TraceComparison): string {
  const op = c.passed ? PRINTED[c.op] : NEGATED[c.op];
  return `${c.what} ${n(c.actual)} ${op} ${n(c.threshold)}`;
}

const PRINTED: Record<TraceComparison['op'], string> = {
  '<=': '≤',
  '<': '<',
  '>=': '≥',
  '>': '>',
  '==': '=',
};
const NEGATED: Record<TraceComparison['op'], string> = {
  '<=': '>',
  '<': '≥',
  '>=': '<',
  '>': '≤',
  '==': '≠',
};

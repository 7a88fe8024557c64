import Table from 'cli-table3';
import { InputError, type InputIssue } from '../domain/errors.js';
import { type ExportRequest, parseExportRequest } from '../domain/request.js';
import { DEFAULT_FRAMEWORK, registry } from '../frameworks/registry.js';
import type { Determination } from '../rules/determination.js';
import { determine, requestFacts } from '../rules/determine.js';
import { type CompiledFramework, compileFramework } from '../rules/framework.js';
import { cfrTextAnswer, cfrTextDiffers, explain, toDeterminationJson } from '../rules/render.js';
import { formatSource, readableCitation } from '../rules/sources.js';
import type { ReformDefinition } from '../rules/types.js';
import { c, colour, num, outcomeColour, satisfiedText, words, wrap } from './format.js';
import { type Output, readJsonInput } from './io.js';

export interface CheckOptions {
  framework?: string;
  asOf?: string;
  json?: boolean;
  set?: string[];
}

/** The frameworks a command asks for: one, a comma-separated list, or all registered. */
export function selectFrameworks(
  option: string | undefined,
  sets: readonly string[] = [],
): CompiledFramework[] {
  const ids = option
    ? option
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : registry.ids();
  // The same issue as the API's for a body's `framework` (one framework) or `frameworks` (a list).
  const unknown =
    ids.length === 1
      ? registry.unknownIn(ids, []).map((i) => ({ ...i, path: ['framework'] }))
      : registry.unknownIn(ids);
  if (unknown.length > 0) throw new InputError(unknown);
  return ids.map((id) => (sets.length ? withParameterOverrides(id, sets) : registry.get(id)));
}

/**
 * `--set PARAM=VALUE`: an ad-hoc reform that sets parameters of the chosen framework, so an
 * analyst can ask "what if the LPP limit were 10 M TPP?" without writing code.
 */
function withParameterOverrides(id: string, sets: readonly string[]): CompiledFramework {
  const base = registry.get(id);
  const patches = sets.map((assignment) => {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw InputError.single('invalid_set', ['--set'], `"${assignment}" is not PARAM=VALUE`);
    const name = assignment.slice(0, eq);
    const raw = assignment.slice(eq + 1);
    const parameter = base.parameters.get(name);
    if (!parameter) {
      throw InputError.single(
        'unknown_parameter',
        ['--set'],
        `framework ${id} has no parameter "${name}"; it has: ${[...base.parameters.keys()].join(', ')}`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    const current = parameter.readings[parameter.readings.length - 1]!.value;
    if (typeof value !== typeof current || Array.isArray(value) !== Array.isArray(current)) {
      throw InputError.single(
        'invalid_set',
        ['--set', name],
        `must be a ${Array.isArray(current) ? 'JSON array' : typeof current}`,
      );
    }
    return {
      op: 'set-parameter' as const,
      reason: `--set ${assignment}`,
      parameter: {
        id: name,
        description: parameter.description,
        unit: parameter.unit,
        values: [{ from: base.coverage.from, value, source: `analyst override (--set ${assignment})` }],
      },
    };
  });
  const reform: ReformDefinition = {
    ...registry.definition(id)!,
    kind: 'reform',
    base: id,
    id: `${id}+what-if`,
    title: `${base.title}, with ${sets.join(', ')}`,
    patches,
  };
  return compileFramework(reform, (other) =>
    other === id ? registry.definition(id) : registry.definition(other),
  );
}

export function runCheck(file: string, options: CheckOptions, io: Output): void {
  const input = readJsonInput(file);
  // One door for bad input: an unknown framework comes first, then every problem of the request.
  let frameworks: CompiledFramework[] = [];
  const issues: InputIssue[] = [];
  try {
    frameworks = selectFrameworks(options.framework, options.set);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    issues.push(...error.issues);
  }
  let request: ExportRequest | undefined;
  try {
    request = parseExportRequest(input, options.asOf ? { asOf: options.asOf } : {});
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || !request) throw new InputError(issues);
  const facts = requestFacts(request);
  const determinations = frameworks.map((fw) => determine(fw, request, facts));
  if (options.json) {
    const json = determinations.map(toDeterminationJson);
    const single = options.framework && !options.framework.includes(',');
    io.out(JSON.stringify(single ? json[0] : { determinations: json }, null, 2));
    return;
  }
  io.out(determinations.length === 1 ? report(determinations[0]!) : sideBySide(determinations));
}

function report(det: Determination): string {
  const lines: string[] = [];
  lines.push(c.bold(det.frameworkTitle));
  lines.push(
    c.dim(
      `${det.framework} · revision ${det.frameworkRevision} · ${words(det.frameworkStatus)} on ${det.asOf}`,
    ),
  );
  if (det.framework === DEFAULT_FRAMEWORK) lines.push(c.dim(`the enforced law on ${det.asOf}`));
  lines.push('');
  lines.push(`${c.bold('Outcome')}   ${outcomeColour(det.outcome)(headline(det))}`);
  if (det.cfrText !== undefined) {
    lines.push(
      `${c.bold('The CFR text says')}   ${cfrTextAnswer(det.cfrText)}${cfrTextDiffers(det) ? c.dim(' (differs from the enforced answer)') : ''}`,
    );
  }
  for (const item of det.items) {
    const cls = item.classification;
    lines.push(
      `  ${item.index + 1}. ${item.kind === 'chip' ? `${num(item.quantity)} × ` : ''}${item.label}` +
        `${cls ? c.dim(` (${cls.class}${cls.eccn ? ` ${cls.eccn}` : ''}, ${num(cls.tpp)} TPP each)`) : ''}: ` +
        `${outcomeColour(item.outcome)(words(item.outcome))}${item.authorization ? ` ${item.authorization}` : ''}` +
        c.dim(` [${item.rule}]`),
    );
  }
  if (det.requirements.length) {
    lines.push('', c.bold('Conditions'));
    for (const r of det.requirements)
      lines.push(`  ${r.code}: ${satisfiedText(r.satisfied)} ${c.dim(`(${readableCitation(r.citation)})`)}`);
  }
  if (det.quota.length) {
    lines.push('', c.bold('Quota'));
    for (const q of det.quota) {
      lines.push(`  ${q.pool}: ${num(q.tpp)} TPP (used before ${num(q.usedBefore)}, limit ${num(q.limit)})`);
    }
  }
  lines.push('', c.bold('Explanation'), wrap(explain(det), '  '));
  lines.push('', c.bold('Sources'));
  for (const source of det.sources) lines.push(wrap(formatSource(source), '  '));
  return lines.join('\n');
}

/** The column heading: the enforced law first, labelled so; the others are what-ifs. */
function columnHead(det: Determination): string {
  return det.framework === DEFAULT_FRAMEWORK
    ? `${det.framework}\nthe enforced law on ${det.asOf}`
    : `${det.framework}\nwhat-if`;
}

function headline(det: Determination): string {
  if (det.outcome === 'out-of-coverage') return `out of coverage (covers from ${det.coveredRange?.from})`;
  return [words(det.outcome), det.authorization, det.licensePolicy ? words(det.licensePolicy) : null]
    .filter(Boolean)
    .join(' · ');
}

function sideBySide(dets: readonly Determination[]): string {
  const table = new Table({
    head: ['', ...dets.map(columnHead)],
    style: { head: colour ? ['cyan'] : [], border: colour ? ['grey'] : [] },
    wordWrap: true,
    colWidths: [
      16,
      ...dets.map(() => Math.max(24, Math.floor(((process.stdout.columns || 110) - 20) / dets.length))),
    ],
  });
  const row = (label: string, cell: (d: Determination) => string) =>
    table.push([c.bold(label), ...dets.map(cell)]);
  row('Status', (d) => `${words(d.frameworkStatus)} on ${d.asOf}`);
  row('Outcome', (d) => outcomeColour(d.outcome)(words(d.outcome)));
  row('Authorization', (d) => d.authorization ?? '—');
  row('Policy', (d) => words(d.licensePolicy));
  if (dets.some(cfrTextDiffers)) {
    row('The CFR text says', (d) => (cfrTextDiffers(d) ? cfrTextAnswer(d.cfrText ?? null) : '—'));
  }
  if (dets.some((d) => d.uncertain?.length)) {
    row('Uncertain', (d) => (d.uncertain?.length ? d.uncertain.map((u) => u.code).join('\n') : '—'));
  }
  row('Conditions', (d) =>
    d.requirements.length
      ? d.requirements.map((r) => `${r.code}: ${satisfiedText(r.satisfied)}`).join('\n')
      : '—',
  );
  row('Quota draws', (d) =>
    d.quota.length
      ? d.quota.map((q) => `${q.pool}\n${num(q.tpp)} of ${num(q.limit - q.usedBefore)} left`).join('\n')
      : '—',
  );
  row('Decided by', (d) => [...new Set(d.items.map((i) => i.rule))].join(', ') || '—');
  const lines = [table.toString(), ''];
  for (const d of dets) {
    lines.push(
      c.bold(
        d.framework === DEFAULT_FRAMEWORK ? `${d.framework} (the enforced law)` : `${d.framework} (what-if)`,
      ),
    );
    // The explanation ends with the open readings and the CFR text's answer, when there are any.
    lines.push(wrap(explain(d), '  '));
    lines.push('');
  }
  return lines.join('\n');
}

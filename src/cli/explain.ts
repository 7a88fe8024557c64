import { parseExportRequest } from '../domain/request.js';
import { determine } from '../rules/determine.js';
import { explain, toDeterminationJson } from '../rules/render.js';
import type { TraceNode } from '../rules/trace-log.js';
import { selectFrameworks } from './check.js';
import { c, num, wrap } from './format.js';
import { type Output, readJsonInput } from './io.js';

/** `chipexport explain FILE --framework ID`: the whole trace, as an indented tree. */
export function runExplain(
  file: string,
  options: { framework?: string; asOf?: string; json?: boolean },
  io: Output,
): void {
  const request = parseExportRequest(readJsonInput(file), options.asOf ? { asOf: options.asOf } : {});
  const lines: string[] = [];
  for (const fw of selectFrameworks(options.framework)) {
    const det = determine(fw, request);
    if (options.json) {
      lines.push(JSON.stringify(toDeterminationJson(det).trace, null, 2));
      continue;
    }
    const tree = toDeterminationJson(det).trace;
    render(tree, '', lines);
    lines.push('', c.bold('In plain words'), wrap(explain(det), '  '), '');
  }
  io.out(lines.join('\n'));
}

const MARK: Record<string, string> = {
  applied: '✔',
  'not-applicable': '✘',
  overridden: '↷',
  neutralized: '⊘',
};

function render(node: TraceNode, indent: string, lines: string[]): void {
  const mark = node.status ? `${MARK[node.status]} ` : '';
  const result =
    typeof node.result === 'boolean' || node.result === null ? '' : ` → ${c.bold(String(node.result))}`;
  const title = node.title ? ` ${c.dim(node.title)}` : '';
  lines.push(
    `${indent}${mark}${node.rule}${title}${result}${node.citation ? c.dim(`  [${node.citation}]`) : ''}`,
  );
  const inner = `${indent}    `;
  for (const p of node.parameters ?? []) {
    lines.push(`${inner}param ${p.id} = ${formatValue(p.value)} ${c.dim(`(from ${p.from}; ${p.source})`)}`);
  }
  for (const f of node.facts ?? [])
    lines.push(`${inner}fact  ${f.what}: ${formatValue(f.value)} ${c.dim(`(${f.source})`)}`);
  for (const x of node.comparisons ?? []) {
    lines.push(
      `${inner}test  ${x.what}: ${formatValue(x.actual)} ${x.op} ${formatValue(x.threshold)} → ${x.passed ? 'yes' : 'no'}`,
    );
  }
  for (const note of node.notes ?? []) lines.push(`${inner}note  ${note}`);
  for (const child of node.children) render(child, `${indent}  `, lines);
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return num(Number.isInteger(value) ? value : Number(value.toFixed(4)));
  if (Array.isArray(value))
    return value.length > 8
      ? `[${value.slice(0, 8).join(', ')}, … ${value.length} in all]`
      : `[${value.join(', ')}]`;
  return String(value);
}

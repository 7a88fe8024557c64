import { registry } from '../frameworks/registry.js';
import { frameworkJson } from '../rules/framework-json.js';
import { formatSource, readableCitation, sourcesFor } from '../rules/sources.js';
import { c, wrap } from './format.js';
import type { Output } from './io.js';
export function runFrameworks(options: { json?: boolean }, io: Output): void {
  const frameworks = registry.all();
  if (options.json) {
    io.out(JSON.stringify({ frameworks: frameworks.map(frameworkJson) }, null, 2));
    return;
  }
  const lines: string[] = [];
  for (const fw of frameworks) {
    lines.push(`${c.bold(fw.id)}  ${fw.title}`);
    lines.push(
      c.dim(
        `  ${fw.kind === 'reform' ? `reform of ${fw.base}` : 'framework'} · revision ${fw.revision} · ${fw.citation}`,
      ),
    );
    lines.push(wrap(fw.summary, '  '));
    lines.push('  Timeline:');
    for (const e of fw.timeline) {
      lines.push(
        `    ${e.date}  ${e.status ? c.bold(`[${e.status}] `) : ''}${e.event} ${c.dim(`(${readableCitation(e.source)})`)}`,
      );
    }
    lines.push(
      `  Covers: from ${fw.coverage.from}${fw.coverage.to ? ` to ${fw.coverage.to}` : ''} — ${fw.coverage.note}`,
    );
    lines.push('  Sources:');
    for (const s of sourcesFor([fw.citation, ...fw.sources.map((x) => x.ref)]))
      lines.push(wrap(formatSource(s), '    '));
    if (fw.patches.length) {
      lines.push('  Patches over the base:');
      for (const p of fw.patches) lines.push(`    ${p.op} ${p.target}: ${p.reason}`);
    }
    lines.push('');
  }
  io.out(lines.join('\n'));
}

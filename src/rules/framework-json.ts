import type { CompiledFramework } from './framework.js';
import { sourcesFor } from './sources.js';

/** A framework as served and printed (`GET /v1/frameworks`, `chipexport frameworks --json`): its sources, parameters and rules. */
export function frameworkJson(fw: CompiledFramework) {
  const rules = (['chips', 'modelWeights'] as const).flatMap((decision) =>
    fw.decisions[decision].rules.map((r) => ({
      decision,
      id: r.id,
      title: r.title,
      citation: r.citation,
      overrides: r.overrides ?? [],
      neutralizedBy: r.neutralizedBy ?? null,
    })),
  );
  return {
    id: fw.id,
    title: fw.title,
    kind: fw.kind,
    base: fw.base,
    revision: fw.revision,
    citation: fw.citation,
    summary: fw.summary,
    coverage: fw.coverage,
    timeline: fw.timeline,
    sources: fw.sources,
    /** What a reader can open behind `sources` (seeds as the reports they reproduce). */
    bibliography: sourcesFor([fw.citation, ...fw.sources.map((s) => s.ref)]),
    patches: fw.patches,
    parameters: [...fw.parameters.values()].map((p) => ({
      id: p.id,
      description: p.description,
      unit: p.unit ?? null,
      values: p.readings.map(({ from, value, source, note }) => ({
        from,
        value,
        source,
        ...(note ? { note } : {}),
      })),
    })),
    rules,
  };
}

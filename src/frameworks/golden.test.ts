import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseRequest, type GoldenExpectation, loadGoldenFile } from '../../test/support/golden.js';
import { InputError } from '../domain/errors.js';
import { parseExportRequest } from '../domain/request.js';
import type { Determination } from '../rules/determination.js';
import { determine } from '../rules/determine.js';
import { explain } from '../rules/render.js';
import { registry } from './registry.js';

const here = import.meta.dirname;

function check(det: Determination, expected: GoldenExpectation): void {
  expect(det.outcome).toBe(expected.outcome);
  if (expected.authorization !== undefined) expect(det.authorization).toBe(expected.authorization);
  if (expected.licensePolicy !== undefined) expect(det.licensePolicy).toBe(expected.licensePolicy);
  if (expected.frameworkStatus !== undefined) expect(det.frameworkStatus).toBe(expected.frameworkStatus);
  if (expected.requirements !== undefined) {
    expect(Object.fromEntries(det.requirements.map((r) => [r.code, r.satisfied]))).toEqual(
      expected.requirements,
    );
  }
  if (expected.quota !== undefined) expect(det.quota).toEqual(expected.quota);
  if (expected.authorizations !== undefined) expect(det.authorizations).toEqual(expected.authorizations);
  if (expected.rules !== undefined) expect(det.items.map((i) => i.rule)).toEqual(expected.rules);
  if (expected.cfrText !== undefined) {
    if (expected.cfrText === null) expect(det.cfrText).toBeNull();
    else {
      expect(det.cfrText?.outcome).toBe(expected.cfrText.outcome);
      if (expected.cfrText.authorization !== undefined)
        expect(det.cfrText?.authorization).toBe(expected.cfrText.authorization);
      if (expected.cfrText.licensePolicy !== undefined)
        expect(det.cfrText?.licensePolicy).toBe(expected.cfrText.licensePolicy);
    }
  }
  if (expected.uncertain !== undefined) {
    expect((det.uncertain ?? []).map((u) => u.code).sort()).toEqual([...expected.uncertain].sort());
  }
  if (expected.explains !== undefined) {
    const text = explain(det);
    for (const fragment of expected.explains) expect(text).toContain(fragment);
  }
}

for (const id of registry.ids()) {
  const path = join(here, id, 'golden.yaml');
  describe(`golden cases: ${id}`, () => {
    it('has a golden file', () => expect(existsSync(path)).toBe(true));
    if (!existsSync(path)) return;
    const file = loadGoldenFile(path);
    const framework = registry.get(id);
    const decided = new Set<string>();

    it('names its framework', () => expect(file.framework).toBe(id));

    for (const c of file.cases) {
      it(`${c.kind}: ${c.name}`, () => {
        const input = caseRequest(file, c);
        if (c.expect.error) {
          try {
            determine(framework, parseExportRequest(input));
            expect.unreachable('expected an input error');
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as InputError).issues.map((i) => i.path)).toContainEqual(c.expect.error.path);
          }
          return;
        }
        const request = parseExportRequest(input);
        const det = determine(framework, request);
        for (const item of det.items) decided.add(item.rule);
        check(det, c.expect);
        if (c.counterfactual) {
          const other = determine(registry.get(c.counterfactual.framework), request);
          check(other, c.counterfactual.expect);
        }
      });
    }

    it('covers every rule of the framework with a case it decides', () => {
      const all = [...framework.decisions.chips.rules, ...framework.decisions.modelWeights.rules]
        .filter((r) => !r.neutralizedBy)
        .map((r) => r.id);
      expect(all.filter((rule) => !decided.has(rule))).toEqual([]);
    });

    it('has at least 20 cases', () => expect(file.cases.length).toBeGreaterThanOrEqual(20));
  });
}

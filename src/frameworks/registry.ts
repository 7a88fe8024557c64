import { type FieldPath, InputError, type InputIssue } from '../domain/errors.js';
import { type CompiledFramework, compileFramework } from '../rules/framework.js';
import type { AnyFrameworkDefinition } from '../rules/types.js';
import { usAiDiffusion2025 } from './us-ai-diffusion-2025/index.js';
import { usEarEnforced } from './us-ear-enforced/index.js';
import { usG2gLicensing2025 } from './us-g2g-licensing-2025/index.js';
import { usInvestmentForChips2026 } from './us-investment-for-chips-2026/index.js';

/**
 * The registry of frameworks. Adding a framework means adding its folder and a line here;
 * the engine discovers it from this list and needs no change.
 */
export const FRAMEWORK_DEFINITIONS: readonly AnyFrameworkDefinition[] = [
  // The enforced law first: the default wherever no framework is named; the others are what-ifs.
  usEarEnforced,
  usAiDiffusion2025,
  usG2gLicensing2025,
  usInvestmentForChips2026,
];

export class FrameworkRegistry {
  private readonly definitions = new Map<string, AnyFrameworkDefinition>();
  private readonly compiled = new Map<string, CompiledFramework>();

  constructor(definitions: readonly AnyFrameworkDefinition[] = FRAMEWORK_DEFINITIONS) {
    for (const definition of definitions) {
      if (this.definitions.has(definition.id))
        throw new Error(`framework "${definition.id}" registered twice`);
      this.definitions.set(definition.id, definition);
    }
  }

  ids(): string[] {
    return [...this.definitions.keys()];
  }

  has(id: string): boolean {
    return this.definitions.has(id);
  }

  definition(id: string): AnyFrameworkDefinition | undefined {
    return this.definitions.get(id);
  }

  /** The framework, or an input error naming `path` (the one "unknown framework" check). */
  require(id: unknown, path: FieldPath = ['framework']): CompiledFramework {
    const issue = unknownFrameworkIssue(this, id, path);
    if (issue) throw new InputError([issue]);
    return this.get(id as string);
  }

  /** Every id of a list the registry does not know, as issues under `path`. */
  unknownIn(ids: readonly unknown[], path: FieldPath = ['frameworks']): InputIssue[] {
    return ids.flatMap((id, index) => {
      const issue = unknownFrameworkIssue(this, id, [...path, index]);
      return issue ? [issue] : [];
    });
  }

  /** Compiled on first use and kept: packs are compiled once, not per request. */
  get(id: string): CompiledFramework {
    let framework = this.compiled.get(id);
    if (!framework) {
      const definition = this.definitions.get(id);
      if (!definition) throw new Error(`unknown framework "${id}"`);
      framework = compileFramework(definition, (other) => this.definitions.get(other));
      this.compiled.set(id, framework);
    }
    return framework;
  }

  all(): CompiledFramework[] {
    return this.ids().map((id) => this.get(id));
  }
}

export const registry = new FrameworkRegistry();

/** The framework used when none is named: the export controls as BIS enforces them. */
export const DEFAULT_FRAMEWORK = 'us-ear-enforced';

/** The issue for a framework id the registry does not know; null when it knows it. */
export function unknownFrameworkIssue(
  frameworks: { has(id: string): boolean; ids(): string[] },
  id: unknown,
  path: FieldPath,
): InputIssue | null {
  if (typeof id === 'string' && frameworks.has(id)) return null;
  return {
    code: 'unknown_framework',
    path: [...path],
    message: `unknown framework ${typeof id === 'string' ? `"${id}"` : 'id (not a string)'}; known: ${frameworks.ids().join(', ')}`,
  };
}

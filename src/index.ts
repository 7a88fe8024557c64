/**
 * The library entry point (`import { determine, frameworks } from 'chipexport'`): the rules
 * engine and the registered frameworks, pure and without a store. For example:
 *
 *   const request = parseExportRequest(json);
 *   const det = determine(frameworks.get('us-ai-diffusion-2025'), request);
 *   console.log(det.outcome, explain(det));
 */

export type { ExportRequest } from './domain/request.js';
export { parseExportRequest } from './domain/request.js';
export { FRAMEWORK_DEFINITIONS, FrameworkRegistry, registry as frameworks } from './frameworks/registry.js';
export type { Determination, ItemDetermination } from './rules/determination.js';
export { determine } from './rules/determine.js';
export type { CompiledFramework } from './rules/framework.js';
export type { DeterminationJson } from './rules/render.js';
export { explain, toDeterminationJson } from './rules/render.js';

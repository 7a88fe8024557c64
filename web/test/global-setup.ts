import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { browserSkipReason } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dashboard built for this run ('' when the browser tests are skipped). */
    webRoot: string;
  }
}

/** Builds the dashboard once per test run, with Vite's JS API, into a temporary directory. */
export default async function setup(project: TestProject) {
  if (browserSkipReason()) {
    project.provide('webRoot', '');
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'chipexport-web-'));
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  project.provide('webRoot', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}

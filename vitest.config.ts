import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most test files wait on PostgreSQL, NATS, Chromium or child processes rather than compute:
    // one file more than the cores (vitest's default is one fewer, a single file at a time on
    // two cores) keeps the machine busy while they wait.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'] },
      },
      {
        // The dashboard in a real browser (web/test/harness.ts): the app is built once per run,
        // and the files run one at a time (each drives Chromium against its own server).
        extends: true,
        test: {
          name: 'web',
          include: ['web/**/*.test.ts'],
          globalSetup: ['web/test/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});

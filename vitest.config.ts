import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, one runner: unit (pure code, fast), integration (real mosquitto, SQLite files,
 * ffmpeg, RTSP server), e2e (the built console in Debian's Chromium through playwright-core).
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15_000,
          // One worker per core (Vitest's default leaves one core idle: on the two-core CI, one
          // worker). Unit tests hold no ports, no timing assertions and no shared files, and they
          // run before the integration and e2e files (which stay one at a time), so nothing else
          // competes for the cores then.
          maxWorkers: availableParallelism(),
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The console is built with its test hooks before any e2e file runs.
          globalSetup: ['test/helpers/e2e-build.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

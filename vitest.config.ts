import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // After every test file: remove its temp folders and stop its servers (test/support/cleanup.ts).
    setupFiles: ['test/support/setup.ts'],
    // Two cores here and in CI: keep process-heavy suites (browsers, child processes) from starving.
    maxWorkers: 2,
    // The skip reporter ends every run naming what was skipped and the command that enables it, and
    // writes test-results/summary.json for scripts/test-all.mjs's closing 'tests: N passed' line.
    reporters: ['default', './test/support/skip-reporter.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: keep process-heavy suites (browsers, child processes) from starving.
    maxWorkers: 2,
    // The JSON report lets .ci/run print one plain 'N passed, N failed' line at the end.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});

import { accessSync, constants, statfsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Test folders (os.tmpdir(): temp.ts, SQLite files, Redis's AOF, Chromium profiles) on a RAM file system
// when the machine has a roomy one: SQLite and Redis fsync on every commit, which on a shared disk cost
// more than the tests themselves, and the tests prove what survives a process kill, not a power cut.
// Set in this process so the workers and every child they start inherit it; TEST_TMPDIR overrides.
function ramTmp(): string | undefined {
  const dir = '/dev/shm';
  try {
    accessSync(dir, constants.W_OK);
    const s = statfsSync(dir);
    return s.bavail * s.bsize >= 2 * 1024 ** 3 ? dir : undefined; // not a container's 64 MB default
  } catch {
    return undefined;
  }
}
const tmp = process.env.TEST_TMPDIR ?? (process.platform === 'linux' ? ramTmp() : undefined);
if (tmp) process.env.TMPDIR = tmp;

// Three projects. `fast`: unit and in-process tests (a real sandbox over HTTP, real SQLite files), no
// browser, no redis-server, no child process to kill: what a change is checked against every few
// minutes (`npx vitest run --project fast`). `browser`: Chromium. `slow`: Redis, process kills and
// restarts, long fuzz runs. `npm test` runs all three (all but fast: `--project browser --project slow`).
const BROWSER = [
  'test/e2e/**/*.test.ts',
  // Chromium (screenshots, PDFs, pages)
  'test/electron/reports/cdp-printer.test.ts',
  'test/electron/receipts/os-printer.test.ts',
  'test/electron/receipts/screenshots.test.ts',
  'test/electron/reports/pdf.test.ts',
  'test/electron/reports/screen.test.ts',
  'test/electron/reports/store/store-report.test.ts',
  'test/sandbox/authorize-browser.test.ts',
  'test/sandbox/checkout-desktop.test.ts',
  'test/security/csp.test.ts',
];
const SLOW = [
  // child processes killed or spawned by the dozen
  'test/electron/core/crash.test.ts',
  'test/electron/core/late-request.test.ts',
  'test/forwarder/crash.test.ts',
  'test/forwarder/migrate-processes.test.ts',
  'test/forwarder/cli.test.ts',
  'test/sandbox/cli.test.ts',
  'test/probe/opn-probe.test.ts',
  'test/forwarder/security.test.ts', // forwarder processes refused at start, and its limits under load
  'test/security/electronegativity.test.ts', // the scanner in its own process over a copy of electron/
  // a real redis-server
  'test/forwarder/redis-*.test.ts',
  'test/forwarder/sentinel*.test.ts',
  'test/forwarder/group-commit.test.ts',
  'test/forwarder/head-seq.test.ts',
  'test/forwarder/store.test.ts',
  'test/forwarder/replica-gate.test.ts',
  'test/forwarder/nginx-proxy.test.ts',
  // long seeded fuzz runs
  'test/security/fuzz-*.test.ts',
  'test/forwarder/fuzz-*.test.ts',
];

export default defineConfig({
  test: {
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
    projects: [
      // No isolation in any project: a worker imports the app's modules (and playwright-core, vite) once
      // for all its files instead of once per file (import was ~1.4 s a file, more than most tests). What
      // a file starts it stops (setup.ts's per-file cleanup); no test file mocks modules or leaves a global
      // changed.
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...BROWSER, ...SLOW], isolate: false } },
      // `npm test`: the fast project first (both workers), then the other two side by side, one file at a
      // time each (groupOrder): two browsers, or a Redis failover beside another, starve each other on two
      // cores; one of each does not (scripts/test-all.mjs runs the same lanes, `browser` beside `fast` then `slow`).
      // The browser project's global setup builds the renderer once for all its files (test/support/renderer-global-setup.ts).
      { extends: true, test: { name: 'browser', include: BROWSER, fileParallelism: false, isolate: false, sequence: { groupOrder: 1 }, globalSetup: ['test/support/renderer-global-setup.ts'] } },
      { extends: true, test: { name: 'slow', include: SLOW, fileParallelism: false, isolate: false, sequence: { groupOrder: 1 } } },
    ],
  },
});

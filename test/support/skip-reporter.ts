// A vitest reporter that ends every run with what was skipped and the command that enables it, and
// writes test-results/summary.json (counts) for scripts/test-all.mjs. Suites needing a missing program
// carry `[skipped: <reason>; enable: <command>]` in their title (programs.ts).
// With TEST_REQUIRE_ALL=1 (npm run test:all, CI) any skip except the Electron-binary test fails the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const MARK = /\[skipped: ([^;\]]+)(?:; enable: ([^\]]+))?\]/;

/** Electron's binary cannot be downloaded here: the one skip allowed under TEST_REQUIRE_ALL. */
const ALLOWED = /^Electron binary/;

export interface SkipGroup {
  reason: string;
  enable: string | null;
  files: string[];
  tests: number;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Skipped tests that TEST_REQUIRE_ALL does not allow. */
  forbiddenSkips: number;
  skips: SkipGroup[];
}

export default class SkipReporter implements Reporter {
  private readonly summaryFile: string;

  constructor(options: { summaryFile?: string } = {}) {
    // TEST_SUMMARY_FILE: scripts/test-all.mjs runs each project in its own vitest, each writing its own.
    this.summaryFile = options.summaryFile ?? process.env.TEST_SUMMARY_FILE ?? 'test-results/summary.json';
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const groups = new Map<string, SkipGroup>();
    const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, forbiddenSkips: 0, skips: [] };
    for (const mod of modules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') summary.passed++;
        else if (state === 'failed') summary.failed++;
        if (state !== 'skipped') continue;
        summary.skipped++;
        const m = MARK.exec(test.fullName);
        const reason = m?.[1]?.trim() ?? (test.options.mode === 'todo' ? 'todo' : 'skipped without a stated reason');
        const g = groups.get(reason) ?? { reason, enable: m?.[2]?.trim() ?? null, files: [], tests: 0 };
        g.tests++;
        if (!g.files.includes(mod.relativeModuleId)) g.files.push(mod.relativeModuleId);
        groups.set(reason, g);
      }
    }
    summary.skips = [...groups.values()];
    summary.forbiddenSkips = summary.skips.filter((g) => !ALLOWED.test(g.reason)).reduce((n, g) => n + g.tests, 0);
    mkdirSync(path.dirname(this.summaryFile), { recursive: true });
    writeFileSync(this.summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
    if (summary.skipped === 0) return;

    const lines = [`Skipped ${summary.skipped} test${summary.skipped === 1 ? '' : 's'}:`];
    for (const g of summary.skips) lines.push(`  ${g.reason}${g.enable ? ` (enable: ${g.enable})` : ''}: ${g.files.join(', ')}`);
    if (process.env.TEST_REQUIRE_ALL === '1') {
      if (summary.forbiddenSkips > 0) {
        lines.push(`TEST_REQUIRE_ALL=1: FAILED, ${summary.forbiddenSkips} of these must run here.`);
        process.exitCode = 1;
      }
    } else if (summary.skips.some((g) => g.enable)) {
      lines.push('  Run everything: npm run test:all (installs the missing packages when it can).');
    }
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}

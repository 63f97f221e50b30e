// The desktop app itself, driven by Playwright's _electron. It needs Electron's binary, which
// `npm install` downloads where it can; without it this test is reported as skipped (with the reason
// in its name) and browser mode (payment.test.ts) covers the same UI and core.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const bin: unknown = createRequire(import.meta.url)('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
const electronPath = electronBinary();
const hasElectron = electronPath !== null;

describe('desktop app (Electron)', () => {
  it.skipIf(!hasElectron)(
    `opens the cashier and customer display windows with only window.pos exposed${hasElectron ? '' : ' [skipped: Electron binary not installed, node_modules/electron has no dist/]'}`,
    async () => {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
      const dataDir = tempDir('electron').dir;
      const app = await _electron.launch({ executablePath: electronPath!, args: [ROOT, '--data', dataDir], timeout: 60_000 });
      try {
        const cashier = await app.firstWindow();
        await cashier.waitForSelector('[data-testid="amount-input"]', { timeout: 30_000 });
        const exposed = await cashier.evaluate(() => ({
          pos: typeof (window as unknown as { pos?: Record<string, unknown> }).pos?.['sale:start'],
          require: typeof (window as unknown as { require?: unknown }).require,
          process: typeof (window as unknown as { process?: unknown }).process,
        }));
        expect(exposed).toEqual({ pos: 'function', require: 'undefined', process: 'undefined' });
        await expect.poll(() => app.windows().length, { timeout: 20_000 }).toBe(2);
      } finally {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

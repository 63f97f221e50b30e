// One demo stack and one Chromium per test file: browser mode in-process on port 0 with a temp data
// folder, the embedded sandbox and forwarder, and the renderer built into a temp folder.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { build } from 'vite';
import { silentLogger } from '../../electron/core';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-server/start';
import { demoLauncher, type DemoHandles } from '../../electron/demo/index';
import { CHROMIUM_PATH } from '../support/programs';
import { tempDir } from '../support/temp';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export async function buildRenderer(): Promise<string> {
  const outDir = tempDir('renderer').dir;
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface Stack {
  readonly mode: BrowserMode;
  readonly dataDir: string;
  readonly browser: Browser;
  handles(): DemoHandles;
  cashier: Page;
  display: Page;
  close(): Promise<void>;
}

export async function startStack(options: { pollIntervalMs?: number; displayHoldMs?: number; qrTtlMs?: number } = {}): Promise<Stack> {
  const staticDir = await buildRenderer();
  const dataDir = tempDir('e2e').dir;
  let handles: DemoHandles | null = null;
  const mode = await startBrowserMode({
    dataDir,
    port: 0,
    staticDir,
    demo: demoLauncher({ onStart: (h) => (handles = h), webhookRetryScheduleMs: [0, 500, 1000, 2000] }),
    tuning: { pollIntervalMs: options.pollIntervalMs ?? 500, displayHoldMs: options.displayHoldMs ?? 60_000, logger: silentLogger(), ...(options.qrTtlMs ? { qrTtlMs: options.qrTtlMs } : {}) },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const cashierContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const displayContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Library-mode Playwright waits forever by default; a stuck step must fail with a message instead.
  cashierContext.setDefaultTimeout(10_000);
  displayContext.setDefaultTimeout(10_000);
  const cashier = await cashierContext.newPage();
  const display = await displayContext.newPage();
  await cashier.goto(mode.server.cashierUrl);
  await display.goto(mode.server.displayUrl);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    mode,
    dataDir,
    browser,
    cashier,
    display,
    handles() {
      if (!handles) throw new Error('demo stack not started');
      return handles;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await mode.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Screenshot of the QR element, decoded with jsQR: what a phone would read. */
export async function readQr(page: Page): Promise<string | null> {
  const png = PNG.sync.read(await page.locator('[data-testid="qr"]').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return code?.data ?? null;
}

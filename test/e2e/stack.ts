// One demo stack and one Chromium per test file: browser mode in-process on port 0 with a temp data
// folder, the embedded sandbox and forwarder, and the renderer built once per run (or per file).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { build } from 'vite';
import { silentLogger } from '../../electron/core';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-server/start';
import { demoLauncher, type DemoHandles } from '../../electron/demo/index';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { tempDir } from '../support/temp';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/**
 * The built renderer: the run's shared build (the slow project's global setup) when there is one, else a
 * build of this file's own, removed after the file. Callers only read it.
 */
export async function buildRenderer(): Promise<string> {
  const shared = inject('rendererDir');
  if (shared && existsSync(path.join(shared, 'cashier.html'))) return shared;
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

export type StackOptions = Parameters<typeof startStack>[0];

/**
 * The stack of one test file, as every browser suite sets it up: started in beforeAll (only when
 * Chromium is here; the suites skip otherwise) and connected to its forwarder, both screens
 * photographed when a test fails, closed in afterAll. The returned object stands for the stack
 * once started, so test bodies read `stack.cashier` as before.
 */
export function useStack(label: string, options: StackOptions = {}): Stack {
  let started: Stack | null = null;
  beforeAll(async () => {
    if (needsChromium.missing) return;
    started = await startStack(options);
    await started.cashier.getByTestId('link-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
  }, 90_000);
  afterEach(async (ctx) => {
    if (!started || ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    await shot(started.cashier, `failed-${label}-${name}-cashier`).catch(() => undefined);
    await shot(started.display, `failed-${label}-${name}-display`).catch(() => undefined);
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!started) throw new Error('the stack is not started (Chromium missing, or read outside a test)');
      return Reflect.get(started, key) as unknown;
    },
  });
}

/** The cashier's payment panel in one state. */
export const paymentPanel = (page: Page, state: string) => page.locator(`[data-testid="payment-panel"][data-state="${state}"]`);

/** A fresh sale (F1, New sale when a result is on screen), the amount typed, Enter; the charge id once pending. */
export async function startCharge(page: Page, typed: string): Promise<string> {
  await page.keyboard.press('F1');
  const newSale = page.getByTestId('new-sale');
  if (await newSale.isVisible()) await newSale.click();
  const input = page.getByTestId('amount-input');
  await input.fill('');
  await input.pressSequentially(typed);
  await input.press('Enter');
  await paymentPanel(page, 'pending').waitFor({ timeout: 15_000 });
  return (await page.getByTestId('charge-id').textContent()) ?? '';
}

// A cashier page outlives a restart (issue 18, point 6): browser mode keeps this install's cashier token
// and port in the data folder (0600), so the page left open reconnects by itself when the terminal is
// started again on the same folder; after `--new-cashier-link` the old page says its link is out of date
// instead of "Reconnecting…" forever. "Take over here" never has the focus (an Enter does not move the
// session).
import { statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core';
import { CASHIER_LINK_FILE } from '../../electron/browser-server/cashier-link';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-server/start';
import { demoLauncher } from '../../electron/demo/index';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { tempDir } from '../support/temp';
import { buildRenderer, CHROMIUM_ARGS, shot } from './stack';

let staticDir: string;
let dataDir: string;
let browser: Browser;
let mode: BrowserMode | null = null;

const start = (extra: { newCashierLink?: boolean } = {}): Promise<BrowserMode> =>
  startBrowserMode({ dataDir, staticDir, demo: demoLauncher(), tuning: { logger: silentLogger() }, ...extra });

beforeAll(async () => {
  if (needsChromium.missing) return;
  staticDir = await buildRenderer();
  dataDir = tempDir('cashier-link').dir;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 90_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await mode?.close();
});

async function cashierPage(url: string, viewport = { width: 1024, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe.skipIf(needsChromium.missing)(needsChromium.title('the cashier link across restarts (browser mode, Chromium)'), () => {
  it('the open page reconnects after a restart on the same data folder, and says so when the link was renewed', async () => {
    mode = await start();
    const firstUrl = mode.server.cashierUrl;
    expect(statSync(path.join(dataDir, CASHIER_LINK_FILE)).mode & 0o777).toBe(0o600);
    const page = await cashierPage(firstUrl);
    await page.getByTestId('shop-name').filter({ hasNotText: '…' }).waitFor();
    await page.locator('.banner.danger').waitFor({ state: 'detached' });

    // Restart: the same URL (token and port), and the page left open comes back by itself.
    await mode.close();
    mode = null;
    await page.locator('.banner.danger').waitFor();
    mode = await start();
    expect(mode.server.cashierUrl).toBe(firstUrl);
    await page.locator('.banner.danger').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('session-screen').count()).toBe(0);
    // It is the cashier again: a call answers (the amount field takes a sale).
    await page.getByTestId('amount-input').fill('12.50');
    await expect.poll(() => page.getByTestId('amount-input').inputValue()).toBe('12.50');

    // A new link: the old page explains and stops, the new link works.
    await mode.close();
    mode = null;
    mode = await start({ newCashierLink: true });
    expect(mode.server.cashierUrl).not.toBe(firstUrl);
    expect(new URL(mode.server.cashierUrl).port).toBe(new URL(firstUrl).port);
    await page.locator('[data-testid="session-screen"][data-session="stale"]').waitFor();
    await shot(page, 'cashier-link-stale-1024x768');
    await page.setViewportSize({ width: 800, height: 480 });
    await shot(page, 'cashier-link-stale-800x480');
    const fresh = await cashierPage(mode.server.cashierUrl);
    await fresh.getByTestId('shop-name').filter({ hasNotText: '…' }).waitFor();

    // A second page with the right link is refused; its "Take over here" has no focus, so Enter does nothing.
    const second = await cashierPage(mode.server.cashierUrl, { width: 800, height: 480 });
    await second.locator('[data-testid="session-screen"][data-session="elsewhere"]').waitFor();
    await shot(second, 'cashier-session-elsewhere-800x480');
    expect(await second.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).not.toBe('take-over');
    await second.keyboard.press('Enter');
    await second.keyboard.press('Space');
    await expect.poll(() => second.locator('[data-testid="session-screen"][data-session="elsewhere"]').count()).toBe(1);
    await fresh.getByTestId('shop-name').waitFor();
    expect(await fresh.getByTestId('session-screen').count()).toBe(0);
  }, 120_000);
});

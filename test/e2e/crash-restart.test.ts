// The app killed mid-payment (issue 12, point 5): browser mode runs as a child process on a fixed data
// folder and port, configured live against a standalone sandbox (which outlives the terminal, as Opn
// would). SIGKILL while the customer is looking at the QR, start it again: the sale is back on the
// customer display and on the cashier page (waiting, with its countdown), and it can be paid, or
// cancelled so that a late scan cannot take money.
import { rmSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { openFileSecretBox } from '../../electron/app/file-secret-box';
import { hashPin } from '../../electron/app/manager-pin';
import { openSettingsStore } from '../../electron/app/settings-store';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { freePort } from '../support/servers';
import { tempDir } from '../support/temp';
import { buildRenderer, CHROMIUM_ARGS, shot } from './stack';
import { startTerminalProcess, type TerminalProcess } from './terminal-process';

let rendererDir: string;
let dataDir: string;
let sandbox: Sandbox;
let browser: Browser;
let port: number;
let errors = '';
let child: TerminalProcess | null = null;

/** Starts browser mode as its own process; resolves with the two URLs it prints. */
const startTerminal = (): Promise<TerminalProcess> => startTerminalProcess({ port, dataDir, rendererDir, onStderr: (t) => (errors += t) });

async function kill(): Promise<void> {
  const c = child;
  child = null;
  if (!c || c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  if (needsChromium.missing) return;
  rendererDir = await buildRenderer();
  dataDir = tempDir('crash-restart').dir;
  port = await freePort();
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  // A live shop on test keys (no demo): its receipt log survives a restart, unlike the demo's.
  openSettingsStore({ dataDir, secretBox: openFileSecretBox(dataDir), hashPin }).update({ managerPin: '582901', shopName: 'Crash Test Cafe', opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`terminal stderr:\n${errors.slice(-3000)}`);
  errors = '';
  await kill();
});

afterAll(async () => {
  await kill();
  await browser?.close().catch(() => undefined);
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const panel = (page: Page, state: string) => page.locator(`[data-testid="payment-panel"][data-state="${state}"]`);

async function pages(): Promise<{ cashier: Page; display: Page }> {
  const cashier = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  const display = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  cashier.setDefaultTimeout(15_000);
  display.setDefaultTimeout(15_000);
  await cashier.goto(child!.cashierUrl);
  await display.goto(child!.displayUrl);
  return { cashier, display };
}

/** Charges `typed`, then kills the terminal while the customer looks at the QR and starts it again. */
async function chargeAndCrash(typed: string): Promise<{ cashier: Page; display: Page; chargeId: string; saleId: string }> {
  child = await startTerminal();
  const { cashier, display } = await pages();
  const input = cashier.getByTestId('amount-input');
  await input.pressSequentially(typed);
  await input.press('Enter');
  await panel(cashier, 'pending').waitFor();
  const chargeId = (await cashier.getByTestId('charge-id').textContent()) ?? '';
  const saleId = (await display.locator('[data-screen="pending"]').getAttribute('data-sale-id')) ?? '';
  expect(chargeId).toMatch(/^chrg_/);
  await kill();
  child = await startTerminal();
  // The display page reconnects by itself; the cashier opens the new run's link (its token changes) in
  // a fresh page, so whatever it shows comes from the terminal, not from a page's memory.
  await cashier.close();
  const fresh = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  fresh.setDefaultTimeout(15_000);
  await fresh.goto(child.cashierUrl);
  return { cashier: fresh, display, chargeId, saleId };
}

describe.skipIf(needsChromium.missing)(needsChromium.title('the app killed mid-payment and started again (browser mode child process, Chromium)'), () => {
  it('the sale is back on both screens with its countdown, and paying it shows paid on both', async () => {
    const { cashier, display, chargeId, saleId } = await chargeAndCrash('42');
    await display.locator(`[data-screen="pending"][data-sale-id="${saleId}"]`).waitFor();
    await panel(cashier, 'pending').waitFor();
    expect(await cashier.getByTestId('charge-id').textContent()).toBe(chargeId);
    expect(await cashier.getByTestId('payment-amount').textContent()).toContain('42.00');
    expect(await cashier.getByTestId('countdown').textContent()).toMatch(/[1-5]:\d{2}/);
    expect(await display.getByTestId('display-countdown').textContent()).toMatch(/\d:\d{2}/);
    await shot(cashier, 'cashier-after-crash-restart');
    await shot(display, 'display-after-crash-restart');
    // A new sale cannot start over it: the Charge key is locked while this one waits.
    expect(await cashier.getByTestId('amount-input').isDisabled()).toBe(true);
    await sandbox.completeCharge(chargeId, 'successful');
    // No forwarder here: the restarted terminal finds the payment by polling Opn.
    await panel(cashier, 'paid').waitFor({ timeout: 20_000 });
    await display.locator('[data-screen="paid"]').waitFor();
    await cashier.close();
    await display.close();
    await kill();
  }, 150_000);

  it('or the cashier cancels it after the restart: cancelled on both screens and expired at Opn', async () => {
    const { cashier, display, chargeId, saleId } = await chargeAndCrash('13.50');
    await display.locator(`[data-screen="pending"][data-sale-id="${saleId}"]`).waitFor();
    await panel(cashier, 'pending').waitFor();
    expect(await cashier.getByTestId('charge-id').textContent()).toBe(chargeId);
    await cashier.keyboard.press('Escape');
    await panel(cashier, 'cancelled').waitFor();
    await display.locator('[data-screen="cancelled"]').waitFor();
    expect(sandbox.charges().find((c) => c.id === chargeId)?.status).toBe('expired');
    await cashier.close();
    await display.close();
  }, 150_000);
});

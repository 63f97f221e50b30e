// Going live end to end (issue 12, "a going-live flow"), in Chromium: a second browser-mode terminal,
// fresh and in the demo, goes live on a STANDALONE sandbox and forwarder through the wizard. A wrong
// secret key is caught by "Test all" before anything is saved; with the right one, one save keeps
// everything typed, the Demo badge goes at once, a payment goes through the standalone forwarder; then
// back to the demo with the PIN, the live receipt log untouched. Screenshots of each step go to
// docs/screenshots/ (the README's "Going live" walkthrough).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { startForwarder, type Forwarder } from '../../forwarder/index';
import { silentLogger } from '../../electron/core';
import { startBrowserMode, type BrowserMode } from '../../electron/browser-server/start';
import { demoLauncher } from '../../electron/demo/index';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { fingerprint } from '../support/sqlite';
import { tempDir } from '../support/temp';
import { buildRenderer, CHROMIUM_ARGS, shot } from './stack';
import { docScreenshotsDir } from '../support/doc-shots';

const NEW_PIN = '583014';
const DOCS = docScreenshotsDir();
let rendererDir: string;
let dataDir: string;
let fwdDir: string;
let sandbox: Sandbox;
let forwarder: Forwarder;
let terminal: BrowserMode;
let browser: Browser;
let cashier: Page;
let display: Page;

beforeAll(async () => {
  if (needsChromium.missing) return;
  rendererDir = await buildRenderer();
  sandbox = await startSandbox({ country: 'SG', quiet: true, allowInsecureReturnUri: true });
  fwdDir = tempDir('go-live-forwarder').dir;
  forwarder = await startForwarder({ dataDir: fwdDir, store: 'sqlite', webhookSecret: sandbox.webhookSecret, quiet: true });
  sandbox.setWebhookEndpoints([forwarder.webhookUrl]);
  dataDir = tempDir('go-live-terminal').dir;
  terminal = await startBrowserMode({ dataDir, port: 0, staticDir: rendererDir, demo: demoLauncher(), tuning: { pollIntervalMs: 60_000, logger: silentLogger() } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  cashier = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  display = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  cashier.setDefaultTimeout(15_000);
  display.setDefaultTimeout(15_000);
  await cashier.goto(terminal.server.cashierUrl);
  await display.goto(terminal.server.displayUrl);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(cashier, `failed-go-live-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await terminal?.close();
  await forwarder?.stop();
  await sandbox?.stop();
  for (const dir of [dataDir, fwdDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const docShot = (name: string) => cashier.screenshot({ path: path.join(DOCS, `${name}.png`) });
const demoBadge = () => cashier.locator('.chip.demo');

async function openSettings(pin: string): Promise<void> {
  await cashier.keyboard.press('F4');
  await cashier.getByTestId('pin-input').waitFor();
  await cashier.keyboard.type(pin);
  await cashier.keyboard.press('Enter');
  await cashier.getByTestId('save-settings').waitFor();
}

describe.skipIf(needsChromium.missing)(needsChromium.title('going live on a standalone sandbox and forwarder (browser mode, Chromium)'), () => {
  it('the wizard: a wrong key caught by Test all before saving; then one save keeps everything, the Demo badge goes and a payment goes through the forwarder', async () => {
    await cashier.getByTestId('link-status').filter({ hasText: 'Connected' }).waitFor();
    expect(await demoBadge().count()).toBe(1);
    const untouched = readFileSync(terminal.app.settings.file);
    await openSettings('1234');
    await cashier.getByTestId('go-live-open').click();

    // 1. Opn keys (a wrong secret key typed on purpose).
    await cashier.getByTestId('go-live-step-1').waitFor();
    await cashier.getByTestId('live-opnPublicKey').fill(sandbox.publicKey);
    await cashier.getByTestId('live-opnSecretKey').fill('skey_test_this0is0not0the0key');
    await cashier.getByTestId('live-opnApiBase').fill(sandbox.baseUrl);
    await docShot('go-live-1-keys');
    await cashier.getByTestId('go-live-next').click();

    // 2. Forwarder address and this terminal's token (created on the forwarder's host).
    await cashier.getByTestId('go-live-step-2').waitFor();
    expect(await cashier.getByTestId('token-command').textContent()).toBe('npm run forwarder -- token create counter-1');
    const token = await forwarder.createToken('counter-1');
    await cashier.getByTestId('live-forwarderUrl').fill(forwarder.wsUrl);
    await cashier.getByTestId('live-forwarderToken').fill(token);
    await docShot('go-live-2-forwarder');
    await cashier.getByTestId('go-live-next').click();

    // 3. A new manager PIN.
    await cashier.getByTestId('go-live-step-3').waitFor();
    await cashier.getByTestId('live-managerPin').fill(NEW_PIN);
    await cashier.getByTestId('live-managerPinAgain').fill(NEW_PIN);
    await docShot('go-live-3-pin');
    await cashier.getByTestId('go-live-next').click();

    // 4. Test all: the wrong key is caught before anything is saved.
    await cashier.getByTestId('go-live-step-4').waitFor();
    await cashier.getByTestId('go-live-test').click();
    const checks = cashier.getByTestId('go-live-checks');
    await checks.waitFor();
    expect(await checks.textContent()).toContain('✗ Opn keys: Opn refused the secret key');
    expect(await checks.textContent()).toContain('✓ Forwarder');
    expect(await cashier.getByTestId('go-live-save').isDisabled()).toBe(true);
    await docShot('go-live-4-wrong-key');
    expect(readFileSync(terminal.app.settings.file).equals(untouched)).toBe(true);

    // Back to the keys: everything else typed is still there.
    for (const step of [3, 2, 1]) {
      await cashier.getByTestId('go-live').getByRole('button', { name: 'Back' }).click();
      await cashier.getByTestId(`go-live-step-${step}`).waitFor();
    }
    expect(await cashier.getByTestId('live-opnApiBase').inputValue()).toBe(sandbox.baseUrl);
    await cashier.getByTestId('live-opnSecretKey').fill(sandbox.secretKey);
    for (const step of [2, 3, 4]) {
      await cashier.getByTestId('go-live-next').click();
      await cashier.getByTestId(`go-live-step-${step}`).waitFor();
    }
    await cashier.getByTestId('go-live-test').click();
    await expect.poll(async () => (await checks.textContent()) ?? '').toContain('✓ Opn keys: Opn accepted both keys (test mode) and the account takes KakaoPay.');
    expect(await checks.textContent()).not.toContain('✗');
    await docShot('go-live-4-checked');
    await cashier.getByTestId('go-live-save').click();

    // Saved in one change: nothing typed was dropped, and the demo badge and hints are gone at once.
    await cashier.getByTestId('go-live').waitFor({ state: 'detached' });
    expect(await cashier.getByTestId('settings-status').textContent()).toBe('Saved. The terminal is live.');
    expect(await demoBadge().count()).toBe(0);
    const saved = JSON.parse(readFileSync(terminal.app.settings.file, 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({ mode: 'live', opnApiBase: sandbox.baseUrl, opnPublicKey: sandbox.publicKey, forwarderUrl: forwarder.wsUrl });
    expect(terminal.app.settings.secrets()).toEqual({ opnSecretKey: sandbox.secretKey, forwarderToken: token });
    await cashier.getByTestId('link-status').filter({ hasText: 'Connected' }).waitFor();
    await docShot('go-live-5-live');

    // A payment on the shop's own Opn account, confirmed through the standalone forwarder (polling is
    // off for a minute, so only the relay can tell the terminal in time).
    await cashier.keyboard.press('F1');
    const input = cashier.getByTestId('amount-input');
    await input.pressSequentially('30');
    await input.press('Enter');
    await cashier.locator('[data-testid="payment-panel"][data-state="pending"]').waitFor();
    expect(await cashier.getByTestId('demo-authorize-link').count()).toBe(0);
    const chargeId = (await cashier.getByTestId('charge-id').textContent()) ?? '';
    expect(sandbox.charges().map((c) => c.id)).toContain(chargeId);
    await sandbox.completeCharge(chargeId, 'successful');
    await cashier.locator('[data-testid="payment-panel"][data-state="paid"]').waitFor();
    await display.locator('[data-screen="paid"]').waitFor();
    await cashier.getByTestId('new-sale').click();
  }, 120_000);

  it('back to the demo with the PIN: the Demo badge returns at once and the live receipt log is untouched', async () => {
    const liveLog = path.join(dataDir, 'receipts.sqlite');
    const before = fingerprint(liveLog);
    expect(before.counts.sales).toBe(1);
    await openSettings(NEW_PIN);
    await cashier.getByTestId('back-to-demo').click();
    await cashier.getByTestId('back-to-demo-dialog').waitFor();
    await docShot('go-live-6-back-to-demo');
    await cashier.getByTestId('back-to-demo-confirm').click();
    await expect.poll(async () => cashier.getByTestId('settings-status').textContent()).toBe('Back in the demo: no real money is taken.');
    expect(await demoBadge().count()).toBe(1);
    expect(terminal.app.settings.get().mode).toBe('demo');
    expect(fingerprint(liveLog)).toEqual(before);
    // The demo takes sales again, on its own sandbox and log.
    await cashier.getByTestId('link-status').filter({ hasText: 'Connected' }).waitFor();
    await cashier.keyboard.press('F1');
    const input = cashier.getByTestId('amount-input');
    await input.pressSequentially('5');
    await input.press('Enter');
    await cashier.getByTestId('demo-authorize-link').waitFor();
    expect(fingerprint(liveLog)).toEqual(before);
  }, 60_000);
});

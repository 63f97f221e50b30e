// The default customer display: KakaoPay's hosted checkout (the guide's desktop flow) in browser mode, in
// Chromium against the demo stack. The QR is decoded from a screenshot of the hosted view, the wallet URL
// opened in a second page (the phone), Pay pressed there; both screens then say paid. The sandbox's test
// controls are not on the customer's screen: the cashier opens them from the payment panel.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeQr } from '../sandbox/qr-decode';
import { useStack, startCharge } from './stack';
import { needsChromium } from '../support/programs';
import { docScreenshotsDir } from '../support/doc-shots';

const stack = useStack('hosted');
const DOCS_SHOTS = docScreenshotsDir();

describe.skipIf(needsChromium.missing)(needsChromium.title('hosted KakaoPay checkout on the customer display (default, browser mode)'), () => {
  it('QR read from the hosted view → wallet on a phone → Pay → paid on both screens', async () => {
    expect(stack.mode.app.settings.publicView().displayCheckout).toBe('hosted');
    const chargeId = await startCharge(stack.cashier, '42.50');
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 10_000 });
    const frameEl = stack.display.getByTestId('hosted-checkout');
    await frameEl.waitFor();
    const charge = stack.handles().sandbox.charges().find((c) => c.id === chargeId);
    expect(await frameEl.getAttribute('src')).toBe(charge?.authorize_uri);
    const frame = stack.display.frameLocator('[data-testid="hosted-checkout"]');
    await frame.getByTestId('kakaopay-checkout').waitFor();
    await expect.poll(() => frame.locator('.kp-amount').textContent()).toBe('S$42.50');
    // What the customer's phone scans: the QR as drawn on the display.
    const walletUrl = decodeQr(await frameEl.screenshot());
    expect(walletUrl).toMatch(/\/wallet\/pay2_test_[0-9a-z]{19}$/);
    await expect(stack.display.getByTestId('qr').count()).resolves.toBe(0);
    // The customer's part only: no test button, no charge id or ISO time on the page the customer sees.
    await expect(frame.locator('button:visible').count()).resolves.toBe(0);
    expect(await frame.locator('body').innerText()).not.toMatch(/chrg_|\d{4}-\d\d-\d\dT/);
    mkdirSync(DOCS_SHOTS, { recursive: true });
    await stack.display.screenshot({ path: path.join(DOCS_SHOTS, 'display-hosted-checkout.png') });

    const phone = await stack.browser.newPage({ viewport: { width: 390, height: 844 } });
    phone.setDefaultTimeout(10_000);
    await phone.goto(walletUrl ?? '');
    await phone.screenshot({ path: path.join(DOCS_SHOTS, 'sandbox-wallet-phone.png') });
    await phone.getByRole('button', { name: 'Pay' }).click();
    await phone.getByTestId('wallet-done').waitFor();
    await Promise.all([
      stack.cashier.locator('[data-testid="payment-panel"][data-state="paid"]').waitFor({ timeout: 10_000 }),
      stack.display.locator('[data-screen="paid"]').waitFor({ timeout: 10_000 }),
    ]);
    await stack.display.screenshot({ path: path.join(DOCS_SHOTS, 'display-hosted-paid.png') });
    await phone.close();
  }, 60_000);

  it('the confirmation slip with Back to merchant shows in the hosted view before the display moves on', async () => {
    // Hold the display on the pending screen: the relay delivers nothing, polling is slow.
    const chargeId = await startCharge(stack.cashier, '12');
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 10_000 });
    const frame = stack.display.frameLocator('[data-testid="hosted-checkout"]');
    await frame.getByTestId('kakaopay-checkout').waitFor();
    const walletUrl = await frame.locator('.kp-qr').getAttribute('data-wallet-url');
    stack.handles().sandbox.faults.webhooks({ paused: true });
    try {
      const res = await fetch(walletUrl ?? '', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=pay' });
      expect(res.status).toBe(200);
      // The page shows the slip; the display stays on its pending screen: the page never decides "paid".
      await frame.getByTestId('back-to-merchant').waitFor({ timeout: 5_000 });
      await expect(frame.locator('.status').textContent()).resolves.toBe('Payment successful');
      expect(await stack.display.locator('[data-screen="pending"]').count()).toBe(1);
      await stack.display.screenshot({ path: path.join(DOCS_SHOTS, 'display-hosted-slip.png') });
    } finally {
      stack.handles().sandbox.faults.webhooks({ paused: false });
    }
    await stack.cashier.locator('[data-testid="payment-panel"][data-state="paid"]').waitFor({ timeout: 15_000 });
    expect(stack.handles().sandbox.charges().find((c) => c.id === chargeId)?.status).toBe('successful');
  });

  it('while the checkout page loads, the words say so (no "Scan" without a QR); once it is shown they name the QR', async () => {
    // The frame's GET of the page is held 2.5 s (the terminal's HEAD is not: it is method HEAD).
    stack.handles().sandbox.faults.inject({ method: 'GET', path: /^\/payments\/[\w-]+\/authorize$/, latencyMs: 2_500 });
    await startCharge(stack.cashier, '3');
    const say = stack.display.locator('.hosted-say [lang="en"]');
    await expect.poll(() => say.textContent()).toBe('Opening KakaoPay…');
    expect(await stack.display.getByTestId('display-countdown').locator('[lang="en"]').textContent()).toBe('Time left');
    await stack.display.screenshot({ path: path.join(DOCS_SHOTS, 'display-hosted-loading.png') });
    await expect.poll(() => say.textContent(), { timeout: 10_000 }).toBe('Scan the QR code with the KakaoPay app');
    expect(await stack.display.getByTestId('display-countdown').locator('[lang="en"]').textContent()).toBe('QR valid for');
    await stack.cashier.getByTestId('cancel').click();
    await stack.cashier.locator('[data-testid="payment-panel"][data-state="cancelled"]').waitFor();
  });

  it('the cashier\'s "open the payment page" opens the sandbox\'s test controls: Failed with a code fails it on both screens', async () => {
    const chargeId = await startCharge(stack.cashier, '9.90');
    await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 10_000 });
    const [controls] = await Promise.all([stack.cashier.context().waitForEvent('page'), stack.cashier.getByTestId('demo-authorize-link').click()]);
    controls.setDefaultTimeout(10_000);
    await controls.waitForLoadState();
    expect(controls.url()).toMatch(/\/payments\/pay2_test_\w+\/test$/);
    await controls.getByLabel('Or fail it with').selectOption('insufficient_fund');
    await controls.getByRole('button', { name: 'Failed' }).click();
    await Promise.all([
      stack.cashier.locator('[data-testid="payment-panel"][data-state="failed"]').waitFor({ timeout: 15_000 }),
      stack.display.locator('[data-screen="failed"]').waitFor({ timeout: 15_000 }),
    ]);
    expect(stack.handles().sandbox.charges().find((c) => c.id === chargeId)).toMatchObject({ status: 'failed', failure_code: 'insufficient_fund' });
    await controls.close();
  });

  it('Settings: "QR of the payment link" and a 2-minute validity apply to the next sale', async () => {
    const cashier = stack.cashier;
    await cashier.keyboard.press('F4');
    await cashier.getByTestId('pin-input').fill('1234');
    await cashier.getByTestId('pin-submit').click();
    await cashier.getByTestId('display-checkout').selectOption('qr');
    await cashier.getByTestId('qr-validity').selectOption('2');
    await cashier.getByTestId('save-settings').click();
    await expect.poll(() => cashier.getByTestId('settings-status').textContent()).toBe('Saved.');
    expect(stack.mode.app.settings.publicView()).toMatchObject({ displayCheckout: 'qr', qrValidityMinutes: 2 });
    await cashier.keyboard.press('F1');
    const chargeId = await startCharge(cashier, '7');
    await stack.display.getByTestId('qr').waitFor();
    await expect(stack.display.getByTestId('hosted-checkout').count()).resolves.toBe(0);
    await expect.poll(() => stack.display.getByTestId('display-countdown').textContent()).toMatch(/[12]:\d\d/);
    const sale = stack.mode.app.runtime.core().store.sales.byChargeId(chargeId);
    expect(Date.parse(sale?.expiresAt ?? '') - Date.parse(sale?.createdAt ?? '')).toBe(2 * 60_000);
  });
});

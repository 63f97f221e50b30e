// #18: a second Enter while a payment starts or waits does nothing. Type 150, Enter, then Enter again
// (150 ms and 600 ms later, at once as a keypad sending two, and held as key repeat): the payment still
// waits on both screens and the receipt log holds exactly one new sale. Cancelling takes Esc.
// Browser mode in Debian's Chromium, the embedded sandbox and forwarder, the real receipt log.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needsChromium } from '../support/programs';
import { paymentPanel, shot, useStack } from './stack';

const stack = useStack('double-enter');

const saleCount = (): number => stack.mode.app.runtime.core().listSales({ limit: 1000 }).length;

/** Lets the page handle every key event already sent and render what followed (one frame, one task). */
const settled = (page: Page): Promise<void> => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));

/** A fresh amount field with 150 typed, focus in it. */
async function typeAmount(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const newSale = page.getByTestId('new-sale');
  if (await newSale.isVisible()) await newSale.click();
  const input = page.getByTestId('amount-input');
  await input.fill('');
  await input.pressSequentially('150');
}

/** The payment waits on both screens, not cancelling, and it is the only sale started since `before`. */
async function stillWaiting(before: number): Promise<void> {
  const { cashier, display } = stack;
  await paymentPanel(cashier, 'pending').waitFor();
  await settled(cashier);
  // A cancel the second Enter asked for would show at once ("Cancelling…", the button disabled).
  expect(await cashier.getByTestId('payment-panel').getAttribute('data-state')).toBe('pending');
  expect(await cashier.getByTestId('cancel').isEnabled()).toBe(true);
  expect(await cashier.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).not.toBe('cancel');
  await display.locator('[data-screen="pending"]').waitFor();
  expect(saleCount()).toBe(before + 1);
  const [latest] = stack.mode.app.runtime.core().listSales({ limit: 1 });
  expect(latest?.status).toBe('pending');
}

/** Esc, the deliberate cancel: both screens say cancelled. */
async function cancelWithEsc(): Promise<void> {
  await stack.cashier.keyboard.press('Escape');
  await paymentPanel(stack.cashier, 'cancelled').waitFor();
  await stack.display.locator('[data-screen="cancelled"]').waitFor();
}

describe.skipIf(needsChromium.missing)(needsChromium.title('a second Enter never cancels or doubles a payment (browser mode, Chromium)'), () => {
  it.each([150, 600])('Enter again %i ms after the payment starts: still waiting, one sale', async (delayMs) => {
    const page = stack.cashier;
    await typeAmount(page);
    const before = saleCount();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(delayMs);
    await page.keyboard.press('Enter');
    await stillWaiting(before);
    // And once more after it is surely waiting (the old bug: focus had moved to Cancel by now).
    await page.keyboard.press('Enter');
    await stillWaiting(before);
    await shot(page, `cashier-waiting-after-enter-${delayMs}ms`);
    await cancelWithEsc();
  });

  it('a keypad sending Enter twice at once, and a held Enter (key repeat): one sale, still waiting', async () => {
    const page = stack.cashier;
    await typeAmount(page);
    let before = saleCount();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await stillWaiting(before);
    await cancelWithEsc();

    await typeAmount(page);
    before = saleCount();
    await page.keyboard.down('Enter');
    await page.keyboard.down('Enter');
    await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await stillWaiting(before);
    await cancelWithEsc();
  });
});

// The cashier never loses a sale (issue 12, points 4 and 6), in Chromium against the demo stack: a
// cashier page reloaded mid-payment resumes the terminal's sale (waiting, countdown, then paid), and a
// second cashier tab is refused until it takes over explicitly, the first told so.
import { describe, expect, it } from 'vitest';
import { needsChromium } from '../support/programs';
import { paymentPanel, shot, startCharge, useStack } from './stack';

const stack = useStack('resume');

const panel = paymentPanel;

const charge = startCharge;

describe.skipIf(needsChromium.missing)(needsChromium.title('the cashier never loses a sale (browser mode, Chromium)'), () => {
  it('a cashier page reloaded mid-payment shows the same waiting sale with its countdown, then paid when the customer pays', async () => {
    const page = stack.cashier;
    const chargeId = await charge(page, '25');
    const saleId = await stack.display.locator('[data-screen="pending"]').getAttribute('data-sale-id');
    await page.reload();
    // Resumed from the terminal, not from the page's memory (a reload has none).
    await panel(page, 'pending').waitFor();
    expect(await page.getByTestId('charge-id').textContent()).toBe(chargeId);
    expect(await page.getByTestId('payment-amount').textContent()).toContain('25.00');
    expect(await page.getByTestId('countdown').textContent()).toMatch(/\d+:\d{2}/);
    expect(await stack.display.locator(`[data-screen="pending"][data-sale-id="${saleId}"]`).count()).toBe(1);
    await shot(page, 'cashier-resumed-after-reload');
    await stack.handles().sandbox.completeCharge(chargeId, 'successful');
    await panel(page, 'paid').waitFor();
    expect(await page.getByTestId('charge-id').textContent()).toBe(chargeId);
    await stack.display.locator('[data-screen="paid"]').waitFor();
    await page.getByTestId('new-sale').click();
  });

  it('a second cashier tab is refused; "Take over here" moves the session and the first tab says it was taken over', async () => {
    const first = stack.cashier;
    const second = await first.context().newPage();
    try {
      await second.goto(stack.mode.server.cashierUrl);
      const refused = second.locator('[data-testid="session-screen"][data-session="elsewhere"]');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('The terminal is open in another window');
      // Nothing to charge with on the refused tab; the first tab still works.
      expect(await second.getByTestId('amount-input').count()).toBe(0);
      await shot(second, 'cashier-second-tab-refused');
      expect(await first.getByTestId('session-screen').count()).toBe(0);

      // Taking over is explicit: the first tab is told and stops.
      await second.getByTestId('take-over').click();
      await second.getByTestId('amount-input').waitFor();
      const taken = first.locator('[data-testid="session-screen"][data-session="taken"]');
      await taken.waitFor();
      expect(await taken.textContent()).toContain('This window was taken over');
      // The tab that took over takes payments; the display follows its sale.
      const chargeId = await charge(second, '7');
      await stack.display.locator('[data-screen="pending"]').waitFor();
      await second.getByTestId('cancel').click();
      await panel(second, 'cancelled').waitFor();
      expect(stack.handles().sandbox.charges().find((c) => c.id === chargeId)?.status).toBe('expired');

      // And back: the first tab takes over again, the second is told.
      await first.getByTestId('take-over').click();
      await first.getByTestId('amount-input').waitFor();
      await second.locator('[data-testid="session-screen"][data-session="taken"]').waitFor();
    } finally {
      await second.close();
    }
  });
});

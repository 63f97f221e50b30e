// The cashier sees a refund made at Opn (issue 20, point 1) in real Chromium: a sale paid in the demo stack
// (embedded sandbox and forwarder), then refunded through the sandbox's API with no terminal metadata, as
// Opn's dashboard would: the sale's detail shows the refund, marked "made at Opn", with a notice. Screenshots
// at the project's sizes go to test-results/screenshots/.
import { describe, expect, it } from 'vitest';
import { needsChromium } from '../support/programs';
import { shot, startCharge, useStack } from './stack';

const stack = useStack('refund-at-opn');
const SIZES: [number, number][] = [[800, 480], [1024, 600], [360, 640], [1920, 1080], [3840, 2160]];

describe.skipIf(needsChromium.missing)(needsChromium.title('a refund made at Opn on the cashier screen (browser mode, Chromium)'), () => {
  it('shows the refund in the sale detail, marked as made at Opn, with a notice for the cashier', async () => {
    const page = stack.cashier;
    const { sandbox } = stack.handles();
    const chargeId = await startCharge(page, '30');
    await sandbox.completeCharge(chargeId, 'successful');
    await expect.poll(() => stack.mode.app.runtime.core().store.sales.byChargeId(chargeId)?.status).toBe('successful');
    const res = await fetch(`${sandbox.baseUrl}/charges/${chargeId}/refunds`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1000 }),
    });
    expect(res.status).toBe(200);
    await page.keyboard.press('F2');
    await page.getByTestId('sales-search').fill(chargeId);
    await expect.poll(() => page.locator('[data-sale-id]').count()).toBe(1);
    await page.getByTestId('open-sale').click();
    const detail = page.getByTestId('sale-detail');
    await detail.getByTestId('refund-origin-opn').waitFor({ timeout: 10_000 });
    await expect.poll(() => detail.getByTestId('refund-at-opn-notice').isVisible()).toBe(true);
    expect(await detail.getByTestId('refund-lines').textContent()).toMatch(/made at Opn/);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await shot(page, `refund-at-opn-detail-${width}x${height}`);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
  }, 60_000);
});

// A till's sale (POS link) on both screens, driven through the payment core as the POS link server does
// (its HTTP side is tested with the server): the idle cashier screen shows it by itself with "From Till 1
// · ref A-1042", the note and the amount read-only; the customer display shows the cart beside the QR
// (hosted checkout and our QR) on every screen size, a long cart clipped with "and K more", the QR still
// readable; the cashier cancels it; typing an amount works again afterwards.
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import type { Sale, SaleOrigin } from '../../shared';
import { needsChromium } from '../support/programs';
import { paymentPanel, shot, startCharge, useStack } from './stack';

const stack = useStack('till-sale', { qrTtlMs: 600_000 });

const SHORT: SaleOrigin = {
  source: 'pos', tillId: 'key_till1', tillName: 'Till 1', referenceId: 'A-1042', note: 'Table 4 · no ice',
  lineItems: [
    { name: 'Kimchi fried rice', quantity: 2, unitAmount: 450 },
    { name: 'Iced barley tea', quantity: 1, unitAmount: 350 },
  ],
};
const LONG: SaleOrigin = {
  ...SHORT, referenceId: 'A-1043', note: null,
  lineItems: Array.from({ length: 24 }, (_, i) => ({ name: `Item ${i + 1} with a rather long name from the till`, quantity: (i % 3) + 1, unitAmount: 100 + i })),
};
const SIZES = [[800, 480], [1024, 600], [360, 640], [1920, 1080], [3840, 2160]] as const;

function startTillSale(amount: number, origin: SaleOrigin, currency: 'SGD' | 'THB' = 'SGD'): Promise<Sale> {
  return stack.mode.app.runtime.core().startSale({ amount, currency, origin });
}

/** Visible elements of the display whose box leaves the viewport, and whether the page scrolls. */
async function outside(page: Page): Promise<{ clipped: string[]; scrolls: boolean }> {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const clipped: string[] = [];
    for (const el of document.querySelectorAll('main *:not(iframe)')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5) clipped.push(`${el.tagName}.${el.className}`);
    }
    const root = document.scrollingElement ?? document.documentElement;
    return { clipped, scrolls: root.scrollWidth > w || root.scrollHeight > h };
  });
}

/** The side of the QR a phone reads from a screenshot of the whole screen, or 0. */
async function qrSide(page: Page): Promise<number> {
  const png = PNG.sync.read(await page.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) return 0;
  const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c } = code.location;
  return Math.min(Math.hypot(b.x - a.x, b.y - a.y), Math.hypot(c.x - a.x, c.y - a.y));
}

/** Each size: the cart is on screen, nothing leaves the screen, and the QR decodes at ≥ 30 % of the short side. */
async function checkSizes(label: string, expectMore: boolean): Promise<void> {
  const page = stack.display;
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('display-cart').waitFor();
    await expect.poll(() => qrSide(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(0.3 * Math.min(width, height));
    await shot(page, `till-cart-${label}-${width}x${height}`);
    expect(await outside(page), `${label} ${width}×${height}`).toEqual({ clipped: [], scrolls: false });
    const lines = await page.getByTestId('cart-line').count();
    expect(lines).toBeGreaterThan(0);
    if (expectMore) {
      // Shown lines plus the ones counted in "and K more" are the whole cart.
      const more = Number(/(\d+)/.exec((await page.getByTestId('cart-more').textContent()) ?? '')?.[1] ?? 0);
      expect(lines + more, `${width}×${height}`).toBe(LONG.lineItems.length);
      // Every shown line is inside the cart's own box (clipped lines would be cut mid-way).
      const cartBox = await page.getByTestId('display-cart').boundingBox();
      const lastLine = await page.getByTestId('cart-line').last().boundingBox();
      expect((lastLine?.y ?? 0) + (lastLine?.height ?? 0)).toBeLessThanOrEqual((cartBox?.y ?? 0) + (cartBox?.height ?? 0) + 1);
    } else {
      expect(lines).toBe(SHORT.lineItems.length);
    }
  }
}

describe.skipIf(needsChromium.missing)(needsChromium.title('a till sale on the cashier screen and the customer display'), () => {
  it('appears on the idle cashier screen by itself, read-only, with the till, its reference and note', async () => {
    const cashier = stack.cashier;
    await paymentPanel(cashier, 'idle').waitFor();
    const sale = await startTillSale(1250, SHORT);
    await paymentPanel(cashier, 'pending').waitFor();
    expect(await cashier.getByTestId('till-origin-title').textContent()).toBe('From Till 1 · ref A-1042');
    expect(await cashier.getByTestId('till-origin-note').textContent()).toContain('Table 4 · no ice');
    expect(await cashier.getByTestId('payment-amount').textContent()).toBe('S$12.50');
    const input = cashier.getByTestId('amount-input');
    expect(await input.inputValue()).toBe('12.50');
    expect(await input.isDisabled()).toBe(true);
    expect(await cashier.getByTestId('amount-reason').textContent()).toBe('Amount set by Till 1: it cannot be changed here.');
    expect(await cashier.locator('.keypad button:enabled').count()).toBe(0);
    for (const [width, height] of [[1024, 600], [800, 480]] as const) {
      await cashier.setViewportSize({ width, height });
      await shot(cashier, `till-cashier-${width}x${height}`);
    }
    await cashier.setViewportSize({ width: 1024, height: 768 });
    // The display shows this sale's cart.
    await stack.display.locator(`[data-screen="pending"][data-sale-id="${sale.id}"]`).waitFor();
    expect(await stack.display.getByTestId('cart-line').allTextContents()).toEqual(['Kimchi fried rice2 × S$4.50S$9.00', 'Iced barley tea1 × S$3.50S$3.50']);
    expect(await stack.display.getByTestId('cart-note').textContent()).toBe('Table 4 · no ice');
  });

  it('the cart fits every screen beside KakaoPay\'s page or our QR, which stays readable', async () => {
    await checkSizes('short', false);
  }, 120_000);

  it('the cashier cancels it: both screens say cancelled and the sale is cancelled in the log', async () => {
    const cashier = stack.cashier;
    const saleId = (await stack.display.locator('main').getAttribute('data-sale-id')) ?? '';
    await cashier.getByTestId('cancel').click();
    await paymentPanel(cashier, 'cancelled').waitFor();
    await stack.display.locator('[data-screen="cancelled"]').waitFor();
    expect(stack.mode.app.runtime.core().getReceipt(saleId).sale).toMatchObject({ status: 'cancelled', origin: { referenceId: 'A-1042' } });
    // Today's sales names the till; the sale's detail shows the till, its reference and the cart.
    await cashier.keyboard.press('F2');
    const row = cashier.locator(`tr[data-sale-id="${saleId}"]`);
    expect(await row.getByTestId('list-till').textContent()).toBe('From Till 1 · ref A-1042');
    await row.getByTestId('open-sale').click();
    expect(await cashier.getByTestId('detail-till').textContent()).toBe('Till 1');
    expect(await cashier.getByTestId('detail-till-ref').textContent()).toBe('A-1042');
    expect(await cashier.getByTestId('detail-cart').locator('div').allTextContents()).toEqual(['2 × Kimchi fried rice · S$9.00', '1 × Iced barley tea · S$3.50']);
    await shot(cashier, 'till-sale-detail-1024x768');
    await cashier.keyboard.press('Escape');
    await cashier.getByTestId('sale-detail').waitFor({ state: 'detached' });
    await cashier.keyboard.press('F1');
    await paymentPanel(cashier, 'cancelled').waitFor();
  });

  it('a long cart shows as many lines as fit and "and K more", on every screen, QR readable', async () => {
    await startTillSale(4200, LONG);
    await paymentPanel(stack.cashier, 'pending').waitFor();
    expect(await stack.cashier.getByTestId('till-origin-title').textContent()).toBe('From Till 1 · ref A-1043');
    await checkSizes('long', true);
    await stack.cashier.getByTestId('cancel').click();
    await paymentPanel(stack.cashier, 'cancelled').waitFor();
  }, 120_000);

  it('with our QR (Settings: QR), a long cart fits every screen beside it too', async () => {
    expect(await stack.mode.app.invoke('settings:update', { pin: '1234', displayCheckout: 'qr' })).toMatchObject({ ok: true });
    await startTillSale(4200, LONG);
    await paymentPanel(stack.cashier, 'pending').waitFor();
    await checkSizes('qr-long', true);
    expect(await stack.display.locator('main').getAttribute('data-checkout')).toBe('qr');
    await stack.cashier.getByTestId('cancel').click();
    await paymentPanel(stack.cashier, 'cancelled').waitFor();
  }, 120_000);

  it('with no till sale open, typing an amount still charges as before (no till shown)', async () => {
    await stack.display.setViewportSize({ width: 1280, height: 800 });
    await startCharge(stack.cashier, '3.00');
    expect(await stack.cashier.getByTestId('till-origin').count()).toBe(0);
    expect(await stack.display.getByTestId('display-cart').count()).toBe(0);
    await stack.cashier.getByTestId('cancel').click();
    await paymentPanel(stack.cashier, 'cancelled').waitFor();
  });

  it('a Thai shop (Korean, English and Thai on the display): the long cart still fits every screen', async () => {
    expect(await stack.mode.app.invoke('settings:update', { pin: '1234', country: 'TH', displayLanguages: ['ko', 'en', 'th'] })).toMatchObject({ ok: true });
    await startTillSale(42_000, LONG, 'THB');
    await paymentPanel(stack.cashier, 'pending').waitFor();
    await checkSizes('th-long', true);
    await stack.cashier.getByTestId('cancel').click();
    await paymentPanel(stack.cashier, 'cancelled').waitFor();
  }, 120_000);
});

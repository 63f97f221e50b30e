// The customer display on five screens, from a 360×640 phone to a 3840×2160 screen (issue 12): the
// QR is decoded from a screenshot of the whole screen at each size, it and the amount and countdown
// lie inside the viewport with nothing scrolled or clipped, and the QR grows with the screen. The
// countdown bar runs over the sale's own validity (90 s here), not a fixed 5 minutes.
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, startStack, type Stack } from './stack';
import { needsChromium } from '../support/programs';

const QR_TTL_MS = 90_000;
let stack: Stack;
let uri = '';

beforeAll(async () => {
  if (needsChromium.missing) return;
  stack = await startStack({ qrTtlMs: QR_TTL_MS });
  // The QR-of-the-link mode: the one a tablet or phone-sized display runs (the hosted checkout is the
  // desktop page's own layout; hosted-checkout.test.ts covers it on a desktop-sized display).
  stack.mode.app.settings.update({ displayCheckout: 'qr' });
  await stack.cashier.getByTestId('link-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
  // A Thai shop shows three languages: the longest texts the display has to fit.
  expect(await stack.mode.app.invoke('settings:update', { pin: '1234', country: 'TH', shopName: 'Bangkok Noodle Bar', cashierLanguage: 'en' })).toMatchObject({ ok: true });
  const input = stack.cashier.getByTestId('amount-input');
  await input.fill('149999.99');
  await input.press('Enter');
  await stack.cashier.locator('[data-testid="payment-panel"][data-state="pending"]').waitFor({ timeout: 15_000 });
  const chargeId = (await stack.cashier.getByTestId('charge-id').textContent()) ?? '';
  uri = stack.handles().sandbox.charges().find((c) => c.id === chargeId)?.authorize_uri ?? '';
  expect(uri).toMatch(/^http/);
  await stack.display.locator('[data-screen="pending"]').waitFor({ timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

/** Decodes a QR from a screenshot of the whole viewport, as a phone would see the screen. */
async function qrOnScreen(page: Page): Promise<string | null> {
  const png = PNG.sync.read(await page.screenshot());
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

/** Visible elements of the display whose box leaves the viewport, and whether the page scrolls. */
async function outside(page: Page): Promise<{ clipped: string[]; scrolls: boolean }> {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const clipped: string[] = [];
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5) clipped.push(`${el.tagName}.${el.className} ${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    const root = document.scrollingElement ?? document.documentElement;
    return { clipped, scrolls: root.scrollWidth > w || root.scrollHeight > h };
  });
}

describe.skipIf(needsChromium.missing)(needsChromium.title('the customer display fits every screen'), () => {
  it('the countdown bar starts full: it runs over this sale\'s 90 s validity, not 5 minutes', async () => {
    const bar = await stack.display.getByTestId('timer-bar').evaluate((el) => {
      const inner = el.firstElementChild as HTMLElement;
      return inner.getBoundingClientRect().width / el.getBoundingClientRect().width;
    });
    expect(bar).toBeGreaterThan(0.85);
    const left = (await stack.display.getByTestId('display-countdown').locator('strong').textContent()) ?? '';
    expect(left).toMatch(/^1:[0-3]\d$|^0:\d\d$/);
  });

  for (const [width, height] of [
    [360, 640],
    [390, 844],
    [768, 1024],
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    it(`${width}×${height}: the QR decodes from a screenshot, and QR, amount and countdown fit without clipping`, async () => {
      const page = stack.display;
      await page.setViewportSize({ width, height });
      await expect.poll(async () => (await page.getByTestId('qr').boundingBox())?.width ?? 0).toBeGreaterThan(0);
      await shot(page, `display-${width}x${height}`);
      expect(await qrOnScreen(page)).toBe(uri);

      const qr = (await page.getByTestId('qr').boundingBox())!;
      const short = Math.min(width, height);
      // Scannable from a metre on a phone-sized screen, and it grows with the screen.
      expect(qr.width).toBeGreaterThanOrEqual(Math.max(280, short * 0.5));
      expect(Math.abs(qr.width - qr.height)).toBeLessThan(2);
      for (const id of ['display-amount', 'display-countdown', 'timer-bar']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x, id).toBeGreaterThanOrEqual(0);
        expect(box.y, id).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, id).toBeLessThanOrEqual(width);
        expect(box.y + box.height, id).toBeLessThanOrEqual(height);
      }
      expect(await page.getByTestId('display-amount').textContent()).toBe('฿149,999.99');
      expect(await outside(page)).toEqual({ clipped: [], scrolls: false });
    });
  }

  it('the paid screen fits the smallest and the largest screen too', async () => {
    const page = stack.display;
    const chargeId = stack.handles().sandbox.charges().find((c) => c.authorize_uri === uri)?.id ?? '';
    await stack.handles().sandbox.completeCharge(chargeId, 'successful');
    await page.locator('[data-screen="paid"]').waitFor({ timeout: 10_000 });
    for (const [width, height] of [
      [360, 640],
      [3840, 2160],
    ] as const) {
      await page.setViewportSize({ width, height });
      expect(await outside(page)).toEqual({ clipped: [], scrolls: false });
      const amount = (await page.getByTestId('display-amount').boundingBox())!;
      // Read from a metre away: the amount grows with the screen.
      expect(amount.height).toBeGreaterThan(width > 1000 ? 80 : 24);
      await shot(page, `display-paid-${width}x${height}`);
    }
  });
});

// The customer display on the DEFAULT settings (the hosted KakaoPay checkout) on eight screens, from a
// 360×640 phone to 3840×2160: the QR a phone would read is decoded from a screenshot of the whole screen;
// it lies inside the viewport and its side (measured from the decoded corners) is at least 30 % of the
// short side. Landscape counter screens show KakaoPay's page scaled into the box; a phone and a portrait
// tablet fall back to our QR of authorize_uri by themselves. The customer never sees a test button, a
// charge id, an ISO time or the amount twice. Then the same with a checkout page that refuses frames:
// our QR at every size, and the terminal logged why. One stack; the page is resized between sizes.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { needsChromium } from '../support/programs';
import { docScreenshotsDir } from '../support/doc-shots';
import { shot, startCharge, useStack } from './stack';

const QR_TTL_MS = 600_000;
const AMOUNT = '฿149,999.99';
const SIZES = [
  [800, 480],
  [1024, 600],
  [1024, 768],
  [1280, 800],
  [768, 1024],
  [1920, 1080],
  [3840, 2160],
  [360, 640],
] as const;
/** Screens where the page's QR cannot reach 30 % of the short side: our QR instead (shared/checkout-fit.ts). */
const PORTRAIT = new Set(['768×1024', '360×640']);
const DOCS_SHOTS = docScreenshotsDir();

const stack = useStack('display-sizes', { qrTtlMs: QR_TTL_MS });
let uri = '';

beforeAll(async () => {
  if (needsChromium.missing) return;
  expect(stack.mode.app.settings.publicView().displayCheckout).toBe('hosted');
  // A Thai shop shows three languages: the longest texts the display has to fit.
  expect(await stack.mode.app.invoke('settings:update', { pin: '1234', country: 'TH', shopName: 'Bangkok Noodle Bar', cashierLanguage: 'en' })).toMatchObject({ ok: true });
  uri = await newSale();
}, 60_000);

/** A new sale of ฿149,999.99 (cancelling the one on screen); its authorize_uri once the display shows it. */
async function newSale(): Promise<string> {
  const cancel = stack.cashier.getByTestId('cancel');
  if (await cancel.isVisible()) {
    await cancel.click();
    await stack.cashier.locator('[data-testid="payment-panel"][data-state="cancelled"]').waitFor();
  }
  const chargeId = await startCharge(stack.cashier, '149999.99');
  const link = stack.handles().sandbox.charges().find((c) => c.id === chargeId)?.authorize_uri ?? '';
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/payments\/pay2_test_\w+\/authorize$/);
  await stack.display.locator(`[data-screen="pending"]`).waitFor();
  return link;
}

interface Seen {
  readonly data: string;
  /** The decoded symbol's side on screen (px) and its bounds. */
  readonly side: number;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Decodes the QR from a screenshot of the whole viewport, as a phone would see the screen. */
async function qrOnScreen(page: Page): Promise<Seen | null> {
  const png = PNG.sync.read(await page.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) return null;
  const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c, bottomRightCorner: d } = code.location;
  const side = Math.min(Math.hypot(b.x - a.x, b.y - a.y), Math.hypot(c.x - a.x, c.y - a.y));
  const xs = [a.x, b.x, c.x, d.x];
  const ys = [a.y, b.y, c.y, d.y];
  return { data: code.data, side, left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/** Everything the customer can read: the display's text and the checkout page's (hidden parts excluded). */
async function visibleText(page: Page): Promise<string> {
  const own = await page.locator('body').innerText();
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/payments/'));
  const inner = frame ? await frame.locator('body').innerText().catch(() => '') : '';
  return `${own}\n${inner}`;
}

/** Visible elements of the display whose box leaves the viewport, and whether the page scrolls. */
async function outside(page: Page): Promise<{ clipped: string[]; scrolls: boolean }> {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const clipped: string[] = [];
    for (const el of document.querySelectorAll('main *:not(iframe)')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5) clipped.push(`${el.tagName}.${el.className} ${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    const root = document.scrollingElement ?? document.documentElement;
    return { clipped, scrolls: root.scrollWidth > w || root.scrollHeight > h };
  });
}

/** The QR at this size: decoded, inside the viewport, ≥ 30 % of the short side. Logs its size for the record. */
async function checkSize(width: number, height: number, label: string): Promise<Seen> {
  const page = stack.display;
  await page.setViewportSize({ width, height });
  // Settled: two screenshots in a row show the same QR at the same place and size. One decode alone can
  // catch the page mid-relayout (its scale still the previous size's: 187 px once at 1920×1080, 364 settled).
  let seen: Seen | null = null;
  let before: Seen | null = null;
  const same = (a: Seen | null, b: Seen | null): boolean =>
    a !== null && b !== null && a.data === b.data && Math.abs(a.side - b.side) < 2 && Math.abs(a.left - b.left) < 2 && Math.abs(a.top - b.top) < 2;
  await expect
    .poll(async () => {
      [before, seen] = [seen, await qrOnScreen(page)];
      return same(before, seen);
    }, { timeout: 15_000 })
    .toBe(true);
  const qr = seen as unknown as Seen;
  await shot(page, `display-${label}-${width}x${height}`);
  const short = Math.min(width, height);
  console.warn(`${label} ${width}×${height}: QR side ${Math.round(qr.side)} px = ${Math.round((qr.side / short) * 100)} % of the short side`);
  expect(qr.left).toBeGreaterThanOrEqual(0);
  expect(qr.top).toBeGreaterThanOrEqual(0);
  expect(qr.right).toBeLessThanOrEqual(width);
  expect(qr.bottom).toBeLessThanOrEqual(height);
  expect(qr.side).toBeGreaterThanOrEqual(0.3 * short);
  const text = await visibleText(page);
  expect(text).not.toMatch(/chrg_|pay2_|\d{4}-\d\d-\d\dT\d\d:\d\d|Successful|Failed/);
  expect(text.split(AMOUNT).length - 1).toBeLessThanOrEqual(1);
  expect(await page.locator('button:visible').count()).toBe(0);
  expect(await outside(page)).toEqual({ clipped: [], scrolls: false });
  // The QR is the largest thing on the screen: larger than any text or mark of the display's own.
  const largest = await page.evaluate(() => {
    let area = 0;
    let what = '';
    for (const el of document.querySelectorAll('main *')) {
      if (el.children.length > 0 || el.matches('iframe, [data-testid="qr"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width * r.height > area) [area, what] = [r.width * r.height, `${el.tagName}.${el.className}`];
    }
    return { area, what };
  });
  expect(qr.side ** 2, largest.what).toBeGreaterThan(largest.area);
  return qr;
}

describe.skipIf(needsChromium.missing)(needsChromium.title('the customer display fits every screen (default: hosted checkout)'), () => {
  it('the countdown bar starts full: it runs over this sale\'s own validity', async () => {
    const bar = await stack.display.getByTestId('timer-bar').evaluate((el) => (el.firstElementChild as HTMLElement).getBoundingClientRect().width / el.getBoundingClientRect().width);
    expect(bar).toBeGreaterThan(0.85);
    expect(await stack.display.getByTestId('display-countdown').locator('strong').textContent()).toMatch(/^(10|9):\d\d$/);
  });

  for (const [width, height] of SIZES) {
    const portrait = PORTRAIT.has(`${width}×${height}`);
    it(`${width}×${height}: ${portrait ? 'our QR of the link (the page\'s QR would be too small)' : 'KakaoPay\'s page scaled into the box'}; its QR decodes and is ≥ 30 % of the short side`, async () => {
      const qr = await checkSize(width, height, 'hosted');
      const page = stack.display;
      if (portrait) {
        expect(qr.data).toBe(uri);
        await expect(page.locator('main').getAttribute('data-fallback')).resolves.toBe('too_small');
      } else {
        // KakaoPay's QR: the sandbox's wallet page for this payment (the customer's phone).
        expect(qr.data).toMatch(/\/wallet\/pay2_test_\w+$/);
        await expect(page.locator('main').getAttribute('data-checkout')).resolves.toBe('page');
        // The words beside it name the QR only now that the page (and its QR) is on screen.
        expect(await page.locator('.hosted-say .first').textContent()).toBe('카카오페이 앱으로 QR 코드를 스캔하세요');
      }
      if ((width === 1024 && height === 600) || (width === 1920 && height === 1080)) {
        mkdirSync(DOCS_SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(DOCS_SHOTS, `display-default-${width}x${height}.png`) });
      }
    }, width > 2000 ? 120_000 : 45_000);
  }

  it('a checkout page that refuses frames (X-Frame-Options DENY): the next sale falls back to our QR by itself', async () => {
    stack.handles().sandbox.setFraming('deny');
    uri = await newSale();
    const page = stack.display;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => page.locator('main').getAttribute('data-fallback')).toBe('frame_refused');
    expect(await page.locator('iframe').count()).toBe(0);
    // The terminal logged it once for this sale and reason: a second report is not logged again.
    const saleId = (await page.locator('main').getAttribute('data-sale-id')) ?? '';
    expect(await stack.mode.app.invoke('display:checkoutFallback', { saleId, reason: 'frame_refused' }, 'display')).toEqual({ ok: true, value: { logged: false } });
  });

  for (const [width, height] of SIZES) {
    it(`frame refused, ${width}×${height}: our QR of the link decodes and is ≥ 30 % of the short side`, async () => {
      const qr = await checkSize(width, height, 'refused');
      expect(qr.data).toBe(uri);
      expect(await stack.display.locator('iframe').count()).toBe(0);
    }, width > 2000 ? 120_000 : 45_000);
  }

  it('the paid screen fits the smallest and the largest screen too', async () => {
    stack.handles().sandbox.setFraming('loopback');
    const page = stack.display;
    const chargeId = stack.handles().sandbox.charges().find((c) => c.authorize_uri === uri)?.id ?? '';
    await stack.handles().sandbox.completeCharge(chargeId, 'successful');
    await page.locator('[data-screen="paid"]').waitFor();
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

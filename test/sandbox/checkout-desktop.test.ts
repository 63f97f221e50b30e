// The desktop rendition of the KakaoPay checkout at authorize_uri, in real Chromium: the QR (decoded from a
// screenshot) opens the sandbox wallet on a "phone"; Pay there turns the desktop page into the confirmation
// slip with "Back to merchant". The page may be framed by loopback origins (the browser-mode display).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index';
import { call, quietSandbox } from './helpers';
import { decodeQr } from './qr-decode';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { CHECKOUT_PAGE, sandboxTestPageUri } from '../../shared';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
let sb: Sandbox;
let browser: Browser;
let shop: http.Server;
let returnUri: string;

beforeAll(async () => {
  if (needsChromium.missing) return;
  sb = await quietSandbox({ country: 'SG', merchantName: 'Orchard Bakery' });
  shop = http.createServer((_req, res) => res.end('<!doctype html><title>Back at the shop</title><h1>Thanks</h1>'));
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  returnUri = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/done`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? 'chromium', args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => shop.close(() => r()));
  await sb.stop();
});

async function newCharge(): Promise<{ id: string; authorize_uri: string }> {
  const r = await call(sb, 'POST', '/charges', { json: { amount: 4250, currency: 'SGD', return_uri: returnUri, source: { type: 'kakaopay', platform_type: 'WEB' } } });
  return r.body as { id: string; authorize_uri: string };
}

describe.skipIf(needsChromium.missing)(needsChromium.title('desktop KakaoPay checkout (sandbox)'), () => {
  it('QR → wallet on the phone → Pay → the desktop shows the slip → Back to merchant', async () => {
    const charge = await newCharge();
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    desk.setDefaultTimeout(15_000);
    const res = await desk.goto(charge.authorize_uri);
    expect(res?.headers()['content-security-policy']).toMatch(/frame-ancestors 'self' http:\/\/127\.0\.0\.1:\*/);
    const panel = desk.getByTestId('kakaopay-checkout');
    await expect(panel.locator('.kp-merchant').textContent()).resolves.toBe('Orchard Bakery');
    await expect(panel.locator('.kp-amount').textContent()).resolves.toBe('S$42.50');
    const walletUrl = decodeQr(await desk.locator('.kp-qr').screenshot());
    expect(walletUrl).toMatch(new RegExp(`^${sb.publicBaseUrl}/wallet/pay2_test_[0-9a-z]{19}$`));
    // The customer's page is KakaoPay's card only: no test buttons, no charge id, no ISO time.
    await expect(desk.getByRole('button', { name: 'Successful' }).isVisible()).resolves.toBe(false);
    const seen = await desk.locator('body').innerText();
    expect(seen).not.toMatch(/chrg_|\d{4}-\d\d-\d\dT|Successful|Failed/);
    // The QR is drawn at the side the customer display's fit assumes (shared/checkout-fit.ts).
    expect((await desk.locator('.kp-qr svg').boundingBox())?.width).toBe(CHECKOUT_PAGE.qrSidePx);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    phone.setDefaultTimeout(15_000);
    await phone.goto(walletUrl ?? '');
    await expect(phone.locator('.amount').textContent()).resolves.toBe('S$42.50');
    await phone.getByRole('button', { name: 'Pay' }).click();
    await expect(phone.getByTestId('wallet-done').textContent()).resolves.toBe('Payment complete');
    expect((await call(sb, 'GET', `/charges/${charge.id}`)).body).toMatchObject({ status: 'successful', paid: true });

    // The desktop page notices and shows the confirmation slip.
    await desk.getByTestId('back-to-merchant').waitFor();
    await expect(desk.locator('.status').textContent()).resolves.toBe('Payment successful');
    await desk.getByTestId('back-to-merchant').click();
    await desk.waitForURL(returnUri);
    await Promise.all([desk.close(), phone.close()]);
  });

  it('Decline with a reason fails the charge with that code; a phone-sized authorize page hides the QR panel', async () => {
    const charge = await newCharge();
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await narrow.goto(charge.authorize_uri);
    await expect(narrow.getByTestId('kakaopay-checkout').isVisible()).resolves.toBe(false);
    const walletUrl = await narrow.locator('.kp-qr').getAttribute('data-wallet-url');
    await narrow.goto(walletUrl ?? '');
    await narrow.getByLabel('Decline reason (test)').selectOption('insufficient_fund');
    await narrow.getByRole('button', { name: 'Decline' }).click();
    await expect(narrow.getByTestId('wallet-done').textContent()).resolves.toBe('Payment declined');
    expect((await call(sb, 'GET', `/charges/${charge.id}`)).body).toMatchObject({ status: 'failed', failure_code: 'insufficient_fund' });
    await narrow.close();
  });

  it('the shop\'s test controls page (beside authorize_uri) fails the charge with a code at desktop width and links the wallet', async () => {
    const charge = await newCharge();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    await page.goto(sandboxTestPageUri(charge.authorize_uri) ?? '');
    await expect(page.getByTestId('wallet-link').getAttribute('href')).resolves.toMatch(/\/wallet\/pay2_test_/);
    expect(await page.locator('body').innerText()).toContain(charge.id);
    await page.getByLabel('Or fail it with').selectOption('insufficient_fund');
    await page.getByRole('button', { name: 'Failed' }).click();
    await page.waitForURL(returnUri);
    expect((await call(sb, 'GET', `/charges/${charge.id}`)).body).toMatchObject({ status: 'failed', failure_code: 'insufficient_fund' });
    await page.close();
  });

  it('setFraming(\'deny\'): the pages refuse every frame (X-Frame-Options DENY, frame-ancestors \'none\'), then allow loopback again', async () => {
    const charge = await newCharge();
    sb.setFraming('deny');
    try {
      const res = await fetch(charge.authorize_uri);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    } finally {
      sb.setFraming('loopback');
    }
    const res = await fetch(charge.authorize_uri);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' http:\/\/127\.0\.0\.1:\*/);
  });
});

// The authorize page in real Chromium on a phone-sized viewport: press Successful, or pick a failure code and
// press Failed; the browser lands on return_uri (a local page) and the charge carries the outcome.
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index';
import { CHROMIUM_PATH, needsChromium } from '../support/programs';
import { listenLoopback } from '../support/servers';
import { call, quietSandbox } from './helpers';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
let sb: Sandbox;
let browser: Browser;
let returnPage: http.Server;
let returnUri: string;

beforeAll(async () => {
  if (needsChromium.missing) return;
  sb = await quietSandbox({ country: 'TH', merchantName: 'Seoul Kitchen' });
  returnPage = http.createServer((_req, res) => res.end('<!doctype html><title>Back at the shop</title><h1>Thanks</h1>'));
  returnUri = `http://127.0.0.1:${(await listenLoopback(returnPage)).port}/done`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH!, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  if (needsChromium.missing) return;
  await sb.stop();
});

async function newCharge(): Promise<{ id: string; authorize_uri: string }> {
  const r = await call(sb, 'POST', '/charges', { json: { amount: 123450, currency: 'THB', return_uri: returnUri, source: { type: 'kakaopay', platform_type: 'IOS' } } });
  return r.body as { id: string; authorize_uri: string };
}

describe.skipIf(needsChromium.missing)(needsChromium.title('authorize page in Chromium'), () => {
  it('Successful completes the charge and returns to the shop', async () => {
    const charge = await newCharge();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(30_000);
    await page.goto(charge.authorize_uri);
    await expect(page.locator('.merchant').textContent()).resolves.toBe('Seoul Kitchen');
    await expect(page.locator('.amount').textContent()).resolves.toBe('฿1,234.50');
    // the main button is fully visible on a phone without scrolling
    const box = await page.getByRole('button', { name: 'Successful' }).boundingBox();
    expect(box && box.y + box.height <= 844).toBe(true);
    // Wait for the landing while clicking (a fast redirect must not slip past), with room for a loaded machine.
    await Promise.all([page.waitForURL(returnUri, { timeout: 30_000 }), page.getByRole('button', { name: 'Successful' }).click()]);
    await expect(page.title()).resolves.toBe('Back at the shop');
    expect((await call(sb, 'GET', `/charges/${charge.id}`)).body).toMatchObject({ status: 'successful', paid: true });
    await page.close();
  }, 90_000);

  it('Failed with a chosen code fails the charge with that code', async () => {
    const charge = await newCharge();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(30_000);
    await page.goto(charge.authorize_uri);
    await page.getByLabel('Or fail it with').selectOption('invalid_account');
    await Promise.all([page.waitForURL(returnUri, { timeout: 30_000 }), page.getByRole('button', { name: 'Failed' }).click()]);
    expect((await call(sb, 'GET', `/charges/${charge.id}`)).body).toMatchObject({ status: 'failed', failure_code: 'invalid_account' });
    await page.goto(charge.authorize_uri);
    await expect(page.locator('.status').textContent()).resolves.toBe('Payment failed');
    await page.close();
  }, 90_000);
});

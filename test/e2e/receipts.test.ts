// End to end in Chromium (browser mode, demo stack): the printer is set up in Settings → Receipts &
// printer (a network ESC/POS printer: the fake one on loopback) and its test page prints; a paid
// sale is printed from the Paid screen, reprinted from the sale's detail (marked Copy) and shown as
// on paper; Reports → Store lists the store's terminals from Opn, with this terminal's own record.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpnClient } from '../../electron/core/opn/index';
import { needsChromium } from '../support/programs';
import { startFakePrinter, type FakePrinter } from '../electron/receipts/fake-printer';
import { SCREENSHOTS, shot, useStack, startCharge } from './stack';
import { docScreenshotsDir } from '../support/doc-shots';

const stack = useStack('receipts');
let printer: FakePrinter;
const DOC_SHOTS = docScreenshotsDir();

beforeAll(async () => {
  if (needsChromium.missing) return;
  printer = await startFakePrinter();
});

afterAll(async () => {
  await printer?.stop();
});

async function pin(page: Page): Promise<void> {
  await page.getByTestId('pin-input').fill('1234');
  await page.getByTestId('pin-submit').click();
}

/** The payer presses Successful on the sandbox's authorize page; the Paid screen follows. */
async function paidSale(page: Page, typed: string): Promise<string> {
  const chargeId = await startCharge(page, typed);
  await stack.handles().sandbox.completeCharge(chargeId, 'successful');
  await page.locator('[data-testid="payment-panel"][data-state="paid"]').waitFor({ timeout: 10_000 });
  return chargeId;
}

function keep(name: string): void {
  mkdirSync(DOC_SHOTS, { recursive: true });
  copyFileSync(path.join(SCREENSHOTS, `${name}.png`), path.join(DOC_SHOTS, `${name}.png`));
}

describe.skipIf(needsChromium.missing)(needsChromium.title('receipts and the store report (browser mode, Chromium)'), () => {
  it('Settings → Receipts & printer: a network printer is saved and its test page prints', async () => {
    const page = stack.cashier;
    await page.keyboard.press('F4');
    await pin(page);
    await page.getByTestId('receipt-settings').waitFor();
    await page.getByTestId('setting-receipt-address').fill('1 Tras Street, Singapore 078986');
    await page.getByTestId('setting-receipt-printerKind').selectOption('escpos');
    await page.getByTestId('setting-receipt-printerHost').fill('127.0.0.1');
    await page.getByTestId('setting-receipt-printerPort').fill(String(printer.port));
    await page.getByTestId('setting-receipt-paper').selectOption('58');
    expect(await page.getByTestId('print-test-page').isDisabled()).toBe(true);
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Saved.');
    expect(stack.mode.app.settings.get().receipt).toMatchObject({ printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: printer.port, paperWidthMm: 58, autoPrint: false });
    const before = printer.jobs.length;
    await page.getByTestId('print-test-page').click();
    await expect.poll(() => page.getByTestId('test-page-status').textContent()).toBe('Test page printed.');
    const [job] = (await printer.waitForJobs(before + 1)).slice(before);
    expect(job?.cut).toBe(true);
    // 58 mm: every raster line is the roll's 384 dots.
    expect(job?.rasters.every((r) => r.width === 384)).toBe(true);
    await page.getByTestId('receipt-settings').scrollIntoViewIfNeeded();
    await shot(page, 'cashier-settings-receipts');
    await page.keyboard.press('F1');
  });

  it('a paid sale prints from the Paid screen; the sale’s detail reprints it (Copy) and shows it as on paper', async () => {
    const page = stack.cashier;
    const chargeId = await paidSale(page, '42.50');
    const before = printer.jobs.length;
    await page.getByTestId('print-receipt').click();
    const [first] = (await printer.waitForJobs(before + 1)).slice(before);
    expect(first?.lines.join('\n')).toContain('SGD 42.50');
    expect(first?.lines.join('\n')).toContain(chargeId);
    await expect.poll(() => page.getByTestId('print-notice').getAttribute('data-kind')).toBe('printed');

    await page.keyboard.press('F2');
    await page.getByTestId('sales-table').waitFor();
    await page.getByTestId('sales-search').fill(chargeId);
    await page.getByTestId('open-sale').first().click();
    await page.getByTestId('reprint').click();
    const [copy] = (await printer.waitForJobs(before + 2)).slice(before + 1);
    const text = copy?.lines.join('\n') ?? '';
    expect(text).toContain(chargeId);
    expect(text).toContain('1 Tras Street');
    // The Copy line carries Hangul ("Copy / 사본"), so it prints as one more raster image.
    expect(copy?.rasters.length).toBe((first?.rasters.length ?? 0) + 1);
    await expect.poll(() => page.getByTestId('sale-detail').getByTestId('print-status').textContent()).toBe('Sent to the printer.');

    const violations: string[] = [];
    const onConsole = (m: { text(): string }): void => void (/Refused to/i.test(m.text()) && violations.push(m.text()));
    page.on('console', onConsole);
    await page.getByTestId('receipt-preview-toggle').click();
    const frame = page.frameLocator('[data-testid="receipt-preview"]');
    await expect.poll(() => frame.locator('body').textContent()).toContain(chargeId);
    // The receipt's own stylesheet applies inside the preview (allowed by its hash in the page's CSP).
    expect(await frame.locator('.receipt').evaluate((el) => getComputedStyle(el).marginLeft === getComputedStyle(el).marginRight && getComputedStyle(el).width !== 'auto')).toBe(true);
    expect(await frame.locator('.title').evaluate((el) => getComputedStyle(el).textAlign)).toBe('center');
    page.off('console', onConsole);
    expect(violations).toEqual([]);
    await shot(page, 'cashier-receipt-preview');
    keep('cashier-receipt-preview');
    await page.keyboard.press('Escape');
  });

  it('the Paid panel follows the printer: printed, then down (the next sale says so too); with no printer Reprint says so', async () => {
    const page = stack.cashier;
    const { app } = stack.mode;
    expect(await app.invoke('settings:update', { pin: '1234', receipt: { printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: printer.port, autoPrint: true } })).toMatchObject({ ok: true });
    await paidSale(page, '3.20');
    const hint = page.getByTestId('auto-print-hint');
    await expect.poll(() => hint.getAttribute('data-print')).toBe('printed');
    expect(await hint.textContent()).toBe('Receipt printed.');
    await page.setViewportSize({ width: 800, height: 480 });
    await shot(page, 'cashier-paid-printed-800x480');
    await page.setViewportSize({ width: 1024, height: 768 });

    // The printer goes away: this sale's receipt waits, and so does the next one's, each told at once.
    const dead = await startFakePrinter();
    await dead.stop();
    expect(await app.invoke('settings:update', { pin: '1234', receipt: { printerPort: dead.port } })).toMatchObject({ ok: true });
    await paidSale(page, '4.30');
    await expect.poll(() => hint.getAttribute('data-print')).toBe('print_failed');
    await paidSale(page, '5.40');
    await expect.poll(() => hint.getAttribute('data-print')).toBe('print_failed');
    expect(await hint.textContent()).toBe('Printer not reachable — the receipt is queued; Reprint later.');
    await shot(page, 'cashier-paid-printer-down-1024x768');

    // No printer: the Paid panel offers no print, and Reprint in the sale's detail says why, queuing nothing.
    expect(await app.invoke('settings:update', { pin: '1234', receipt: { printerKind: 'none', autoPrint: false } })).toMatchObject({ ok: true });
    const chargeId = await paidSale(page, '6.50');
    expect(await page.getByTestId('print-receipt').count()).toBe(0);
    await page.keyboard.press('F2');
    await page.getByTestId('sales-search').fill(chargeId);
    await page.getByTestId('open-sale').first().click();
    const jobsBefore = app.runtime.printing().queue.recent(500).length;
    const showBefore = await page.getByTestId('receipt-preview-toggle').boundingBox();
    const reprintBox = await page.getByTestId('reprint').boundingBox();
    // Reprint and Show receipt are the same size, side by side.
    expect(reprintBox?.height).toBe(showBefore?.height);
    expect(reprintBox?.y).toBe(showBefore?.y);
    await page.getByTestId('reprint').click();
    const status = page.getByTestId('sale-detail').getByTestId('print-status');
    await expect.poll(() => status.textContent()).toBe('No receipt printer is chosen: pick one in Settings → Receipts & printer.');
    // The status goes on its own line below them: the two buttons stay side by side, same size.
    const showAfter = await page.getByTestId('receipt-preview-toggle').boundingBox();
    const reprintAfter = await page.getByTestId('reprint').boundingBox();
    expect(showAfter?.y).toBe(reprintAfter?.y);
    expect((showAfter?.x ?? 0) - (reprintAfter?.x ?? 0)).toBe((showBefore?.x ?? 0) - (reprintBox?.x ?? 0));
    expect((await status.boundingBox())?.y).toBeGreaterThan((reprintAfter?.y ?? 0) + (reprintAfter?.height ?? 0) - 1);
    expect(app.runtime.printing().queue.recent(500)).toHaveLength(jobsBefore);
    await shot(page, 'cashier-reprint-no-printer-1024x768');
    await page.setViewportSize({ width: 800, height: 480 });
    await shot(page, 'cashier-reprint-no-printer-800x480');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
  });

  it('browser mode with the system printer: the page prints the receipt itself (hidden frame, browser print)', async () => {
    const page = stack.cashier;
    expect(await stack.mode.app.invoke('settings:update', { pin: '1234', receipt: { printerKind: 'os' } })).toMatchObject({ ok: true });
    // Record the frames the page adds to print from (they go once printed).
    await page.evaluate(() => {
      const w = window as unknown as { printed: string[] };
      w.printed = [];
      new MutationObserver((ms) => {
        for (const m of ms) for (const n of m.addedNodes) if (n instanceof HTMLIFrameElement && n.dataset.testid === 'print-frame') w.printed.push(n.srcdoc);
      }).observe(document.body, { childList: true });
    });
    const chargeId = await paidSale(page, '7.25');
    const jobs = printer.jobs.length;
    await page.getByTestId('print-receipt').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: string[] }).printed.length)).toBe(1);
    const html = await page.evaluate(() => (window as unknown as { printed: string[] }).printed[0] ?? '');
    expect(html).toContain(chargeId);
    expect(html).toContain('SGD 7.25');
    expect(html).not.toMatch(/<script/i);
    await expect.poll(() => page.getByTestId('print-notice').getAttribute('data-kind')).toBe('printed');
    // Nothing went to the network printer.
    expect(printer.jobs.length).toBe(jobs);
    await page.keyboard.press('F1');
  });

  it('Reports → Store: the store’s terminals from Opn, other stores left out, this terminal beside its own record', async () => {
    const page = stack.cashier;
    const s = stack.mode.app.settings.get();
    // Two more counters of this store and another store, at the demo's sandbox.
    const { sandbox } = stack.handles();
    const opn = createOpnClient({ baseUrl: sandbox.baseUrl, secretKey: sandbox.secretKey, retries: 0 });
    let n = 0;
    for (const [terminalId, storeId, amount] of [['counter-2', s.storeId, 18_000], ['counter-2', s.storeId, 2_350], ['counter-3', s.storeId, 7_990], ['elsewhere-1', 'store-other', 50_000]] as const) {
      const c = await opn.createCharge({ amount, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { terminal_id: terminalId, store_id: storeId }, idempotencyKey: `e2e-store-${++n}` });
      await sandbox.completeCharge(c.id, 'successful');
    }
    await page.keyboard.press('F3');
    await pin(page);
    await page.getByTestId('reports-screen').waitFor();
    await page.getByTestId('reports-view-store').click();
    await page.getByTestId('store-load').click();
    await page.getByTestId('store-table').waitFor({ timeout: 15_000 });
    const rows = await page.getByTestId('store-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-terminal')));
    expect(rows).toEqual(expect.arrayContaining([s.terminalId, 'counter-2', 'counter-3']));
    expect(rows).not.toContain('elsewhere-1');
    await page.getByTestId('store-own-row').waitFor();
    // The view says which day it is.
    expect(await page.getByTestId('store-title').textContent()).toMatch(/^Store day report · .*\d{4}$/);
    expect(await page.getByTestId('store-row').filter({ hasText: 'counter-2' }).textContent()).toContain('203.50');
    // The earlier receipt's notice goes by itself; the picture is of the report.
    await page.getByTestId('print-notice').waitFor({ state: 'detached', timeout: 15_000 });
    await shot(page, 'cashier-store-report');
    keep('cashier-store-report');

    // CSV and PDF like the day reports: written on the terminal, offered as downloads in browser mode.
    await page.getByTestId('store-export-csv').click();
    // Named after the store (the figures are the whole store's), not this terminal.
    await expect.poll(() => page.getByTestId('exports').textContent()).toContain(`${s.storeId}_`);
    await expect.poll(() => page.getByTestId('exports').textContent()).toContain('_store.csv');
    expect(await page.getByTestId('exports').textContent()).not.toContain(`${s.terminalId}_`);
    await page.getByTestId('store-export-pdf').click();
    await expect.poll(() => page.getByTestId('exports').textContent(), { timeout: 20_000 }).toContain('_store.pdf');
    const link = page.getByTestId('export-link').filter({ hasText: '_store.csv' });
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), (await link.getAttribute('href')) ?? '');
    expect(csv).toContain('counter-2');
    expect(csv).not.toContain('elsewhere-1');
  });
});

// Screenshots of the 58 and 80 mm receipts in English, Korean and Thai, for docs/screenshots/receipts/:
// the HTML (screen and OS printer) rendered by the system Chromium, and the ESC/POS job as the network
// printer would print it (text cells and raster images, parsed back from the bytes).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../electron/receipts/document';
import { refundSlip, saleReceipt } from '../../../electron/receipts/document';
import { encodeReceipt } from '../../../electron/receipts/escpos';
import { receiptHtml } from '../../../electron/receipts/html';
import { CHROMIUM_ARGS } from '../../../electron/reports/pdf/chromium-printer';
import { parseEscPos } from './fake-printer';
import { receiptOf, refund, sale, shop, thaiShop, thbSale } from './fixtures';
import { renderJobPng } from './paper-render';
import { CHROMIUM_PATH, needsChromium } from '../../support/programs';
import { docScreenshotsDir } from '../../support/doc-shots';

const OUT = docScreenshotsDir('receipts');
let browser: Browser;

beforeAll(async () => {
  if (needsChromium.missing) return;
  fs.mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? 'chromium', headless: true, args: [...CHROMIUM_ARGS] });
});
afterAll(async () => {
  await browser?.close();
});

const DOCS: Record<'en' | 'ko' | 'th', () => ReceiptDocument> = {
  en: () => saleReceipt(receiptOf(sale({ status: 'partially_refunded', refundedAmount: 50_000 }), [refund()]), shop()),
  ko: () => saleReceipt(receiptOf(sale({ cashier: '김지우' })), shop({ language: 'ko' })),
  th: () => saleReceipt(receiptOf(thbSale({ cashier: 'สมชาย' })), thaiShop()),
};

describe.skipIf(needsChromium.missing)(needsChromium.title('receipt screenshots'), () => {
  for (const lang of ['en', 'ko', 'th'] as const) {
    for (const paper of [58, 80] as const) {
      it(`${lang} ${paper} mm: HTML in Chromium and the ESC/POS job as printed`, async () => {
        const doc = DOCS[lang]();
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: { width: 360, height: 900 }, deviceScaleFactor: 2 });
        try {
          const page = await context.newPage();
          await page.setContent(receiptHtml(doc, paper), { waitUntil: 'load' });
          const receipt = page.locator('.receipt');
          const box = await receipt.boundingBox();
          // 48 mm / 72 mm of printable width at 96 CSS px per inch.
          expect(box?.width).toBeCloseTo(((paper === 58 ? 48 : 72) * 96) / 25.4, 0);
          const text = (await receipt.innerText()).replace(/\s+/g, ' ');
          expect(text).toContain(lang === 'th' ? 'THB 1,250.00' : 'SGD 1,500.50');
          expect(text).toContain('KakaoPay');
          // No line of the receipt overflows the roll.
          const overflow = await page.evaluate(() => [...document.querySelectorAll('.receipt *')].some((el) => el.scrollWidth > el.clientWidth + 1));
          expect(overflow).toBe(false);
          const png = await receipt.screenshot();
          fs.writeFileSync(path.join(OUT, `receipt-${lang}-${paper}mm.png`), png);
        } finally {
          await context.close();
        }

        const { bytes } = encodeReceipt(doc, paper);
        const job = parseEscPos(bytes);
        const png = renderJobPng(job, paper === 58 ? 384 : 576);
        const decoded = PNG.sync.read(png);
        expect(decoded.width).toBe(paper === 58 ? 384 : 576);
        expect(decoded.height).toBeGreaterThan(400);
        fs.writeFileSync(path.join(OUT, `escpos-${lang}-${paper}mm.png`), png);
      });
    }
  }

  it('void slip, 58 mm, as printed', () => {
    const v = refund({ voided: true, amount: 150_050 });
    const job = parseEscPos(encodeReceipt(refundSlip(receiptOf(sale({ status: 'voided' }), [v]), v, shop()), 58).bytes);
    const png = renderJobPng(job, 384);
    expect(PNG.sync.read(png).width).toBe(384);
    fs.writeFileSync(path.join(OUT, 'escpos-void-en-58mm.png'), png);
  });
});

// The OS-printer path: Settings say 'os', the queue hands the receipt's HTML and the roll's width to
// the OsPrinterPort. Here the port is what browser mode does, printing the page in the system
// Chromium; the PDF it produces must be one roll wide and hold the receipt.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OsPrinterPort, OsPrintOptions } from '../../../electron/receipts/os-printer';
import { PrinterError } from '../../../electron/receipts/network-printer';
import { createReceiptPrinting } from '../../../electron/receipts/print-service';
import { CHROMIUM_ARGS } from '../../../electron/reports/pdf/chromium-printer';
import type { PrintNotice, ReceiptSettings } from '../../../shared';
import { DEFAULT_RECEIPT_SETTINGS } from '../../../shared';
import { receiptOf, sale, shop } from './fixtures';
import { CHROMIUM_PATH, needsChromium } from '../../support/programs';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  if (needsChromium.missing) return;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? 'chromium', headless: true, args: [...CHROMIUM_ARGS] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'os-print-'));
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Browser-mode printing of the receipt page, as PDF "paper" the test can measure. */
function chromiumPort(printed: { pdf: Buffer; options: OsPrintOptions; html: string }[]): OsPrinterPort {
  return {
    async print(html, options) {
      if (options.deviceName === 'Jammed') throw new PrinterError('printer_failed', 'The system printer did not print: paper jam.');
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const pdf = await page.pdf({ width: `${options.pageWidthMm}mm`, height: `${height + 10}px`, printBackground: false });
        printed.push({ pdf, options, html });
      } finally {
        await context.close();
      }
    },
  };
}

function pageWidthPt(pdf: Buffer): number {
  const m = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  return Number(m?.[1]);
}

describe.skipIf(needsChromium.missing)(needsChromium.title('OS printer'), () => {
  for (const paper of [58, 80] as const) {
    it(`prints the receipt page ${paper} mm wide on the chosen printer, silently`, async () => {
      const printed: { pdf: Buffer; options: OsPrintOptions; html: string }[] = [];
      const settings: ReceiptSettings = { ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'os', osPrinterName: 'Counter TM-T20', paperWidthMm: paper, autoPrint: true };
      const p = createReceiptPrinting({ logId: 'live', queueFile: path.join(dir, `q${paper}.db`), settings: () => settings, shop: () => shop(), loadReceipt: () => receiptOf(sale()), osPrinter: chromiumPort(printed) });
      try {
        const job = p.onSalePaid('sale_01JDX4Q7ZK3M');
        expect(job).not.toBeNull();
        for (let i = 0; i < 500 && p.queue.job(job?.id ?? '')?.status !== 'printed'; i++) await new Promise((r) => setTimeout(r, 20));
        expect(p.queue.job(job?.id ?? '')?.status).toBe('printed');
        expect(printed).toHaveLength(1);
        expect(printed[0]?.options).toEqual({ deviceName: 'Counter TM-T20', pageWidthMm: paper, silent: true });
        expect(printed[0]?.html).toContain('chrg_test_5zq8y2k1abcd');
        // 1 mm = 72 / 25.4 pt; Chromium rounds the page to whole CSS pixels (0.75 pt).
        expect(Math.abs(pageWidthPt(printed[0]?.pdf ?? Buffer.alloc(0)) - (paper * 72) / 25.4)).toBeLessThan(1);
      } finally {
        await p.close();
      }
    });
  }

  it('keeps the job and tells the cashier when the OS printer refuses', async () => {
    const notices: PrintNotice[] = [];
    const settings: ReceiptSettings = { ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'os', osPrinterName: 'Jammed' };
    const p = createReceiptPrinting({ logId: 'live', queueFile: path.join(dir, 'jam.db'), settings: () => settings, shop: () => shop(), loadReceipt: () => receiptOf(sale()), osPrinter: chromiumPort([]), onNotice: (n) => notices.push(n), backoffMs: [60_000] });
    try {
      const job = p.reprint('sale_01JDX4Q7ZK3M');
      for (let i = 0; i < 250 && notices.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(notices[0]).toMatchObject({ kind: 'print_failed', code: 'printer_failed' });
      expect(p.queue.job(job.id)?.status).toBe('queued');
    } finally {
      await p.close();
    }
  });
});

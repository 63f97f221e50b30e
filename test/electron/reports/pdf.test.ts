import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../../electron/reports/pdf/template';
import { createReportService } from '../../../electron/reports/service';
import { pdfText } from '../../support/pdf-text';
import type { TestStore } from './fixtures';
import { addRefund, addSale, noOpn, noPrinter, tempStore } from './fixtures';

let t: TestStore;

beforeAll(() => {
  t = tempStore();
});
afterAll(() => {
  t.cleanup();
});

function seedDay(): void {
  // 27 Nov 2026 in Singapore: sales at 09:xx, 12:xx, 18:xx local, a failure, a refund and a void.
  const amounts = [1250, 4800, 990, 15000, 2300, 7700, 1200];
  const hours = [1, 1, 4, 4, 4, 10, 10]; // UTC → 09, 12, 18 local
  amounts.forEach((amount, i) => addSale(t.store, { amount, createdAt: `2026-11-27T0${hours[i]}:1${i}:00.000Z`.replace('T010', 'T10'), cashier: i % 2 ? 'Ji-woo' : 'Ann <b>' }));
  addSale(t.store, { amount: 500, createdAt: '2026-11-27T05:00:00.000Z', status: 'failed', failureCode: 'payment_rejected', fee: 15, feeVat: 1, net: 484 });
  const r = addSale(t.store, { amount: 3000, createdAt: '2026-11-27T06:00:00.000Z', status: 'partially_refunded', refunded: 1000 });
  addRefund(t.store, { saleId: r, amount: 1000, createdAt: '2026-11-27T07:00:00.000Z' });
  const v = addSale(t.store, { amount: 600, createdAt: '2026-11-27T06:30:00.000Z', status: 'voided', refunded: 600 });
  addRefund(t.store, { saleId: v, amount: 600, createdAt: '2026-11-27T06:31:00.000Z', voided: true });
}

describe('PDF of the day', () => {
  it('escapes every value in the HTML of the previous design (kept for the benchmark)', () => {
    const html = reportHtml({
      report: {
        day: '2026-11-27', timeZone: 'Asia/Singapore', from: '2026-11-26T16:00:00.000Z', to: '2026-11-27T16:00:00.000Z', currency: 'SGD', shopName: '<script>alert(1)</script>',
        terminalId: 't"1', generatedAt: 'now', byHour: [], byCashier: [{ cashier: '<img src=x onerror=1>', count: 1, amount: 1 }],
        totals: { successfulCount: 0, successfulAmount: 0, failedCount: 0, expiredCount: 0, cancelledCount: 0, refundCount: 0, refundAmount: 0, voidCount: 0, voidAmount: 0, gross: 0, fees: 0, feeVat: 0, net: 0 },
      },
      data: { sales: [], refunds: [] },
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('t&quot;1');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/); // self-contained: no external resource
  });

  it('the export draws the PDF without a printer; its text has shop, day, totals and the sales', async () => {
    seedDay();
    const svc = createReportService({
      store: t.store, opn: noOpn, printer: noPrinter, outputDir: path.join(t.dir, 'out'), now: () => new Date('2026-11-28T02:00:00Z'),
      settings: () => ({ shopName: 'Kimchi Corner 김치', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
    });
    const x = svc.x('2026-11-27');
    expect(x.totals).toMatchObject({ successfulCount: 9, gross: 36840, refundAmount: 1000, voidAmount: 600, netCollected: 35240 });
    const out = await svc.export('2026-11-27', 'pdf');
    expect(out.mimeType).toBe('application/pdf');
    const pdf = fs.readFileSync(out.location);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const needle of ['Kimchi Corner', 'term_1', '2026-11-27', 'X report', 'Asia/Singapore', '368.40', '352.40', '10.00', '6.00', 'Ji-woo', 'Ann <b>', 'Failed · KakaoPay rejected the', 'Part refunded', 'Voided', 'Done']) {
      expect(text).toContain(needle);
    }
    // Statuses and failures in words, never the raw codes.
    expect(text).not.toMatch(/partially_refunded|payment_rejected|succeeded/);
    expect(text).toMatch(/Successful sales \(gross\)\s+9\s+368\.40/);
    expect(text).toMatch(/Failed\s+1/);
    if (process.env.REPORTS_KEEP_PDF) fs.copyFileSync(out.location, process.env.REPORTS_KEEP_PDF);

    // Once closed, the same drawing prints the Z number and the stored figures.
    const z = svc.z('2026-11-27');
    const closed = await pdfText(fs.readFileSync((await svc.export('2026-11-27', 'pdf')).location));
    expect(closed).toContain(`Z report #${z.number}`);
    expect(closed).toMatch(/Net collected \(gross − refunds − voids\)\s+352\.40/);
  });
});

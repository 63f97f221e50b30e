// A till's sales (POS link) in what the manager and the customer read: the X report's per-till lines
// (screen, PDF), the line-per-sale CSV's till and reference columns, and the printed receipt's till,
// reference and cart. Real receipt store (all migrations) in a temp dir.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentText, saleReceipt } from '../../../electron/receipts/document';
import { reportHtml } from '../../../electron/reports/pdf/template';
import { dayReportPdf } from '../../../electron/reports/pdf/day-pdf';
import { pdfText } from '../../support/pdf-text';
import type { ReportService } from '../../../electron/reports/service';
import { createReportService } from '../../../electron/reports/service';
import type { SaleOrigin } from '../../../shared';
import type { TestStore } from './fixtures';
import { addSale, noOpn, noPrinter, tempStore } from './fixtures';

const till = (tillName: string, referenceId: string, extra: Partial<SaleOrigin> = {}): SaleOrigin => ({
  source: 'pos', tillId: `key_${tillName.replace(/\W/g, '')}`, tillName, referenceId, note: null, lineItems: [], ...extra,
});

let t: TestStore;
let svc: ReportService;
const DAY = '2026-11-27';

beforeEach(() => {
  t = tempStore();
  svc = createReportService({
    store: t.store, opn: noOpn, printer: noPrinter, outputDir: `${t.dir}/out`, now: () => new Date('2026-11-30T00:00:00Z'),
    settings: () => ({ shopName: 'Kimchi Corner', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
  });
  addSale(t.store, { amount: 1250, createdAt: '2026-11-27T02:00:00.000Z', origin: till('Till 1', 'A-1042') });
  addSale(t.store, { amount: 800, createdAt: '2026-11-27T03:00:00.000Z', origin: till('Till 1', 'A-1043') });
  addSale(t.store, { amount: 3000, createdAt: '2026-11-27T04:00:00.000Z', origin: till('=Bar <till>', 'B-7') });
  addSale(t.store, { amount: 990, createdAt: '2026-11-27T05:00:00.000Z', cashier: 'Ann' });
  addSale(t.store, { amount: 500, createdAt: '2026-11-27T06:00:00.000Z', status: 'cancelled', origin: till('Till 1', 'A-1044') });
});
afterEach(() => t.cleanup());

describe('a till\'s sales in reports, exports and receipts', () => {
  it('the X report counts paid sales per till (a cancelled one and a typed one are not a till\'s)', () => {
    expect(svc.x(DAY).byTill).toEqual([
      { till: '=Bar <till>', count: 1, amount: 3000 },
      { till: 'Till 1', count: 2, amount: 2050 },
    ]);
  });

  it('a day without a till sale has no per-till part', () => {
    expect(svc.x('2026-11-26')).not.toHaveProperty('byTill');
  });

  it('the line-per-sale CSV names the till and its reference, formula-safe', async () => {
    const out = await svc.export(DAY, 'csv-sales');
    const rows = parse<Record<string, string>>(fs.readFileSync(out.location), { bom: true, columns: true, skip_empty_lines: true });
    expect(rows.map((r) => [r.amount, r.till, r.till_ref, r.cashier])).toEqual([
      ['12.50', 'Till 1', 'A-1042', ''],
      ['8.00', 'Till 1', 'A-1043', ''],
      ['30.00', "'=Bar <till>", 'B-7', ''],
      ['9.90', '', '', 'Ann'],
      ['5.00', 'Till 1', 'A-1044', ''],
    ]);
  });

  it('the PDF lists the tills and each till sale\'s till and reference; so does its HTML (escaped)', async () => {
    const input = { report: svc.x(DAY), data: t.store.days.day('2026-11-26T16:00:00.000Z', '2026-11-27T16:00:00.000Z') };
    const text = await pdfText(await dayReportPdf(input));
    expect(text).toContain('By till');
    expect(text).toContain('Till 1 · A-1042');
    const html = reportHtml(input);
    expect(html).toContain('<h2>By till</h2>');
    expect(html).toContain('<td>Till 1</td><td class="n">2</td>');
    expect(html).toContain('Till 1 · A-1042');
    expect(html).toContain('=Bar &lt;till&gt; · B-7');
    expect(html).not.toContain('<till>');
  });

  it('the customer\'s receipt prints the till, its reference, the cart and the note', () => {
    const id = addSale(t.store, {
      amount: 1250, createdAt: '2026-11-27T07:00:00.000Z',
      origin: till('Till 1', 'A-1050', { note: 'Table 4\nno ice', lineItems: [{ name: 'Kimchi fried rice', quantity: 2, unitAmount: 450 }, { name: 'Iced tea', quantity: 1, unitAmount: 350 }] }),
    });
    const receipt = { sale: t.store.sales.require(id), refunds: [], shopName: 'Kimchi Corner' };
    const text = documentText(saleReceipt(receipt, { name: 'Kimchi Corner', address: '', taxId: '', country: 'SG', timeZone: 'Asia/Singapore', language: 'en' }));
    expect(text).toContain('2 × Kimchi fried rice: SGD 9.00');
    expect(text).toContain('1 × Iced tea: SGD 3.50');
    expect(text).toContain('Table 4 · no ice');
    expect(text).toContain('Till / POS: Till 1');
    expect(text).toContain('Till ref. / POS 참조: A-1050');
    // A typed sale's receipt has none of it.
    const typed = t.store.sales.list({ query: 'Ann' })[0];
    const plain = documentText(saleReceipt({ sale: typed ?? receipt.sale, refunds: [], shopName: 'x' }, { name: 'x', address: '', taxId: '', country: 'SG', timeZone: 'Asia/Singapore', language: 'en' }));
    expect(plain).not.toContain('Till');
  });
});

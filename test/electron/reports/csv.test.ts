import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { neutralise } from '../../../electron/reports/csv/csv';
import { SALES_COLUMNS, SUMMARY_COLUMNS } from '../../../electron/reports/csv/day-csv';
import type { ReportService } from '../../../electron/reports/service';
import { createReportService } from '../../../electron/reports/service';
import type { TestStore } from './fixtures';
import { addRefund, addSale, noOpn, noPrinter, tempStore } from './fixtures';

let t: TestStore;
let svc: ReportService;
const shopName = '=HYPERLINK("http://evil.example","Kimchi, Corner")';

beforeEach(() => {
  t = tempStore();
  svc = createReportService({
    store: t.store, opn: noOpn, printer: noPrinter, outputDir: `${t.dir}/out`, now: () => new Date('2026-11-30T00:00:00Z'),
    settings: () => ({ shopName, terminalId: 'term_1', timeZone: 'Asia/Bangkok', dayStartMinutes: 0, currency: 'THB' }),
  });
});
afterEach(() => t.cleanup());

function readCsv(file: string): { raw: Buffer; rows: Record<string, string>[] } {
  const raw = fs.readFileSync(file);
  return { raw, rows: parse(raw, { bom: true, columns: true, skip_empty_lines: true }) };
}

describe('CSV exports', () => {
  it('line-per-sale: UTF-8 with BOM, parsed back equals the source rows; refunds on their own day', async () => {
    const a = addSale(t.store, { amount: 123456, currency: 'THB', createdAt: '2026-11-26T17:00:00.000Z', cashier: 'สมชาย 김', fee: 3580, feeVat: 251 });
    const b = addSale(t.store, { amount: 2000, currency: 'THB', createdAt: '2026-11-27T09:30:05.123Z', status: 'failed', chargeId: 'chrg_test_x1', failureCode: 'insufficient_fund' });
    const c = addSale(t.store, { amount: 50000, currency: 'THB', createdAt: '2026-11-27T16:59:59.999Z', status: 'partially_refunded', refunded: 1050, cashier: '@admin' });
    addRefund(t.store, { saleId: c, amount: 1050, createdAt: '2026-11-27T16:59:59.999Z', currency: 'THB' });
    addSale(t.store, { amount: 9999, currency: 'THB', createdAt: '2026-11-27T17:00:00.000Z' }); // next day

    const out = await svc.export('2026-11-27', 'csv-sales');
    expect(out.fileName).toBe('term_1_2026-11-27_sales.csv');
    expect(out.mimeType).toBe('text/csv');
    const { raw, rows } = readCsv(out.location);
    expect(out.bytes).toBe(raw.length);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('\r\n');
    expect(Object.keys(rows[0] ?? {})).toEqual(SALES_COLUMNS.map((col) => col.key));

    // The source rows, straight from the database, as the CSV should carry them.
    const sales = t.store.days.sales('2026-11-26T17:00:00.000Z', '2026-11-27T17:00:00.000Z');
    expect(sales.map((s) => s.id)).toEqual([a, b, c]);
    const money = (n: unknown): string => (n === null ? '' : (Number(n) / 100).toFixed(2));
    const expected = sales.map((s) => ({
      kind: 'sale', sale_id: s.id, charge_id: s.charge_id ?? '', refund_id: '', status: s.status, amount: money(s.amount), currency: 'THB',
      fee: money(s.fee), fee_vat: money(s.fee_vat), net: money(s.net), refunded: money(s.refunded_amount),
      failure_code: s.failure_code ?? '', utc_time: s.created_at,
      cashier: s.cashier === '@admin' ? "'@admin" : (s.cashier ?? ''),
    }));
    expect(rows.slice(0, 3)).toMatchObject(expected);
    expect(rows[0]).toMatchObject({ local_time: '2026-11-27 00:00:00', amount: '1234.56', fee: '35.80', fee_vat: '2.51', net: '1196.25', cashier: 'สมชาย 김' });
    expect(rows[2]?.local_time).toBe('2026-11-27 23:59:59');
    const refunds = t.store.days.day('2026-11-26T17:00:00.000Z', '2026-11-27T17:00:00.000Z').refunds;
    expect(rows[3]).toMatchObject({ kind: 'refund', sale_id: c, refund_id: refunds[0]?.id, amount: '', refunded: '10.50', status: 'succeeded' });
    expect(rows).toHaveLength(4);
  });

  it('summary: one row with the totals, text cells neutralised, a negative net stays a plain number', async () => {
    const s = addSale(t.store, { amount: 10000, currency: 'THB', createdAt: '2026-11-26T05:00:00.000Z', status: 'refunded', refunded: 250 });
    addRefund(t.store, { saleId: s, amount: 250, currency: 'THB', createdAt: '2026-11-27T05:00:00.000Z' });
    const out = await svc.export('2026-11-27', 'csv-summary');
    const { rows } = readCsv(out.location);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {})).toEqual(SUMMARY_COLUMNS.map((col) => col.key));
    expect(rows[0]).toMatchObject({
      business_date: '2026-11-27', time_zone: 'Asia/Bangkok', day_start: '00:00', currency: 'THB', successful_count: '0', gross: '0.00',
      refund_count: '1', refunds: '2.50', net_collected: '-2.50', net_settlement: '-2.50', z_number: '',
      shop: `'${shopName}`, // formula neutralised, commas and quotes intact
    });
  });

  it('fee and net only on paid sales: a cancelled or failed sale that carries a fee from Opn shows none, and the fee column sums to the totals', async () => {
    addSale(t.store, { amount: 123456, currency: 'THB', createdAt: '2026-11-27T03:00:00.000Z', status: 'cancelled', fee: 3580, feeVat: 251, net: 119625 });
    addSale(t.store, { amount: 2000, currency: 'THB', createdAt: '2026-11-27T04:00:00.000Z', status: 'failed', failureCode: 'insufficient_fund', fee: 58, feeVat: 4, net: 1938 });
    addSale(t.store, { amount: 12900, currency: 'THB', createdAt: '2026-11-27T05:00:00.000Z', fee: 373, feeVat: 26 });
    const { rows } = readCsv((await svc.export('2026-11-27', 'csv-sales')).location);
    expect(rows.map((r) => [r.status, r.fee, r.fee_vat, r.net])).toEqual([
      ['cancelled', '', '', ''],
      ['failed', '', '', ''],
      ['successful', '3.73', '0.26', '125.01'],
    ]);
    const feeSum = rows.reduce((sum, r) => sum + Math.round(Number(r.fee || '0') * 100), 0);
    expect(feeSum).toBe(svc.x('2026-11-27').totals.fees);
  });

  it('neutralises = + - @ TAB CR at the start of any text cell, not plain numbers', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3+cmd|"/C calc"!A0', '@SUM(1)', '\t=1', '\r=1', '-', '-1e5', '+5']) {
      expect(neutralise(bad)).toBe(`'${bad}`);
    }
    for (const good of ['-2.50', '-12', '0.00', '12.34', 'Kimchi', 'a=b', '', "'quoted"]) expect(neutralise(good)).toBe(good);
  });
});

describe('query plans', () => {
  it('the day queries are range scans on the created_at indexes, not table scans', () => {
    const plans = t.store.days.queryPlans('2026-11-26T17:00:00.000Z', '2026-11-27T17:00:00.000Z');
    expect(plans.sales).toMatch(/SEARCH sales USING INDEX sales_created_at \(created_at>\? AND created_at<\?\)/);
    expect(plans.refunds).toMatch(/SEARCH refunds USING INDEX refunds_created_at \(created_at>\? AND created_at<\?\)/);
    expect(plans.sales).not.toMatch(/SCAN sales/);
  });
});

// The store day report against the sandbox over HTTP with the payment core's Opn client: three
// terminals of the store and another store (which must not appear), charges the day before and after
// (which must not count), a void and a refund, paged through five charges at a time. Every figure is
// checked against a sum the test computes from the sandbox's own charges.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpnClient } from '../../../../electron/core/opn/index';
import { createOpnClient } from '../../../../electron/core/opn/index';
import { CHROMIUM_ARGS, createChromiumPrinter } from '../../../../electron/reports/pdf/chromium-printer';
import { storeDayReport, storeReportCsv, storeReportHtml, storeReportPdf } from '../../../../electron/reports/store/index';
import type { OpnCharge } from '../../../../shared';
import type { DayTotals } from '../../../../shared';
import type { StoreDayReport, StoreReportProgress } from '../../../../shared';
import type { Sandbox } from '../../../../sandbox/index';
import { startSandbox } from '../../../../sandbox/index';
import { CHROMIUM_PATH, needsChromium } from '../../../support/programs';
import { docScreenshotsDir } from '../../../support/doc-shots';

let sb: Sandbox;
let opn: OpnClient;
let n = 0;

const DAY = '2026-11-27';
const FROM = Date.parse('2026-11-26T16:00:00Z'); // 27 Nov 00:00 in Singapore
const TO = Date.parse('2026-11-27T16:00:00Z');

async function charge(amount: number, terminal: string, store = 'store_1'): Promise<OpnCharge> {
  n++;
  const c = await opn.createCharge({
    amount, currency: 'SGD', returnUri: 'https://shop.example/return', platformType: 'WEB', capture: true,
    metadata: { terminal_id: terminal, store_id: store, sale_id: `sale_store_${n}` }, idempotencyKey: `idem-store-${n}`,
  });
  await sb.clock.advance(60_000);
  return c;
}

beforeAll(async () => {
  // 26 Nov, 23:50 in Singapore: one charge on the day before.
  sb = await startSandbox({ country: 'SG', quiet: true, startTime: new Date('2026-11-26T15:50:00Z') });
  opn = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0 });
  await sb.completeCharge((await charge(9_900, 'term_a')).id, 'successful');
  await sb.clock.advance(10 * 3_600_000); // 27 Nov, about 10:00

  const terminals = ['term_a', 'term_b', 'term_c'];
  const voidLater: string[] = [];
  const refundLater: string[] = [];
  for (let i = 0; i < 21; i++) {
    const t = terminals[i % 3] ?? 'term_a';
    const c = await charge(1_000 + i * 137, t);
    if (i % 7 === 3) await sb.completeCharge(c.id, { failureCode: 'payment_rejected' });
    else if (i % 7 === 5) continue; // left pending
    else {
      await sb.completeCharge(c.id, 'successful');
      if (i === 4) voidLater.push(c.id);
      if (i === 7 || i === 8) refundLater.push(c.id);
    }
    // Another store on the same Opn account, interleaved.
    if (i % 5 === 0) await sb.completeCharge((await charge(5_000 + i, 'term_x', 'store_2')).id, 'successful');
  }
  // A charge without a terminal id, of this store.
  n++;
  const anon = await opn.createCharge({ amount: 2_500, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { store_id: 'store_1' }, idempotencyKey: `idem-store-${n}` });
  await sb.completeCharge(anon.id, 'successful');
  // A void the same day (inside the void window)...
  for (const id of voidLater) await opn.createRefund(id, { amount: 1_000 + 4 * 137, void: true });
  // ...then past midnight and the void cut-off: refunds, and a charge of the 28th (not counted).
  await sb.clock.advance(TO + 20 * 60_000 - sb.clock.now().getTime());
  for (const id of refundLater) await opn.createRefund(id, { amount: 500 });
  await sb.completeCharge((await charge(7_700, 'term_b')).id, 'successful');
}, 60_000);

afterAll(async () => {
  await sb?.stop();
});

/** What the report must say, summed here from the sandbox's own records. */
function expected(terminal: string | null) {
  const mine = sb.charges().filter((c) => {
    const t = Date.parse(c.created_at);
    return t >= FROM && t < TO && c.metadata.store_id === 'store_1' && (terminal === null || (c.metadata.terminal_id ?? '(no terminal id)') === terminal);
  });
  const ok = mine.filter((c) => c.status === 'successful');
  const refunds = mine.flatMap((c) => c.refunds?.data ?? []);
  const gross = ok.reduce((s, c) => s + c.amount, 0);
  const fees = ok.reduce((s, c) => s + (c.fee ?? 0), 0);
  const feeVat = ok.reduce((s, c) => s + (c.fee_vat ?? 0), 0);
  const refundAmount = refunds.filter((r) => !r.voided).reduce((s, r) => s + r.amount, 0);
  const voidAmount = refunds.filter((r) => r.voided).reduce((s, r) => s + r.amount, 0);
  return {
    chargeCount: mine.length,
    successfulCount: ok.length,
    failedCount: mine.filter((c) => c.status === 'failed').length,
    pendingCount: mine.filter((c) => c.status === 'pending').length,
    gross, fees, feeVat, refundAmount, voidAmount,
    refundCount: refunds.filter((r) => !r.voided).length,
    voidCount: refunds.filter((r) => r.voided).length,
    net: gross - fees - feeVat - refundAmount - voidAmount,
  };
}

const ownTotals: DayTotals = {
  successfulCount: 5, successfulAmount: 9_000, failedCount: 1, expiredCount: 0, cancelledCount: 0, refundCount: 0, refundAmount: 0,
  voidCount: 1, voidAmount: 1_548, gross: 9_000, fees: 261, feeVat: 0, net: 8_739, netSettlement: 7_191,
};

describe('store day report from Opn', () => {
  let report: StoreDayReport;
  const progress: StoreReportProgress[] = [];

  beforeAll(async () => {
    report = await storeDayReport({
      opn, day: DAY, timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'Kopi Corner', currency: 'SGD', terminalId: 'term_a',
      ownTotals: (range) => (range.day === DAY && range.from === new Date(FROM).toISOString() ? ownTotals : null),
      pageSize: 5, onProgress: (p) => progress.push(p), now: () => new Date('2026-11-28T01:00:00Z'),
    });
  });

  it('groups the store’s charges of the day by terminal, leaving out the other store and other days', () => {
    expect(report.terminals.map((t) => t.terminalId)).toEqual(['(no terminal id)', 'term_a', 'term_b', 'term_c']);
    expect(JSON.stringify(report)).not.toContain('term_x');
    expect(report.otherStoreCount).toBe(4);
    for (const t of report.terminals) {
      const { own: _own, terminalId, ...figures } = t;
      expect(figures).toMatchObject(expected(terminalId));
    }
    expect(report.totals).toMatchObject(expected(null));
    // The checks above mean something: there are voids, refunds, failures and pending charges.
    expect(report.totals.voidCount).toBe(1);
    expect(report.totals.refundCount).toBe(2);
    expect(report.totals.failedCount).toBe(3);
    expect(report.totals.pendingCount).toBe(3);
    expect(report.totals.chargeCount).toBe(22);
  });

  it('pages through Opn’s list of the day with a progress report per page', () => {
    // 26 charges in the day (22 of store_1, 4 of store_2); the day before's 23:50 charge is not asked
    // for (the window is the day, one second wider at the start). Pages of 5: 6 requests.
    expect(report.opnRequests).toBe(6);
    expect(report.cachedCharges).toBe(0);
    expect(progress.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6, 6]);
    expect(progress.at(-1)).toEqual({ page: 6, fetched: 26, total: 26 });
  });

  it('puts this terminal’s own figures beside its row only', () => {
    expect(report.terminals.find((t) => t.terminalId === 'term_a')?.own).toMatchObject({ successfulCount: 5, gross: 9_000, voidAmount: 1_548, net: 7_191 });
    expect(report.terminals.filter((t) => t.own !== null)).toHaveLength(1);
  });

  it.skipIf(needsChromium.missing)(needsChromium.title('exports CSV and PDF'), async () => {
    const rows: Record<string, string>[] = parse(storeReportCsv(report), { columns: true, bom: true });
    expect(rows.map((r) => r.terminal_id)).toEqual(['(no terminal id)', 'term_a', 'term_b', 'term_c', 'TOTAL']);
    const total = rows.at(-1);
    expect(total?.gross).toBe((expected(null).gross / 100).toFixed(2));
    expect(total?.net).toBe((expected(null).net / 100).toFixed(2));
    expect(rows[1]?.own_gross).toBe('90.00');
    const html = storeReportHtml(report);
    expect(html).toContain('Store day report');
    expect(html).not.toContain('term_x');
    const printer = createChromiumPrinter();
    try {
      const pdf = await storeReportPdf(report, printer);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5_000);
    } finally {
      await printer.close();
    }
  });

  it.skipIf(needsChromium.missing)(needsChromium.title('renders for the docs (screenshot of the HTML the PDF is printed from)'), async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH ?? 'chromium', headless: true, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 600 }, javaScriptEnabled: false });
      await page.setContent(storeReportHtml(report), { waitUntil: 'load' });
      const rows = await page.locator('table.grid tbody tr').count();
      expect(rows).toBe(report.terminals.length + 2); // + "recorded here" under this terminal, + the total
      const out = docScreenshotsDir('receipts');
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'store-report.png'), await page.screenshot({ fullPage: true }));
    } finally {
      await browser.close();
    }
  });

  it('says so when Opn cannot be reached', async () => {
    const dead = createOpnClient({ baseUrl: 'http://127.0.0.1:9', secretKey: sb.secretKey, retries: 0, timeoutMs: 2_000 });
    await expect(storeDayReport({ opn: dead, day: DAY, timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'x', currency: 'SGD', terminalId: 'term_a' })).rejects.toMatchObject({ code: 'opn_unavailable' });
  });

  it('is the same with one page at a time and with Opn’s largest page', async () => {
    const one = await storeDayReport({ opn, day: DAY, timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'x', currency: 'SGD', terminalId: 'term_a', pageSize: 4, concurrency: 1 });
    const big = await storeDayReport({ opn, day: DAY, timeZone: 'Asia/Singapore', storeId: 'store_1', shopName: 'x', currency: 'SGD', terminalId: 'term_a' });
    expect(one.totals).toEqual(report.totals);
    expect(big.totals).toEqual(report.totals);
    // Pages of 4: 7 requests. Pages of 100: one request answers the whole day.
    expect(one.opnRequests).toBe(7);
    expect(big.opnRequests).toBe(1);
  });
});

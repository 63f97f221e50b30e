import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportService } from '../../../electron/reports/service';
import { createReportService } from '../../../electron/reports/service';
import type { TestStore } from './fixtures';
import { addRefund, addSale, noOpn, noPrinter, tempStore, setSale } from './fixtures';

// Shop in Singapore; "now" is controllable and starts on 28 Nov 10:00 local (02:00Z).
let t: TestStore;
let now: Date;
let relayBacklog: number | null;
let svc: ReportService;

beforeEach(() => {
  t = tempStore();
  now = new Date('2026-11-28T02:00:00.000Z');
  relayBacklog = 0;
  svc = createReportService({
    store: t.store, opn: noOpn, printer: noPrinter, outputDir: t.dir, now: () => now,
    settings: () => ({ shopName: 'Kimchi Corner', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
    pendingRelayEvents: () => relayBacklog,
  });
});
afterEach(() => t.cleanup());

describe('X report', () => {
  it('counts the day by created_at in the shop zone, hours local, cashiers named, and changes nothing', () => {
    addSale(t.store, { amount: 1000, createdAt: '2026-11-26T15:59:59.999Z', cashier: 'Ann' }); // 26th 23:59:59 local
    addSale(t.store, { amount: 2500, createdAt: '2026-11-26T16:00:00.000Z', cashier: 'Ann', fee: 73, feeVat: 5 }); // 27th 00:00
    addSale(t.store, { amount: 4000, createdAt: '2026-11-27T01:15:00.000Z', cashier: 'Bo' }); // 09:15
    addSale(t.store, { amount: 700, createdAt: '2026-11-27T01:20:00.000Z' }); // 09:20, unnamed
    addSale(t.store, { amount: 900, createdAt: '2026-11-27T02:00:00.000Z', status: 'failed', failureCode: 'payment_rejected' });
    addSale(t.store, { amount: 900, createdAt: '2026-11-27T03:00:00.000Z', status: 'expired' });
    addSale(t.store, { amount: 900, createdAt: '2026-11-27T04:00:00.000Z', status: 'cancelled', chargeId: null });
    addSale(t.store, { amount: 3000, createdAt: '2026-11-27T15:59:59.000Z', status: 'refunded', refunded: 3000 }); // 23:59:59
    addSale(t.store, { amount: 5000, createdAt: '2026-11-27T16:00:00.000Z' }); // 28th 00:00:00

    const before = t.store.zReports.list().length;
    const r = svc.x('2026-11-27');
    expect(t.store.zReports.list()).toHaveLength(before);
    expect(r.from).toBe('2026-11-26T16:00:00.000Z');
    expect(r.to).toBe('2026-11-27T16:00:00.000Z');
    expect(r.totals).toMatchObject({
      successfulCount: 4, successfulAmount: 10200, gross: 10200, failedCount: 1, expiredCount: 1, cancelledCount: 1,
      refundCount: 0, voidCount: 0,
    });
    const fees = 73 + Math.round(4000 * 0.029) + Math.round(700 * 0.029) + Math.round(3000 * 0.029);
    expect(r.totals.fees).toBe(fees);
    expect(r.totals.feeVat).toBe(5);
    expect(r.totals.net).toBe(10200 - fees - 5);
    expect(r.byHour.find((h) => h.hour === 0)).toEqual({ hour: 0, count: 1, amount: 2500 });
    expect(r.byHour.find((h) => h.hour === 9)).toEqual({ hour: 9, count: 2, amount: 4700 });
    expect(r.byHour.find((h) => h.hour === 23)).toEqual({ hour: 23, count: 1, amount: 3000 });
    expect(r.byCashier).toEqual([{ cashier: 'Ann', count: 1, amount: 2500 }, { cashier: 'Bo', count: 1, amount: 4000 }]);
    expect(r.blockers).toEqual([]);
  });

  it('a refund made the next day counts on its own day; a void separately; the sale stays on its day', () => {
    const a = addSale(t.store, { amount: 5000, createdAt: '2026-11-27T05:00:00.000Z', status: 'partially_refunded', refunded: 2000 });
    const b = addSale(t.store, { amount: 1500, createdAt: '2026-11-27T06:00:00.000Z', status: 'voided', refunded: 1500 });
    addRefund(t.store, { saleId: b, amount: 1500, createdAt: '2026-11-27T06:05:00.000Z', voided: true });
    addRefund(t.store, { saleId: a, amount: 2000, createdAt: '2026-11-28T01:00:00.000Z' }); // 28th 09:00 local
    addRefund(t.store, { saleId: a, amount: 100, createdAt: '2026-11-28T01:10:00.000Z', status: 'failed' });

    const d27 = svc.x('2026-11-27').totals;
    expect(d27).toMatchObject({ successfulCount: 2, gross: 6500, refundCount: 0, refundAmount: 0, voidCount: 1, voidAmount: 1500, netCollected: 5000 });
    const d28 = svc.x('2026-11-28').totals;
    expect(d28).toMatchObject({ successfulCount: 0, gross: 0, refundCount: 1, refundAmount: 2000, voidCount: 0, netCollected: -2000 });
  });
});

describe('Z report', () => {
  it("a refund of a sale's stray second charge is not a refund of the sale", () => {
    const id = addSale(t.store, { amount: 5000, createdAt: '2026-11-27T02:00:00.000Z' });
    setSale(t.store, id, { secondChargeId: 'chrg_test_second0000000000' });
    t.store.transaction(() => {
      t.store.refunds.insert({ id: 'rf_second_charge', saleId: id, chargeId: 'chrg_test_second0000000000', amount: 5000, currency: 'SGD', voided: false, createdAt: '2026-11-27T03:00:00.000Z' });
      t.store.refunds.settle('rf_second_charge', { status: 'succeeded', opnRefundId: 'rfnd_test_second' });
    });
    addRefund(t.store, { saleId: id, amount: 700, createdAt: '2026-11-27T04:00:00.000Z' });
    const totals = svc.x('2026-11-27').totals;
    expect(totals).toMatchObject({ successfulCount: 1, gross: 5000, refundCount: 1, refundAmount: 700 });
  });

  it('closes a finished day with a number, stores it, and the database refuses UPDATE and DELETE', () => {
    addSale(t.store, { amount: 1200, createdAt: '2026-11-27T03:00:00.000Z' });
    addSale(t.store, { amount: 800, createdAt: '2026-11-26T03:00:00.000Z' });
    const z1 = svc.z('2026-11-26');
    const z2 = svc.z('2026-11-27');
    expect(z2.number).toBe(z1.number + 1);
    expect(z2.report.totals.gross).toBe(1200);
    expect(z2.closedAt).toBe(now.toISOString());
    expect(svc.listZ().map((z) => [z.number, z.day])).toEqual([[z2.number, '2026-11-27'], [z1.number, '2026-11-26']]);
    expect(svc.x('2026-11-27').zNumber).toBe(z2.number);

    // Even a stray SQL console on the file cannot rewrite a closed day: the triggers are in the database.
    const db = new Database(t.store.path);
    expect(() => db.prepare('UPDATE z_reports SET report_json = ? WHERE number = ?').run('{}', z2.number)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM z_reports WHERE number = ?').run(z2.number)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM z_reports').run()).toThrow(/immutable/);
    db.close();
    expect(svc.listZ()[0]?.report.totals.gross).toBe(1200);
    // Cannot be redone.
    expect(() => svc.z('2026-11-27')).toThrow(expect.objectContaining({ code: 'z_refused', message: expect.stringContaining(`Z report #${z2.number}`) }));
  });

  it('refuses while sales of the day are open or need attention, or the relay is behind, and names them', async () => {
    const p = addSale(t.store, { amount: 1000, createdAt: '2026-11-27T03:00:00.000Z', status: 'pending' });
    const c = addSale(t.store, { amount: 1000, createdAt: '2026-11-27T04:00:00.000Z', status: 'creating', chargeId: null });
    const n = addSale(t.store, { amount: 1000, createdAt: '2026-11-27T05:00:00.000Z', status: 'needs_attention', attentionReason: 'paid after cancel' });
    addSale(t.store, { amount: 1000, createdAt: '2026-11-26T05:00:00.000Z', status: 'pending' }); // another day: irrelevant
    relayBacklog = 2;

    let error: unknown;
    try {
      svc.z('2026-11-27');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'z_refused' });
    const { message, blockers } = error as { message: string; blockers: { kind: string; saleId: string | null }[] };
    expect(blockers.map((b) => [b.kind, b.saleId])).toEqual([
      ['open_sale', p], ['open_sale', c], ['needs_attention', n], ['relay_unacked', null],
    ]);
    for (const id of [p, c, n]) expect(message).toContain(id);
    expect(message).toContain('paid after cancel');
    expect(message).toContain('2 unacknowledged events');
    expect(t.store.zReports.list()).toEqual([]);
    // The X report shows the same reasons before the manager tries.
    expect(svc.x('2026-11-27').blockers?.map((b) => b.kind)).toEqual(['open_sale', 'open_sale', 'needs_attention', 'relay_unacked']);

    // Resolved: the day closes.
    for (const id of [p, n]) setSale(t.store, id, { status: 'successful', paidAt: t.store.sales.require(id).createdAt, fee: 29, feeVat: 0, net: 971 });
    setSale(t.store, c, { status: 'failed' });
    relayBacklog = null; // link down: unknown backlog also refuses
    expect(() => svc.z('2026-11-27')).toThrow(/relay link is down/);
    relayBacklog = 0;
    const z = svc.z('2026-11-27');
    expect(z.report.totals).toMatchObject({ successfulCount: 2, failedCount: 1, gross: 2000 });
    // Exports of a closed day carry its Z number and the stored figures.
    const { rows } = { rows: fs.readFileSync((await svc.export('2026-11-27', 'csv-summary')).location, 'utf8') };
    expect(rows).toContain(`,${z.number},SGD,2,20.00,`);
  });

  it('refuses a day that is not over yet, and a refund still being made', () => {
    const s = addSale(t.store, { amount: 1000, createdAt: '2026-11-27T03:00:00.000Z' });
    addRefund(t.store, { saleId: s, amount: 500, createdAt: '2026-11-28T01:00:00.000Z', status: 'creating' });
    expect(() => svc.z('2026-11-28')).toThrow(/not over until 2026-11-29 00:00:00.*refund of sale/);
    now = new Date('2026-11-28T16:00:00.000Z'); // 29th 00:00 local
    expect(() => svc.z('2026-11-28')).toThrow(expect.objectContaining({ blockers: [expect.objectContaining({ kind: 'refund_in_flight', saleId: s })] }));
  });
});

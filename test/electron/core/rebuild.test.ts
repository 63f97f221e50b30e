// Back in business after damage: a log damaged on disk is set aside, the newest good backup restored and
// what came after it rebuilt from Opn; and a new PC's empty log rebuilt from Opn gives the same X report.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentCore } from '../../../electron/core/index';
import { createReportService } from '../../../electron/reports/service';
import type { Sale } from '../../../shared';
import { businessDayOf, businessDayRange } from '../../../shared';
import { noPrinter } from '../reports/fixtures';
import { tempDir } from '../../support/temp';
import type { Rig } from './harness';
import { startRig } from './harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

/** Everything the log says about its sales and refunds that Opn also knows. */
function snapshot(core: PaymentCore): unknown[] {
  const byId = (a: Sale, b: Sale) => a.id.localeCompare(b.id);
  return core.store.sales.list({ limit: 10_000 }).sort(byId).map((s: Sale) => {
    const r = core.getReceipt(s.id);
    return {
      id: s.id, status: s.status, amount: s.amount, chargeId: s.chargeId, refundedAmount: s.refundedAmount, fee: s.fee, net: s.net,
      refunds: r.refunds.map((f) => ({ id: f.id, opnRefundId: f.opnRefundId, amount: f.amount, voided: f.voided, status: f.status })),
    };
  });
}

async function paid(rig: Rig, amount: number): Promise<Sale> {
  const sale = await rig.core.startSale({ amount, currency: 'SGD' });
  await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
  await rig.core.tick();
  return rig.core.getReceipt(sale.id).sale;
}

describe('rebuild from Opn', () => {
  it('a log damaged on disk is set aside (kept), the newest backup restored, and every sale after it rebuilt from Opn', async () => {
    rig = await startRig();
    const a = await paid(rig, 1500);
    await paid(rig, 2000);
    const pendingAtBackup = await rig.core.startSale({ amount: 3000, currency: 'SGD' });
    expect(await rig.core.store.backupIfDue()).not.toBeNull();
    // After the backup: a paid sale later voided, a failed one, a refund of a sale the backup holds, and
    // the sale that was pending at the backup paid.
    const d = await paid(rig, 4000);
    const e = await rig.core.startSale({ amount: 5000, currency: 'SGD' });
    await rig.sandbox.completeCharge(e.chargeId ?? '', { failureCode: 'payment_rejected' });
    await rig.sandbox.completeCharge(pendingAtBackup.chargeId ?? '', 'successful');
    await rig.core.tick();
    await rig.core.refund({ saleId: a.id, amount: 500 });
    await rig.core.voidSale(d.id);
    const before = snapshot(rig.core);
    expect(before).toHaveLength(5);
    await rig.core.close();

    // Damage the file on disk: garbage over a page in the middle.
    const size = fs.statSync(rig.dbPath).size;
    const fd = fs.openSync(rig.dbPath, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.max(4096, Math.floor(size / 2 / 4096) * 4096));
    fs.closeSync(fd);
    const damagedBytes = fs.readFileSync(rig.dbPath);

    const core = rig.reopen();
    await core.recover();
    const report = core.restoreReport();
    expect(report?.backup).toMatch(/backups/);
    expect(fs.readFileSync(report?.damagedKeptAt ?? '')).toEqual(damagedBytes);
    expect(report?.rebuild).toMatchObject({ salesAdded: 2, refundsAdded: 2 });
    expect(snapshot(core)).toEqual(before);
    // Rebuilt rows are marked as such; the ones the backup held are not.
    expect(core.store.rebuilt.counts()).toEqual({ sales: 2, refunds: 2 });
    // Idempotent: running it again changes nothing.
    const again = await core.rebuild({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
    expect(again).toMatchObject({ salesAdded: 0, salesUpdated: 0, refundsAdded: 0 });
    expect(snapshot(core)).toEqual(before);
  });

  it('an empty log on a new PC rebuilds a day of 500 sales with the same X report, and a second run duplicates nothing', async () => {
    // 09:00 in Singapore, so 500 sales a minute apart stay inside the business day.
    rig = await startRig({ sandbox: { startTime: new Date('2026-11-27T01:00:00.000Z') } });
    const sales: Sale[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const started: Sale[] = [];
      for (let i = 0; i < 50; i++) {
        started.push(await rig.core.startSale({ amount: 1000 + 37 * (batch * 50 + i), currency: 'SGD' }));
        await rig.sandbox.clock.advance(60_000);
      }
      for (const [i, s] of started.entries()) await rig.sandbox.completeCharge(s.chargeId ?? '', i % 10 === 0 ? { failureCode: 'payment_rejected' } : 'successful');
      await rig.core.tick();
      for (const [i, s] of started.entries()) {
        if (i % 10 === 1) await rig.core.refund({ saleId: s.id, amount: 300 });
        if (i % 10 === 2) await rig.core.voidSale(s.id);
      }
      sales.push(...started);
    }
    const day = businessDayOf(rig.sandbox.clock.now().toISOString(), 'Asia/Singapore', 0);
    const settings = () => ({ shopName: 'Shop', terminalId: 'T1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' as const });
    const xOf = (core: PaymentCore) => createReportService({ store: core.store, opn: core.opn, printer: noPrinter, outputDir: tempDir('x').dir, settings }).x(day);
    const original = xOf(rig.core);
    expect(original.totals.successfulCount).toBe(450);
    // Refunds inside the void window are voids at Opn (partial ones too): 100 either way.
    expect(original.totals.refundCount + original.totals.voidCount).toBe(100);

    const fresh = rig.reopen({ dbPath: path.join(tempDir('new-pc').dir, 'receipts.db') });
    await fresh.recover();
    expect(fresh.store.sales.count()).toBe(0);
    const range = businessDayRange(day, 'Asia/Singapore', 0);
    const progress: number[] = [];
    const result = await fresh.rebuild(range, (p) => progress.push(p.fetched));
    expect(result).toMatchObject({ charges: 500, salesAdded: 500, refundsAdded: 100 });
    expect(progress.length).toBeGreaterThan(5);
    const rebuilt = xOf(fresh);
    expect(rebuilt.totals).toEqual(original.totals);
    expect(rebuilt.byHour).toEqual(original.byHour);

    const second = await fresh.rebuild(range);
    expect(second).toMatchObject({ charges: 500, salesAdded: 0, salesUpdated: 0, refundsAdded: 0 });
    expect(fresh.store.sales.count()).toBe(500);
    expect(xOf(fresh).totals).toEqual(original.totals);
  }, 180_000);
});

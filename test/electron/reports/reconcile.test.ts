// Reconciliation against the real Opn sandbox over HTTP (the payment core's Opn client) and a real
// SQLite receipt log. Each mismatch kind is produced on purpose and must be found, and only it.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpnClient } from '../../../electron/core/opn/index';
import { createOpnClient } from '../../../electron/core/opn/index';
import type { ReportProgress } from '../../../electron/reports/service';
import { createReportService } from '../../../electron/reports/service';
import type { Sandbox } from '../../../sandbox/index';
import { startSandbox } from '../../../sandbox/index';
import type { TestStore } from './fixtures';
import { addSale, noPrinter, saleId, tempStore } from './fixtures';

let sb: Sandbox;
let opn: OpnClient;
let t: TestStore;

beforeAll(async () => {
  // 27 Nov 2026, 10:00 in Singapore.
  sb = await startSandbox({ country: 'SG', quiet: true, startTime: new Date('2026-11-27T02:00:00.000Z') });
  opn = createOpnClient({ baseUrl: sb.baseUrl, secretKey: sb.secretKey, retries: 0 });
  t = tempStore();
});
afterAll(async () => {
  await sb.stop();
  t.cleanup();
});

let n = 0;
async function charge(amount: number, meta: { terminal?: string; sale: string }) {
  n++;
  const c = await opn.createCharge({
    amount, currency: 'SGD', returnUri: 'https://shop.example/return', platformType: 'WEB', capture: true,
    metadata: { terminal_id: meta.terminal ?? 'term_1', store_id: 'store_1', sale_id: meta.sale }, idempotencyKey: `idem-reconcile-${n}`,
  });
  await sb.clock.advance(1000);
  return c;
}

describe('reconciliation with Opn', () => {
  it('finds missing here, missing at Opn, status and amount differences, across pages', async () => {
    // 101 matching sales (two pages of 100), paid at Opn and recorded here.
    for (let i = 0; i < 101; i++) {
      const id = saleId();
      const c = await charge(2000 + i, { sale: id });
      const paid = await sb.completeCharge(c.id, 'successful');
      addSale(t.store, { id, amount: 2000 + i, createdAt: new Date(Date.parse(c.created_at) - 200).toISOString(), chargeId: c.id, fee: paid.fee, feeVat: paid.fee_vat, net: paid.net });
    }
    // 1. A charge at Opn that this terminal never recorded.
    const ghost = await charge(4200, { sale: 'sale_neverrecorded000000' });
    // 2. A sale here whose charge Opn does not have.
    const orphan = addSale(t.store, { amount: 1500, createdAt: '2026-11-27T05:00:00.000Z', chargeId: 'chrg_test_doesnotexist0001' });
    // 3. Status differs: successful here, still pending at Opn.
    const sId = saleId();
    const pendingAtOpn = await charge(3300, { sale: sId });
    addSale(t.store, { id: sId, amount: 3300, createdAt: pendingAtOpn.created_at, chargeId: pendingAtOpn.id });
    // 4. Amount differs: 10.00 here, 15.00 at Opn.
    const aId = saleId();
    const bigger = await charge(1500, { sale: aId });
    await sb.completeCharge(bigger.id, 'successful');
    addSale(t.store, { id: aId, amount: 1000, createdAt: bigger.created_at, chargeId: bigger.id });
    // 5. Failed at Opn, failed here: no difference.
    const fId = saleId();
    const failed = await charge(2500, { sale: fId });
    await sb.completeCharge(failed.id, { failureCode: 'payment_rejected' });
    addSale(t.store, { id: fId, amount: 2500, createdAt: failed.created_at, chargeId: failed.id, status: 'failed', failureCode: 'payment_rejected' });
    // 6. Another terminal on the same account: ignored.
    await charge(9900, { terminal: 'term_2', sale: 'sale_otherterminal0000000' });
    // 7. Next business day (28 Nov local): neither side counts for the 27th.
    await sb.clock.advance(24 * 3600_000);
    const tomorrow = await charge(7700, { sale: 'sale_tomorrow00000000000' });
    addSale(t.store, { amount: 1234, createdAt: tomorrow.created_at, chargeId: 'chrg_test_tomorrowlocal0001' });

    const progress: ReportProgress[] = [];
    const svc = createReportService({
      store: t.store, opn, printer: noPrinter, outputDir: `${t.dir}/out`, now: () => new Date('2026-11-29T00:00:00Z'),
      settings: () => ({ shopName: 'Kimchi', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
      onProgress: (p) => progress.push(p),
    });
    const r = await svc.reconcile('2026-11-27');
    const found = r.mismatches.map((m) => [m.kind, m.chargeId, m.saleId]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['missing_here', ghost.id, 'sale_neverrecorded000000'],
        ['missing_at_opn', 'chrg_test_doesnotexist0001', orphan],
        ['status_differs', pendingAtOpn.id, sId],
        ['amount_differs', bigger.id, aId],
      ]),
    );
    expect(r.mismatches).toHaveLength(4);
    expect(r.mismatches.find((m) => m.kind === 'status_differs')).toMatchObject({ here: 'successful', opn: 'pending' });
    expect(r.mismatches.find((m) => m.kind === 'amount_differs')).toMatchObject({ here: '10.00 SGD', opn: '15.00 SGD' });
    expect(r).toMatchObject({ day: '2026-11-27', checkedSales: 105, matched: 104, otherTerminalCharges: 1 });
    // Paging happened: progress reached all the day's listed charges.
    const listed = progress.filter((p) => p.task === 'reconcile' && p.total > 1);
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.at(-1)?.done).toBe(106);

    // Exported as CSV too.
    const out = await svc.export('2026-11-27', 'csv-reconciliation');
    const rows: Record<string, string>[] = parse(fs.readFileSync(out.location), { bom: true, columns: true });
    expect(rows.map((x) => [x.kind, x.charge_id, x.sale_id])).toEqual(r.mismatches.map((m) => [m.kind, m.chargeId ?? '', m.saleId ?? '']));
  });

  it('says Opn is unavailable (with a code) when the listing fails', async () => {
    sb.faults.inject({ method: 'GET', path: '/charges', status: 503, times: 5 });
    const svc = createReportService({
      store: t.store, opn, printer: noPrinter, outputDir: `${t.dir}/out`,
      settings: () => ({ shopName: 'Kimchi', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'SGD' }),
    });
    await expect(svc.reconcile('2026-11-27')).rejects.toMatchObject({ code: 'opn_unavailable' });
    sb.faults.clear();
  });
});

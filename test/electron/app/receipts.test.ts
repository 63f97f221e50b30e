// Receipts and the store report through the app's one gate, on a real terminal app (settings file,
// SQLite receipt log, print queue file) against the sandbox over HTTP, printing to the fake ESC/POS
// printer on loopback: auto-print after Paid, an unreachable printer (the sale stays paid, a notice
// goes out), reprint marked Copy, refund slips, the test page, and the store report behind the PIN
// with totals summed here from the sandbox's own charges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpnClient } from '../../../electron/core/opn/index';
import type { TerminalApp } from '../../../electron/app/terminal-app';
import type { Receipt, Sale } from '../../../shared';
import type { PrintNotice } from '../../../shared';
import type { StoreDayReport } from '../../../shared';
import { businessDayOf, businessDayRange } from '../../../shared';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { tempDir } from '../../support/temp';
import { NO_PDF, TEST_PIN, terminalApps, valueOf } from '../../support/terminal-app';
import { startFakePrinter, type FakePrinter } from '../receipts/fake-printer';

const PIN = TEST_PIN;
const SHOP = 'Kopi Corner';
let sandbox: Sandbox;
let printer: FakePrinter;
const apps = terminalApps('app-receipts');

beforeAll(async () => {
  sandbox = await startSandbox({ country: 'SG', quiet: true });
  printer = await startFakePrinter();
});
afterAll(async () => {
  await printer.stop();
  await sandbox.stop();
});

/** A live terminal on the sandbox, auto-printing to `port` (the fake printer unless told otherwise). */
async function terminal(port = printer.port, terminalId = 'counter-1'): Promise<{ app: TerminalApp; notices: PrintNotice[]; dataDir: string }> {
  const dataDir = tempDir('app-receipts').dir;
  const { app, notices } = await reopen(dataDir);
  const r = await app.invoke('settings:update', {
    managerPin: PIN, opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey, shopName: SHOP, terminalId,
    receipt: { printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: port, paperWidthMm: 80, autoPrint: true, address: '1 Tras Street' },
  });
  expect(r).toMatchObject({ ok: true, value: { receipt: { printerKind: 'escpos', printerPort: port, autoPrint: true } } });
  return { app, notices, dataDir };
}

/** The app on an existing data folder (a restart). */
async function reopen(dataDir: string): Promise<{ app: TerminalApp; notices: PrintNotice[] }> {
  const app = await apps.open({ dataDir, shell: 'electron', pollIntervalMs: 100, printBackoffMs: [60_000], pdfPrinter: NO_PDF });
  const notices: PrintNotice[] = [];
  app.events.on('print:notice', (n) => notices.push(n));
  return { app, notices };
}

const ok = valueOf;

function until<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = check();
      if (v) return resolve(v);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

/** A sale paid by the "customer" at the sandbox; the app learns it by polling. */
async function paidSale(app: TerminalApp, amount: number): Promise<Sale> {
  const sale = ok<Sale>(await app.invoke('sale:start', { amount, currency: 'SGD', cashier: 'Ann' }));
  await sandbox.completeCharge(sale.chargeId ?? '', 'successful');
  return until(() => {
    const r = app.runtime.core().getReceipt(sale.id).sale;
    return r.status === 'successful' ? r : null;
  }, 'the sale to be paid');
}

describe('receipts through the gate', () => {
  it('a paid sale prints by itself: the fake printer decodes shop, amount and charge id', async () => {
    const { app, notices } = await terminal();
    const before = printer.jobs.length;
    const sale = await paidSale(app, 4_250);
    const [, job] = [null, (await printer.waitForJobs(before + 1))[before]];
    const text = job?.lines.join('\n') ?? '';
    expect(text).toContain(SHOP);
    expect(text).toContain('SGD 42.50');
    expect(text).toContain(sale.chargeId ?? 'no charge id');
    expect(text).toContain(sale.id);
    expect(text).not.toContain('Copy');
    expect(job?.cut).toBe(true);
    await until(() => notices.find((n) => n.kind === 'printed' && n.saleId === sale.id), 'the printed notice');
    // One receipt per sale, however often the sale is re-announced.
    expect(app.runtime.printing().queue.jobsForSale(sale.id)).toHaveLength(1);
  });

  it('an unreachable printer leaves the sale paid, queues the receipt and tells the cashier once', async () => {
    const dead = await startFakePrinter();
    const port = dead.port;
    await dead.stop();
    const { app, notices } = await terminal(port);
    const sale = await paidSale(app, 1_990);
    const notice = await until(() => notices.find((n) => n.saleId === sale.id), 'a print notice');
    expect(notice).toMatchObject({ kind: 'print_failed', code: 'printer_unreachable', saleId: sale.id });
    expect(app.runtime.core().getReceipt(sale.id).sale.status).toBe('successful');
    const jobs = app.runtime.printing().queue.jobsForSale(sale.id);
    expect(jobs.map((j) => j.status)).toEqual(['queued']);
    // "Reprint" while the receipt still waits tries the queue again instead of queuing a second copy.
    expect(ok<{ jobId: string }>(await app.invoke('receipt:print', { saleId: sale.id }))).toEqual({ jobId: jobs[0]?.id, queued: true });
    await app.runtime.printing().queue.idle();
    expect(app.runtime.printing().queue.jobsForSale(sale.id).map((j) => j.status)).toEqual(['queued']);
    // The test page is printed directly, so Settings hears the typed printer error.
    const test = await app.invoke('receipt:testPage', { pin: PIN });
    expect(test).toMatchObject({ ok: false, error: { code: 'printer_unreachable' } });
    // Host and port only: no path, no stack.
    expect(test.ok ? '' : test.error.message).not.toMatch(/[/\\]|\n/);
    expect(notices.filter((n) => n.saleId === sale.id)).toHaveLength(1);
  });

  it('Reprint with no printer chosen says so and queues nothing', async () => {
    const { app, notices } = await terminal();
    ok(await app.invoke('settings:update', { pin: PIN, receipt: { printerKind: 'none' } }));
    const sale = await paidSale(app, 2_480);
    const r = await app.invoke('receipt:print', { saleId: sale.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'printer_not_configured' } });
    expect(app.runtime.printing().queue.jobsForSale(sale.id)).toEqual([]);
    expect(notices.filter((n) => n.saleId === sale.id)).toEqual([]);
  });

  it('the queued receipt survives a restart and prints once the printer is there', async () => {
    const dead = await startFakePrinter();
    const port = dead.port;
    await dead.stop();
    const first = await terminal(port);
    const sale = await paidSale(first.app, 5_675);
    await until(() => first.notices.find((n) => n.kind === 'print_failed' && n.saleId === sale.id), 'the failure notice');
    await apps.closeAll();

    const before = printer.jobs.length;
    const again = await reopen(first.dataDir);
    // The printer is found again (here: its new address): waiting jobs are tried at once.
    ok(await again.app.invoke('settings:update', { pin: PIN, receipt: { printerPort: printer.port } }));
    const [job] = (await printer.waitForJobs(before + 1)).slice(before);
    const text = job?.lines.join('\n') ?? '';
    expect(text).toContain('SGD 56.75');
    expect(text).toContain(sale.chargeId ?? 'x');
    await until(() => again.notices.find((n) => n.kind === 'printed' && n.saleId === sale.id), 'the printed notice');
    expect(again.app.runtime.printing().queue.jobsForSale(sale.id).map((j) => j.status)).toEqual(['printed']);
  });

  it('reprint from the detail is marked Copy; a refund prints its slip; the preview is the same document', async () => {
    const { app } = await terminal();
    const sale = await paidSale(app, 3_000);
    await printer.waitForJobs(printer.jobs.length);
    const n = printer.jobs.length;
    await until(() => app.runtime.printing().queue.jobsForSale(sale.id).every((j) => j.status === 'printed') && app.runtime.printing().queue.jobsForSale(sale.id).length === 1, 'the first receipt');
    const start = printer.jobs.length;
    expect(start).toBeGreaterThanOrEqual(n);
    const original = printer.jobs[start - 1];
    const reprint = ok<{ jobId: string }>(await app.invoke('receipt:print', { saleId: sale.id }));
    const copy = (await printer.waitForJobs(start + 1))[start];
    // "Copy / 사본" carries Hangul, so it prints as an image: one raster more than the original.
    const doc = app.runtime.printing().queue.job(reprint.jobId)?.document;
    expect(JSON.stringify(doc?.lines)).toContain('*** Copy / 사본 ***');
    expect(copy?.rasters.length).toBe((original?.rasters.length ?? 0) + 1);
    expect(copy?.lines.join('\n')).toContain(sale.chargeId ?? 'x');

    // Refund with the PIN: the slip of that refund prints (auto-print is on).
    const refunded = ok<Receipt>(await app.invoke('sale:refund', { saleId: sale.id, amount: 1_000, pin: PIN }));
    const slip = (await printer.waitForJobs(start + 2))[start + 1];
    const slipText = slip?.lines.join('\n') ?? '';
    expect(slipText).toContain('SGD 10.00');
    expect(slipText).toContain(sale.chargeId ?? 'x');
    // And again on request, from the sale's detail.
    const refund = refunded.refunds[0];
    ok(await app.invoke('receipt:printRefund', { saleId: sale.id, refundId: refund?.id ?? '' }));
    await printer.waitForJobs(start + 3);
    expect(await app.invoke('receipt:printRefund', { saleId: sale.id, refundId: 'rf_nothere' })).toMatchObject({ ok: false, error: { code: 'refund_not_found' } });

    const preview = ok<{ html: string; document: { saleId: string; lines: unknown[] } }>(await app.invoke('receipt:preview', { saleId: sale.id, paperWidthMm: 58 }));
    expect(preview.document.saleId).toBe(sale.id);
    expect(preview.html).toContain(sale.chargeId ?? 'x');
    expect(preview.html).toContain('1 Tras Street');
    expect(await app.invoke('receipt:print', { saleId: 'sale_0000000000nothere' })).toMatchObject({ ok: false, error: { code: 'sale_not_found' } });
    // A sale the customer has not paid has no receipt.
    const open = ok<Sale>(await app.invoke('sale:start', { amount: 500, currency: 'SGD' }));
    expect(await app.invoke('receipt:print', { saleId: open.id })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    ok(await app.invoke('sale:cancel', { saleId: open.id }));
  });

  it('the test page needs the PIN once one is set, and prints', async () => {
    const { app } = await terminal();
    expect(await app.invoke('receipt:testPage', {})).toMatchObject({ ok: false, error: { code: 'pin_required' } });
    const n = printer.jobs.length;
    expect(await app.invoke('receipt:testPage', { pin: PIN })).toEqual({ ok: true, value: { printed: true } });
    const [job] = (await printer.waitForJobs(n + 1)).slice(n);
    expect(job?.cut).toBe(true);
    expect(job?.rasters.length).toBeGreaterThan(0);
  });

  it('receipt settings: a network printer without a host is refused and nothing changes; old fields stay', async () => {
    const { app } = await terminal();
    const r = await app.invoke('settings:update', { pin: PIN, receipt: { printerHost: '' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(app.settings.get().receipt).toMatchObject({ printerKind: 'escpos', printerHost: '127.0.0.1', address: '1 Tras Street' });
    const off = ok<{ receipt: { printerKind: string; address: string } }>(await app.invoke('settings:update', { pin: PIN, receipt: { printerKind: 'none' } }));
    expect(off.receipt).toMatchObject({ printerKind: 'none', address: '1 Tras Street' });
    expect(await app.invoke('settings:update', { pin: PIN, receipt: { printerPort: 70_000 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await app.invoke('receipt:print', { saleId: 'sale_0000000000nothere' }, 'display')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('store report through the gate', () => {
  it('needs the PIN, and its totals are the sum of the store’s charges of the day at Opn', async () => {
    // The earlier tests' sales are counter-1's: this terminal is another counter of the same store.
    const { app } = await terminal(printer.port, 'counter-9');
    const own = await paidSale(app, 2_000);
    // Other terminals of the store, and another store, straight at the sandbox.
    const opn = createOpnClient({ baseUrl: sandbox.baseUrl, secretKey: sandbox.secretKey, retries: 0 });
    let k = 0;
    for (const [terminalId, storeId, amount] of [['counter-2', 'store-1', 1_100], ['counter-3', 'store-1', 2_300], ['counter-2', 'store-1', 700], ['far-1', 'store-9', 9_900]] as const) {
      const c = await opn.createCharge({ amount, currency: 'SGD', returnUri: 'https://shop.example/r', platformType: 'WEB', capture: true, metadata: { terminal_id: terminalId, store_id: storeId }, idempotencyKey: `store-${++k}-${Date.now()}` });
      await sandbox.completeCharge(c.id, 'successful');
    }
    const day = businessDayOf(new Date(), 'Asia/Singapore');
    expect(await app.invoke('reports:store', { day })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await app.invoke('reports:store', { day, pin: '000000' })).toMatchObject({ ok: false, error: { code: 'pin_invalid' } });

    const progress: number[] = [];
    app.events.on('reports:progress', (p) => p.task === 'store' && progress.push(p.done));
    const report = ok<StoreDayReport>(await app.invoke('reports:store', { day, pin: PIN }));
    const { from, to } = businessDayRange(day, 'Asia/Singapore');
    const mine = sandbox.charges().filter((c) => c.metadata.store_id === 'store-1' && c.created_at >= from && c.created_at < to);
    const paid = mine.filter((c) => c.status === 'successful');
    expect(report.totals.chargeCount).toBe(mine.length);
    expect(report.totals.successfulCount).toBe(paid.length);
    expect(report.totals.gross).toBe(paid.reduce((s, c) => s + c.amount, 0));
    expect(report.totals.fees + report.totals.feeVat).toBe(paid.reduce((s, c) => s + (c.fee ?? 0) + (c.fee_vat ?? 0), 0));
    expect(report.terminals.map((t) => t.terminalId)).toEqual(expect.arrayContaining(['counter-1', 'counter-2', 'counter-3', 'counter-9']));
    expect(report.terminals.map((t) => t.terminalId)).not.toContain('far-1');
    expect(report.otherStoreCount).toBeGreaterThanOrEqual(1);
    const row = report.terminals.find((t) => t.terminalId === 'counter-9');
    // This terminal's own record beside Opn's: its paid sale is in both.
    expect(row?.own?.gross).toBe(own.amount);
    expect(row?.gross).toBe(own.amount);
    expect(report.terminals.find((t) => t.terminalId === 'counter-2')?.gross).toBe(1_800);
    expect(report.terminals.filter((t) => t.own !== null).map((t) => t.terminalId)).toEqual(['counter-9']);
    expect(report.terminals.reduce((s, t) => s + t.gross, 0)).toBe(report.totals.gross);
    expect(progress.length).toBeGreaterThan(0);

    const csv = ok<{ fileName: string; location: string }>(await app.invoke('reports:storeExport', { day, pin: PIN, format: 'csv' }));
    expect(csv.fileName).toMatch(/store\.csv$/);
    expect(await app.invoke('reports:storeExport', { day, format: 'csv' })).toMatchObject({ ok: false });
  });
});

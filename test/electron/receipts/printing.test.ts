// Printing through the persistent queue to a fake ESC/POS printer on loopback: a good printer gets
// the receipt; an unreachable printer or one that resets mid-job leaves the job queued (the sale is
// untouched: enqueue returned at once) and a restart of the queue prints it.
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared';
import type { PrintNotice, ReceiptSettings } from '../../../shared';
import { DEFAULT_RECEIPT_SETTINGS } from '../../../shared';
import { PrinterError, sendToNetworkPrinter } from '../../../electron/receipts/network-printer';
import type { ReceiptPrinting } from '../../../electron/receipts/print-service';
import { createReceiptPrinting } from '../../../electron/receipts/print-service';
import type { FakePrinter } from './fake-printer';
import { parseEscPos, startFakePrinter } from './fake-printer';
import { saleReceipt } from '../../../electron/receipts/document';
import { encodeReceipt } from '../../../electron/receipts/escpos';
import { receiptOf, refund, sale, shop } from './fixtures';
import { waitFor } from '../../support/wait';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'print-queue-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function printer(mode?: Parameters<typeof startFakePrinter>[0], port?: number): Promise<FakePrinter> {
  const p = await startFakePrinter(mode, port);
  cleanups.push(() => p.stop());
  return p;
}

/** A port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const receipts = new Map<string, Receipt>([
  ['sale_01JDX4Q7ZK3M', receiptOf(sale({ status: 'partially_refunded' }), [refund()])],
]);

function open(file: string, port: number, notices: PrintNotice[], over: Partial<ReceiptSettings> = {}): ReceiptPrinting {
  const settings: ReceiptSettings = { ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: port, paperWidthMm: 58, autoPrint: true, ...over };
  const p = createReceiptPrinting({
    queueFile: file,
    logId: 'live',
    settings: () => settings,
    shop: () => shop(),
    loadReceipt: (id) => receipts.get(id) ?? null,
    onNotice: (n) => notices.push(n),
    network: { connectTimeoutMs: 1_000, writeTimeoutMs: 2_000 },
    backoffMs: [60_000], // no retry inside a test unless asked for: the restart is what prints
  });
  cleanups.push(() => p.close());
  return p;
}

const originalRasters = (paper: 58 | 80 = 58): number =>
  parseEscPos(encodeReceipt(saleReceipt(receipts.get('sale_01JDX4Q7ZK3M') as Receipt, shop()), paper).bytes).rasters.length;

describe('print queue with a network ESC/POS printer', () => {
  it('prints the receipt after Paid without making the sale wait', async () => {
    const fp = await printer();
    const notices: PrintNotice[] = [];
    const p = open(path.join(tempDir(), 'print-queue.db'), fp.port, notices);
    const job = p.onSalePaid('sale_01JDX4Q7ZK3M');
    // Returned before any byte went to the printer.
    expect(job?.status).toBe('queued');
    expect(fp.connections).toBe(0);
    const [printed] = await fp.waitForJobs(1);
    const text = printed?.lines.join('\n') ?? '';
    expect(text).toContain('Kopi Corner');
    expect(text).toContain('SGD 1,500.50');
    expect(text).toContain('chrg_test_5zq8y2k1abcd');
    expect(printed?.cut).toBe(true);
    await waitFor(() => p.queue.job(job?.id ?? '')?.status === 'printed', 'the job to be printed', 10_000);
    expect(notices.map((n) => n.kind)).toEqual(['printed']);
  });

  it('does not queue when auto-print is off, and refuses an unknown sale', () => {
    const p = open(path.join(tempDir(), 'q.db'), 9, [], { autoPrint: false });
    expect(p.onSalePaid('sale_01JDX4Q7ZK3M')).toBeNull();
    // The screen gets the same document (as JSON or HTML) without anything being printed.
    const doc = p.document('sale_01JDX4Q7ZK3M');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.lines).toContainEqual({ kind: 'total', label: 'Amount / 금액', value: 'SGD 1,500.50' });
    expect(p.previewHtml('sale_01JDX4Q7ZK3M', 58)).toContain('width: 48mm');
    expect(() => p.reprint('sale_nope')).toThrow(expect.objectContaining({ code: 'sale_not_found' }));
    expect(() => p.printRefundSlip('sale_01JDX4Q7ZK3M', 'rf_nope')).toThrow(expect.objectContaining({ code: 'refund_not_found' }));
    expect(p.queue.queued()).toEqual([]);
  });

  it('keeps the job when the printer is unreachable, and prints it after a restart', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'print-queue.db');
    const port = await deadPort();
    const notices: PrintNotice[] = [];
    const first = open(file, port, notices);
    const job = first.reprint('sale_01JDX4Q7ZK3M');
    // idle(): nothing left to try now (the one attempt failed, the queue is backing off).
    await first.queue.idle();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'print_failed', code: 'printer_unreachable', saleId: 'sale_01JDX4Q7ZK3M' });
    expect(first.queue.job(job.id)).toMatchObject({ status: 'queued', attempts: 1, lastErrorCode: 'printer_unreachable' });
    await first.close();

    // The printer is switched on; the app restarts.
    const fp = await printer({ kind: 'ok' }, port);
    const second = open(file, port, []);
    const [printed] = await fp.waitForJobs(1);
    // The "Copy / 사본" line carries Hangul, so it is one more raster than the original receipt has.
    expect(printed?.rasters.length).toBe(originalRasters() + 1);
    expect(printed?.lines.join('\n')).toContain('chrg_test_5zq8y2k1abcd');
    await waitFor(() => second.queue.job(job.id)?.status === 'printed', 'the job to be printed', 10_000);
    expect(second.queue.queued()).toEqual([]);
  });

  it('keeps the job when the printer closes mid-job, and prints it whole after a restart', async () => {
    const file = path.join(tempDir(), 'print-queue.db');
    const fp = await printer({ kind: 'close_mid_job', afterBytes: 200 });
    const notices: PrintNotice[] = [];
    const first = open(file, fp.port, notices);
    const job = first.printRefundSlip('sale_01JDX4Q7ZK3M', 'rf_01JDX5');
    await waitFor(() => notices.length > 0, 'a notice for the cashier', 10_000);
    expect(notices[0]).toMatchObject({ kind: 'print_failed', code: 'printer_closed' });
    expect(fp.jobs).toHaveLength(0);
    expect(first.queue.job(job.id)?.status).toBe('queued');
    await first.close();

    fp.mode = { kind: 'ok' };
    const second = open(file, fp.port, []);
    const [printed] = await fp.waitForJobs(1);
    const text = printed?.lines.join('\n') ?? '';
    expect(text).toContain('-SGD 500.00');
    expect(text).toContain('rfnd_test_5zq9aa');
    expect(printed?.cut).toBe(true);
    await waitFor(() => second.queue.job(job.id)?.status === 'printed', 'the job to be printed', 10_000);
  });

  it('retries on its own with backoff, in order, once the printer is back', async () => {
    const file = path.join(tempDir(), 'print-queue.db');
    const fp = await printer({ kind: 'close_mid_job', afterBytes: 1 });
    const notices: PrintNotice[] = [];
    const settings: ReceiptSettings = { ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: fp.port, paperWidthMm: 80 };
    const p = createReceiptPrinting({ logId: 'live', queueFile: file, settings: () => settings, shop: () => shop(), loadReceipt: (id) => receipts.get(id) ?? null, onNotice: (n) => notices.push(n), backoffMs: [100, 200] });
    cleanups.push(() => p.close());
    const a = p.printReceipt('sale_01JDX4Q7ZK3M');
    const b = p.reprint('sale_01JDX4Q7ZK3M');
    await waitFor(() => fp.connections >= 2, 'the printer to be connected again', 10_000);
    // Only one notice for the failing job, not one per retry.
    expect(notices.filter((n) => n.kind === 'print_failed')).toHaveLength(1);
    fp.mode = { kind: 'ok' };
    const jobs = await fp.waitForJobs(2);
    expect(jobs[0]?.rasters.length).toBe(originalRasters(80));
    expect(jobs[1]?.rasters.length).toBe(originalRasters(80) + 1);
    await waitFor(() => p.queue.job(b.id)?.status === 'printed', 'the job to be printed', 10_000);
    expect(p.queue.job(a.id)?.attempts).toBeGreaterThanOrEqual(2);
  });

  it('prints the test page at once and reports a dead printer to Settings', async () => {
    const fp = await printer();
    const ok = open(path.join(tempDir(), 'a.db'), fp.port, []);
    await ok.printTestPage();
    const [page] = await fp.waitForJobs(1);
    expect(page?.lines.join('\n')).toContain('58 mm');
    expect(page?.rasters.length).toBeGreaterThan(3);
    const dead = open(path.join(tempDir(), 'b.db'), await deadPort(), []);
    await expect(dead.printTestPage()).rejects.toMatchObject({ code: 'printer_unreachable' });
    const none = open(path.join(tempDir(), 'c.db'), 1, [], { printerKind: 'none' });
    await expect(none.printTestPage()).rejects.toMatchObject({ code: 'printer_not_configured' });
  });
});

describe('network printer client', () => {
  it('times out on a printer that accepts but never reads', async () => {
    // A listener that pauses its sockets: the kernel buffers fill and writes stall.
    const server = net.createServer((s) => s.pause());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => (server.close(() => r()), undefined)));
    const sockets: net.Socket[] = [];
    server.on('connection', (s) => sockets.push(s));
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    const big = new Uint8Array(32 * 1024 * 1024);
    // Bounded by the test's own timeout; the code says which limit ended it (how fast is not asserted).
    const err = await sendToNetworkPrinter({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, writeTimeoutMs: 300 }, big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('printer_timeout');
  });

  it('says when no host is set', async () => {
    await expect(sendToNetworkPrinter({ host: '', port: 9100 }, new Uint8Array(1))).rejects.toMatchObject({ code: 'printer_not_configured' });
  });
});

describe('print queue file', () => {
  it('drops done jobs older than the keep period when it opens, never queued ones', async () => {
    const file = path.join(tempDir(), 'print-queue.db');
    const fp = await printer();
    let now = Date.parse('2026-11-01T00:00:00Z');
    const settings: ReceiptSettings = { ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: fp.port };
    const opts = { logId: 'live', queueFile: file, settings: () => settings, shop: () => shop(), loadReceipt: (id: string) => receipts.get(id) ?? null, now: () => new Date(now), backoffMs: [60_000] };
    const first = createReceiptPrinting(opts);
    const old = first.printReceipt('sale_01JDX4Q7ZK3M');
    await fp.waitForJobs(1);
    await first.queue.idle();
    expect(first.queue.job(old.id)?.status).toBe('printed');
    settings.printerPort = await deadPort();
    const waiting = first.reprint('sale_01JDX4Q7ZK3M');
    await first.queue.idle();
    await first.close();

    now += 31 * 86_400_000;
    const second = createReceiptPrinting({ ...opts, settings: () => ({ ...settings, printerKind: 'none' }) });
    cleanups.push(() => second.close());
    expect(second.queue.job(old.id)).toBeNull();
    expect(second.queue.job(waiting.id)?.status).toBe('queued');
  });
});

describe('print queue: jobs belong to their receipt log, and no printer is not retried', () => {
  const settingsFor = (port: number): ReceiptSettings => ({ ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: port, paperWidthMm: 58 });
  const openOn = (file: string, logId: string, settings: ReceiptSettings, notices: PrintNotice[] = []): ReceiptPrinting => {
    const p = createReceiptPrinting({ logId, queueFile: file, settings: () => settings, shop: () => shop(), loadReceipt: (id) => receipts.get(id) ?? null, onNotice: (n) => notices.push(n), backoffMs: [60_000] });
    cleanups.push(() => p.close());
    return p;
  };

  it('a job of an earlier demo log never prints on the next one (nor on another log)', async () => {
    const file = path.join(tempDir(), 'demo-print-queue.db');
    const port = await deadPort();
    const first = openOn(file, 'demo:run-1', settingsFor(port));
    const old = first.printReceipt('sale_01JDX4Q7ZK3M');
    await first.queue.idle();
    expect(first.queue.job(old.id)?.status).toBe('queued');
    await first.close();

    // The next demo run: a fresh log, and now the printer works.
    const fp = await printer({ kind: 'ok' }, port);
    const second = openOn(file, 'demo:run-2', settingsFor(port));
    expect(second.queue.queued()).toEqual([]);
    expect(second.queue.jobsForSale('sale_01JDX4Q7ZK3M')).toEqual([]);
    expect(second.queue.job(old.id)).toMatchObject({ status: 'failed', lastErrorCode: 'print_other_log' });
    const fresh = second.printReceipt('sale_01JDX4Q7ZK3M');
    const [printed] = await fp.waitForJobs(1);
    await waitFor(() => second.queue.job(fresh.id)?.status === 'printed', 'the new log’s job to be printed', 10_000);
    await second.queue.idle();
    // Only the new log's receipt reached the paper (not a Copy, not the old job).
    expect(fp.jobs).toHaveLength(1);
    expect(printed?.rasters.length).toBe(originalRasters());
  });

  it('no printer chosen: nothing is queued, and a job that meets no printer is given up at once, never printed later', async () => {
    const fp = await printer();
    const settings = settingsFor(fp.port);
    const notices: PrintNotice[] = [];
    const p = openOn(path.join(tempDir(), 'print-queue.db'), 'live', settings, notices);
    const job = p.printReceipt('sale_01JDX4Q7ZK3M');
    // The printer is unset before the queue's turn comes.
    settings.printerKind = 'none';
    await waitFor(() => notices.find((n) => n.jobId === job.id), 'the notice of the job', 10_000);
    await p.queue.idle();
    expect(notices).toEqual([expect.objectContaining({ kind: 'print_gave_up', code: 'printer_not_configured', jobId: job.id })]);
    expect(p.queue.job(job.id)).toMatchObject({ status: 'failed', attempts: 1 });
    // Reprint and a slip without a printer: refused, and nothing is queued.
    const before = p.queue.recent().length;
    expect(() => p.reprint('sale_01JDX4Q7ZK3M')).toThrow(expect.objectContaining({ code: 'printer_not_configured' }));
    expect(() => p.printRefundSlip('sale_01JDX4Q7ZK3M', 'rf_01JDX5')).toThrow(expect.objectContaining({ code: 'printer_not_configured' }));
    expect(p.queue.recent()).toHaveLength(before);
    // A printer is chosen again: the given-up job stays given up.
    settings.printerKind = 'escpos';
    p.queue.retryNow();
    await p.queue.idle();
    expect(fp.jobs).toHaveLength(0);
    expect(p.queue.job(job.id)?.status).toBe('failed');
  });

  it('while the printer is down, a receipt queued behind says so at once ', async () => {
    const port = await deadPort();
    const notices: PrintNotice[] = [];
    const p = openOn(path.join(tempDir(), 'print-queue.db'), 'live', settingsFor(port), notices);
    const a = p.printReceipt('sale_01JDX4Q7ZK3M');
    await waitFor(() => notices.find((n) => n.jobId === a.id), 'the first failure', 10_000);
    // The queue now waits 60 s before trying again; the next receipt is told now, not then.
    const b = p.reprint('sale_01JDX4Q7ZK3M');
    expect(notices.filter((n) => n.jobId === b.id)).toEqual([expect.objectContaining({ kind: 'print_failed', code: 'printer_unreachable' })]);
    expect(notices.filter((n) => n.jobId === a.id)).toHaveLength(1);
    expect(p.queue.job(b.id)).toMatchObject({ status: 'queued', attempts: 0 });
  });
});

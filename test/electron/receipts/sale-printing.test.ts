// A real sale through the payment core (sandbox over HTTP, SQLite receipt log) with auto-print to a
// printer that takes the connection and then never finishes the job: the sale is paid without
// waiting for it, the receipt stays queued, and after a restart with a working printer it prints.
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared';
import type { PrintNotice, ReceiptSettings } from '../../../shared';
import { DEFAULT_RECEIPT_SETTINGS } from '../../../shared';
import type { ReceiptPrinting } from '../../../electron/receipts/print-service';
import { createReceiptPrinting } from '../../../electron/receipts/print-service';
import type { Rig } from '../core/harness';
import { startRig } from '../core/harness';
import { tempDir } from '../../support/temp';
import { startFakePrinter } from './fake-printer';
import { shop } from './fixtures';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('receipt after Paid, through the payment core', () => {
  it('never holds up the sale; the receipt waits in the queue and prints after a restart', async () => {
    const rig: Rig = await startRig({ country: 'SG' });
    stops.push(() => rig.stop());
    // A "printer" that accepts and reads nothing back, never closing: out of paper with the lid shut.
    const held = new Set<net.Socket>();
    const stalled = net.createServer((s) => (held.add(s), s.on('error', () => undefined)));
    await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise<void>((r) => (held.forEach((s) => s.destroy()), stalled.close(() => r()))));

    const dir = tempDir('sale-print').dir;
    stops.push(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
    const settings: ReceiptSettings = { ...DEFAULT_RECEIPT_SETTINGS, printerKind: 'escpos', printerHost: '127.0.0.1', printerPort: (stalled.address() as AddressInfo).port, paperWidthMm: 80, autoPrint: true };
    const notices: PrintNotice[] = [];
    const loadReceipt = (id: string): Receipt | null => {
      try {
        return rig.core.getReceipt(id);
      } catch {
        return null;
      }
    };
    const open = (): ReceiptPrinting =>
      createReceiptPrinting({ logId: 'live', queueFile: path.join(dir, 'print-queue.db'), settings: () => settings, shop: () => shop(), loadReceipt, onNotice: (n) => notices.push(n), network: { connectTimeoutMs: 1_000, writeTimeoutMs: 3_000 }, backoffMs: [60_000] });
    let printing = open();
    // The wiring the app does: a sale that became successful is handed to auto-print.
    const queued: string[] = [];
    rig.core.onSaleChanged((s) => {
      if (s.status === 'successful') {
        const job = printing.onSalePaid(s.id);
        if (job) queued.push(job.id);
      }
    });

    const sale = await rig.core.startSale({ amount: 4_250, currency: 'SGD', cashier: 'Ann' });
    await rig.sandbox.completeCharge(sale.chargeId ?? '', 'successful');
    for (const ev of await rig.eventsFor(sale.chargeId ?? '')) await rig.core.handleRelayEvent(ev);
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('successful');
    expect(queued).toHaveLength(1);
    // The print attempt is still hanging on the stalled printer (no timeout notice yet), the sale is done:
    // the payment never waited for the printer.
    expect(notices).toEqual([]);

    await printing.queue.idle();
    expect(notices[0]).toMatchObject({ kind: 'print_failed', code: 'printer_timeout', saleId: sale.id });
    expect(printing.queue.job(queued[0] ?? '')?.status).toBe('queued');
    expect(rig.core.getReceipt(sale.id).sale.status).toBe('successful');
    await printing.close();

    // Restart with the printer fixed.
    const fp = await startFakePrinter();
    stops.push(() => fp.stop());
    settings.printerPort = fp.port;
    printing = open();
    const [job] = await fp.waitForJobs(1);
    const text = job?.lines.join('\n') ?? '';
    expect(text).toContain('SGD 42.50');
    expect(text).toContain(sale.chargeId ?? 'no charge id');
    expect(text).toContain(sale.id);
    await printing.queue.idle();
    expect(printing.queue.job(queued[0] ?? '')?.status).toBe('printed');
    await printing.close();
  });
});

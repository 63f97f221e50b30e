// Reports benchmark: 1,000,000 receipts over 365 days in a real receipt store (WAL, FULL sync),
// then the X report of one day and the CSV export of one day, against a full scan of the table in
// the same run. Goals: X < 200 ms, CSV < 1 s. Writes bench/results/reports.{json,md}.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openReceiptStore } from '../electron/core/store/index';
import { createChromiumPrinter } from '../electron/reports/pdf/chromium-printer';
import { createReportService } from '../electron/reports/service';
import { businessDayRange } from '../shared';
import { pdfBench, pdfMarkdownRows } from './reports-pdf';

const RECEIPTS = Number(process.env.REPORTS_BENCH_RECEIPTS ?? 1_000_000);
const DAYS = 365;
const TZ = 'Asia/Singapore';
const FIRST_DAY = '2025-12-01';
const DAY = '2026-06-15'; // the measured day, mid-range
const RUNS = 7;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export default async function reportsBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-bench-'));
  const file = path.join(dir, 'receipts.db');
  const store = openReceiptStore(file);
  // The data generator and the baselines use their own connection: the store keeps its SQL private.
  const raw = new Database(file);
  try {
    const { from: start } = businessDayRange(FIRST_DAY, TZ, 0);
    const span = DAYS * 86_400_000;
    const random = rng(42);
    const statuses = ['successful', 'successful', 'successful', 'successful', 'successful', 'successful', 'successful', 'successful', 'failed', 'expired', 'cancelled', 'partially_refunded'];
    const cashiers = [null, 'Ann', 'Bo', 'Ji-woo', 'Somchai'];

    // Receipts in time order (as a terminal writes them), one transaction, one prepared statement.
    const insertSale = raw.prepare(`INSERT INTO sales (id, terminal_id, store_id, cashier, amount, currency, status, capture,
      idempotency_key, charge_id, created_at, updated_at, paid_at, fee, fee_vat, net, refunded_amount, failure_code)
      VALUES (?, 'term_1', 'store_1', ?, ?, 'SGD', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertRefund = raw.prepare(`INSERT INTO refunds (id, sale_id, charge_id, opn_refund_id, amount, currency, voided, status, created_at)
      VALUES (?, ?, ?, ?, ?, 'SGD', 0, 'succeeded', ?)`);
    const t0 = Date.parse(start);
    const insert = await time(() =>
      raw.transaction(() => {
        for (let i = 0; i < RECEIPTS; i++) {
          const created = new Date(t0 + Math.floor((i / RECEIPTS) * span + random() * 1000)).toISOString();
          const id = `sale_${i.toString(36).padStart(10, '0')}bench`;
          const status = statuses[Math.floor(random() * statuses.length)] ?? 'successful';
          const amount = 100 + Math.floor(random() * 50_000);
          const paid = status === 'successful' || status === 'partially_refunded';
          const fee = paid ? Math.round(amount * 0.029) : null;
          const refunded = status === 'partially_refunded' ? Math.floor(amount / 2) : 0;
          const chargeId = status === 'cancelled' ? null : `chrg_test_${i.toString(36)}`;
          insertSale.run(id, cashiers[i % cashiers.length] ?? null, amount, status, `idem_${i}`, chargeId, created, created, paid ? created : null,
            fee, paid ? 0 : null, fee === null ? null : amount - fee, refunded, status === 'failed' ? 'payment_rejected' : null);
          if (refunded > 0) insertRefund.run(`rf_${i.toString(36)}`, id, chargeId ?? '', `rfnd_${i}`, refunded, new Date(Date.parse(created) + 3_600_000).toISOString());
        }
      })(),
    );
    raw.pragma('optimize');
    const total = (raw.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;

    // The PDF is measured once (Chromium start-up included), for information: no goal.
    const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    const printer = createChromiumPrinter({ executablePath: chromiumPath, timeoutMs: 300_000 });
    const svcOptions = {
      store, opn: { listCharges: () => Promise.reject(new Error('unused')), retrieveCharge: () => Promise.reject(new Error('unused')) },
      printer, outputDir: path.join(dir, 'out'), now: () => new Date('2027-01-01T00:00:00Z'),
      settings: () => ({ shopName: 'Bench', terminalId: 'term_1', timeZone: TZ, dayStartMinutes: 0, currency: 'SGD' as const }),
    };
    const svc = createReportService(svcOptions);

    const xRuns: number[] = [];
    const csvRuns: number[] = [];
    const scanRuns: number[] = [];
    const dayScanRuns: number[] = [];
    let daySales = 0;
    let csvBytes = 0;
    const { from, to } = businessDayRange(DAY, TZ, 0);
    const fullScan = raw.prepare('SELECT status, amount, fee, fee_vat, net, created_at FROM sales');
    const dayNoIndex = raw.prepare('SELECT * FROM sales NOT INDEXED WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id');
    for (let r = 0; r < RUNS; r++) {
      const x = await time(() => svc.x(DAY));
      xRuns.push(x.ms);
      daySales = x.value.totals.successfulCount + x.value.totals.failedCount + x.value.totals.expiredCount + x.value.totals.cancelledCount;
      const csv = await time(() => svc.export(DAY, 'csv-sales'));
      csvRuns.push(csv.ms);
      csvBytes = csv.value.bytes;
      // Baselines: the whole table read and summed; the same day's query forced past its index.
      scanRuns.push((await time(() => {
        let gross = 0;
        for (const row of fullScan.iterate() as Iterable<{ amount: number }>) gross += row.amount;
        return gross;
      })).ms);
      dayScanRuns.push((await time(() => dayNoIndex.all(from, to).length)).ms);
    }

    // PDF: the drawn design and the previous one (Chromium), cold and warm (bench/reports-pdf.ts).
    await printer.close();
    const pdf = await pdfBench({ benchService: svcOptions, benchDay: DAY, benchDaySales: daySales, chromiumPath });

    const result = {
      receipts: total, days: DAYS, day: DAY, daySales, runs: RUNS, insertMs: Math.round(insert.ms),
      xReportMs: { median: +median(xRuns).toFixed(1), first: +(xRuns[0] ?? 0).toFixed(1), goal: 200 },
      csvExportMs: { median: +median(csvRuns).toFixed(1), first: +(csvRuns[0] ?? 0).toFixed(1), goal: 1000, bytes: csvBytes },
      fullTableScanMs: { median: +median(scanRuns).toFixed(1) },
      dayQueryWithoutIndexMs: { median: +median(dayScanRuns).toFixed(1) },
      pdfExportMs: pdf,
      machine: { cpus: os.cpus().length, node: process.version },
      measuredAt: new Date().toISOString(),
    };
    const pass = result.xReportMs.median < 200 && result.csvExportMs.median < 1000 && pdf.drawn.warmMs < 1000;
    console.log(JSON.stringify(result, null, 2));
    console.log(pass ? 'reports: goals met' : 'reports: GOALS MISSED');

    const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'reports.json'), `${JSON.stringify({ ...result, goalsMet: pass }, null, 2)}\n`);
    fs.writeFileSync(path.join(out, 'reports.md'), [
      '# Reports benchmark',
      '',
      `${total.toLocaleString('en')} receipts over ${DAYS} days in a real receipt store (WAL, synchronous=FULL); measured day ${DAY} (${daySales} sales). Median of ${RUNS} runs; ${os.cpus().length} CPUs, Node ${process.version}, ${result.measuredAt}.`,
      '',
      '| measure | median | first run | goal |',
      '|---|---|---|---|',
      `| X report of one day (\`x(day)\`) | ${result.xReportMs.median} ms | ${result.xReportMs.first} ms | < 200 ms |`,
      `| CSV line-per-sale export of one day (\`export(day, 'csv-sales')\`, ${csvBytes} bytes written) | ${result.csvExportMs.median} ms | ${result.csvExportMs.first} ms | < 1000 ms |`,
      `| baseline: full scan of the sales table (read + sum) | ${result.fullTableScanMs.median} ms | | |`,
      `| baseline: the same day's query with NOT INDEXED | ${result.dayQueryWithoutIndexMs.median} ms | | |`,
      ...pdfMarkdownRows(pdf),
      '',
      `Insert of all receipts in one transaction: ${(result.insertMs / 1000).toFixed(1)} s. Goals ${pass ? 'met' : 'MISSED'}.`,
      '',
    ].join('\n'));
  } finally {
    raw.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The PDF part of `npm run bench -- reports`: a realistic day (500 sales, a Thai shop name, Korean and
// Thai cashiers, failures, refunds) exported as PDF by the current design (drawn with Skia, no
// browser) and by the previous one (the HTML printed by a warm Chromium page over its DevTools pipe),
// each cold and warm, in the same run; plus the drawn PDF of the bench's own (busier) day.
// Cold, drawn: a fresh Node process loads @napi-rs/canvas and exports once (reports-pdf-cold.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openReceiptStore } from '../electron/core/store/index';
import { createCdpPrinter } from '../electron/reports/pdf/cdp-printer';
import { reportHtml } from '../electron/reports/pdf/template';
import { createReportService, type ReportServiceOptions } from '../electron/reports/service';
import { businessDayRange } from '../shared';

export const PDF_DAY = '2026-11-27';
export const PDF_SETTINGS = { shopName: 'ร้านกาแฟ น้ำใจ · 김치 코너', terminalId: 'term_1', timeZone: 'Asia/Singapore', dayStartMinutes: 0, currency: 'THB' as const };
const SALES = Number(process.env.REPORTS_BENCH_PDF_SALES ?? 500);
const WARM_RUNS = 5;
const here = path.dirname(fileURLToPath(import.meta.url));

export interface PdfFigures {
  readonly coldMs: number;
  readonly warmMs: number;
  readonly bytes: number;
}
export interface PdfBench {
  readonly sales: number;
  /** cpuMs: this process's CPU time per warm export (wall time on a shared machine waits for a core). */
  readonly drawn: PdfFigures & { readonly coldLoadMs: number; readonly cpuMs: number };
  readonly chromium: PdfFigures | null;
  readonly benchDay: { readonly day: string; readonly sales: number; readonly warmMs: number; readonly firstMs: number; readonly bytes: number };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
async function ms<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** A day of `SALES` sales in a receipt store of its own: paid, failed, refunded, named cashiers. */
function seedDay(file: string): void {
  const store = openReceiptStore(file);
  const { from } = businessDayRange(PDF_DAY, PDF_SETTINGS.timeZone, 0);
  const t0 = Date.parse(from) + 8 * 3_600_000;
  const cashiers = ['สมชาย ใจดี', '김민수', 'Ann', null];
  store.transaction(() => {
    for (let i = 0; i < SALES; i++) {
      const id = `sale_${i.toString(36).padStart(9, '0')}benchpdf0000`;
      const at = new Date(t0 + i * Math.floor((13 * 3_600_000) / SALES)).toISOString();
      store.sales.insert({ id, terminalId: 'term_1', storeId: 'store_1', cashier: cashiers[i % cashiers.length] ?? null, amount: 5_000 + ((i * 7919) % 90_000), currency: 'THB', capture: true, idempotencyKey: `idem_${id}`, createdAt: at });
      const failed = i % 19 === 0;
      store.sales.update(id, { status: failed ? 'failed' : 'successful' }, at);
      const amount = 5_000 + ((i * 7919) % 90_000);
      const fee = Math.round(amount * 0.0365);
      store.sales.update(id, failed ? { chargeId: `chrg_${id}`, failureCode: 'payment_rejected' } : { chargeId: `chrg_${id}`, paidAt: at, fee, feeVat: Math.round(fee * 0.07), net: amount - fee - Math.round(fee * 0.07) }, at);
      if (!failed && i % 23 === 0) {
        store.sales.update(id, { status: 'partially_refunded', refundedAmount: 1_000 }, at);
        const rf = `rf_${id}`;
        store.refunds.insert({ id: rf, saleId: id, chargeId: `chrg_${id}`, amount: 1_000, currency: 'THB', voided: false, createdAt: at });
        store.refunds.settle(rf, { status: 'succeeded', opnRefundId: `rfnd_${id}` });
      }
    }
  });
  store.close();
}

export async function pdfBench(o: { benchService: ReportServiceOptions; benchDay: string; benchDaySales: number; chromiumPath: string }): Promise<PdfBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-pdf-bench-'));
  const file = path.join(dir, 'receipts.db');
  try {
    seedDay(file);
    // Cold: a new process, the native module loaded and the first export made there.
    const cold = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'reports-pdf-cold.ts'), file, PDF_DAY, path.join(dir, 'cold')], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '{}') as { loadMs: number; exportMs: number; bytes: number };

    const store = openReceiptStore(file);
    const noOpn = { listCharges: () => Promise.reject(new Error('unused')), retrieveCharge: () => Promise.reject(new Error('unused')) };
    const base = { store, opn: noOpn, outputDir: path.join(dir, 'out'), now: () => new Date('2026-11-28T02:00:00Z'), settings: () => PDF_SETTINGS };
    try {
      const printer = createCdpPrinter({ executablePath: o.chromiumPath, timeoutMs: 300_000 });
      const svc = createReportService({ ...base, printer });
      // This process's first export warms it; the figures are the exports after it.
      await svc.export(PDF_DAY, 'pdf');
      const warm: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let r = 0; r < WARM_RUNS; r++) {
        const c0 = process.cpuUsage();
        const run = await ms(() => svc.export(PDF_DAY, 'pdf'));
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        warm.push(run.ms);
        bytes = run.value.bytes;
      }
      const drawn = { coldMs: Math.round(cold.loadMs + cold.exportMs), coldLoadMs: Math.round(cold.loadMs), warmMs: Math.round(median(warm)), cpuMs: Math.round(median(cpu)), bytes };

      // The previous design on the same day: the same content as HTML, printed by the warm page.
      let chromium: PdfFigures | null = null;
      if (fs.existsSync(o.chromiumPath)) {
        const { from, to } = businessDayRange(PDF_DAY, PDF_SETTINGS.timeZone, 0);
        const html = (): string => reportHtml({ report: svc.x(PDF_DAY), data: store.days.day(from, to) });
        try {
          const first = await ms(() => printer.print(html()));
          const runs: number[] = [];
          for (let r = 0; r < 3; r++) runs.push((await ms(() => printer.print(html()))).ms);
          chromium = { coldMs: Math.round(first.ms), warmMs: Math.round(median(runs)), bytes: first.value.length };
        } finally {
          await printer.close();
        }
      }

      // The bench's own day (denser: ~2,740 sales at the default 1,000,000 receipts), drawn.
      const big = createReportService(o.benchService);
      const firstBig = await ms(() => big.export(o.benchDay, 'pdf'));
      const bigRuns: number[] = [];
      for (let r = 0; r < 3; r++) bigRuns.push((await ms(() => big.export(o.benchDay, 'pdf'))).ms);
      return {
        sales: SALES, drawn, chromium,
        benchDay: { day: o.benchDay, sales: o.benchDaySales, firstMs: Math.round(firstBig.ms), warmMs: Math.round(median(bigRuns)), bytes: firstBig.value.bytes },
      };
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows this part adds to bench/results/reports.md. */
export function pdfMarkdownRows(p: PdfBench): string[] {
  return [
    `| PDF of a ${p.sales}-sale day (Thai shop, Korean/Thai cashiers), drawn with Skia (${Math.round(p.drawn.bytes / 1024)} KB; warm ${p.drawn.cpuMs} ms of CPU): warm / cold (new process: ${p.drawn.coldLoadMs} ms loading @napi-rs/canvas + first export) | ${p.drawn.warmMs} ms | ${p.drawn.coldMs} ms | < 1000 ms warm |`,
    ...(p.chromium ? [`| the same day, previous design: HTML printed by a warm Chromium page over its DevTools pipe (${Math.round(p.chromium.bytes / 1024)} KB): warm / cold (browser start included) | ${p.chromium.warmMs} ms | ${p.chromium.coldMs} ms | |`] : []),
    `| PDF of the bench's day ${p.benchDay.day} (${p.benchDay.sales} sales), drawn: warm / first in this process | ${p.benchDay.warmMs} ms | ${p.benchDay.firstMs} ms | |`,
  ];
}

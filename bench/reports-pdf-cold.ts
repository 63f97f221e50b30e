// A fresh process for the drawn PDF's cold figure (bench/reports-pdf.ts): loads @napi-rs/canvas, then
// makes the session's first export of the day. Prints one JSON line: { loadMs, exportMs, bytes }.
import path from 'node:path';

const [file, day, outputDir] = process.argv.slice(2);
if (!file || !day || !outputDir) throw new Error('usage: reports-pdf-cold.ts <receipts.db> <day> <outputDir>');

const t0 = performance.now();
await import('@napi-rs/canvas');
const loadMs = performance.now() - t0;
// The rest of the code is TypeScript compiled on the fly here; it is loaded before the clock starts.
const { openReceiptStore } = await import('../electron/core/store/index');
const { createReportService } = await import('../electron/reports/service');
const { PDF_SETTINGS } = await import('./reports-pdf');
const store = openReceiptStore(file);
const svc = createReportService({
  store, opn: { listCharges: () => Promise.reject(new Error('unused')), retrieveCharge: () => Promise.reject(new Error('unused')) },
  printer: { print: () => Promise.reject(new Error('unused')) }, outputDir: path.resolve(outputDir), now: () => new Date('2026-11-28T02:00:00Z'), settings: () => PDF_SETTINGS,
});
const t1 = performance.now();
const out = await svc.export(day, 'pdf');
const exportMs = performance.now() - t1;
store.close();
console.log(JSON.stringify({ loadMs, exportMs, bytes: out.bytes }));

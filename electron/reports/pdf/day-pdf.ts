// The day's report PDF drawn directly with Skia's PDF backend (@napi-rs/canvas, already a production
// dependency): no browser, no HTML layout, so a day of 500 sales takes tens of milliseconds instead
// of seconds. Same content as the HTML of the previous design (both read report-lines.ts): header,
// totals, the hourly chart, cashiers, every sale, the refunds and voids of the day.
import { drawHourChart } from './hour-chart';
import { COLOR, PageWriter } from './page-writer';
import { drawTable, type Column } from './pdf-table';
import type { ReportInput } from './report-lines';
import { cashierLines, headerOf, refundLines, saleLines, tillLines, totalsRows } from './report-lines';

const SALE_COLUMNS: readonly Column[] = [
  { title: 'Time', width: 40 },
  { title: 'Sale', width: 112, mono: true },
  { title: 'Status', width: 118, wrap: true },
  { title: 'Cashier', width: 62, wrap: true },
  { title: 'Amount', width: 50, align: 'right' },
  { title: 'Fee', width: 42, align: 'right' },
  { title: 'Net', width: 50, align: 'right' },
  { title: 'Refunded', width: 50, align: 'right' },
];

export async function dayReportPdf(input: ReportInput): Promise<Buffer> {
  const { report } = input;
  const c = report.currency;
  const h = headerOf(report);
  const w = new PageWriter(`${report.shopName} — ${report.day}`, `${h.shop} · ${h.terminal} · ${h.day} · ${h.kind}`);

  // Header: shop and terminal at left, kind, day and zone at right, a rule below.
  const half = w.width * 0.58;
  w.text(h.shop, w.left, w.y + 15, { size: 16, bold: true }, { maxWidth: half });
  w.text(h.terminal, w.left, w.y + 27, { size: 8 }, { color: COLOR.muted, maxWidth: half });
  w.text(h.kind, w.right, w.y + 9, { size: 9, bold: true }, { align: 'right' });
  w.text(h.day, w.right, w.y + 23, { size: 13, bold: true }, { align: 'right' });
  w.text(h.zone, w.right, w.y + 33, { size: 7.5 }, { color: COLOR.muted, align: 'right', maxWidth: w.width - half - 8 });
  w.y += 38;
  w.line(w.left, w.y, w.right, w.y, COLOR.accent, 1.5);
  w.y += 4;
  for (const line of w.wrap(h.covers, w.width, { size: 7 })) {
    w.text(line, w.left, w.y + 8, { size: 7 }, { color: COLOR.muted });
    w.y += 9;
  }

  // Two columns: totals at left; the chart and the cashiers at right.
  const top = w.y;
  const leftW = w.width * 0.5;
  const gap = 14;
  const rightX = w.left + leftW + gap;
  const rightW = w.width - leftW - gap;
  w.heading('Totals');
  // Columns sized to their widest figure, as a browser's table would: the labels get the rest.
  const rows = totalsRows(report);
  const bold = { size: 7.5, bold: true };
  const amountX = w.left + leftW - 2;
  const countX = amountX - Math.max(w.measure(c, bold), ...rows.map((r) => w.measure(r.amount, bold))) - 10;
  const labelW = countX - Math.max(w.measure('Count', bold), ...rows.map((r) => w.measure(String(r.count ?? ''), bold))) - 8 - w.left;
  w.text('Count', countX, w.y + 7, bold, { align: 'right' });
  w.text(c, amountX, w.y + 7, bold, { align: 'right' });
  w.y += 10;
  for (const r of rows) {
    const f = { size: 7.5, bold: r.style !== '' };
    const color = r.style === 'warn' ? COLOR.warn : COLOR.text;
    const lines = w.wrap(r.label, labelW, f);
    lines.forEach((l, n) => w.text(l, w.left + 2, w.y + 8 + n * 9, f, { color }));
    w.text(r.count === null ? '' : String(r.count), countX, w.y + 8, f, { color, align: 'right' });
    w.text(r.amount, amountX, w.y + 8, f, { color, align: 'right' });
    w.y += lines.length * 9 + 2.5;
    w.line(w.left, w.y, w.left + leftW, w.y, COLOR.rule, 0.5);
  }
  const leftEnd = w.y;

  w.y = top;
  w.heading('Sales by hour', 40, rightX);
  drawHourChart(w, report.byHour, c, { x: rightX, y: w.y, width: rightW, height: 130 });
  w.y += 134;
  const cashiers = cashierLines(report);
  if (cashiers.length) {
    w.y += 4;
    w.text('By cashier', rightX, w.y + 9, { size: 10, bold: true }, { color: COLOR.accent });
    w.y += 14;
    await drawTable(w, [{ title: 'Cashier', width: 60, wrap: true }, { title: 'Sales', width: 18, align: 'right' }, { title: `Amount (${c})`, width: 30, align: 'right' }],
      cashiers.map((x) => [x.cashier, String(x.count), x.amount]), { x: rightX, width: rightW });
  }
  const tills = tillLines(report);
  if (tills.length) {
    w.y += 4;
    w.text('By till', rightX, w.y + 9, { size: 10, bold: true }, { color: COLOR.accent });
    w.y += 14;
    await drawTable(w, [{ title: 'Till', width: 60, wrap: true }, { title: 'Sales', width: 18, align: 'right' }, { title: `Amount (${c})`, width: 30, align: 'right' }],
      tills.map((x) => [x.till, String(x.count), x.amount]), { x: rightX, width: rightW });
  }
  w.y = Math.max(w.y, leftEnd);

  const sales = saleLines(input);
  w.heading(`Sales (${sales.length})`);
  if (sales.length === 0) {
    w.text('No sales this day.', w.left, w.y + 8, { size: 7.5 }, { color: COLOR.muted });
    w.y += 12;
  } else await drawTable(w, SALE_COLUMNS, sales.map((s) => [s.time, s.id, { text: s.status, muted: s.failure }, s.cashier, s.amount, s.fee, s.net, s.refunded]));

  const refunds = refundLines(input);
  if (refunds.length) {
    w.heading('Refunds and voids made this day');
    await drawTable(w, [{ title: 'Time', width: 100 }, { title: 'Kind', width: 50 }, { title: 'Sale', width: 140, mono: true }, { title: 'Status', width: 80 }, { title: `Amount (${c})`, width: 80, align: 'right' }],
      refunds.map((r) => [r.time, r.kind, r.saleId, r.status, r.amount]));
  }
  return w.close();
}

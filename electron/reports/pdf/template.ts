// The day's report as one self-contained HTML page (inline CSS and SVG, every value escaped): the
// previous design, printed by Chromium. The app now draws the PDF itself (day-pdf.ts); this page is
// kept so `npm run bench -- reports` can measure the two side by side. Both read report-lines.ts.
import type { DayReport } from '../../../shared';
import type { DayData } from '../../core/store/index';
import { hourChartSvg } from './chart';
import { escapeHtml as e } from './escape';
import { cashierLines, headerOf, refundLines, saleLines, tillLines, totalsRows } from './report-lines';
import { REPORT_CSS } from './style';

export interface TemplateInput {
  readonly report: DayReport;
  readonly data: DayData;
}

export function reportHtml(input: TemplateInput): string {
  const { report, data } = input;
  const c = report.currency;
  const h = headerOf(report);
  const totals = totalsRows(report)
    .map((r) => `<tr class="${r.style}"><th>${e(r.label)}</th><td class="n">${r.count === null ? '' : r.count}</td><td class="n">${e(r.amount)}</td></tr>`)
    .join('');
  const byCashier = cashierLines(report);
  const cashiers = byCashier.length
    ? `<h2>By cashier</h2><table class="grid"><thead><tr><th>Cashier</th><th class="n">Sales</th><th class="n">Amount (${e(c)})</th></tr></thead><tbody>${byCashier
        .map((x) => `<tr><td>${e(x.cashier)}</td><td class="n">${x.count}</td><td class="n">${e(x.amount)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const byTill = tillLines(report);
  const tills = byTill.length
    ? `<h2>By till</h2><table class="grid"><thead><tr><th>Till</th><th class="n">Sales</th><th class="n">Amount (${e(c)})</th></tr></thead><tbody>${byTill
        .map((x) => `<tr><td>${e(x.till)}</td><td class="n">${x.count}</td><td class="n">${e(x.amount)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const sales = saleLines(input)
    .map((s) => `<tr><td>${e(s.time)}</td><td class="id">${e(s.id)}</td><td>${e(s.status)}${s.failure ? ` <span class="muted">· ${e(s.failure)}</span>` : ''}</td><td>${e(s.cashier)}</td><td class="n">${e(s.amount)}</td><td class="n">${e(s.fee)}</td><td class="n">${e(s.net)}</td><td class="n">${e(s.refunded)}</td></tr>`)
    .join('');
  const refundRows = refundLines(input);
  const refunds = refundRows.length
    ? `<h2>Refunds and voids made this day</h2><table class="grid"><thead><tr><th>Time</th><th>Kind</th><th>Sale</th><th>Status</th><th class="n">Amount (${e(c)})</th></tr></thead><tbody>${refundRows
        .map((r) => `<tr><td>${e(r.time)}</td><td>${r.kind}</td><td class="id">${e(r.saleId)}</td><td>${e(r.status)}</td><td class="n">${e(r.amount)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`${report.shopName} — ${report.day}`)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<header>
  <div><h1>${e(h.shop)}</h1><div class="muted">${e(h.terminal)}</div></div>
  <div class="right"><div class="kind">${e(h.kind)}</div><div class="day">${e(h.day)}</div>
  <div class="muted">${e(h.zone)}</div></div>
</header>
<p class="muted">${e(h.covers)}</p>
<section class="cols">
  <div><h2>Totals</h2><table class="totals"><thead><tr><th></th><th class="n">Count</th><th class="n">${e(c)}</th></tr></thead><tbody>${totals}</tbody></table></div>
  <div><h2>Sales by hour</h2>${hourChartSvg(report.byHour, c)}${cashiers}${tills}</div>
</section>
<h2>Sales (${data.sales.length})</h2>
<table class="grid"><thead><tr><th>Time</th><th>Sale</th><th>Status</th><th>Cashier</th><th class="n">Amount</th><th class="n">Fee</th><th class="n">Net</th><th class="n">Refunded</th></tr></thead>
<tbody>${sales || '<tr><td colspan="8" class="muted">No sales this day.</td></tr>'}</tbody></table>
${refunds}
</body></html>`;
}

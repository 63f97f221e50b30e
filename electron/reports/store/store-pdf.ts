// The store day report as HTML (one self-contained template, the day reports' print CSS) and as PDF
// through the existing PdfPrinter port (Electron's printToPDF in the app, Chromium in tests).
import { formatAmount } from '../../../shared';
import type { StoreDayReport, StoreFigures } from '../../../shared';
import { formatLocal } from '../../../shared';
import { ReportError } from '../errors';
import { escapeHtml as e } from '../pdf/escape';
import type { PdfPrinter } from '../pdf/printer';
import { REPORT_CSS } from '../pdf/style';

const EXTRA_CSS = `
.grid td.own { color: #2f6f5e; }
.grid tr.total td, .grid tr.total th { font-weight: 700; border-top: 2px solid #99a; background: #fff; }
.diff { color: #a33; font-weight: 700; }
`;

export function storeReportHtml(r: StoreDayReport): string {
  const amt = (n: number): string => e(formatAmount({ amount: n, currency: r.currency }));
  const cells = (f: StoreFigures): string =>
    [f.chargeCount, f.successfulCount, f.failedCount + f.expiredCount]
      .map((n) => `<td class="n">${n}</td>`)
      .concat([f.gross, f.refundAmount, f.voidAmount, f.fees + f.feeVat, f.net].map((n) => `<td class="n">${amt(n)}</td>`))
      .join('');
  const rows = r.terminals
    .map((t) => {
      const main = `<tr><td class="id">${e(t.terminalId)}${t.terminalId === r.terminalId ? ' (this terminal)' : ''}</td>${cells(t)}</tr>`;
      if (!t.own) return main;
      const o = t.own;
      const mark = (a: number, b: number, text: string): string => (a === b ? text : `<span class="diff">${text}</span>`);
      return `${main}<tr><td class="own">recorded here</td><td class="n own"></td><td class="n own">${mark(o.successfulCount, t.successfulCount, String(o.successfulCount))}</td><td class="n own"></td><td class="n own">${mark(o.gross, t.gross, amt(o.gross))}</td><td class="n own">${amt(o.refundAmount)}</td><td class="n own">${amt(o.voidAmount)}</td><td class="n own">${amt(o.fees + o.feeVat)}</td><td class="n own">${amt(o.net)}</td></tr>`;
    })
    .join('');
  const notes = [
    r.otherCurrencyCount ? `${r.otherCurrencyCount} charge(s) of this store in another currency are left out.` : '',
    `Refunds and voids are those of this day's charges, whenever made; "recorded here" counts the refunds this terminal made on this day.`,
    `${r.opnRequests} request(s) to Opn.`,
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`${r.shopName} — store ${r.storeId} — ${r.day}`)}</title>
<style>${REPORT_CSS}${EXTRA_CSS}</style></head>
<body>
<header>
  <div><h1>${e(r.shopName || 'KakaoPay Counter')}</h1><div class="muted">Store ${e(r.storeId)} · all terminals · from Opn</div></div>
  <div class="right"><div class="kind">Store day report</div><div class="day">${e(r.day)}</div><div class="muted">${e(r.timeZone)}</div></div>
</header>
<p class="muted">Charges created ${e(formatLocal(r.from, r.timeZone))} to ${e(formatLocal(r.to, r.timeZone))} (local; UTC ${e(r.from)} – ${e(r.to)}). Generated ${e(r.generatedAt)} by terminal ${e(r.terminalId)}. Amounts in ${e(r.currency)}.</p>
<h2>By terminal</h2>
<table class="grid"><thead><tr><th>Terminal</th><th class="n">Charges</th><th class="n">Paid</th><th class="n">Failed / expired</th><th class="n">Gross</th><th class="n">Refunds</th><th class="n">Voids</th><th class="n">Fees + VAT</th><th class="n">Net</th></tr></thead>
<tbody>${rows || '<tr><td colspan="9" class="muted">No charges of this store on this day.</td></tr>'}
<tr class="total"><th>Store total</th>${cells(r.totals)}</tr></tbody></table>
${notes.map((n) => `<p class="muted">${e(n)}</p>`).join('')}
</body></html>`;
}

export async function storeReportPdf(report: StoreDayReport, printer: PdfPrinter): Promise<Buffer> {
  try {
    return await printer.print(storeReportHtml(report));
  } catch (err) {
    if (err instanceof ReportError) throw err;
    throw new ReportError('print_failed', `Could not make the store report PDF: ${err instanceof Error ? err.message.split('\n')[0] : 'unknown error'}`, { reason: 'store_pdf' });
  }
}

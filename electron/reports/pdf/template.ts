// The ONE HTML template of the day's report. Self-contained (inline CSS and SVG, no external
// resource), so Electron's printToPDF and the test's Chromium print the same bytes of HTML.
// Every value is escaped; amounts are formatted from integer minor units at this edge only.
import type { Currency } from '../../../shared';
import { formatAmount } from '../../../shared';
import type { DayReport } from '../../../shared';
import { PAID_STATUSES, type FullDayTotals } from '../data/aggregate';
import { cashierTexts, failureText } from '../../../shared';
import { SALE_STATUSES, type SaleStatus } from '../../../shared';
import type { DayData } from '../../core/store/index';
import { formatLocal } from '../../../shared';
import { hourChartSvg } from './chart';
import { escapeHtml as e } from './escape';
import { REPORT_CSS } from './style';

const EN = cashierTexts('en');
const isSaleStatus = (v: string): v is SaleStatus => (SALE_STATUSES as readonly string[]).includes(v);
const REFUND_STATUS: Readonly<Record<string, string>> = { creating: 'In progress', succeeded: 'Done', failed: 'Failed' };

export interface TemplateInput {
  readonly report: DayReport;
  readonly data: DayData;
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function reportHtml({ report, data }: TemplateInput): string {
  const c = report.currency;
  const t = report.totals as FullDayTotals;
  const amt = (n: number | null): string => (n === null ? '' : e(formatAmount({ amount: n, currency: c })));
  const kind = report.zNumber ? `Z report #${report.zNumber}` : 'X report (day not closed)';
  const row = (label: string, count: number | null, amount: number | null, cls = ''): string =>
    `<tr class="${cls}"><th>${e(label)}</th><td class="n">${count === null ? '' : count}</td><td class="n">${amount === null ? '' : amt(amount)}</td></tr>`;

  const totals = [
    row('Successful sales (gross)', t.successfulCount, t.gross, 'strong'),
    row('Opn fees', null, t.fees),
    row('Fee VAT', null, t.feeVat),
    row('Net after fees', null, t.net, 'strong'),
    row('Refunds (this day)', t.refundCount, t.refundAmount),
    row('Voids (this day)', t.voidCount, t.voidAmount),
    row('Net collected (gross − refunds − voids)', null, t.netCollected, 'strong'),
    row('Net settlement (net − refunds − voids)', null, t.netSettlement),
    row('Failed', t.failedCount, null),
    row('Expired', t.expiredCount, null),
    row('Cancelled', t.cancelledCount, null),
    ...(t.reversedCount ? [row('Reversed (manual capture released)', t.reversedCount, null)] : []),
    ...(t.authorizedCount ? [row('Authorized, not captured', t.authorizedCount, null)] : []),
    ...(t.attentionCount ? [row('Needs attention', t.attentionCount, null, 'warn')] : []),
    ...(t.openCount ? [row('Still open (creating/pending)', t.openCount, null, 'warn')] : []),
  ].join('');

  const cashiers = report.byCashier.length
    ? `<h2>By cashier</h2><table class="grid"><thead><tr><th>Cashier</th><th class="n">Sales</th><th class="n">Amount (${e(c)})</th></tr></thead><tbody>${report.byCashier
        .map((x) => `<tr><td>${e(x.cashier)}</td><td class="n">${x.count}</td><td class="n">${amt(x.amount)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  // POS link: paid sales per till that asked for them.
  const tills = report.byTill?.length
    ? `<h2>By till</h2><table class="grid"><thead><tr><th>Till</th><th class="n">Sales</th><th class="n">Amount (${e(c)})</th></tr></thead><tbody>${report.byTill
        .map((x) => `<tr><td>${e(x.till)}</td><td class="n">${x.count}</td><td class="n">${amt(x.amount)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';

  const sales = data.sales
    .map((s) => {
      const sc = s.currency as Currency;
      const m = (n: number | null): string => (n === null ? '' : e(formatAmount({ amount: n, currency: sc })));
      // Fee and net only where Opn collected money; statuses and failures in words, not codes.
      const paid = PAID_STATUSES.has(s.status);
      const status = isSaleStatus(s.status) ? EN.status[s.status] : s.status;
      return `<tr><td>${e(formatLocal(s.created_at, report.timeZone).slice(11))}</td><td class="id">${e(s.id)}</td><td>${e(status)}${s.failure_code ? ` <span class="muted">· ${e(failureText(s.failure_code, 'en'))}</span>` : ''}</td><td>${e(s.cashier ?? '')}${s.till_name ? ` <span class="muted">${e(s.till_name)} · ${e(s.till_ref ?? '')}</span>` : ''}</td><td class="n">${m(s.amount)}</td><td class="n">${paid ? m(s.fee) : ''}</td><td class="n">${paid ? m(s.net) : ''}</td><td class="n">${s.refunded_amount ? m(s.refunded_amount) : ''}</td></tr>`;
    })
    .join('');

  const refunds = data.refunds.length
    ? `<h2>Refunds and voids made this day</h2><table class="grid"><thead><tr><th>Time</th><th>Kind</th><th>Sale</th><th>Status</th><th class="n">Amount (${e(c)})</th></tr></thead><tbody>${data.refunds
        .map((r) => `<tr><td>${e(formatLocal(r.created_at, report.timeZone))}</td><td>${r.voided ? 'Void' : 'Refund'}</td><td class="id">${e(r.sale_id)}</td><td>${e(REFUND_STATUS[r.status] ?? r.status)}</td><td class="n">${e(formatAmount({ amount: r.amount, currency: r.currency as Currency }))}</td></tr>`)
        .join('')}</tbody></table>`
    : '';

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`${report.shopName} — ${report.day}`)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<header>
  <div><h1>${e(report.shopName || 'KakaoPay Counter')}</h1><div class="muted">Terminal ${e(report.terminalId)}</div></div>
  <div class="right"><div class="kind">${e(kind)}</div><div class="day">${e(report.day)}</div>
  <div class="muted">${e(report.timeZone)}, day starts ${e(hhmm(report.dayStartMinutes ?? 0))}</div></div>
</header>
<p class="muted">Covers ${e(formatLocal(report.from, report.timeZone))} to ${e(formatLocal(report.to, report.timeZone))} (local; UTC ${e(report.from)} – ${e(report.to)}). Generated ${e(report.generatedAt)}. Amounts in ${e(c)}.</p>
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

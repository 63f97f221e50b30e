// What the day's PDF says, as data: header words, totals rows, one row of cells per sale and per
// refund. The drawn PDF (day-pdf.ts) and the HTML of the previous design (template.ts) both read it,
// so the two can never say different things. Amounts are formatted from integer minor units here.
import type { Currency, DayReport, SaleStatus } from '../../../shared';
import { cashierTexts, failureText, formatAmount, formatLocal, SALE_STATUSES } from '../../../shared';
import type { DayData } from '../../core/store/index';
import { PAID_STATUSES, type FullDayTotals } from '../data/aggregate';

const EN = cashierTexts('en');
const isSaleStatus = (v: string): v is SaleStatus => (SALE_STATUSES as readonly string[]).includes(v);
const REFUND_STATUS: Readonly<Record<string, string>> = { creating: 'In progress', succeeded: 'Done', failed: 'Failed' };

export interface ReportInput {
  readonly report: DayReport;
  readonly data: DayData;
}

export interface TotalsRow {
  readonly label: string;
  readonly count: number | null;
  /** Formatted amount, or '' when the row has none. */
  readonly amount: string;
  readonly style: '' | 'strong' | 'warn';
}

export interface SaleLine {
  readonly time: string;
  readonly id: string;
  readonly status: string;
  /** The failure in words, shown muted after the status. */
  readonly failure: string;
  readonly cashier: string;
  readonly amount: string;
  readonly fee: string;
  readonly net: string;
  readonly refunded: string;
}

export interface RefundLine {
  readonly time: string;
  readonly kind: 'Void' | 'Refund';
  readonly saleId: string;
  readonly status: string;
  readonly amount: string;
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const money = (n: number | null, currency: Currency): string => (n === null ? '' : formatAmount({ amount: n, currency }));

export function headerOf(report: DayReport): { shop: string; terminal: string; kind: string; day: string; zone: string; covers: string } {
  return {
    shop: report.shopName || 'KakaoPay Counter',
    terminal: `Terminal ${report.terminalId}`,
    kind: report.zNumber ? `Z report #${report.zNumber}` : 'X report (day not closed)',
    day: report.day,
    zone: `${report.timeZone}, day starts ${hhmm(report.dayStartMinutes ?? 0)}`,
    covers: `Covers ${formatLocal(report.from, report.timeZone)} to ${formatLocal(report.to, report.timeZone)} (local; UTC ${report.from} – ${report.to}). Generated ${report.generatedAt}. Amounts in ${report.currency}.`,
  };
}

export function totalsRows(report: DayReport): TotalsRow[] {
  const t = report.totals as FullDayTotals;
  const row = (label: string, count: number | null, amount: number | null, style: TotalsRow['style'] = ''): TotalsRow => ({ label, count, amount: money(amount, report.currency), style });
  return [
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
  ];
}

export function cashierLines(report: DayReport): { cashier: string; count: number; amount: string }[] {
  return report.byCashier.map((x) => ({ cashier: x.cashier, count: x.count, amount: money(x.amount, report.currency) }));
}

/** Paid sales per till (POS link); empty when no till asked for a sale that day. */
export function tillLines(report: DayReport): { till: string; count: number; amount: string }[] {
  return (report.byTill ?? []).map((x) => ({ till: x.till, count: x.count, amount: money(x.amount, report.currency) }));
}

export function saleLines({ report, data }: ReportInput): SaleLine[] {
  return data.sales.map((s) => {
    const c = s.currency as Currency;
    // Fee and net only where Opn collected money; statuses and failures in words, not codes.
    const paid = PAID_STATUSES.has(s.status);
    return {
      time: formatLocal(s.created_at, report.timeZone).slice(11),
      id: s.id,
      status: isSaleStatus(s.status) ? EN.status[s.status] : s.status,
      failure: s.failure_code ? failureText(s.failure_code, 'en') : '',
      // A till's sale names the till and its reference beside the cashier (POS link).
      cashier: [s.cashier ?? '', s.till_name ? `${s.till_name} · ${s.till_ref ?? ''}` : ''].filter((x) => x !== '').join(' · '),
      amount: money(s.amount, c),
      fee: paid ? money(s.fee, c) : '',
      net: paid ? money(s.net, c) : '',
      refunded: s.refunded_amount ? money(s.refunded_amount, c) : '',
    };
  });
}

export function refundLines({ report, data }: ReportInput): RefundLine[] {
  return data.refunds.map((r) => ({
    time: formatLocal(r.created_at, report.timeZone),
    kind: r.voided ? 'Void' : 'Refund',
    saleId: r.sale_id,
    status: REFUND_STATUS[r.status] ?? r.status,
    amount: money(r.amount, r.currency as Currency),
  }));
}

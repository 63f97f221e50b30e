// The three CSV files of a day: summary (one row per day, so several days paste into one sheet),
// line-per-sale (sales of the day, then refunds and voids made that day, each on its own date), and
// the reconciliation with Opn.
import type { Currency } from '../../../shared';
import { toDecimalString } from '../../../shared';
import type { DayReport, ReconciliationResult } from '../../../shared';
import { PAID_STATUSES, type FullDayTotals } from '../data/aggregate';
import type { DayData } from '../../core/store/index';
import { localFormatter } from '../../../shared';
import type { CsvColumn, CsvRecord } from './csv';
import { toCsv } from './csv';

const cols = <K extends string>(keys: readonly K[]): CsvColumn<K>[] => keys.map((key) => ({ key, header: key }));

export const SUMMARY_COLUMNS = cols([
  'business_date', 'time_zone', 'day_start', 'from_utc', 'to_utc', 'shop', 'terminal_id', 'z_number', 'currency',
  'successful_count', 'gross', 'fees', 'fee_vat', 'net', 'refund_count', 'refunds', 'void_count', 'voids',
  'net_collected', 'net_settlement', 'failed_count', 'expired_count', 'cancelled_count', 'reversed_count',
  'authorized_count', 'needs_attention_count', 'open_count', 'fee_unknown_count', 'generated_at_utc',
] as const);
export type SummaryKey = (typeof SUMMARY_COLUMNS)[number]['key'];

export const SALES_COLUMNS = cols([
  'local_time', 'utc_time', 'kind', 'sale_id', 'charge_id', 'refund_id', 'status', 'amount', 'currency',
  'fee', 'fee_vat', 'net', 'refunded', 'failure_code', 'cashier', 'till', 'till_ref',
] as const);
export type SalesKey = (typeof SALES_COLUMNS)[number]['key'];

export const RECONCILIATION_COLUMNS = cols(['business_date', 'kind', 'sale_id', 'charge_id', 'here', 'opn', 'detail'] as const);
export type ReconciliationKey = (typeof RECONCILIATION_COLUMNS)[number]['key'];

const money = (amount: number | null, currency: Currency): string => (amount === null ? '' : toDecimalString(amount, currency));

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function summaryRecords(report: DayReport): CsvRecord<SummaryKey>[] {
  const t = report.totals as FullDayTotals;
  const c = report.currency;
  const n = (v: number | undefined): string => String(v ?? 0);
  return [{
    business_date: report.day, time_zone: report.timeZone, day_start: hhmm(report.dayStartMinutes ?? 0),
    from_utc: report.from, to_utc: report.to, shop: report.shopName, terminal_id: report.terminalId,
    z_number: report.zNumber ? String(report.zNumber) : '', currency: c,
    successful_count: n(t.successfulCount), gross: money(t.gross, c), fees: money(t.fees, c), fee_vat: money(t.feeVat, c),
    net: money(t.net, c), refund_count: n(t.refundCount), refunds: money(t.refundAmount, c), void_count: n(t.voidCount),
    voids: money(t.voidAmount, c), net_collected: money(t.netCollected ?? 0, c), net_settlement: money(t.netSettlement ?? 0, c),
    failed_count: n(t.failedCount), expired_count: n(t.expiredCount), cancelled_count: n(t.cancelledCount),
    reversed_count: n(t.reversedCount), authorized_count: n(t.authorizedCount), needs_attention_count: n(t.attentionCount),
    open_count: n(t.openCount), fee_unknown_count: n(t.feeUnknownCount), generated_at_utc: report.generatedAt,
  }];
}

export function salesRecords(data: DayData, timeZone: string): CsvRecord<SalesKey>[] {
  const out: CsvRecord<SalesKey>[] = [];
  const formatLocal = localFormatter(timeZone);
  for (const s of data.sales) {
    const c = s.currency as Currency;
    // Opn takes a fee only on money it collected: a failed, expired or cancelled sale has none.
    const paid = PAID_STATUSES.has(s.status);
    out.push({
      local_time: formatLocal(s.created_at), utc_time: s.created_at, kind: 'sale', sale_id: s.id,
      charge_id: s.charge_id ?? '', refund_id: '', status: s.status, amount: money(s.amount, c), currency: c,
      fee: paid ? money(s.fee, c) : '', fee_vat: paid ? money(s.fee_vat, c) : '', net: paid ? money(s.net, c) : '', refunded: money(s.refunded_amount, c),
      failure_code: s.failure_code ?? '', cashier: s.cashier ?? '', till: s.till_name ?? '', till_ref: s.till_ref ?? '',
    });
  }
  for (const r of data.refunds) {
    const c = r.currency as Currency;
    out.push({
      local_time: formatLocal(r.created_at), utc_time: r.created_at, kind: r.voided === 1 ? 'void' : 'refund',
      sale_id: r.sale_id, charge_id: r.charge_id, refund_id: r.id, status: r.status, amount: '', currency: c,
      fee: '', fee_vat: '', net: '', refunded: money(r.amount, c), failure_code: '', cashier: '', till: '', till_ref: '',
    });
  }
  return out;
}

export function reconciliationRecords(result: ReconciliationResult): CsvRecord<ReconciliationKey>[] {
  return result.mismatches.map((m) => ({
    business_date: result.day, kind: m.kind, sale_id: m.saleId ?? '', charge_id: m.chargeId ?? '',
    here: m.here ?? '', opn: m.opn ?? '', detail: m.detail ?? '',
  }));
}

export const summaryCsv = (report: DayReport): string => toCsv(SUMMARY_COLUMNS, summaryRecords(report));
export const salesCsv = (data: DayData, timeZone: string): string => toCsv(SALES_COLUMNS, salesRecords(data, timeZone));
export const reconciliationCsv = (result: ReconciliationResult): string => toCsv(RECONCILIATION_COLUMNS, reconciliationRecords(result));

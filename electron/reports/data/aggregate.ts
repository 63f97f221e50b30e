// Turns one day's rows into the figures of a DayReport. Pure: no database, no clock.
//
// Classification (documented in docs/reports.md):
// - "successful" = every sale of the day the customer paid and that was captured: statuses
//   successful, partially_refunded, refunded and voided. A later refund or void does not remove the
//   sale from its day; it appears as a refund/void on the refund's own day (so a closed Z never moves).
// - refunds and voids: refund rows of the day with status 'succeeded', split by `voided`.
// - gross = successful amount; fees / feeVat / net = sums of Opn's fee, fee_vat, net of those sales;
//   netCollected = gross − refunds − voids; netSettlement = net − refunds − voids.
import type { Currency } from '../../../shared';
import type { DayTotals } from '../../../shared';
import { localHourOf } from '../../../shared';
import type { DayData, ReportSaleRow } from '../../core/store/index';

export type FullDayTotals = Required<DayTotals>;

export const PAID_STATUSES: ReadonlySet<string> = new Set(['successful', 'partially_refunded', 'refunded', 'voided']);

export interface Aggregate {
  readonly totals: FullDayTotals;
  readonly byHour: { hour: number; count: number; amount: number }[];
  readonly byCashier: { cashier: string; count: number; amount: number }[];
  /** Paid sales per till (POS link), by the till's name; empty when no till asked for a sale that day. */
  readonly byTill: { till: string; count: number; amount: number }[];
  readonly otherCurrencyCount: number;
}

export function isPaid(s: ReportSaleRow): boolean {
  return PAID_STATUSES.has(s.status);
}

export function aggregateDay(data: DayData, currency: Currency, timeZone: string, dayStartMinutes: number): Aggregate {
  const t = {
    successfulCount: 0, successfulAmount: 0, failedCount: 0, expiredCount: 0, cancelledCount: 0,
    refundCount: 0, refundAmount: 0, voidCount: 0, voidAmount: 0, gross: 0, fees: 0, feeVat: 0, net: 0,
    openCount: 0, authorizedCount: 0, reversedCount: 0, attentionCount: 0, netCollected: 0, netSettlement: 0,
    feeUnknownCount: 0,
  };
  const startHour = Math.floor(dayStartMinutes / 60);
  // Buckets in business-day order: a day starting at 04:00 runs 04, 05, … 23, 00, … 03.
  const byHour = Array.from({ length: 24 }, (_, i) => ({ hour: (startHour + i) % 24, count: 0, amount: 0 }));
  const hourIndex = (hour: number): number => (hour - startHour + 24) % 24;
  const hourOf = localHourOf(timeZone);
  const cashiers = new Map<string, { cashier: string; count: number; amount: number }>();
  const tills = new Map<string, { till: string; count: number; amount: number }>();
  let otherCurrencyCount = 0;

  for (const s of data.sales) {
    if (s.currency !== currency) {
      otherCurrencyCount++;
      continue;
    }
    switch (s.status) {
      case 'failed': t.failedCount++; continue;
      case 'expired': t.expiredCount++; continue;
      case 'cancelled': t.cancelledCount++; continue;
      case 'reversed': t.reversedCount++; continue;
      case 'authorized': t.authorizedCount++; continue;
      case 'needs_attention': t.attentionCount++; continue;
      case 'creating':
      case 'pending': t.openCount++; continue;
      default: break;
    }
    if (!isPaid(s)) continue;
    t.successfulCount++;
    t.successfulAmount += s.amount;
    if (s.fee === null) t.feeUnknownCount++;
    const fee = s.fee ?? 0;
    const feeVat = s.fee_vat ?? 0;
    t.fees += fee;
    t.feeVat += feeVat;
    t.net += s.net ?? s.amount - fee - feeVat;
    const bucket = byHour[hourIndex(hourOf(s.created_at))];
    if (bucket) {
      bucket.count++;
      bucket.amount += s.amount;
    }
    if (s.cashier) {
      const c = cashiers.get(s.cashier) ?? { cashier: s.cashier, count: 0, amount: 0 };
      c.count++;
      c.amount += s.amount;
      cashiers.set(s.cashier, c);
    }
    if (s.till_name) {
      const c = tills.get(s.till_name) ?? { till: s.till_name, count: 0, amount: 0 };
      c.count++;
      c.amount += s.amount;
      tills.set(s.till_name, c);
    }
  }
  for (const r of data.refunds) {
    if (r.status !== 'succeeded' || r.currency !== currency) continue;
    if (r.voided === 1) {
      t.voidCount++;
      t.voidAmount += r.amount;
    } else {
      t.refundCount++;
      t.refundAmount += r.amount;
    }
  }
  t.gross = t.successfulAmount;
  t.netCollected = t.gross - t.refundAmount - t.voidAmount;
  t.netSettlement = t.net - t.refundAmount - t.voidAmount;
  const byCashier = [...cashiers.values()].sort((a, b) => a.cashier.localeCompare(b.cashier));
  const byTill = [...tills.values()].sort((a, b) => a.till.localeCompare(b.till));
  return { totals: t, byHour, byCashier, byTill, otherCurrencyCount };
}

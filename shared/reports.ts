// Report shapes shared by the main process (which computes them) and the Reports screen.
import type { Currency } from './money/currency';
import type { IsoUtc, SaleStatus } from './domain';

export interface DayTotals {
  readonly successfulCount: number;
  readonly successfulAmount: number;
  readonly failedCount: number;
  readonly expiredCount: number;
  readonly cancelledCount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
  readonly voidCount: number;
  readonly voidAmount: number;
  readonly gross: number;
  readonly fees: number;
  readonly feeVat: number;
  readonly net: number;
  // Added by the reports engineer (additive):
  /** Sales of the day still open (creating/pending) — a Z report refuses to close while any exist. */
  readonly openCount?: number;
  /** Manual-capture sales paid by the customer but not yet captured. */
  readonly authorizedCount?: number;
  readonly reversedCount?: number;
  readonly attentionCount?: number;
  /** gross − refunds − voids: what the day collected, corrections on their own day. */
  readonly netCollected?: number;
  /** net (after Opn's fee and fee VAT) − refunds − voids: what should reach the bank for this day. */
  readonly netSettlement?: number;
  /** Paid sales whose fee is not known yet (counted as 0 in fees). */
  readonly feeUnknownCount?: number;
}

/** Why a Z report cannot close a day (one line each; the window words it from `kind` and the figures). */
export interface ZBlocker {
  readonly kind: 'open_sale' | 'needs_attention' | 'refund_in_flight' | 'relay_unacked' | 'day_not_over' | 'already_closed';
  readonly saleId: string | null;
  /** day_not_over: when the business day ends (UTC). */
  readonly until?: IsoUtc;
  /** already_closed: the Z report's number. */
  readonly zNumber?: number;
  /** open_sale: the sale's status. */
  readonly status?: SaleStatus;
  /** relay_unacked: events the relay holds; null = unknown (the link is down). */
  readonly count?: number | null;
  /** English, for the log and the PDF of a refusal; never shown by a window. */
  readonly detail: string;
}

export interface DayReport {
  readonly day: string; // YYYY-MM-DD in the shop's zone
  readonly timeZone: string;
  readonly from: IsoUtc; // inclusive
  readonly to: IsoUtc; // exclusive
  readonly currency: Currency;
  readonly shopName: string;
  readonly terminalId: string;
  readonly totals: DayTotals;
  /** 24 buckets by local hour of the business day: count and amount of successful sales. */
  readonly byHour: readonly { readonly hour: number; readonly count: number; readonly amount: number }[];
  readonly byCashier: readonly { readonly cashier: string; readonly count: number; readonly amount: number }[];
  readonly generatedAt: IsoUtc;
  /** Paid sales per till (POS link), by the till's name (additive; absent when no till sale that day). */
  readonly byTill?: readonly { readonly till: string; readonly count: number; readonly amount: number }[];
  // Added by the reports engineer (additive):
  /** Start of the business day, minutes after local midnight. */
  readonly dayStartMinutes?: number;
  /** The Z report number when this day is closed, else null. */
  readonly zNumber?: number | null;
  /** What would stop a Z report from closing this day now (empty when it can close). */
  readonly blockers?: readonly ZBlocker[];
  /** Sales of the day in another currency than the report's (left out of every total). */
  readonly otherCurrencyCount?: number;
}

export interface ZReportSummary {
  readonly number: number;
  readonly day: string;
  readonly closedAt: IsoUtc;
  readonly report: DayReport;
}

export interface ReconciliationMismatch {
  readonly kind: 'missing_here' | 'missing_at_opn' | 'status_differs' | 'amount_differs';
  readonly chargeId: string | null;
  readonly saleId: string | null;
  readonly here: string | null;
  readonly opn: string | null;
  /** One plain sentence for the log and the CSV (additive; English, never shown by a window). */
  readonly detail?: string;
  /** Each side as figures, for the window to word (additive): a status, an amount, a refunded amount. */
  readonly hereSide?: MismatchSide;
  readonly opnSide?: MismatchSide;
}

/** One side of a reconciliation difference: a sale's or charge's status (a SaleStatus or Opn's), money, or another charge id. */
export interface MismatchSide {
  readonly status?: string;
  /** Opn has the charge pending without an authorization. */
  readonly notAuthorized?: boolean;
  readonly amount?: number;
  readonly refunded?: number;
  readonly currency?: string;
  readonly chargeId?: string;
}

export interface ReconciliationResult {
  readonly day: string;
  readonly checkedCharges: number;
  readonly checkedSales: number;
  readonly mismatches: readonly ReconciliationMismatch[];
  // Added by the reports engineer (additive):
  readonly from?: IsoUtc;
  readonly to?: IsoUtc;
  readonly matched?: number;
  /** Charges in the window made by other terminals on the same Opn account (ignored). */
  readonly otherTerminalCharges?: number;
  readonly generatedAt?: IsoUtc;
}

export interface ReportExport {
  readonly fileName: string;
  readonly mimeType: string;
  /** Where the main process wrote the file (Electron), or a download URL (browser mode). */
  readonly location: string;
  readonly bytes: number;
  /** Browser mode: the download URL works until then (ISO UTC); the file stays in `savedTo`. */
  readonly availableUntil?: string;
  /** The file on the terminal's disk (in the data folder's exports/), for a manager to find later. */
  readonly savedTo?: string;
}

// Report shapes shared by the main process (which computes them) and the Reports screen.
import type { Currency } from './money/currency';
import type { IsoUtc } from './domain';

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
}

export interface ReconciliationResult {
  readonly day: string;
  readonly checkedCharges: number;
  readonly checkedSales: number;
  readonly mismatches: readonly ReconciliationMismatch[];
}

export interface ReportExport {
  readonly fileName: string;
  readonly mimeType: string;
  /** Where the main process wrote the file (Electron), or a one-time download URL (browser mode). */
  readonly location: string;
  readonly bytes: number;
}

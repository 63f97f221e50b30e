// The store's day report: every terminal of one store, from Opn's charge list (metadata.store_id),
// beside this terminal's own figures where it has them.
import type { IsoUtc } from './domain';
import type { Currency } from './money/currency';

export interface StoreFigures {
  /** Charges created in the day's window (any status). */
  readonly chargeCount: number;
  readonly successfulCount: number;
  readonly failedCount: number;
  readonly expiredCount: number;
  readonly pendingCount: number;
  readonly reversedCount: number;
  /** Sum of successful charges' amounts. */
  readonly gross: number;
  readonly refundCount: number;
  readonly refundAmount: number;
  readonly voidCount: number;
  readonly voidAmount: number;
  readonly fees: number;
  readonly feeVat: number;
  /** gross − fees − fee VAT − refunds − voids: what should reach the bank for these charges. */
  readonly net: number;
}

/** This terminal's own record of the day (from its receipt log), shown beside Opn's. */
export type OwnFigures = Pick<StoreFigures, 'successfulCount' | 'gross' | 'refundCount' | 'refundAmount' | 'voidCount' | 'voidAmount' | 'fees' | 'feeVat' | 'net'>;

export interface StoreTerminalRow extends StoreFigures {
  readonly terminalId: string;
  /** Present only for the terminal that made the report. */
  readonly own: OwnFigures | null;
}

export interface StoreDayReport {
  readonly day: string;
  readonly timeZone: string;
  readonly dayStartMinutes: number;
  readonly from: IsoUtc;
  readonly to: IsoUtc;
  readonly storeId: string;
  readonly shopName: string;
  readonly currency: Currency;
  /** The terminal that made the report. */
  readonly terminalId: string;
  readonly terminals: readonly StoreTerminalRow[];
  readonly totals: StoreFigures;
  /** Charges of the store with no terminal_id in metadata are grouped under this id. */
  readonly unknownTerminalId: string;
  /** Charges of the store in another currency (left out of every total). */
  readonly otherCurrencyCount: number;
  /** Charges in the window that belong to other stores of the account (ignored). */
  readonly otherStoreCount: number;
  /** GET requests made to Opn for this report. */
  readonly opnRequests: number;
  /** Charges of the day's window taken from the store report cache instead of Opn (0 without a cache). */
  readonly cachedCharges: number;
  readonly generatedAt: IsoUtc;
}

export interface StoreReportProgress {
  readonly page: number;
  readonly fetched: number;
  readonly total: number;
}

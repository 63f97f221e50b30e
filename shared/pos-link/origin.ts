// Where a sale came from when a till (POS link) asked for it. The single shape the core stores on the sale
// (receipt-log migration 006), the screens show ("From Till 1 · ref A-1042", the cart on the customer
// display), and receipts, CSV/PDF and X/Z print. A sale typed by the cashier has no origin (null).
import type { Currency } from '../money/currency';

/** One line of the till's cart, shown above the QR. Money in minor units of the sale's currency. */
export interface PosLineItem {
  readonly name: string;
  readonly quantity: number;
  /** Price of one unit, minor units. */
  readonly unitAmount: number;
}

export interface SaleOrigin {
  readonly source: 'pos';
  /** The paired key's id (not the key) and the name the manager gave it at pairing ("Till 1"). */
  readonly tillId: string;
  readonly tillName: string;
  /** The till's own reference for this payment (its order or ticket number). */
  readonly referenceId: string;
  readonly note: string | null;
  readonly lineItems: readonly PosLineItem[];
}

/** What the core's startSale takes besides amount and currency when a till starts the sale. */
export interface PosSaleRequest {
  readonly amount: number;
  readonly currency: Currency;
  readonly origin: SaleOrigin;
}

// Domain types shared by the main process, the renderer, the forwarder and the sandbox.
import type { Currency } from './money/currency';
import type { DisplayLanguage } from './settings';
import type { PosLineItem, SaleOrigin } from './pos-link/origin';

/** ISO-8601 UTC timestamp, e.g. "2026-11-27T03:04:05.000Z". */
export type IsoUtc = string;

export const SALE_STATUSES = [
  'creating', // row committed, charge not yet known to exist
  'pending', // charge created, waiting for the customer
  'authorized', // manual capture: paid by the customer, not yet captured
  'successful',
  'failed',
  'expired',
  'cancelled',
  'reversed', // manual capture released
  'partially_refunded',
  'refunded',
  'voided',
  'needs_attention', // money moved when it should not have (e.g. paid after cancel)
] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

/** States in which money may still move without the cashier doing anything. */
export const OPEN_SALE_STATUSES: readonly SaleStatus[] = ['creating', 'pending'];

export interface Sale {
  readonly id: string;
  readonly terminalId: string;
  readonly storeId: string;
  readonly cashier: string | null;
  readonly amount: number;
  readonly currency: Currency;
  readonly status: SaleStatus;
  /** false when the shop uses manual capture (charge created with capture=false). */
  readonly capture: boolean;
  readonly chargeId: string | null;
  readonly authorizeUri: string | null;
  readonly expiresAt: IsoUtc | null;
  readonly createdAt: IsoUtc;
  readonly updatedAt: IsoUtc;
  readonly paidAt: IsoUtc | null;
  readonly fee: number | null;
  readonly feeVat: number | null;
  readonly net: number | null;
  readonly refundedAmount: number;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  /** Why a sale needs the cashier's attention, in plain words. */
  readonly attentionReason: string | null;
  /** A second charge Opn created for this sale (a late request): expired, or refunded by this id. */
  readonly secondChargeId?: string | null;
  /** The till that asked for this sale through the POS link; null or absent when typed by the cashier. */
  readonly origin?: SaleOrigin | null;
}

export type RefundStatus = 'creating' | 'succeeded' | 'failed';
/** 'terminal': asked by this terminal; 'opn': made at Opn (dashboard, another system) and found by the terminal. */
export type RefundOrigin = 'terminal' | 'opn';

export interface Refund {
  readonly id: string;
  readonly saleId: string;
  readonly chargeId: string;
  readonly opnRefundId: string | null;
  readonly amount: number;
  readonly currency: Currency;
  /** true when Opn performed it as a void (inside the void window). */
  readonly voided: boolean;
  readonly status: RefundStatus;
  readonly createdAt: IsoUtc;
  readonly origin: RefundOrigin;
}

/** A sale with everything the detail screen and a printed receipt need. */
export interface Receipt {
  readonly sale: Sale;
  readonly refunds: readonly Refund[];
  readonly shopName: string;
}

export type LinkState = 'connected' | 'connecting' | 'reconnecting' | 'stale' | 'offline';

export interface LinkStatus {
  readonly state: LinkState;
  /** True while open sales are being polled because the relay cannot be trusted. */
  readonly polling: boolean;
  readonly lastEventAt: IsoUtc | null;
  readonly detail: string | null;
}

/** The till's basket as the customer sees it: its lines (quantity × unit price) and the till's note. */
export interface DisplayCart {
  readonly lines: readonly PosLineItem[];
  readonly note: string | null;
}

/** What the customer-facing display shows; it renders nothing it was not told. */
export type CustomerDisplayState = (
  | { readonly screen: 'idle'; readonly shopName: string }
  | {
      readonly screen: 'pending';
      readonly shopName: string;
      readonly saleId: string;
      readonly amount: number;
      readonly currency: Currency;
      readonly authorizeUri: string;
      readonly expiresAt: IsoUtc;
      /** 'hosted': KakaoPay's checkout page at authorizeUri; 'qr': our QR of that link (additive; absent = 'qr'). */
      readonly checkout?: 'hosted' | 'qr';
      /** The QR validity the countdown bar is measured against, in ms (additive). */
      readonly validityMs?: number;
      /** A till's cart (POS link), shown beside the QR (additive; absent for a typed sale or an empty cart). */
      readonly cart?: DisplayCart;
    }
  | {
      readonly screen: 'paid' | 'failed' | 'expired' | 'cancelled';
      readonly shopName: string;
      readonly saleId: string;
      readonly amount: number;
      readonly currency: Currency;
      readonly failureCode: string | null;
    }
) & {
  /** Languages the shop chose for the customer display, in order (additive; absent means ko + en). */
  readonly languages?: readonly DisplayLanguage[];
  /** Live with Opn test keys: no real money is taken, the display says so (additive; absent = false). */
  readonly testMode?: boolean;
};

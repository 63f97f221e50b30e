// Groups a business day's charges of one store by terminal. Pure: no network, no clock.
// Works on the report's own record of a charge (StoreCharge), whether just listed or from the cache.
//
// Rules (docs/receipts.md, "Store day report"):
// - a charge belongs to the day of its created_at; only charges whose metadata.store_id is the store;
// - successful = Opn status 'successful' (a later refund or void does not remove it from gross);
// - refunds and voids = the refunds Opn lists on those charges (voided → void), whenever made;
// - fees / fee VAT = Opn's fee and fee_vat of the successful charges;
// - net = gross − fees − fee VAT − refunds − voids.
import type { Currency } from '../../../shared';
import type { StoreFigures } from '../../../shared';
import type { ChargeGroup, StoreCharge, StoreRefund } from './cache';

export const UNKNOWN_TERMINAL = '(no terminal id)';

export type MutableFigures = { -readonly [K in keyof StoreFigures]: StoreFigures[K] };

export const emptyFigures = (): MutableFigures => ({
  chargeCount: 0,
  successfulCount: 0,
  failedCount: 0,
  expiredCount: 0,
  pendingCount: 0,
  reversedCount: 0,
  gross: 0,
  refundCount: 0,
  refundAmount: 0,
  voidCount: 0,
  voidAmount: 0,
  fees: 0,
  feeVat: 0,
  net: 0,
});

/** Adds one charge (with its complete refund list) to the figures. */
export function addCharge(f: MutableFigures, charge: Pick<StoreCharge, 'status' | 'amount' | 'fee' | 'feeVat'>, refunds: readonly Pick<StoreRefund, 'status' | 'voided' | 'amount'>[]): void {
  f.chargeCount++;
  switch (charge.status) {
    case 'successful':
      f.successfulCount++;
      f.gross += charge.amount;
      // Tolerant: an answer without fee figures counts them as 0 (the fee is Opn's to report).
      f.fees += charge.fee ?? 0;
      f.feeVat += charge.feeVat ?? 0;
      break;
    case 'failed':
      f.failedCount++;
      break;
    case 'expired':
      f.expiredCount++;
      break;
    case 'pending':
      f.pendingCount++;
      break;
    case 'reversed':
      f.reversedCount++;
      break;
    default: {
      const never: never = charge.status;
      void never;
    }
  }
  for (const r of refunds) {
    // Opn's refunds are 'closed' (done) or 'pending'; both are money the shop gives back. Only a failed one is not.
    if (r.status === 'failed') continue;
    if (r.voided) {
      f.voidCount++;
      f.voidAmount += r.amount;
    } else {
      f.refundCount++;
      f.refundAmount += r.amount;
    }
  }
  f.net = f.gross - f.fees - f.feeVat - f.refundAmount - f.voidAmount;
}

/** Adds cached charges summed in SQL (same rules as addCharge, for `count` charges of one status). */
export function addGroup(f: MutableFigures, g: ChargeGroup): void {
  f.chargeCount += g.count;
  switch (g.status) {
    case 'successful':
      f.successfulCount += g.count;
      f.gross += g.amount;
      f.fees += g.fee;
      f.feeVat += g.feeVat;
      break;
    case 'failed':
      f.failedCount += g.count;
      break;
    case 'expired':
      f.expiredCount += g.count;
      break;
    case 'pending':
      f.pendingCount += g.count;
      break;
    case 'reversed':
      f.reversedCount += g.count;
      break;
    default: {
      const never: never = g.status;
      void never;
    }
  }
}

/** Adds refunds (not failed) or voids to the figures; settleNet afterwards. */
export function addRefunds(f: MutableFigures, voided: boolean, count: number, amount: number): void {
  if (voided) {
    f.voidCount += count;
    f.voidAmount += amount;
  } else {
    f.refundCount += count;
    f.refundAmount += amount;
  }
}

export function settleNet(f: MutableFigures): void {
  f.net = f.gross - f.fees - f.feeVat - f.refundAmount - f.voidAmount;
}

export function addFigures(into: MutableFigures, f: StoreFigures): void {
  for (const k of Object.keys(into) as (keyof StoreFigures)[]) into[k] += f[k];
}

export const sameCurrency = (charge: Pick<StoreCharge, 'currency'>, currency: Currency): boolean => charge.currency.toUpperCase() === currency;

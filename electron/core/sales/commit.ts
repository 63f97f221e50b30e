// Committing what Opn said about a charge: re-read the sale inside the transaction, plan, write, and only
// after the commit tell subscribers.
import type { OpnCharge, Sale, SaleAction } from '../../../shared';
import { CoreError } from '../errors';
import { OpnApiError, OpnNetworkError } from '../opn/index';
import type { SalePatch } from '../store/index';
import { planChargeUpdate } from './apply-charge';
import type { CoreContext } from './context';

/** Applies `charge` to the sale; `also` runs in the same transaction (event id, relay cursor). */
export function commitCharge(ctx: CoreContext, saleId: string, charge: OpnCharge, also?: () => void): Sale {
  let changed = false;
  const sale = ctx.store.transaction(() => {
    const current = ctx.store.sales.get(saleId);
    if (!current) throw new CoreError('not_found', 'That sale does not exist.');
    const patch = planChargeUpdate(current, charge);
    also?.();
    if (!patch) return current;
    changed = true;
    return ctx.store.sales.update(saleId, patch, ctx.iso());
  });
  if (changed) ctx.emit(sale);
  return sale;
}

export function commitPatch(ctx: CoreContext, saleId: string, patch: SalePatch): Sale {
  const sale = ctx.store.transaction(() => ctx.store.sales.update(saleId, patch, ctx.iso()));
  ctx.emit(sale);
  return sale;
}

export function requireSale(ctx: CoreContext, saleId: string): Sale {
  const sale = ctx.store.sales.get(saleId);
  if (!sale) throw new CoreError('not_found', 'That sale does not exist.');
  return sale;
}

/** Turns a client error into the cashier-safe CoreError the app shows. */
export function toCoreError(e: unknown, action: SaleAction, doing: string): CoreError {
  if (e instanceof CoreError) return e;
  if (e instanceof OpnNetworkError) return new CoreError('opn_unavailable', `Opn could not be reached while ${doing}. Check the network and try again.`, { data: { action } });
  if (e instanceof OpnApiError) {
    if (e.httpStatus === 429 || e.httpStatus >= 500) {
      return new CoreError('opn_unavailable', `Opn is busy or unavailable (${e.httpStatus}) while ${doing}. Try again shortly.`, { data: { action, httpStatus: e.httpStatus } });
    }
    return new CoreError('opn_error', `Opn refused ${doing}: ${e.code}.`, { data: { action, opnCode: e.code.slice(0, 100), httpStatus: e.httpStatus } });
  }
  return new CoreError('opn_error', `Unexpected failure while ${doing}.`, { data: { action } });
}

/** Opn's own error object saying the charge does not exist (a bare HTTP 404 from a proxy does not count). */
export function isUnknownCharge(e: unknown): boolean {
  return e instanceof OpnApiError && e.httpStatus === 404 && e.code === 'not_found';
}

export const UNKNOWN_CHARGE_MESSAGE = 'Opn has no record of this payment request, so nothing was charged. Start a new sale if needed.';

/**
 * An open sale whose charge Opn says does not exist: a KakaoPay payment can only complete against an
 * existing charge, so nothing was taken. The sale becomes `failed` ('unconfirmed') rather than
 * `needs_attention`: neither "accept" (records money that never arrived) nor "refund" (of a charge that
 * does not exist) would be a correct way out. If the charge ever surfaces (an event names it), the
 * state machine still moves failed → needs_attention, so a payment is never dropped silently.
 * Before trusting the 404 we prove the base URL and key reach the right account
 * (GET /charges answers), otherwise a misconfigured URL would fail every open sale.
 */
export async function settleUnknownCharge(ctx: CoreContext, sale: Sale): Promise<Sale> {
  // Throws (and the sale stays open) unless the account answers: then the 404 is about this charge alone.
  await ctx.opn.listCharges({ limit: 1 });
  let changed = false;
  const settled = ctx.store.transaction(() => {
    const current = ctx.store.sales.get(sale.id);
    if (!current) throw new CoreError('not_found', 'That sale does not exist.');
    // Settled meanwhile (an event, a concurrent poll): the newer truth wins.
    if (current.status !== 'creating' && current.status !== 'pending') return current;
    changed = true;
    return ctx.store.sales.update(sale.id, { status: 'failed', failureCode: 'unconfirmed', failureMessage: UNKNOWN_CHARGE_MESSAGE }, ctx.iso());
  });
  if (changed) {
    ctx.log.warn({ saleId: sale.id, chargeId: sale.chargeId }, 'Opn does not know this sale\'s charge; sale marked failed (unconfirmed)');
    ctx.emit(settled);
  }
  return settled;
}

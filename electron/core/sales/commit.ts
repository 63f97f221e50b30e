// Committing what Opn said about a charge: re-read the sale inside the transaction, plan, write, and only
// after the commit tell subscribers.
import type { OpnCharge, Sale } from '../../../shared/index';
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
export function toCoreError(e: unknown, doing: string): CoreError {
  if (e instanceof CoreError) return e;
  if (e instanceof OpnNetworkError) return new CoreError('opn_unavailable', `Opn could not be reached while ${doing}. Check the network and try again.`);
  if (e instanceof OpnApiError) {
    if (e.httpStatus === 429 || e.httpStatus >= 500) return new CoreError('opn_unavailable', `Opn is busy or unavailable (${e.httpStatus}) while ${doing}. Try again shortly.`);
    return new CoreError('opn_error', `Opn refused ${doing}: ${e.code}.`);
  }
  return new CoreError('opn_error', `Unexpected failure while ${doing}.`);
}

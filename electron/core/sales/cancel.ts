// Cancel and QR expiry both expire the charge at Opn, so a late scan cannot take money unnoticed.
// If Opn says the charge already succeeded, the sale needs attention: never a silent loss.
import type { OpnCharge, Sale } from '../../../shared';
import { CoreError } from '../errors';
import { OpnApiError } from '../opn/index';
import { ATTENTION_EXPIRE_REFUSED, ATTENTION_PAID_AFTER_CLOSE } from './apply-charge';
import { commitCharge, commitPatch, isUnknownCharge, settleUnknownCharge, toCoreError } from './commit';
import type { CoreContext } from './context';

/** `reason` cancelled = the cashier pressed Cancel; expired = the QR countdown ran out. */
export async function closeOpenSale(ctx: CoreContext, sale: Sale, reason: 'cancelled' | 'expired'): Promise<Sale> {
  if (sale.status !== 'pending' || !sale.chargeId) {
    throw new CoreError('invalid_state', `A ${sale.status} sale cannot be ${reason === 'cancelled' ? 'cancelled' : 'expired'}.`, { data: { status: sale.status, action: reason === 'cancelled' ? 'cancel' : 'expire' } });
  }
  let charge: OpnCharge;
  try {
    charge = await ctx.opn.expireCharge(sale.chargeId);
  } catch (e) {
    if (!(e instanceof OpnApiError) || e.httpStatus >= 500 || e.httpStatus === 429) throw toCoreError(e, 'cancel', 'cancelling the payment');
    // Opn refused to expire (e.g. failed_expire): find out why from the charge itself.
    try {
      charge = await ctx.opn.retrieveCharge(sale.chargeId);
    } catch (e2) {
      // Opn has no such charge: nothing can be paid, so there is nothing left to cancel or expire.
      if (isUnknownCharge(e2)) return settleUnknownCharge(ctx, sale).catch((e3: unknown) => Promise.reject(toCoreError(e3, 'cancel', 'cancelling the payment')));
      throw toCoreError(e2, 'cancel', 'cancelling the payment');
    }
  }
  switch (charge.status) {
    case 'expired':
      // Our own expiry: record the cashier's intent (cancelled) or the countdown's (expired).
      return commitPatch(ctx, sale.id, { status: reason });
    case 'successful':
      return commitPatch(ctx, sale.id, {
        status: 'needs_attention',
        paidAt: charge.paid_at ? new Date(charge.paid_at).toISOString() : null,
        fee: charge.fee,
        feeVat: charge.fee_vat,
        net: charge.net,
        attentionReason: ATTENTION_PAID_AFTER_CLOSE,
      });
    case 'pending':
      // Opn would not expire a charge that can still be paid: the cashier must check it.
      return commitPatch(ctx, sale.id, { status: 'needs_attention', attentionReason: ATTENTION_EXPIRE_REFUSED });
    case 'failed':
    case 'reversed':
      return commitCharge(ctx, sale.id, charge);
  }
}

// After payment: refund (full or partial), void (a full refund inside the KakaoPay void window), manual
// capture and reverse, and resolving a sale that needs attention. Intent row → Opn call → result row.
// The manager PIN was checked at the gate; what is left here are the domain rules.
import type { OpnRefund, Receipt, Refund, Sale } from '../../../shared/index';
import { CoreError } from '../errors';
import { newRefundId } from '../ids';
import { isAmbiguous } from '../opn/index';
import { commitCharge, commitPatch, requireSale, toCoreError } from './commit';
import type { CoreContext } from './context';
import { voidDeadline } from './time';

export function receiptOf(ctx: CoreContext, saleId: string): Receipt {
  return { sale: requireSale(ctx, saleId), refunds: ctx.store.refunds.forSale(saleId), shopName: '' };
}

/** Money still refundable: the amount minus refunds done and refunds whose outcome is not yet known. */
function refundable(ctx: CoreContext, sale: Sale): number {
  const pending = ctx.store.refunds
    .forSale(sale.id)
    .filter((r) => r.status === 'creating')
    .reduce((sum, r) => sum + r.amount, 0);
  return sale.amount - sale.refundedAmount - pending;
}

function settleRefund(ctx: CoreContext, refund: Refund, opn: OpnRefund, finalStatus?: 'voided'): Sale {
  const sale = ctx.store.transaction(() => {
    const current = requireSale(ctx, refund.saleId);
    ctx.store.refunds.settle(refund.id, { status: 'succeeded', opnRefundId: opn.id, voided: opn.voided });
    const refunded = current.refundedAmount + refund.amount;
    const status = finalStatus ?? (refunded >= current.amount ? 'refunded' : 'partially_refunded');
    return ctx.store.sales.update(current.id, { refundedAmount: refunded, status }, ctx.iso());
  });
  ctx.emit(sale);
  return sale;
}

/** Finds a refund Opn made for our refund row (by the refund_id we put in its metadata). */
export async function findOpnRefund(ctx: CoreContext, refund: Refund): Promise<OpnRefund | undefined> {
  const list = await ctx.opn.listRefunds(refund.chargeId, { limit: 100, order: 'reverse_chronological' });
  return list.data.find((r) => r.metadata.refund_id === refund.id);
}

export async function performRefund(ctx: CoreContext, sale: Sale, amount: number, mode: { void: boolean; finalStatus?: 'voided' }): Promise<Receipt> {
  if (!sale.chargeId) throw new CoreError('invalid_state', 'This sale has no charge to refund.');
  if (amount > refundable(ctx, sale)) throw new CoreError('refund_exceeds', 'The refund is more than what is left on this sale.');
  const refund = ctx.store.transaction(() =>
    ctx.store.refunds.insert({
      id: newRefundId(ctx.now().getTime()),
      saleId: sale.id,
      chargeId: sale.chargeId ?? '',
      amount,
      currency: sale.currency,
      voided: mode.void,
      createdAt: ctx.iso(),
    }),
  );
  let opn: OpnRefund | undefined;
  try {
    opn = await ctx.opn.createRefund(sale.chargeId, {
      amount,
      void: mode.void || undefined,
      metadata: { refund_id: refund.id, sale_id: sale.id },
      idempotencyKey: refund.id,
    });
  } catch (e) {
    if (!isAmbiguous(e)) {
      ctx.store.transaction(() => ctx.store.refunds.settle(refund.id, { status: 'failed' }));
      throw toCoreError(e, 'refunding');
    }
    // Did the refund happen although the answer was lost? Look before anyone tries again.
    opn = await findOpnRefund(ctx, refund).catch(() => undefined);
    if (!opn) throw toCoreError(e, 'refunding (the outcome is being checked; do not refund again)');
  }
  settleRefund(ctx, refund, opn, mode.finalStatus);
  return receiptOf(ctx, sale.id);
}

/** Recovery: settle a refund row whose outcome was never recorded. */
export async function reconcileRefund(ctx: CoreContext, refund: Refund): Promise<void> {
  const opn = await findOpnRefund(ctx, refund);
  if (opn) {
    const sale = requireSale(ctx, refund.saleId);
    settleRefund(ctx, refund, opn, refund.voided && refund.amount === sale.amount ? 'voided' : undefined);
  } else {
    ctx.store.transaction(() => ctx.store.refunds.settle(refund.id, { status: 'failed' }));
  }
}

export async function refundSale(ctx: CoreContext, saleId: string, amount: number): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'successful' && sale.status !== 'partially_refunded') {
    throw new CoreError('invalid_state', `A ${sale.status} sale cannot be refunded.`);
  }
  return performRefund(ctx, sale, amount, { void: false });
}

export async function voidSale(ctx: CoreContext, saleId: string): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'successful' || sale.refundedAmount > 0) throw new CoreError('invalid_state', `A ${sale.status} sale cannot be voided.`);
  if (ctx.now() >= voidDeadline(new Date(sale.createdAt))) {
    throw new CoreError('void_window_closed', 'The void window (until 00:15 GMT+8 after the sale) has passed. Refund instead.');
  }
  return performRefund(ctx, sale, sale.amount, { void: true, finalStatus: 'voided' });
}

export async function captureSale(ctx: CoreContext, saleId: string): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'authorized' || !sale.chargeId) throw new CoreError('invalid_state', `A ${sale.status} sale cannot be captured.`);
  const charge = await ctx.opn.captureCharge(sale.chargeId).catch((e: unknown) => {
    throw toCoreError(e, 'capturing');
  });
  commitCharge(ctx, sale.id, charge);
  return receiptOf(ctx, sale.id);
}

export async function reverseSale(ctx: CoreContext, saleId: string): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'authorized' || !sale.chargeId) throw new CoreError('invalid_state', `A ${sale.status} sale cannot be reversed.`);
  const charge = await ctx.opn.reverseCharge(sale.chargeId).catch((e: unknown) => {
    throw toCoreError(e, 'reversing');
  });
  commitCharge(ctx, sale.id, charge);
  return receiptOf(ctx, sale.id);
}

export async function resolveAttention(ctx: CoreContext, saleId: string, action: 'refund' | 'accept'): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'needs_attention') throw new CoreError('invalid_state', 'This sale does not need attention.');
  if (action === 'accept') {
    commitPatch(ctx, sale.id, { status: 'successful', attentionReason: `Accepted: ${sale.attentionReason ?? ''}`.slice(0, 500) });
    return receiptOf(ctx, sale.id);
  }
  if (!sale.chargeId) throw new CoreError('invalid_state', 'This sale has no charge to refund.');
  return performRefund(ctx, sale, sale.amount - sale.refundedAmount, { void: false });
}

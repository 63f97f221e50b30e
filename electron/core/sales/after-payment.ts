// After payment: refund (full or partial), void (a full refund inside the KakaoPay void window), manual
// capture and reverse, and resolving a sale that needs attention. Intent row → Opn call → result row.
// The manager PIN was checked at the gate; what is left here are the domain rules.
import type { OpnRefund, Receipt, Refund, Sale } from '../../../shared';
import { attentionAccepted, attentionSecondRefunded } from '../../../shared';
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

/**
 * Records Opn's refund. Whether it was a void is Opn's answer (`voided`), not what we asked for. A refund of
 * the sale's second charge gives back money the sale never counted: the sale's own figures stay, and it
 * leaves needs_attention for what its first charge says.
 */
function settleRefund(ctx: CoreContext, refund: Refund, opn: OpnRefund): Sale {
  const sale = ctx.store.transaction(() => {
    const current = requireSale(ctx, refund.saleId);
    ctx.store.refunds.settle(refund.id, { status: 'succeeded', opnRefundId: opn.id, voided: opn.voided });
    if (current.secondChargeId && refund.chargeId === current.secondChargeId) {
      const status = current.status === 'needs_attention' && current.paidAt ? 'successful' : current.status;
      return ctx.store.sales.update(current.id, { status, attentionReason: attentionSecondRefunded(refund.chargeId) }, ctx.iso());
    }
    const refunded = current.refundedAmount + refund.amount;
    const full = refunded >= current.amount;
    const status = full && opn.voided ? 'voided' : full ? 'refunded' : 'partially_refunded';
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

export async function performRefund(ctx: CoreContext, sale: Sale, amount: number, mode: { void: boolean; chargeId?: string }): Promise<Receipt> {
  const chargeId = mode.chargeId ?? sale.chargeId;
  if (!chargeId) throw new CoreError('invalid_state', 'This sale has no charge to refund.', { data: { reason: 'no_charge', action: 'refund' } });
  if (!mode.chargeId && amount > refundable(ctx, sale)) throw new CoreError('refund_exceeds', 'The refund is more than what is left on this sale.');
  const refund = ctx.store.transaction(() =>
    ctx.store.refunds.insert({
      id: newRefundId(ctx.now().getTime()),
      saleId: sale.id,
      chargeId,
      amount,
      currency: sale.currency,
      voided: mode.void,
      createdAt: ctx.iso(),
    }),
  );
  let opn: OpnRefund | undefined;
  try {
    opn = await ctx.opn.createRefund(chargeId, {
      amount,
      void: mode.void || undefined,
      // terminal_id lets the forwarder route the refund's events to this terminal (like a charge's).
      metadata: { refund_id: refund.id, sale_id: sale.id, terminal_id: sale.terminalId, store_id: sale.storeId },
      idempotencyKey: refund.id,
    });
  } catch (e) {
    if (!isAmbiguous(e)) {
      ctx.store.transaction(() => ctx.store.refunds.settle(refund.id, { status: 'failed' }));
      throw toCoreError(e, 'refund', 'refunding');
    }
    // Did the refund happen although the answer was lost? Look before anyone tries again.
    opn = await findOpnRefund(ctx, refund).catch(() => undefined);
    if (!opn) throw toCoreError(e, 'refund', 'refunding (the outcome is being checked; do not refund again)');
  }
  settleRefund(ctx, refund, opn);
  return receiptOf(ctx, sale.id);
}

/** Recovery: settle a refund row whose outcome was never recorded. */
export async function reconcileRefund(ctx: CoreContext, refund: Refund): Promise<void> {
  const opn = await findOpnRefund(ctx, refund);
  if (opn) {
    settleRefund(ctx, refund, opn);
  } else {
    ctx.store.transaction(() => ctx.store.refunds.settle(refund.id, { status: 'failed' }));
  }
}

export async function refundSale(ctx: CoreContext, saleId: string, amount: number): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'successful' && sale.status !== 'partially_refunded') {
    throw new CoreError('invalid_state', `A ${sale.status} sale cannot be refunded.`, { data: { status: sale.status, action: 'refund' } });
  }
  return performRefund(ctx, sale, amount, { void: false });
}

export async function voidSale(ctx: CoreContext, saleId: string): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'successful' || sale.refundedAmount > 0) throw new CoreError('invalid_state', `A ${sale.status} sale cannot be voided.`, { data: { status: sale.status, action: 'void' } });
  if (ctx.now() >= voidDeadline(new Date(sale.createdAt))) {
    throw new CoreError('void_window_closed', 'The void window (until 00:15 GMT+8 after the sale) has passed. Refund instead.');
  }
  return performRefund(ctx, sale, sale.amount, { void: true });
}

export async function captureSale(ctx: CoreContext, saleId: string): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'authorized' || !sale.chargeId) throw new CoreError('invalid_state', `A ${sale.status} sale cannot be captured.`, { data: { status: sale.status, action: 'capture' } });
  const charge = await ctx.opn.captureCharge(sale.chargeId).catch((e: unknown) => {
    throw toCoreError(e, 'capture', 'capturing');
  });
  commitCharge(ctx, sale.id, charge);
  return receiptOf(ctx, sale.id);
}

export async function reverseSale(ctx: CoreContext, saleId: string): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'authorized' || !sale.chargeId) throw new CoreError('invalid_state', `A ${sale.status} sale cannot be reversed.`, { data: { status: sale.status, action: 'reverse' } });
  const charge = await ctx.opn.reverseCharge(sale.chargeId).catch((e: unknown) => {
    throw toCoreError(e, 'reverse', 'reversing');
  });
  commitCharge(ctx, sale.id, charge);
  return receiptOf(ctx, sale.id);
}

export async function resolveAttention(ctx: CoreContext, saleId: string, action: 'refund' | 'accept'): Promise<Receipt> {
  const sale = requireSale(ctx, saleId);
  if (sale.status !== 'needs_attention') throw new CoreError('invalid_state', 'This sale does not need attention.', { data: { reason: 'no_attention', status: sale.status } });
  if (action === 'accept') {
    commitPatch(ctx, sale.id, { status: 'successful', attentionReason: attentionAccepted(sale.attentionReason) });
    return receiptOf(ctx, sale.id);
  }
  // A second charge paid for this sale: that is the money to give back, by its own id.
  if (sale.secondChargeId && !ctx.store.refunds.forSale(sale.id).some((r) => r.chargeId === sale.secondChargeId && r.status !== 'failed')) {
    const second = await ctx.opn.retrieveCharge(sale.secondChargeId).catch((e: unknown) => Promise.reject(toCoreError(e, 'refund', 'refunding the second charge')));
    if (second.status === 'successful' && second.amount > second.refunded_amount) {
      return performRefund(ctx, sale, second.amount - second.refunded_amount, { void: false, chargeId: second.id });
    }
  }
  if (!sale.chargeId) throw new CoreError('invalid_state', 'This sale has no charge to refund.', { data: { reason: 'no_charge', action: 'refund' } });
  return performRefund(ctx, sale, sale.amount - sale.refundedAmount, { void: false });
}

// Refunds made at Opn, not by this terminal (a manager refunding in Opn's dashboard, another system): the
// terminal learns of them from a refund event routed by the forwarder or from reading the charge (a poll,
// a reconciliation), and records each one as done at Opn — its Opn id, amount and time — so the sale,
// X/Z, CSV and PDF count it. Idempotent: an Opn refund id is recorded at most once.
import type { OpnCharge, OpnRefund, Sale, SaleStatus } from '../../../shared';
import { newRefundId } from '../ids';
import type { CoreContext } from './context';

const PAGE = 100;
const MAX_PAGES = 50;

/** The sale's status once `refunded` of its amount went back; only settled payments move. */
function statusAfter(sale: Sale, refunded: number, lastVoided: boolean): SaleStatus {
  if (sale.status !== 'successful' && sale.status !== 'partially_refunded') return sale.status;
  if (refunded < sale.amount) return 'partially_refunded';
  return lastVoided ? 'voided' : 'refunded';
}

async function listAll(ctx: CoreContext, chargeId: string): Promise<OpnRefund[]> {
  const out: OpnRefund[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await ctx.opn.listRefunds(chargeId, { limit: PAGE, offset: out.length, order: 'chronological' });
    out.push(...list.data);
    if (list.data.length === 0 || out.length >= list.total) break;
  }
  return out;
}

const isoOf = (refund: OpnRefund, fallback: string): string => {
  const t = refund.created_at ? Date.parse(refund.created_at) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : fallback;
};

/**
 * Records the refunds Opn has for the sale's own charge that the receipt log does not. Reads the refund
 * list only when the charge says more was refunded than the log holds, so a routine poll costs nothing.
 * Returns the refunds recorded now.
 */
export async function recordOpnRefunds(ctx: CoreContext, saleId: string, charge: OpnCharge): Promise<number> {
  const sale = ctx.store.sales.get(saleId);
  if (!sale || sale.chargeId !== charge.id) return 0;
  const local = ctx.store.refunds.forSale(sale.id).filter((r) => r.chargeId === charge.id);
  // A refund of ours whose answer is not settled yet is reconciled first (by its refund_id), never doubled.
  if (local.some((r) => r.status === 'creating')) return 0;
  const known = local.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0);
  if (charge.refunded_amount <= known) return 0;

  const ours = new Set(local.map((r) => r.id));
  const missing = (await listAll(ctx, charge.id)).filter(
    (r) => !ctx.store.refunds.byOpnRefundId(r.id) && !(typeof r.metadata.refund_id === 'string' && ours.has(r.metadata.refund_id)),
  );
  if (missing.length === 0) return 0;

  let recorded = 0;
  const updated = ctx.store.transaction(() => {
    let current = ctx.store.sales.get(sale.id);
    if (!current) return undefined;
    for (const r of missing) {
      if (ctx.store.refunds.byOpnRefundId(r.id)) continue; // recorded meanwhile (an event and a poll)
      const createdAt = isoOf(r, ctx.iso());
      ctx.store.refunds.insertFromOpn({
        id: newRefundId(Date.parse(createdAt)), saleId: current.id, chargeId: charge.id, opnRefundId: r.id,
        amount: r.amount, currency: current.currency, voided: r.voided, createdAt,
      });
      const refunded = current.refundedAmount + r.amount;
      current = ctx.store.sales.update(current.id, { refundedAmount: refunded, status: statusAfter(current, refunded, r.voided) }, ctx.iso());
      recorded++;
    }
    return current;
  });
  if (updated && recorded > 0) {
    ctx.log.warn({ saleId: sale.id, chargeId: charge.id, refunds: recorded }, 'refund made at Opn (not on this terminal) recorded');
    ctx.emit(updated);
  }
  return recorded;
}

// Rebuilding the receipt log from Opn: after a damaged log was replaced by its newest backup, or on a new
// PC with an empty log. Opn keeps every charge this terminal made (metadata.terminal_id, sale_id) and
// every refund; those are written back, marked `rebuilt_at`. Idempotent: a sale is keyed by its sale id
// (and its charge id is unique), a refund by Opn's refund id, so running it twice changes nothing.
import type { OpnCharge, OpnRefund, Sale, SaleStatus } from '../../../shared';
import { canTransition, chargeMetadataSchema } from '../../../shared';
import { chargeTarget } from './apply-charge';
import { commitCharge } from './commit';
import type { CoreContext } from './context';
import { originFromMetadata } from './origin-metadata';

const PAGE = 100;

export interface RebuildRange {
  /** UTC ISO instants, [from, to). */
  readonly from: string;
  readonly to: string;
}

export interface RebuildProgress {
  readonly phase: 'charges' | 'refunds';
  readonly fetched: number;
  readonly total: number;
}

export interface RebuildResult extends RebuildRange {
  /** This terminal's charges Opn listed in the range. */
  readonly charges: number;
  /** Sales the log did not hold and now does. */
  readonly salesAdded: number;
  /** Sales the log held whose state Opn had moved on (paid, expired, refunded…). */
  readonly salesUpdated: number;
  readonly refundsAdded: number;
}

/** Pages GET /charges or GET /refunds in chronological order until `total`. */
async function listAll<T>(
  fetchPage: (offset: number) => Promise<{ data: readonly T[]; total: number }>,
  progress: (fetched: number, total: number) => void,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await fetchPage(offset);
    out.push(...page.data);
    progress(out.length, Math.max(page.total, out.length));
    if (page.data.length < PAGE || offset + page.data.length >= page.total) return out;
  }
}

function iso(t: string | null | undefined): string | null {
  return t ? new Date(t).toISOString() : null;
}

/** The sale a refund of `chargeId` belongs to, when that is the sale's own charge (not a stray second one). */
function saleOfCharge(ctx: CoreContext, chargeId: string): Sale | undefined {
  const sale = ctx.store.sales.byChargeId(chargeId);
  return sale?.chargeId === chargeId ? sale : undefined;
}

/** Writes a refund the log lacks and moves the sale to refunded / partly refunded / voided. */
function recordRefund(ctx: CoreContext, sale: Sale, r: OpnRefund, rebuiltAt: string): boolean {
  if (r.status === 'failed' || r.status === 'reversed') return false;
  const chargeId = sale.chargeId ?? '';
  const ourId = typeof r.metadata.refund_id === 'string' ? r.metadata.refund_id : `rfd_rebuilt_${r.id}`;
  return ctx.store.transaction(() => {
    const added = ctx.store.rebuilt.insertRefund({
      id: ourId, saleId: sale.id, chargeId, opnRefundId: r.id, amount: r.amount, currency: sale.currency,
      voided: r.voided, createdAt: iso(r.created_at) ?? rebuiltAt, rebuiltAt,
    });
    if (!added) return false;
    const totals = ctx.store.rebuilt.refundTotals(sale.id, chargeId);
    const current = ctx.store.sales.require(sale.id);
    // As after-payment.ts decides it: voided only when the whole amount went back as Opn's void.
    const full = totals.amount >= current.amount;
    const target: SaleStatus = full && r.voided ? 'voided' : full ? 'refunded' : 'partially_refunded';
    const status = current.status === target || canTransition(current.status, target) ? target : current.status;
    ctx.store.sales.update(sale.id, { refundedAmount: totals.amount, status }, rebuiltAt);
    return true;
  });
}

/** One charge of this terminal: inserted when the log lacks its sale, else brought up to date. */
function recordCharge(ctx: CoreContext, c: OpnCharge, rebuiltAt: string): 'added' | 'updated' | 'same' | 'skipped' {
  const meta = chargeMetadataSchema.safeParse(c.metadata);
  if (!meta.success) return 'skipped';
  const existing = ctx.store.sales.get(meta.data.sale_id) ?? ctx.store.sales.byChargeId(c.id);
  if (existing) {
    // A second charge of a sale is the sale's own business (reconciliation lists it), never a new sale.
    if (existing.chargeId && existing.chargeId !== c.id) return 'same';
    const before = existing.updatedAt;
    const after = commitCharge(ctx, existing.id, c);
    return after.updatedAt !== before ? 'updated' : 'same';
  }
  const added = ctx.store.transaction(() =>
    ctx.store.rebuilt.insertSale({
      id: meta.data.sale_id, terminalId: meta.data.terminal_id, storeId: meta.data.store_id, amount: c.amount,
      currency: ctx.currency, status: chargeTarget(c), capture: c.capture !== false, chargeId: c.id,
      authorizeUri: c.authorize_uri ?? null, expiresAt: iso(c.expires_at), createdAt: new Date(c.created_at).toISOString(),
      paidAt: iso(c.paid_at), fee: c.fee ?? null, feeVat: c.fee_vat ?? null, net: c.net ?? null,
      failureCode: c.failure_code ?? null, failureMessage: c.failure_message ?? null, rebuiltAt,
      origin: originFromMetadata(c.metadata),
    }),
  );
  return added ? 'added' : 'same';
}

/**
 * Brings back this terminal's sales created in the range and every refund made in it (also of older
 * sales). Charges in another currency than the shop's are left out, as the reports do.
 */
export async function rebuildFromOpn(ctx: CoreContext, range: RebuildRange, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
  const rebuiltAt = ctx.iso();
  // Opn's `to` is inclusive at whole seconds; the range is [from, to).
  const to = new Date(new Date(range.to).getTime() - 1000).toISOString();
  const charges = (
    await listAll(
      (offset) => ctx.opn.listCharges({ from: range.from, to, offset, limit: PAGE, order: 'chronological' }),
      (fetched, total) => onProgress?.({ phase: 'charges', fetched, total }),
    )
  ).filter((c) => c.metadata.terminal_id === ctx.terminal.terminalId && c.currency.toUpperCase() === ctx.currency && new Date(c.created_at).getTime() < new Date(range.to).getTime());
  let salesAdded = 0;
  let salesUpdated = 0;
  let refundsAdded = 0;
  const seen = new Set<string>();
  for (const c of charges) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const outcome = recordCharge(ctx, c, rebuiltAt);
    if (outcome === 'added') salesAdded += 1;
    if (outcome === 'updated') salesUpdated += 1;
    const sale = saleOfCharge(ctx, c.id);
    if (!sale) continue;
    // Embedded refunds when Opn sent them whole; else the charge's own list.
    let refunds: readonly OpnRefund[] = c.refunds?.data ?? [];
    if (c.refunds ? c.refunds.total > refunds.length : c.refunded_amount > 0) {
      refunds = await listAll((offset) => ctx.opn.listRefunds(c.id, { offset, limit: PAGE }), () => undefined);
    }
    for (const r of refunds) if (recordRefund(ctx, sale, r, rebuiltAt)) refundsAdded += 1;
  }
  // Refunds made in the range on sales created before it (the backup held the sale, not the refund).
  const refunds = await listAll(
    (offset) => ctx.opn.listAllRefunds({ from: range.from, to, offset, limit: PAGE, order: 'chronological' }),
    (fetched, total) => onProgress?.({ phase: 'refunds', fetched, total }),
  );
  for (const r of refunds) {
    const sale = r.charge ? saleOfCharge(ctx, r.charge) : undefined;
    if (sale && recordRefund(ctx, sale, r, rebuiltAt)) refundsAdded += 1;
  }
  ctx.log.info({ ...range, charges: charges.length, salesAdded, salesUpdated, refundsAdded }, 'rebuilt from Opn');
  return { ...range, charges: charges.length, salesAdded, salesUpdated, refundsAdded };
}

// Crash recovery and the periodic tick: reconcile every sale left creating or pending, settle refunds
// whose outcome was never recorded, poll open sales while the relay cannot be trusted, and expire sales
// whose QR countdown has ended.
import type { Sale } from '../../../shared/index';
import { closeOpenSale } from './cancel';
import { commitPatch } from './commit';
import { pollSale } from './complete';
import type { CoreContext } from './context';
import { findChargesForSale } from './find-charge';
import { reconcileRefund } from './money';
import { adoptFound, NEVER_CREATED } from './start';

/** A sale left `creating`: its charge id was never stored, so find it by sale_id in the charge list. */
export async function reconcileCreating(ctx: CoreContext, sale: Sale): Promise<Sale> {
  const found = await findChargesForSale(ctx, sale);
  if (found.length > 0) return adoptFound(ctx, sale.id, found);
  return commitPatch(ctx, sale.id, { status: 'failed', failureCode: 'not_created', failureMessage: NEVER_CREATED });
}

/** Runs to completion or throws (Opn unreachable); the caller keeps new sales refused until it succeeds. */
export async function recoverAll(ctx: CoreContext): Promise<void> {
  for (const sale of ctx.store.sales.listOpen()) {
    if (sale.status === 'creating') await reconcileCreating(ctx, sale);
    else await pollSale(ctx, sale);
  }
  for (const refund of ctx.store.refunds.listCreating()) await reconcileRefund(ctx, refund);
}

export interface TickState {
  relayHealthy: boolean;
  /** Sales whose POST /charges is running right now: not ours to touch. */
  inFlight: ReadonlySet<string>;
}

/** One pass of the polling fallback; errors are logged per sale so one bad sale never blocks the rest. */
export async function tick(ctx: CoreContext, state: TickState): Promise<void> {
  const now = ctx.now().getTime();
  for (const sale of ctx.store.sales.listOpen()) {
    if (state.inFlight.has(sale.id)) continue;
    try {
      const waited = now - new Date(sale.createdAt).getTime();
      if (sale.status === 'creating') {
        // Give a request that may still be inside Opn time to land before calling the sale failed.
        if (waited >= ctx.tuning.settleMs) await reconcileCreating(ctx, sale);
        continue;
      }
      let current = sale;
      if (!state.relayHealthy || waited >= ctx.tuning.pollAfterMs) current = await pollSale(ctx, sale);
      if (current.status === 'pending' && current.expiresAt && new Date(current.expiresAt).getTime() <= now) {
        await closeOpenSale(ctx, current, 'expired');
      }
    } catch (e) {
      ctx.log.warn({ saleId: sale.id, err: (e as Error).message }, 'tick: sale not reconciled this time');
    }
  }
  for (const refund of ctx.store.refunds.listCreating()) {
    if (state.inFlight.has(refund.saleId) || now - new Date(refund.createdAt).getTime() < ctx.tuning.settleMs) continue;
    await reconcileRefund(ctx, refund).catch((e: unknown) => ctx.log.warn({ refundId: refund.id, err: (e as Error).message }, 'tick: refund not reconciled'));
  }
}

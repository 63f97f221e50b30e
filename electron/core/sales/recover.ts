// Crash recovery and the periodic tick: reconcile every sale left creating or pending, settle refunds
// whose outcome was never recorded, poll open sales while the relay cannot be trusted, and expire sales
// whose QR countdown has ended.
import type { Sale } from '../../../shared/index';
import { closeOpenSale } from './cancel';
import { commitPatch } from './commit';
import { pollSale } from './complete';
import type { CoreContext } from './context';
import { findChargesForSale } from './find-charge';
import { reconcileRefund } from './after-payment';
import { adoptFound, NEVER_CREATED } from './start';

/** A sale left `creating`: its charge id was never stored, so find it by sale_id in the charge list. */
export async function reconcileCreating(ctx: CoreContext, sale: Sale): Promise<Sale> {
  const found = await findChargesForSale(ctx, sale);
  if (found.length > 0) return adoptFound(ctx, sale.id, found);
  return commitPatch(ctx, sale.id, { status: 'failed', failureCode: 'not_created', failureMessage: NEVER_CREATED });
}

/** A sale or refund that could not be checked in this pass, and why (an Opn/network error). */
export interface Unresolved {
  kind: 'sale' | 'refund';
  id: string;
  error: unknown;
}

/**
 * One reconciliation pass over every sale left creating/pending and every refund left creating. Each is
 * handled on its own: a sale Opn answers about is settled (a charge Opn does not know becomes failed,
 * see settleUnknownCharge); one that errors (network, 5xx, anything else) is logged, left open and
 * returned, and the pass goes on with the rest. The caller decides whether new sales may start.
 */
export async function recoverAll(ctx: CoreContext): Promise<Unresolved[]> {
  const unresolved: Unresolved[] = [];
  for (const sale of ctx.store.sales.listOpen()) {
    try {
      if (sale.status === 'creating') await reconcileCreating(ctx, sale);
      else await pollSale(ctx, sale);
    } catch (error) {
      ctx.log.warn({ saleId: sale.id, err: (error as Error).message }, 'recovery: sale not reconciled this pass');
      unresolved.push({ kind: 'sale', id: sale.id, error });
    }
  }
  for (const refund of ctx.store.refunds.listCreating()) {
    try {
      await reconcileRefund(ctx, refund);
    } catch (error) {
      ctx.log.warn({ refundId: refund.id, err: (error as Error).message }, 'recovery: refund not reconciled this pass');
      unresolved.push({ kind: 'refund', id: refund.id, error });
    }
  }
  return unresolved;
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

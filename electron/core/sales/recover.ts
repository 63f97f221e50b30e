// Crash recovery and the periodic tick: reconcile every sale left creating or pending, settle refunds
// whose outcome was never recorded, poll open sales while the relay cannot be trusted, and expire sales
// whose QR countdown has ended.
import type { Sale } from '../../../shared';
import { closeOpenSale } from './cancel';
import { commitPatch } from './commit';
import { pollSale } from './complete';
import type { CoreContext } from './context';
import { findChargesForSale } from './find-charge';
import { reconcileRefund } from './after-payment';
import { adoptFound, closeLateCharge, closeStrayCharge, NEVER_CREATED } from './start';

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
  const now = ctx.now().getTime();
  for (const sale of ctx.store.sales.listOpen()) {
    try {
      if (sale.status === 'creating') {
        // A request sent just before a crash may still be inside Opn: until the settle time has passed
        // since the sale began, "no charge found" proves nothing. The tick settles it afterwards.
        if (now - new Date(sale.createdAt).getTime() < ctx.tuning.settleMs) continue;
        await reconcileCreating(ctx, sale);
      } else await pollSale(ctx, sale);
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

/** Sales failed because their charge could not be confirmed: a late request may still create one. */
const LATE_CODES = new Set(['not_created', 'unconfirmed']);

/**
 * For a while after a sale failed with no charge (not_created, unconfirmed), look for a charge carrying
 * its sale_id: a request held in flight across a restart can reach Opn after the terminal gave up. Found:
 * expired at Opn, or the sale flagged if it was paid. Bounded by the search window (searchSkewMs).
 */
export async function sweepLateCharges(ctx: CoreContext, now: number): Promise<void> {
  const since = new Date(now - ctx.tuning.searchSkewMs).toISOString();
  const candidates = ctx.store.sales.list({ from: since, statuses: ['failed'] }).filter((s) => !s.chargeId && LATE_CODES.has(s.failureCode ?? ''));
  for (const sale of candidates) {
    const [first, ...more] = await findChargesForSale(ctx, sale);
    if (!first) continue;
    let closed = await closeLateCharge(ctx, sale, first);
    for (const c of more) closed = await closeStrayCharge(ctx, closed, c);
  }
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
  await sweepLateCharges(ctx, now).catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'tick: late-charge search failed'));
  for (const refund of ctx.store.refunds.listCreating()) {
    if (state.inFlight.has(refund.saleId) || now - new Date(refund.createdAt).getTime() < ctx.tuning.settleMs) continue;
    await reconcileRefund(ctx, refund).catch((e: unknown) => ctx.log.warn({ refundId: refund.id, err: (e as Error).message }, 'tick: refund not reconciled'));
  }
}

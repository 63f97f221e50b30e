// Starting a sale: validate → commit the row (fresh idempotency key) → POST /charges → commit the charge.
// An ambiguous failure is resolved by searching the charge list for this sale_id before any new POST.
import type { OpnCharge, Sale, SaleOrigin } from '../../../shared';
import { canTransition } from '../../../shared';
import { newIdempotencyKey, newSaleId } from '../ids';
import { CoreError, StoreWriteError } from '../errors';
import { isAmbiguous, OpnApiError, OpnNetworkError } from '../opn/index';
import { ATTENTION_SECOND_CHARGE } from './apply-charge';
import { commitCharge, commitPatch, toCoreError } from './commit';
import type { CoreContext } from './context';
import { findChargesForSale } from './find-charge';
import { originMetadata } from './origin-metadata';

export const NEVER_CREATED = 'The charge was never created at Opn.';

export function insertSale(ctx: CoreContext, input: { amount: number; cashier: string | null; origin?: SaleOrigin | null }): Sale {
  const now = ctx.now();
  return ctx.store.transaction(() =>
    ctx.store.sales.insert({
      id: newSaleId(now.getTime()),
      terminalId: ctx.terminal.terminalId,
      storeId: ctx.terminal.storeId,
      cashier: input.cashier,
      amount: input.amount,
      currency: ctx.currency,
      capture: ctx.terminal.captureMode === 'automatic',
      idempotencyKey: newIdempotencyKey(),
      createdAt: now.toISOString(),
      // The terminal owns the QR's lifetime: its countdown and its /expire follow this, not Opn's expires_at.
      expiresAt: new Date(now.getTime() + ctx.tuning.qrTtlMs).toISOString(),
      origin: input.origin ?? null,
    }),
  );
}

// Every attempt for one sale sends the same bytes: where a server honours Idempotency-Key (unverified for
// Opn: no document or official SDK mentions it; the sandbox's optional mode answers 422), a reused key with
// another body may be refused, so expires_at is fixed once per sale.
async function postCharge(ctx: CoreContext, sale: Sale, idempotencyKey: string, expiresAt: string): Promise<OpnCharge> {
  return ctx.opn.createCharge({
    amount: sale.amount,
    currency: sale.currency,
    returnUri: ctx.terminal.returnUri,
    platformType: 'WEB',
    metadata: { terminal_id: sale.terminalId, store_id: sale.storeId, sale_id: sale.id, ...originMetadata(sale.origin) },
    capture: sale.capture,
    expiresAt,
    idempotencyKey,
  });
}

/**
 * Adopts the oldest charge found for the sale. Any further charge (only possible if Opn ignored the
 * Idempotency-Key and a request we gave up on landed late) is expired, or flagged if it was paid.
 */
export async function adoptFound(ctx: CoreContext, saleId: string, found: OpnCharge[]): Promise<Sale> {
  const [first, ...extra] = [...found].sort((a, b) => a.created_at.localeCompare(b.created_at));
  if (!first) throw new Error('adoptFound needs a charge');
  let sale = commitCharge(ctx, saleId, first);
  for (const c of extra) sale = await closeStrayCharge(ctx, sale, c);
  return sale;
}

/** A sale the terminal already closed without a charge (failed, expired, cancelled). */
export function isClosed(sale: Sale): boolean {
  return sale.status === 'failed' || sale.status === 'expired' || sale.status === 'cancelled';
}

/**
 * A second charge for a sale that has one: kept in its own column (so it can be refunded by its own id),
 * expired if still pending, and the sale flagged if it was paid.
 */
export async function closeStrayCharge(ctx: CoreContext, sale: Sale, c: OpnCharge): Promise<Sale> {
  ctx.log.error({ saleId: sale.id, chargeId: c.id, status: c.status }, 'second charge for one sale');
  let charge = c;
  if (c.status === 'pending') charge = await ctx.opn.expireCharge(c.id).catch(() => c);
  const current = ctx.store.sales.get(sale.id) ?? sale;
  const record = current.secondChargeId ? {} : { secondChargeId: charge.id };
  // Flag it where the state machine allows (a refunded or voided sale cannot reopen: the column and the
  // error log carry it, and reconciliation lists the second charge).
  if (charge.status === 'successful' && (current.status === 'needs_attention' || canTransition(current.status, 'needs_attention'))) {
    return commitPatch(ctx, sale.id, { ...record, status: 'needs_attention', attentionReason: `${ATTENTION_SECOND_CHARGE} (${charge.id})` });
  }
  return current.secondChargeId ? current : commitPatch(ctx, sale.id, record);
}

/**
 * A charge that appeared for a sale the terminal had already failed (its request reached Opn late): expire
 * it so a late scan cannot pay; if it was paid already, the sale needs attention (refund or accept).
 */
export async function closeLateCharge(ctx: CoreContext, sale: Sale, c: OpnCharge): Promise<Sale> {
  ctx.log.error({ saleId: sale.id, chargeId: c.id, status: c.status }, 'charge found for a sale already closed');
  let charge = c;
  if (c.status === 'pending') charge = await ctx.opn.expireCharge(c.id).catch(() => c);
  // Paid: the state machine turns the closed sale into needs_attention. Otherwise only its id is recorded,
  // so the sale stays closed and the late-charge search does not look again.
  if (charge.status === 'successful') return commitCharge(ctx, sale.id, charge);
  return commitPatch(ctx, sale.id, { chargeId: charge.id });
}

function notifyAccepted(ctx: CoreContext): void {
  try {
    ctx.manualCaptureAccepted?.();
  } catch (err) {
    ctx.log.error({ err: (err as Error).message }, 'recording the manual-capture support failed');
  }
}

/**
 * Manual capture refused: from now on this terminal captures automatically (in memory at once, in the
 * settings through the app's hook), and this sale is sent again with capture=true under its own key
 * (the refused request's key would replay the refusal where Opn honours Idempotency-Key).
 */
async function fallBackToAutomatic(ctx: CoreContext, sale: Sale, key: string, expiresAt: string, refusal: OpnApiError): Promise<Sale> {
  ctx.log.warn({ saleId: sale.id, code: refusal.code }, 'Opn refused manual capture (capture=false); falling back to automatic capture');
  ctx.terminal.captureMode = 'automatic';
  try {
    ctx.manualCaptureRefused?.();
  } catch (err) {
    ctx.log.error({ err: (err as Error).message }, 'recording the manual-capture refusal failed');
  }
  const automatic = ctx.store.transaction(() => ctx.store.sales.setAutomaticCapture(sale.id, ctx.iso()));
  let charge: OpnCharge;
  try {
    charge = await postCharge(ctx, automatic, key, expiresAt);
  } catch (e) {
    if (isAmbiguous(e)) {
      const found = await searchUntilSettled(ctx, automatic, e instanceof OpnNetworkError ? Date.now() : 0);
      if (found !== 'unreachable' && found.length > 0) return adoptFound(ctx, sale.id, found);
      if (found === 'unreachable') throw toCoreError(e, 'charge', 'creating the charge');
    }
    const code = e instanceof OpnApiError ? e.code : e instanceof OpnNetworkError ? 'opn_unavailable' : 'opn_refused';
    commitPatch(ctx, sale.id, { status: 'failed', failureCode: code, failureMessage: NEVER_CREATED });
    throw toCoreError(e, 'charge', 'creating the charge');
  }
  return commitNewCharge(ctx, sale.id, charge);
}

/**
 * The charge exists at Opn but the disk refused its commit: its QR was never shown, so withdraw it (expire
 * at Opn) before anyone can pay money the terminal cannot record. The sale row stays `creating`; once the
 * log can be written it is found at Opn by its sale id and recorded (expired), like a crash at this point.
 */
function commitNewCharge(ctx: CoreContext, saleId: string, charge: OpnCharge): Sale | Promise<Sale> {
  try {
    return commitCharge(ctx, saleId, charge);
  } catch (e) {
    if (!(e instanceof StoreWriteError)) throw e;
    ctx.log.error({ saleId, chargeId: charge.id, code: e.code }, 'charge created but not recorded: withdrawing it at Opn');
    return ctx.opn.expireCharge(charge.id).then(
      () => Promise.reject(e),
      (expireError: unknown) => {
        ctx.log.error({ saleId, chargeId: charge.id, err: (expireError as Error).message }, 'could not withdraw the unrecorded charge; it is recovered by sale id');
        return Promise.reject(e);
      },
    );
  }
}

/** Keeps searching the charge list until the charge shows up or the settle time has passed. */
async function searchUntilSettled(ctx: CoreContext, sale: Sale, sentAt: number): Promise<OpnCharge[] | 'unreachable'> {
  for (let i = 0; ; i++) {
    let found: OpnCharge[];
    try {
      found = await findChargesForSale(ctx, sale);
    } catch {
      // Network time, not the business clock: this waits out a request that may still be in flight.
      if (Date.now() - sentAt >= ctx.tuning.settleMs) return 'unreachable';
      found = [];
    }
    if (found.length > 0) return found;
    if (Date.now() - sentAt >= ctx.tuning.settleMs) return [];
    await ctx.sleep(Math.min(2_000, 100 * 2 ** i));
  }
}

/**
 * POST with the sale's key; on ambiguity look for the charge before ever sending again.
 * - 5xx: Opn finished with the request, so one search tells whether it created the charge.
 * - timeout / reset: the request may still be running at Opn, so the search repeats until `settleMs`
 *   after sending. Only when no charge carries this sale_id by then is the same request (same
 *   Idempotency-Key) sent again. The residual risk, a request stalled inside Opn for longer than
 *   `settleMs` while Opn ignores the key, is caught afterwards: the extra charge is expired, or the sale
 *   flagged for attention if it was paid (see adoptFound / closeStrayCharge).
 */
export async function createChargeForSale(ctx: CoreContext, sale: Sale): Promise<Sale> {
  const key = ctx.store.sales.idempotencyKey(sale.id);
  if (!key) throw new CoreError('not_found', 'That sale does not exist.');
  // Asked of Opn too (it may or may not honour it); the same value on every attempt.
  const expiresAt = sale.expiresAt ?? new Date(new Date(sale.createdAt).getTime() + ctx.tuning.qrTtlMs).toISOString();
  let lastError: unknown;
  for (let attempt = 1; attempt <= ctx.tuning.maxCreateAttempts; attempt++) {
    const sentAt = Date.now();
    let charge: OpnCharge;
    try {
      charge = await postCharge(ctx, sale, key, expiresAt);
      if (!sale.capture) notifyAccepted(ctx);
    } catch (e) {
      lastError = e;
      ctx.log.warn({ saleId: sale.id, attempt, err: (e as Error).message }, 'POST /charges failed');
      if (!isAmbiguous(e) && !sale.capture && e instanceof OpnApiError && e.httpStatus === 400) {
        // Opn documents `capture` for card charges only: an authorize-only KakaoPay charge may be refused.
        // Nothing was created (a 400), so the sale goes through as an automatic one, never failed for it.
        return fallBackToAutomatic(ctx, sale, `${key}.automatic`, expiresAt, e);
      }
      if (!isAmbiguous(e)) {
        // Opn refused, or the request never left: no charge exists for this sale.
        const code = e instanceof OpnNetworkError ? 'opn_unavailable' : e instanceof OpnApiError ? e.code : 'opn_refused';
        commitPatch(ctx, sale.id, { status: 'failed', failureCode: code, failureMessage: NEVER_CREATED });
        throw toCoreError(e, 'charge', 'creating the charge');
      }
      const found = await searchUntilSettled(ctx, sale, e instanceof OpnNetworkError ? sentAt : 0);
      // Opn unreachable even for the search: leave the sale `creating`; the tick or recover() settles it.
      if (found === 'unreachable') throw toCoreError(e, 'charge', 'creating the charge');
      if (found.length > 0) return adoptFound(ctx, sale.id, found);
      continue;
    }
    return commitNewCharge(ctx, sale.id, charge);
  }
  // Every attempt was ambiguous and no charge exists after settling: the sale failed, nothing was charged.
  commitPatch(ctx, sale.id, { status: 'failed', failureCode: 'unconfirmed', failureMessage: NEVER_CREATED });
  throw toCoreError(lastError, 'charge', 'creating the charge');
}

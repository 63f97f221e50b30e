// Completion: a relay event or a poll makes the core GET the charge (never trusting a pushed body) and
// commit the sale change, the processed event id and the relay cursor in one transaction.
import type { OpnCharge, RelayEvent, Sale } from '../../../shared';
import { chargeMetadataSchema, opnEventSchema } from '../../../shared';
import type { CoreContext } from './context';
import { commitCharge, isUnknownCharge, settleUnknownCharge } from './commit';
import { reconcileRefund } from './after-payment';
import { recordOpnRefunds } from './opn-refunds';
import { adoptFound, closeLateCharge, closeStrayCharge, isClosed } from './start';

async function reconcileOpenRefunds(ctx: CoreContext, saleId: string): Promise<void> {
  for (const r of ctx.store.refunds.forSale(saleId)) if (r.status === 'creating') await reconcileRefund(ctx, r);
}

function markOnly(ctx: CoreContext, event: RelayEvent, chargeId: string | null): void {
  ctx.store.transaction(() => {
    ctx.store.events.markProcessed(event.eventId, chargeId, ctx.iso());
    ctx.store.events.advanceCursor(event.seq);
  });
}

/**
 * The charge an event is about. Only the event's id, key and this id are read (any API version: a
 * 2017-11-02 event has `created`, not `created_at`); the charge itself always comes from GET /charges/:id.
 * A refund event names its charge in `data.charge`.
 */
function chargeIdOf(rawBody: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const ev = opnEventSchema.safeParse(json);
  if (!ev.success) return null;
  if (ev.data.data.object === 'charge') return ev.data.data.id ?? null;
  const charge = ev.data.data.charge;
  if (ev.data.data.object === 'refund' && typeof charge === 'string' && /^[A-Za-z0-9_]{1,100}$/.test(charge)) return charge;
  return null;
}

/** The sale a charge belongs to: by stored charge id, else by the sale_id in its metadata. */
function saleForCharge(ctx: CoreContext, charge: OpnCharge): Sale | undefined {
  const byId = ctx.store.sales.byChargeId(charge.id);
  if (byId) return byId;
  const meta = chargeMetadataSchema.safeParse(charge.metadata);
  if (!meta.success || meta.data.terminal_id !== ctx.terminal.terminalId) return undefined;
  return ctx.store.sales.get(meta.data.sale_id);
}

export async function handleRelayEvent(ctx: CoreContext, event: RelayEvent): Promise<void> {
  if (ctx.store.events.isProcessed(event.eventId)) {
    // A duplicate: nothing to do but make sure the cursor covers it.
    ctx.store.transaction(() => ctx.store.events.advanceCursor(event.seq));
    return;
  }
  const chargeId = chargeIdOf(event.rawBody);
  if (!chargeId) {
    ctx.log.info({ eventId: event.eventId, eventKey: event.eventKey }, 'event not about a charge; cursor only');
    markOnly(ctx, event, null);
    return;
  }
  // Outside any transaction: the API's answer is the truth, the pushed body only a hint. A failure here
  // rejects, so the relay client does not ack and the event comes again.
  let charge: OpnCharge;
  try {
    charge = await ctx.opn.retrieveCharge(chargeId);
  } catch (e) {
    // Opn's own not_found error object: a forged or foreign event; nothing to do, never ask again. A bare
    // 404 or 5xx (a proxy, an outage) rejects instead: the event stays unacknowledged and comes again.
    if (isUnknownCharge(e)) {
      ctx.log.warn({ eventId: event.eventId, chargeId }, 'event names a charge Opn does not know');
      markOnly(ctx, event, chargeId);
      return;
    }
    throw e;
  }
  const sale = saleForCharge(ctx, charge);
  if (!sale) {
    ctx.log.warn({ eventId: event.eventId, chargeId }, 'event for a charge this terminal does not know');
    markOnly(ctx, event, chargeId);
    return;
  }
  // A refund event: settle any refund of this sale whose answer was lost, then the event.
  if (event.eventKey.startsWith('refund.')) await reconcileOpenRefunds(ctx, sale.id);
  if (sale.chargeId && sale.chargeId !== charge.id) {
    await closeStrayCharge(ctx, sale, charge);
    markOnly(ctx, event, chargeId);
    return;
  }
  if (!sale.chargeId) {
    if (isClosed(sale)) {
      // A charge Opn created only after the terminal had failed the sale (a request held in flight across
      // a restart): expire it, or flag the sale if it was paid. Never adopted as if nothing happened.
      await closeLateCharge(ctx, sale, charge);
      markOnly(ctx, event, chargeId);
      return;
    }
    // The POST's response was lost but the charge exists: adopt it (commits the sale), then the event.
    await adoptFound(ctx, sale.id, [charge]);
  }
  // A refund made at Opn (dashboard): recorded before the event is marked processed; if this fails the
  // event comes again, and recording is idempotent by Opn refund id.
  await recordOpnRefunds(ctx, sale.id, charge);
  commitCharge(ctx, sale.id, charge, () => {
    ctx.store.events.markProcessed(event.eventId, chargeId, ctx.iso());
    ctx.store.events.advanceCursor(event.seq);
  });
}

/** Polls one open sale's charge and commits what Opn says (including "no such charge"). */
export async function pollSale(ctx: CoreContext, sale: Sale): Promise<Sale> {
  if (!sale.chargeId) return sale;
  let charge: OpnCharge;
  try {
    charge = await ctx.opn.retrieveCharge(sale.chargeId);
  } catch (e) {
    if (isUnknownCharge(e)) return settleUnknownCharge(ctx, sale);
    throw e;
  }
  await recordOpnRefunds(ctx, sale.id, charge);
  return commitCharge(ctx, sale.id, charge);
}

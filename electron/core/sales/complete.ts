// Completion: a relay event or a poll makes the core GET the charge (never trusting a pushed body) and
// commit the sale change, the processed event id and the relay cursor in one transaction.
import type { OpnCharge, RelayEvent, Sale } from '../../../shared/index';
import { chargeMetadataSchema, opnEventSchema } from '../../../shared/index';
import { OpnApiError } from '../opn/index';
import type { CoreContext } from './context';
import { commitCharge, isUnknownCharge, settleUnknownCharge } from './commit';
import { adoptFound, closeStrayCharge } from './start';

function markOnly(ctx: CoreContext, event: RelayEvent, chargeId: string | null): void {
  ctx.store.transaction(() => {
    ctx.store.events.markProcessed(event.eventId, chargeId, ctx.iso());
    ctx.store.events.advanceCursor(event.seq);
  });
}

function chargeIdOf(rawBody: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const ev = opnEventSchema.safeParse(json);
  if (!ev.success || ev.data.data.object !== 'charge') return null;
  return ev.data.data.id;
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
    // Opn does not know this charge (a forged or foreign event): nothing to do, but never ask for it again.
    if (e instanceof OpnApiError && e.httpStatus === 404) {
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
  if (sale.chargeId && sale.chargeId !== charge.id) {
    await closeStrayCharge(ctx, sale, charge);
    markOnly(ctx, event, chargeId);
    return;
  }
  if (!sale.chargeId) {
    // The POST's response was lost but the charge exists: adopt it (commits the sale), then the event.
    await adoptFound(ctx, sale.id, [charge]);
  }
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
  return commitCharge(ctx, sale.id, charge);
}

// Finding the charge that carries a sale's id in its metadata: the only safe answer to "did my POST
// /charges take effect?" when the response was lost, whether or not Opn honours Idempotency-Key.
import type { OpnCharge, Sale } from '../../../shared';
import { chargeMetadataSchema } from '../../../shared';
import type { CoreContext } from './context';

const PAGE = 100;

/** Every charge in a narrow window around the sale's creation whose metadata names this sale. */
export async function findChargesForSale(ctx: CoreContext, sale: Pick<Sale, 'id' | 'createdAt'>): Promise<OpnCharge[]> {
  const created = new Date(sale.createdAt).getTime();
  const from = new Date(created - ctx.tuning.searchSkewMs).toISOString();
  const to = new Date(Math.max(ctx.now().getTime(), created) + ctx.tuning.searchSkewMs).toISOString();
  const found: OpnCharge[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ctx.opn.listCharges({ from, to, offset, limit: PAGE, order: 'chronological' });
    for (const c of page.data) {
      const meta = chargeMetadataSchema.safeParse(c.metadata);
      if (meta.success && meta.data.sale_id === sale.id && meta.data.terminal_id === ctx.terminal.terminalId) found.push(c);
    }
    if (page.data.length < PAGE || offset + page.data.length >= page.total) break;
  }
  return found;
}

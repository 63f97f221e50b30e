// Sales: start, cancel, look up, list, and the manager's refund/void/capture/reverse/resolve.
import type { Receipt } from '../../../shared';
import { withShopName } from '../parts/core-session';
import type { DomainHandlers } from '../gate';
import type { HandlerContext } from './context';

export function saleHandlers(ctx: HandlerContext): DomainHandlers<'sale'> {
  const withShop = (receipt: Receipt): Receipt => withShopName(receipt, ctx.settings.get().shopName);
  const core = () => ctx.runtime.core();
  return {
    'sale:current': () => ctx.runtime.currentSale(),
    // The customer display follows the core's sale events (display-state.ts), not this call's answer.
    'sale:start': (input) => core().startSale(input),
    'sale:cancel': (input) => core().cancelSale(input.saleId),
    'sale:get': (input) => withShop(core().getReceipt(input.saleId)),
    'sale:list': (input) => {
      const s = ctx.settings.get();
      return core().listSales({ ...input, timeZone: s.timeZone, dayStartMinutes: s.dayStartMinutes });
    },
    'sale:refund': async (input) => withShop(await core().refund(input)),
    'sale:void': async (input) => withShop(await core().voidSale(input.saleId)),
    'sale:capture': async (input) => withShop(await core().capture(input.saleId)),
    'sale:reverse': async (input) => withShop(await core().reverse(input.saleId)),
    'sale:resolveAttention': async (input) => withShop(await core().resolveAttention(input)),
  };
}

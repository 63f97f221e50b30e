// The handler of every invoke channel, one module per domain. The gate (../gate.ts) has already parsed
// the input, checked the caller's role and the manager PIN; handlers receive typed input.
import type { Handlers } from '../gate';
import type { HandlerContext } from './context';
import { receiptHandlers, withSlip } from './receipts';
import { reportHandlers } from './reports';
import { saleHandlers } from './sales';
import { settingsHandlers } from './settings';
import { terminalHandlers } from './terminal';
import { displayCheckoutHandlers } from './display-checkout';

export type { HandlerContext } from './context';

export function createHandlers(ctx: HandlerContext): Handlers {
  const sales = saleHandlers(ctx);
  return {
    ...terminalHandlers(ctx),
    ...displayCheckoutHandlers(ctx),
    ...settingsHandlers(ctx),
    ...sales,
    // A refund or void that went through prints its slip (when Settings print automatically).
    'sale:refund': withSlip(ctx, sales['sale:refund']),
    'sale:void': withSlip(ctx, sales['sale:void']),
    ...reportHandlers(ctx),
    ...receiptHandlers(ctx),
  } satisfies Handlers;
}

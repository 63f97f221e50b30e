// The handler of every invoke channel, one module per channel prefix (`sale:*` in sales.ts, …). The gate
// (../gate.ts) has already parsed the input, checked the caller's role and the manager PIN; handlers
// receive typed input. Each domain must answer exactly its prefix's channels (a type error otherwise),
// and `createHandlers` checks at start-up that every channel has exactly one handler.
import { INVOKE_CHANNEL_NAMES } from '../../../shared';
import type { ChannelPrefix, DomainHandlers, Handlers } from '../gate';
import type { HandlerContext } from './context';
import { receiptHandlers, withSlips } from './receipts';
import { reportHandlers } from './reports';
import { saleHandlers } from './sales';
import { settingsHandlers } from './settings';
import { appHandlers, displayHandlers, managerHandlers } from './terminal';
import { displayCheckoutHandlers } from './display-checkout';
import { posLinkHandlers } from './pos-link';

export type { HandlerContext } from './context';

type ByPrefix = { readonly [P in ChannelPrefix]: DomainHandlers<P> };

export function createHandlers(ctx: HandlerContext): Handlers {
  const domains: ByPrefix = {
    app: appHandlers(ctx),
    display: { ...displayHandlers(ctx), ...displayCheckoutHandlers(ctx) },
    manager: managerHandlers(),
    settings: settingsHandlers(ctx),
    // A refund or void that went through prints its slip (when Settings print automatically).
    sale: withSlips(ctx, saleHandlers(ctx)),
    reports: reportHandlers(ctx),
    receipt: receiptHandlers(ctx),
    posLink: posLinkHandlers(ctx),
  };
  return flatten(domains);
}

/** One table from the domains; refuses to start when a channel has no handler or two. */
export function flatten(domains: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Handlers {
  const table: Record<string, unknown> = {};
  for (const [prefix, handlers] of Object.entries(domains)) {
    for (const [channel, handler] of Object.entries(handlers)) {
      if (!channel.startsWith(`${prefix}:`)) throw new Error(`handler ${channel} is filed under ${prefix}:`);
      if (Object.hasOwn(table, channel)) throw new Error(`two handlers for ${channel}`);
      if (typeof handler !== 'function') throw new Error(`handler ${channel} is not a function`);
      table[channel] = handler;
    }
  }
  const missing = INVOKE_CHANNEL_NAMES.filter((c) => !Object.hasOwn(table, c));
  const extra = Object.keys(table).filter((c) => !(INVOKE_CHANNEL_NAMES as readonly string[]).includes(c));
  if (missing.length > 0 || extra.length > 0) throw new Error(`handlers do not match the contract: missing ${missing.join(', ') || 'none'}; unknown ${extra.join(', ') || 'none'}`);
  return table as Handlers;
}

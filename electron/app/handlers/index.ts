// The handler of every invoke channel, one module per domain. The gate (../gate.ts) has already parsed
// the input, checked the caller's role and the manager PIN; handlers receive typed input.
import type { Handlers } from '../gate';
import type { HandlerContext } from './context';
import { reportHandlers } from './reports';
import { saleHandlers } from './sales';
import { settingsHandlers } from './settings';
import { terminalHandlers } from './terminal';

export type { HandlerContext } from './context';

export function createHandlers(ctx: HandlerContext): Handlers {
  return { ...terminalHandlers(ctx), ...settingsHandlers(ctx), ...saleHandlers(ctx), ...reportHandlers(ctx) } satisfies Handlers;
}

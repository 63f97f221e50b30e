// The terminal itself: what it is, what the customer display shows, and unlocking manager screens.
import type { Handlers } from '../gate';
import { withTestMode } from '../test-mode';
import type { HandlerContext } from './context';

export function terminalHandlers(ctx: HandlerContext): Pick<Handlers, 'app:info' | 'display:get' | 'manager:unlock'> {
  return {
    'app:info': () =>
      Promise.resolve({ version: ctx.version, mode: ctx.settings.get().mode, shell: ctx.shell, link: ctx.runtime.link(), recovering: ctx.runtime.recovering() }),
    'display:get': () => Promise.resolve(withTestMode(ctx.display.current(), ctx.settings)),
    // The gate has checked the PIN (policy 'required'): reaching here means it was right.
    'manager:unlock': () => Promise.resolve({ unlocked: true as const }),
  };
}

// The terminal itself: what it is, what the customer display shows, and unlocking manager screens.
import type { DomainHandlers } from '../gate';
import { withTestMode } from '../test-mode';
import type { HandlerContext } from './context';

export function appHandlers(ctx: HandlerContext): DomainHandlers<'app'> {
  return {
    'app:info': () => ({ version: ctx.version, mode: ctx.settings.get().mode, shell: ctx.shell, link: ctx.runtime.link(), recovering: ctx.runtime.recovering() }),
  };
}

export function displayHandlers(ctx: HandlerContext): Pick<DomainHandlers<'display'>, 'display:get'> {
  return { 'display:get': () => withTestMode(ctx.display.current(), ctx.settings) };
}

export function managerHandlers(): DomainHandlers<'manager'> {
  // The gate has checked the PIN (policy 'required'): reaching here means it was right.
  return { 'manager:unlock': () => ({ unlocked: true as const }) };
}

// Settings → POS link (#23): the manager (PIN checked at the gate) turns the local API on or off, lets
// the shop's network in, pairs a till and revokes its key. The handlers only forward to the POS link
// server's control; what they answer holds key ids, names, scopes and last use, and the pairing code
// (one-time, short-lived, typed by a person into the till), never a key.
import type { PosLinkControl } from '../../../shared';
import { GateError } from '../errors';
import type { DomainHandlers } from '../gate';
import type { HandlerContext } from './context';

function control(ctx: HandlerContext): PosLinkControl {
  const c = ctx.posLink?.() ?? null;
  if (!c) throw new GateError('pos_link_unavailable', 'The POS link is not available on this terminal.');
  return c;
}

export function posLinkHandlers(ctx: HandlerContext): DomainHandlers<'posLink'> {
  return {
    'posLink:status': () => control(ctx).status(),
    'posLink:configure': (input) => control(ctx).configure({ enabled: input.enabled, allowLan: input.allowLan }),
    'posLink:pair': (input) => control(ctx).createPairingCode({ name: input.name, scopes: input.scopes }),
    'posLink:revoke': (input) => control(ctx).revokeKey(input.id),
  };
}

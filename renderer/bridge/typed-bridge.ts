// Types a PosTransport (the preload's `window.pos`, or the browser-mode websocket) as the contract's
// PosBridge: one function per channel of the shared CHANNELS object, and typed event subscriptions.
import type { EventMap, EventName, PosBridge, PosTransport } from '../../shared';
import { INVOKE_CHANNEL_NAMES } from '../../shared';

export function typedBridge(transport: PosTransport): PosBridge {
  const bridge: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNEL_NAMES) bridge[channel] = (request: unknown) => transport.invoke(channel, request);
  bridge.on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): (() => void) =>
    transport.on((name, payload) => {
      if (name === event) listener(payload as EventMap[E]);
    });
  return Object.freeze(bridge) as unknown as PosBridge;
}

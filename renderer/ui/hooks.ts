// React glue for the bridge: subscribe to pushed events, and keep the socket state visible.
import { useEffect, useState } from 'react';
import type { EventMap, EventName, PosBridge } from '../../shared';
import type { Bridge } from '../bridge';

export function useBridgeEvent<E extends EventName>(pos: PosBridge, event: E, listener: (payload: EventMap[E]) => void): void {
  useEffect(() => pos.on(event, listener), [pos, event, listener]);
}

/** False until the bridge says it is connected (onConnection reports the current state at once). */
export function useConnected(bridge: Bridge): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => bridge.onConnection(setConnected), [bridge]);
  return connected;
}

/** A clock that ticks every `ms` while mounted (countdowns). */
export function useNow(ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

// The renderer's only way to the terminal: `window.pos` from the Electron preload when present,
// otherwise the browser-mode websocket bridge (the cashier's token comes from the URL fragment).
import type { PosBridge } from '../../shared';
import { createWsBridge, type BridgeRole } from './ws-bridge';

declare global {
  interface Window {
    pos?: PosBridge;
  }
}

export interface Bridge {
  readonly pos: PosBridge;
  /** Socket connection state (always true under Electron, where IPC cannot drop). */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** Browser mode only: the cashier URL lacks this run's token, so the terminal will refuse it. */
  readonly missingToken: boolean;
}

let cached: Bridge | null = null;

export function getBridge(role: BridgeRole): Bridge {
  if (cached) return cached;
  if (window.pos) {
    const pos = window.pos;
    cached = { pos, onConnection: (l) => (l(true), () => {}), missingToken: false };
    return cached;
  }
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? undefined;
  const ws = createWsBridge({ role, ...(token ? { token } : {}) });
  cached = { pos: ws, onConnection: (l) => ws.onConnection(l), missingToken: role === 'cashier' && !token };
  return cached;
}

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
}

let cached: Bridge | null = null;

export function getBridge(role: BridgeRole): Bridge {
  if (cached) return cached;
  if (window.pos) {
    const pos = window.pos;
    cached = { pos, onConnection: (l) => (l(true), () => {}) };
    return cached;
  }
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? undefined;
  const ws = createWsBridge({ role, ...(token ? { token } : {}) });
  cached = { pos: ws, onConnection: (l) => ws.onConnection(l) };
  return cached;
}

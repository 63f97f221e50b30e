// The renderer's only way to the terminal: `window.pos` from the Electron preload when present,
// otherwise the browser-mode websocket (the cashier's token comes from the URL fragment). Either is a
// PosTransport, typed here as the contract's PosBridge.
import './zod-jitless';
import type { PosBridge, PosTransport, Role } from '../../shared';
import { typedBridge } from './typed-bridge';
import { createWsTransport, type Session } from './ws-bridge';

export type { Session } from './ws-bridge';

declare global {
  interface Window {
    pos?: PosTransport;
  }
}

export interface Bridge {
  readonly pos: PosBridge;
  /** Socket connection state (always true under Electron, where IPC cannot drop). */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** Browser mode: one cashier page at a time ('elsewhere' refused, 'taken' over); Electron: always 'active'. */
  onSession(listener: (session: Session) => void): () => void;
  /** Browser mode: move the cashier session to this page (the other page is told). */
  takeOver(): void;
  /** Browser mode only: the cashier URL lacks this run's token, so the terminal will refuse it. */
  readonly missingToken: boolean;
}

let cached: Bridge | null = null;

export function getBridge(role: Role): Bridge {
  if (cached) return cached;
  if (window.pos) {
    cached = { pos: typedBridge(window.pos), onConnection: (l) => (l(true), () => {}), onSession: (l) => (l('active'), () => {}), takeOver: () => {}, missingToken: false };
    return cached;
  }
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? undefined;
  const ws = createWsTransport({ role, ...(token ? { token } : {}) });
  cached = {
    pos: typedBridge(ws),
    onConnection: (l) => ws.onConnection(l),
    onSession: (l) => ws.onSession(l),
    takeOver: () => ws.takeOver(),
    missingToken: role === 'cashier' && !token,
  };
  return cached;
}

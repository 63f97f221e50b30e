// The browser-mode transport: the same PosTransport as Electron's preload, spoken over one websocket to
// the terminal's local server. Every incoming frame is validated; calls made while disconnected fail
// fast with code 'disconnected' (the UI shows it) and the socket reconnects with backoff.
import type { PosTransport, Result, Role } from '../../shared';
import { backoffDelay } from '../../shared';
import { BRIDGE_CLOSE_IN_USE, BRIDGE_CLOSE_STALE_LINK, BRIDGE_CLOSE_TAKEN_OVER, BRIDGE_PATH, bridgeServerFrameSchema } from '../../shared';

type Listener = (event: string, payload: unknown) => void;

export interface WsTransport extends PosTransport {
  /** Connection state of the socket itself, for an "offline" screen. */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** 'elsewhere': another cashier page is open; 'taken': another page took over; 'stale': this page's
   *  link is not the terminal's any more. No reconnect then. */
  onSession(listener: (session: Session) => void): () => void;
  /** Connect again, asking the terminal to move the cashier session to this page. */
  takeOver(): void;
}

export type Session = 'active' | 'elsewhere' | 'taken' | 'stale';

const CALL_TIMEOUT_MS = 60_000;

export function createWsTransport(options: { role: Role; token?: string; location?: Location }): WsTransport {
  const loc = options.location ?? window.location;
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams({ role: options.role, ...(options.token ? { token: options.token } : {}) });
  const url = `${scheme}//${loc.host}${BRIDGE_PATH}?${query.toString()}`;

  const listeners = new Set<Listener>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> }>();
  let socket: WebSocket | null = null;
  let connected = false;
  let nextId = 1;
  let attempt = 0;
  let session: Session = 'active';
  const sessionListeners = new Set<(session: Session) => void>();
  const setSession = (value: Session): void => {
    session = value;
    for (const l of sessionListeners) l(value);
  };

  const setConnected = (value: boolean): void => {
    if (connected === value) return;
    connected = value;
    for (const l of connectionListeners) l(value);
  };

  function failAll(): void {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: { code: 'disconnected', message: 'Lost the connection to the terminal. Reconnecting…' } });
      pending.delete(id);
    }
  }

  function connect(takeover = false): void {
    const ws = new WebSocket(takeover ? `${url}&takeover=1` : url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
    };
    ws.onmessage = (message) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const frame = bridgeServerFrameSchema.safeParse(raw);
      if (!frame.success) return;
      const f = frame.data;
      if (f.type === 'hello') {
        if (session !== 'active') setSession('active');
        setConnected(true);
      } else if (f.type === 'result') {
        const p = pending.get(f.id);
        if (!p) return;
        pending.delete(f.id);
        clearTimeout(p.timer);
        p.resolve(f.result);
      } else {
        for (const l of listeners) l(f.event, f.payload);
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      setConnected(false);
      failAll();
      // Another cashier page holds the terminal: stay off until the cashier chooses to take over here.
      if (event.code === BRIDGE_CLOSE_IN_USE || event.code === BRIDGE_CLOSE_TAKEN_OVER) {
        setSession(event.code === BRIDGE_CLOSE_IN_USE ? 'elsewhere' : 'taken');
        return;
      }
      // A token from an older link: reconnecting cannot help, the page says which link to open.
      if (event.code === BRIDGE_CLOSE_STALE_LINK) {
        setSession('stale');
        return;
      }
      setTimeout(() => connect(), backoffDelay(attempt++, { initialMs: 250, maxMs: 5_000 }));
    };
  }

  function call(channel: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      if (!socket || socket.readyState !== WebSocket.OPEN || !connected) {
        resolve({ ok: false, error: { code: 'disconnected', message: 'Not connected to the terminal. Reconnecting…' } });
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'timeout', message: 'The terminal did not answer in time.' } });
      }, CALL_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      socket.send(JSON.stringify({ type: 'call', id, channel, input }));
    });
  }

  connect();

  return {
    invoke: call,
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onSession(listener) {
      sessionListeners.add(listener);
      listener(session);
      return () => void sessionListeners.delete(listener);
    },
    takeOver() {
      if (socket) return;
      connect(true);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => void connectionListeners.delete(listener);
    },
  };
}

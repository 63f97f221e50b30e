// Browser mode: the built renderer over HTTP and the IPC contract over one websocket per page.
// The cashier page needs this install's token (in the URL fragment, sent on the websocket; kept in the
// data folder by cashier-link.ts so a page outlives a restart) and must connect from this machine; a page
// with another token is closed with BRIDGE_CLOSE_STALE_LINK so it can say its link is out of date; the customer display is read-only (the contract's roles) and is
// reachable from the shop's network only when the shop enabled `shareCustomerDisplay`. Every HTTP
// request and upgrade must name one of this server's own hosts (no DNS rebinding). One cashier page at a
// time: another is refused (BRIDGE_CLOSE_IN_USE) unless it takes over explicitly, and the replaced page
// is told (BRIDGE_CLOSE_TAKEN_OVER); under Electron the single-instance lock gives the same rule.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role } from '../../shared';
import { roleHears } from '../../shared';
import { BRIDGE_CLOSE_IN_USE, BRIDGE_CLOSE_STALE_LINK, BRIDGE_CLOSE_TAKEN_OVER, BRIDGE_MAX_FRAME_BYTES, BRIDGE_PATH, bridgeCallSchema } from '../../shared';
import type { BridgeServerFrame } from '../../shared';
import type { TerminalApp } from '../app/terminal-app';
import type { Downloads } from './downloads';
import { serveStatic } from './static-files';

export interface BrowserServerOptions {
  app: TerminalApp;
  staticDir: string;
  port?: number;
  /** Listen on every interface so tablets can open the display (cashier stays loopback-only). */
  shareDisplay?: boolean;
  token?: string;
  downloads?: Downloads;
}

export interface BrowserServer {
  readonly port: number;
  readonly cashierUrl: string;
  readonly displayUrl: string;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const host = options.shareDisplay ? '0.0.0.0' : '127.0.0.1';
  // Filled in once the port is known: 127.0.0.1:<port>, localhost:<port>, the LAN address when shared.
  let hosts: ReadonlySet<string> = new Set();
  const http: Server = createServer((req, res) => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Unknown host.');
      return;
    }
    const served = options.downloads ? options.downloads.serve(req, res) : Promise.resolve(false);
    served.then((done) => (done ? undefined : serveStatic(options.staticDir, req, res, { demo: options.app.settings.get().mode === 'demo' }))).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });
  // The one cashier page allowed at a time (two tabs would each start a sale; the display shows one).
  let cashier: WebSocket | null = null;

  http.on('upgrade', (req, socket, head) => {
    const role = authorize(req);
    if (!role) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const takeover = new URL(req.url ?? '/', 'http://x').searchParams.get('takeover') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (role === 'stale') {
        ws.close(BRIDGE_CLOSE_STALE_LINK, 'cashier link out of date');
        return;
      }
      if (role === 'cashier' && !claimCashier(ws, takeover)) return;
      attach(ws, role);
    });
  });

  /** Makes `ws` the cashier page, or refuses it while another one is open and it did not ask to take over. */
  function claimCashier(ws: WebSocket, takeover: boolean): boolean {
    const previous = cashier;
    if (previous && previous.readyState === previous.OPEN) {
      if (!takeover) {
        ws.close(BRIDGE_CLOSE_IN_USE, 'open in another window');
        return false;
      }
      previous.close(BRIDGE_CLOSE_TAKEN_OVER, 'taken over by another window');
    }
    cashier = ws;
    ws.on('close', () => {
      if (cashier === ws) cashier = null;
    });
    return true;
  }
  // A replaced cashier page hears nothing more and may call nothing more, even while its socket closes.
  const current = (ws: WebSocket, role: Role): boolean => role !== 'cashier' || cashier === ws;

  /** The socket's role; 'stale' for a page from this machine and site whose token is not (or no longer) ours. */
  function authorize(req: IncomingMessage): Role | 'stale' | null {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return null;
    }
    if (url.pathname !== BRIDGE_PATH) return null;
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) return null;
    // A page from another site must not drive this terminal (cross-site websocket hijacking).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return null;
    const role = url.searchParams.get('role');
    if (role === 'display') return 'display';
    if (role !== 'cashier') return null;
    if (!isLoopback(req.socket.remoteAddress)) return null;
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    if (given.length === 0) return null;
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf) ? 'cashier' : 'stale';
  }

  function attach(ws: WebSocket, role: Role): void {
    const send = (frame: BridgeServerFrame): void => {
      if (ws.readyState === ws.OPEN && current(ws, role)) ws.send(JSON.stringify(frame));
    };
    const off = options.app.events.onAny((event, payload) => {
      if (roleHears(role, event)) send({ type: 'event', event, payload });
    });
    ws.on('close', off);
    ws.on('error', () => ws.terminate());
    send({ type: 'hello', role });
    ws.on('message', (data, isBinary) => {
      let frame: unknown;
      try {
        frame = isBinary ? undefined : JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '');
      } catch {
        frame = undefined;
      }
      const call = bridgeCallSchema.safeParse(frame);
      if (!current(ws, role)) return;
      if (!call.success) {
        ws.close(1008, 'invalid frame');
        return;
      }
      const { id, channel, input } = call.data;
      options.app.invoke(channel, input, role).then(
        (result) => send({ type: 'result', id, result: result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error } }),
        () => send({ type: 'result', id, result: { ok: false, error: { code: 'internal', message: 'The terminal could not answer.' } } }),
      );
    });
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const lan = options.shareDisplay ? lanAddress() : null;
  const displayHost = lan ?? '127.0.0.1';
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, ...(lan ? [`${lan}:${port}`] : [])]);
  return {
    port,
    cashierUrl: `http://127.0.0.1:${port}/cashier.html#token=${token}`,
    displayUrl: `http://${displayHost}:${port}/display.html`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The first private IPv4 address, for the display URL a tablet on the shop's network opens. */
export function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return null;
}

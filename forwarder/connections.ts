// Sockets per client. A client (its own address: a trusted proxy's pooled sockets are the proxy's and
// are bounded by its config) holds at most `maxConnectionsPerIp` HTTP sockets (a terminal's websocket,
// once upgraded, is counted by the hub, not here) and `maxIdlePerIp` idle keep-alive ones (its oldest
// idle socket is closed when it passes that); and when the server nears `maxConnections`, idle sockets
// are closed first — keep-alive ones of the clients holding the most, oldest first, then sockets that
// never sent a request — so a new connection (Opn's next webhook, a terminal) finds room instead of
// being dropped at accept.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { normalizeAddress, type TrustedProxies } from './client-address';
import { MAX_SHARE_PER_CLIENT } from './per-ip';

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxIdlePerIp: number;
}

interface Tracked {
  readonly client: string;
  readonly viaProxy: boolean;
  /** fresh: no request yet (headersTimeout bounds it); idle: keep-alive between requests. */
  state: 'fresh' | 'busy' | 'idle' | 'upgraded';
  /** When it was accepted or last became idle. */
  since: number;
}

export class ConnectionGuard {
  private readonly sockets = new Map<Socket, Tracked>();
  private readonly byClient = new Map<string, Set<Socket>>();
  private readonly perClient: number;
  /** Above this many sockets, idle ones are closed to keep room below the hard limit. */
  private readonly highWater: number;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly proxies: TrustedProxies,
    private readonly onLimit: (what: 'connections_per_ip' | 'idle_per_ip' | 'idle_under_pressure') => void,
  ) {
    this.perClient = Math.max(1, Math.min(limits.maxConnectionsPerIp, Math.floor(limits.maxConnections * MAX_SHARE_PER_CLIENT)));
    this.highWater = Math.max(1, limits.maxConnections - Math.max(1, Math.floor(limits.maxConnections / 10)));
  }

  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.accepted(socket));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.request(req, res));
    server.on('upgrade', (req: IncomingMessage) => this.upgraded(req.socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  private accepted(socket: Socket): void {
    const client = normalizeAddress(socket.remoteAddress) || 'unknown';
    const viaProxy = this.proxies.trusts(client);
    const mine = this.byClient.get(client) ?? new Set<Socket>();
    if (!viaProxy && mine.size >= this.perClient) {
      this.onLimit('connections_per_ip');
      socket.destroy();
      return;
    }
    this.sockets.set(socket, { client, viaProxy, state: 'fresh', since: Date.now() });
    mine.add(socket);
    this.byClient.set(client, mine);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.uncount(socket, client);
    });
    if (this.sockets.size > this.highWater) this.relievePressure(socket);
  }

  private uncount(socket: Socket, client: string): void {
    const mine = this.byClient.get(client);
    if (!mine?.delete(socket)) return;
    if (mine.size === 0) this.byClient.delete(client);
  }

  /** A websocket: a terminal's link from now on (the upgrade cap and the hub bound those). */
  private upgraded(socket: Socket): void {
    const t = this.sockets.get(socket);
    if (!t) return;
    t.state = 'upgraded';
    this.uncount(socket, t.client);
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const t = this.sockets.get(socket);
    if (t) t.state = 'busy';
    res.once('finish', () => {
      if (!t || socket.destroyed) return;
      t.state = 'idle';
      t.since = Date.now();
      if (!t.viaProxy) this.capIdle(t.client, socket);
    });
  }

  /** Idle keep-alive sockets of one client beyond its cap: the oldest go (never `keep`, the one just used). */
  private capIdle(client: string, keep: Socket): void {
    const idle = [...(this.byClient.get(client) ?? [])].filter((s) => s !== keep && this.sockets.get(s)?.state === 'idle');
    const over = idle.length + 1 - this.limits.maxIdlePerIp;
    if (over <= 0) return;
    idle.sort((a, b) => (this.sockets.get(a)?.since ?? 0) - (this.sockets.get(b)?.since ?? 0));
    for (const s of idle.slice(0, over)) {
      this.onLimit('idle_per_ip');
      s.destroy();
    }
  }

  /** Near the limit: keep-alive idle sockets go first (clients holding the most, oldest first), then ones that never sent a request. */
  private relievePressure(keep: Socket): void {
    const excess = this.sockets.size - this.highWater;
    const held = (t: Tracked): number => this.byClient.get(t.client)?.size ?? 0;
    const rank = (t: Tracked): number => (t.state === 'idle' ? 0 : 1);
    const victims = [...this.sockets]
      .filter(([s, t]) => s !== keep && (t.state === 'idle' || t.state === 'fresh'))
      .sort(([, a], [, b]) => rank(a) - rank(b) || held(b) - held(a) || a.since - b.since);
    for (const [s] of victims.slice(0, excess)) {
      this.onLimit('idle_under_pressure');
      s.destroy();
    }
  }
}

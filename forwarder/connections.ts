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
  /** Each client's idle keep-alive sockets, oldest idle first (a Set keeps insertion order). */
  private readonly idleByClient = new Map<string, Set<Socket>>();
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

  private setIdle(socket: Socket, client: string, idle: boolean): void {
    let set = this.idleByClient.get(client);
    if (idle) {
      if (!set) this.idleByClient.set(client, (set = new Set()));
      set.add(socket);
    } else if (set?.delete(socket) && set.size === 0) this.idleByClient.delete(client);
  }

  private uncount(socket: Socket, client: string): void {
    this.setIdle(socket, client, false);
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
    if (t) {
      t.state = 'busy';
      this.setIdle(socket, t.client, false);
    }
    res.once('finish', () => {
      if (!t || socket.destroyed || t.state === 'upgraded') return;
      t.state = 'idle';
      t.since = Date.now();
      if (!t.viaProxy) this.capIdle(t.client, socket);
    });
  }

  /**
   * `keep` (the socket just used) becomes idle; the client's idle keep-alive sockets beyond its cap go,
   * the longest idle first. Constant time while under the cap: this runs after every request.
   */
  private capIdle(client: string, keep: Socket): void {
    this.setIdle(keep, client, true);
    const idle = this.idleByClient.get(client);
    let over = (idle?.size ?? 0) - this.limits.maxIdlePerIp;
    if (!idle || over <= 0) return;
    for (const s of idle) {
      if (over <= 0) break;
      if (s === keep) continue;
      this.onLimit('idle_per_ip');
      this.setIdle(s, client, false);
      s.destroy();
      over--;
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

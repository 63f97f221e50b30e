// The /terminals websocket endpoint: authenticates the upgrade request, keeps one live session per
// terminal (a new connection REPLACES the old one: the old is usually a half-dead link of the same
// terminal, and refusing would lock the terminal out until the dead link times out), heartbeats.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { RELAY_MAX_FRAME_BYTES, terminalIdSchema } from '../shared';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import { inSlices } from './in-slices';
import { CHECK_IN_SLICE } from './limits';
import { Session } from './session';
import type { CloseReason, SessionDeps } from './session';
import type { EventStore } from './store/types';
import { tokenMatches } from './tokens';

export interface HubOptions {
  store: EventStore;
  metrics: Metrics;
  log: Logger;
  heartbeatMs: number;
  deadAfterMs: number;
  maxInFlight: number;
  maxFrameBytes?: number;
}

export class TerminalHub {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly checkMs: number;
  private readonly instanceId = randomBytes(6).toString('hex');
  /** One object for every session (a closure made per upgrade would keep that upgrade's request alive). */
  private readonly sessionDeps: SessionDeps;
  /** Upgrade requests numbered as they arrive: authentication may finish out of order. */
  private tickets = 0;
  private closed = false;

  constructor(private readonly o: HubOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes ?? RELAY_MAX_FRAME_BYTES, perMessageDeflate: false });
    this.unsubscribe.push(
      o.store.onAppended((terminalId, seq, event) => {
        const s = this.sessions.get(terminalId);
        if (!s) return;
        s.noteHead(seq);
        const e = event?.();
        if (e) s.offer(e);
        else s.pumpIfBehind();
      }),
    );
    this.unsubscribe.push(
      o.store.onKick((terminalId, reason, from, at) => {
        const s = this.sessions.get(terminalId);
        // A replacement on this instance was already handled when it happened; a late notice of it, or
        // one from a connection older than ours (pub/sub gives no order between instances), must not
        // close a newer session of the same terminal.
        if (reason === 'replaced' && (from.startsWith(`${this.instanceId}.`) || (s && at !== undefined && s.arrivedAt >= at))) return;
        if (s) s.close(reason, reason === 'revoked' ? 'the terminal token was revoked' : 'another connection of this terminal took over');
      }),
    );
    this.sessionDeps = { ...o, instanceId: this.instanceId, onClosed: (s) => this.onClosed(s) };
    this.checkMs = Math.max(20, Math.floor(o.heartbeatMs / 5));
    this.timer = setInterval(() => this.tick(), this.checkMs);
    this.timer.unref();
  }

  get connectedCount(): number {
    return this.sessions.size;
  }

  inFlight(): Map<string, number> {
    return new Map([...this.sessions].map(([t, s]) => [t, s.inFlightCount]));
  }

  /**
   * Liveness is checked every heartbeat/5; a link silent for a heartbeat is pinged. A link is cut once silent
   * for deadAfterMs minus one check period, so it is gone within deadAfterMs (15 s) of its last frame; a
   * healthy terminal pings (and answers our pings) every 5 s, so it is never near that.
   */
  private tick(): void {
    const now = Date.now();
    const due: Session[] = [];
    for (const s of this.sessions.values()) {
      if (now - s.lastSeen > this.o.deadAfterMs - this.checkMs) {
        this.o.log.info({ terminal: s.terminalId }, 'terminal silent too long; dropping link');
        s.terminate();
        continue;
      }
      // A terminal pings every heartbeat itself (RelayClient) and any frame proves the link: only a link
      // silent for a whole period is pinged (for 1,000 terminals that halved the heartbeat frames).
      if (now - s.lastSeen >= this.o.heartbeatMs && now - s.lastPingAt >= this.o.heartbeatMs) {
        s.lastPingAt = now;
        s.send({ type: 'ping', t: now });
      }
      // Each session is checked on its own schedule (from when it connected). Terminals that connected
      // together (after a restart, all of them) stay due together, hence the slices in checkIn.
      if (now - s.lastCheckAt < this.o.heartbeatMs) continue;
      s.lastCheckAt = now;
      due.push(s);
    }
    if (due.length > 0) void this.checkIn(due);
  }

  /**
   * One store round trip per slice of the sessions due (not one read each): catch up a missed append
   * notice (Redis pub/sub is at-most-once), and end a session whose token another process (the CLI)
   * revoked or replaced. CHECK_IN_SLICE terminals per read, the event loop free between reads.
   */
  private checkIn(due: Session[]): Promise<void> {
    return inSlices(due, CHECK_IN_SLICE, async (slice) => {
      const found = await this.o.store.checkIn(slice.map((s) => s.terminalId));
      for (const s of slice) {
        if (this.sessions.get(s.terminalId) !== s) continue;
        const now = found.get(s.terminalId);
        if (now?.tokenHash !== s.tokenHash) {
          s.close('revoked', 'the terminal token was revoked');
          continue;
        }
        s.noteHead(now.head);
        s.pumpIfBehind();
      }
    }, () => this.closed).catch(() => undefined); // a store error: the next period checks them again
  }

  /** `release` frees the caller's per-address slot once authentication is over, whatever its outcome. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, release: () => void = () => undefined): void {
    const onError = (): void => void socket.destroy();
    socket.on('error', onError);
    socket.once('close', release);
    // Once upgraded, ws handles the socket's errors: these listeners (and what their scope holds, the
    // upgrade request among it) must not live as long as the terminal's link.
    const upgraded = (): void => {
      socket.off('error', onError);
      socket.off('close', release);
    };
    const arrival = { at: Date.now(), ticket: ++this.tickets };
    void this.authenticate(req).then(
      (auth) => {
        release();
        if (!auth) {
          this.o.metrics.refusedConnections++;
          refuse(socket, 401, 'Unauthorized');
          return;
        }
        const { terminalId, hash } = auth;
        // A terminal connects again only after giving up on its previous attempt, so an upgrade that
        // arrived before the live session's is an attempt its terminal abandoned: it must not replace
        // the live link (the terminal would lose it to a dead socket).
        const live = this.sessions.get(terminalId);
        if (live && live.ticket > arrival.ticket) {
          this.o.metrics.refusedConnections++;
          refuse(socket, 409, 'Conflict');
          return;
        }
        if (!socket.writable) {
          socket.destroy(); // abandoned while it was authenticated
          return;
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          upgraded();
          const previous = this.sessions.get(terminalId);
          if (previous) previous.close('replaced', 'another connection of this terminal took over');
          const session = new Session(terminalId, hash, ws, this.sessionDeps, previous !== undefined, arrival);
          this.sessions.set(terminalId, session);
          this.o.metrics.connected = this.sessions.size;
          this.o.log.info({ terminal: terminalId, replaced: previous !== undefined }, 'terminal connected');
          void this.o.store.publishKick(terminalId, 'replaced', session.id, arrival.at).catch(() => undefined);
        });
      },
      (err: unknown) => {
        release();
        this.o.log.error({ err: err instanceof Error ? err.message : String(err) }, 'auth lookup failed');
        refuse(socket, 503, 'Service Unavailable');
      },
    );
  }

  private async authenticate(req: IncomingMessage): Promise<{ terminalId: string; hash: string } | null> {
    const id = terminalIdSchema.safeParse(req.headers['x-terminal-id']);
    const auth = req.headers.authorization;
    const m = typeof auth === 'string' ? /^Bearer ([A-Za-z0-9_\-.~+/=]{1,200})$/.exec(auth) : null;
    if (!id.success || !m?.[1]) return null;
    const hash = await this.o.store.tokenHash(id.data);
    return hash && tokenMatches(m[1], hash) ? { terminalId: id.data, hash } : null;
  }

  private onClosed(s: Session): void {
    if (this.sessions.get(s.terminalId) === s) this.sessions.delete(s.terminalId);
    this.o.metrics.connected = this.sessions.size;
  }

  closeTerminal(terminalId: string, reason: CloseReason, message: string): void {
    this.sessions.get(terminalId)?.close(reason, message);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const u of this.unsubscribe) u();
    for (const s of [...this.sessions.values()]) s.close('shutdown', 'forwarder shutting down');
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

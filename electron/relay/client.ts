// The terminal's side of the relay: one outbound websocket to the forwarder. Events are handed to
// onEvent strictly one at a time in sequence order; an event is acknowledged only after onEvent
// resolved (i.e. after the terminal's SQLite commit). Plain Node: never imports 'electron'.
import WebSocket from 'ws';
import { forwarderMessageSchema, RELAY_DEAD_AFTER_MS, RELAY_HEARTBEAT_MS, RELAY_MAX_FRAME_BYTES } from '../../shared';
import type { RelayEvent, TerminalMessage } from '../../shared';
import type { LinkState, LinkStatus } from '../../shared';
import { backoffDelay } from '../../shared';

export interface RelayClientOptions {
  url: string;
  terminalId: string;
  token: string;
  /** last committed sequence number, read from the receipt DB */
  lastSeq: () => number;
  /** Commit the event (and its seq) in one SQLite transaction; resolve only after the commit. Then the client acks. */
  onEvent: (event: RelayEvent) => Promise<void>;
  onStatus?: (status: LinkStatus) => void;
  heartbeatMs?: number;
  /** no traffic at all for this long → 'stale', drop the socket, reconnect; default 15 s */
  staleAfterMs?: number;
  backoff?: { initialMs?: number; maxMs?: number; random?: () => number };
  clientName?: string;
}

/**
 * Why the forwarder closed the link, when it said so. The client never stops on its own: a 'replaced'
 * link is often taken by a dead attempt of this same terminal (a handshake it gave up on and the
 * forwarder completed late), so it connects again, after a delay that doubles with each replacement in
 * a row so two copies of one terminal do not fight at full speed; 'revoked' keeps retrying at the
 * longest delay (the forwarder refuses the token until it is set again). Only stop() ends it.
 */
const CLOSING_DETAIL = { replaced: 'another connection of this terminal took over', revoked: 'the terminal token was revoked' } as const;
/** A link that lasted this long was not in a replacement fight: the next replacement starts from the first delay. */
const REPLACEMENT_FORGOTTEN_MS = 60_000;

export class RelayClient {
  private ws: WebSocket | null = null;
  private running = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastTraffic = 0;
  private chain: Promise<void> = Promise.resolve();
  private current: LinkStatus = { state: 'offline', polling: true, lastEventAt: null, detail: null };
  /** What the forwarder said when closing the current link ('replaced' / 'revoked'), cleared per link. */
  private closingCode: 'replaced' | 'revoked' | null = null;
  /** Replacements in a row (links that lasted less than REPLACEMENT_FORGOTTEN_MS). */
  private replacements = 0;
  private openedAt = 0;
  /** Highest seq the forwarder says it stores for us, on the current link; null until its welcome. */
  private head: number | null = null;

  constructor(private readonly o: RelayClientOptions) {}

  get status(): LinkStatus {
    return this.current;
  }

  /**
   * Events stored at the forwarder (or received here) and not yet committed: the forwarder's head minus
   * the committed cursor; an event being committed right now counts. null while not connected and
   * welcomed: events may then be waiting at the forwarder. A Z report refuses to close unless this is 0.
   */
  pendingCount(): number | null {
    if (this.head === null || this.ws === null || this.current.state !== 'connected') return null;
    return Math.max(0, this.head - this.o.lastSeq());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.replacements = 0;
    this.connect('connecting');
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000, 'terminal stopping');
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000).unref();
      });
    }
    // Let an event being committed finish; its ack is lost, and the cursor covers it next time.
    await this.chain;
    this.setStatus('offline', 'stopped');
  }

  private setStatus(state: LinkState, detail: string | null): void {
    this.current = { state, polling: state !== 'connected', lastEventAt: this.current.lastEventAt, detail };
    this.o.onStatus?.(this.current);
  }

  private connect(state: 'connecting' | 'reconnecting'): void {
    if (!this.running) return;
    this.setStatus(state, this.current.detail);
    // Let an in-progress commit finish first, so the hello carries the true cursor.
    void this.chain.then(() => {
      if (!this.running) return;
      const ws = new WebSocket(this.o.url, {
        headers: { 'x-terminal-id': this.o.terminalId, authorization: `Bearer ${this.o.token}` },
        maxPayload: RELAY_MAX_FRAME_BYTES,
        perMessageDeflate: false,
        handshakeTimeout: 10_000,
      });
      this.ws = ws;
      this.head = null;
      this.closingCode = null;
      ws.on('open', () => {
        this.lastTraffic = Date.now();
        this.openedAt = this.lastTraffic;
        this.send(ws, { type: 'hello', lastSeq: this.o.lastSeq(), client: this.o.clientName ?? 'kakaopay-counter' });
        this.startHeartbeat(ws);
      });
      ws.on('unexpected-response', (_req, res) => {
        this.setStatus('reconnecting', res.statusCode === 401 ? 'forwarder refused the terminal id or token (401)' : `forwarder answered HTTP ${res.statusCode}`);
        ws.terminate();
      });
      ws.on('message', (data, isBinary) => this.onMessage(ws, data, isBinary));
      ws.on('error', (err) => {
        if (this.current.state !== 'reconnecting') this.current = { ...this.current, detail: err.message };
      });
      ws.on('close', (code) => this.onClose(ws, code));
    });
  }

  private onClose(ws: WebSocket, code: number): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.head = null;
    this.stopHeartbeat();
    if (!this.running) return;
    const backoff = { initialMs: this.o.backoff?.initialMs ?? 500, maxMs: this.o.backoff?.maxMs ?? 30_000, random: this.o.backoff?.random };
    const closing = this.closingCode;
    this.closingCode = null;
    let delay: number;
    if (closing === 'replaced') {
      if (this.openedAt > 0 && Date.now() - this.openedAt > REPLACEMENT_FORGOTTEN_MS) this.replacements = 0;
      delay = backoffDelay(this.replacements++, backoff);
    } else if (closing === 'revoked') {
      delay = backoffDelay(Number.MAX_SAFE_INTEGER, backoff);
    } else {
      delay = backoffDelay(this.attempt++, backoff);
    }
    if (closing) this.setStatus('reconnecting', CLOSING_DETAIL[closing]);
    else if (this.current.state !== 'stale') this.setStatus('reconnecting', this.current.detail ?? `link closed (${code})`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect('reconnecting');
    }, delay);
  }

  private send(ws: WebSocket, msg: TerminalMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  }

  private startHeartbeat(ws: WebSocket): void {
    this.stopHeartbeat();
    const period = this.o.heartbeatMs ?? RELAY_HEARTBEAT_MS;
    const staleAfter = this.o.staleAfterMs ?? RELAY_DEAD_AFTER_MS;
    // Checked every staleAfter/15 (1 s by default), so a silent link is declared stale within staleAfter.
    const checkMs = Math.max(20, Math.floor(staleAfter / 15));
    let lastPing = Date.now();
    this.heartbeatTimer = setInterval(() => {
      const now = Date.now();
      if (now - this.lastTraffic > staleAfter - checkMs) {
        this.setStatus('stale', `no traffic from the forwarder for ${Math.round(staleAfter / 1000)} s`);
        ws.terminate();
        return;
      }
      if (now - lastPing >= period) {
        lastPing = now;
        this.send(ws, { type: 'ping', t: now });
      }
    }, checkMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private protocolError(ws: WebSocket, why: string): void {
    this.current = { ...this.current, detail: `protocol error: ${why}` };
    ws.close(1008, 'protocol error');
  }

  private onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (this.ws !== ws) return;
    this.lastTraffic = Date.now();
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      json = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch {
      this.protocolError(ws, 'frame is not JSON text');
      return;
    }
    const parsed = forwarderMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.protocolError(ws, 'frame does not match the relay protocol');
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'welcome':
        if (msg.terminalId !== this.o.terminalId) return this.protocolError(ws, 'welcome for another terminal');
        this.attempt = 0;
        // An older forwarder sends no headSeq: then only what arrives here is known.
        this.head = Math.max(msg.headSeq ?? 0, msg.resumeAfter);
        this.setStatus('connected', msg.replacedPrevious ? 'replaced an older connection of this terminal' : null);
        return;
      case 'event':
        this.head = Math.max(this.head ?? 0, msg.headSeq ?? 0, msg.seq);
        this.enqueue(ws, msg);
        return;
      case 'ping':
        this.send(ws, { type: 'pong', t: msg.t });
        return;
      case 'pong':
        return;
      case 'closing':
        if (msg.code === 'replaced' || msg.code === 'revoked') this.closingCode = msg.code;
        this.current = { ...this.current, detail: `forwarder closing: ${msg.code}` };
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  /** Strictly one at a time, in arrival order (the forwarder sends in sequence order). */
  private enqueue(ws: WebSocket, event: RelayEvent): void {
    this.chain = this.chain.then(async () => {
      if (this.ws !== ws) return; // link gone: the forwarder redelivers from our cursor
      if (event.seq <= this.o.lastSeq()) {
        // Already committed (an ack lost with a previous link): acknowledge without committing twice.
        this.send(ws, { type: 'ack', seq: event.seq });
        return;
      }
      try {
        await this.o.onEvent(event);
      } catch (err) {
        // Not committed: do not ack; drop the link so the event is redelivered after a backoff.
        this.current = { ...this.current, detail: `event ${event.seq} not committed: ${err instanceof Error ? err.message : String(err)}` };
        if (this.ws === ws) ws.close(1011, 'event processing failed');
        return;
      }
      this.current = { ...this.current, lastEventAt: new Date().toISOString() };
      this.o.onStatus?.(this.current);
      this.send(ws, { type: 'ack', seq: event.seq });
    });
  }
}

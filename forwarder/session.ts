// One live terminal connection: hello → replay from the terminal's cursor → stream in order, with
// at most `maxInFlight` unacknowledged events on the wire (a terminal that never acks costs a
// bounded amount of memory: nothing more is read from the store for it).
import { randomBytes } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import { terminalMessageSchema } from '../shared';
import type { ForwarderMessage } from '../shared';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { EventStore, StoredEvent } from './store/types';

export type CloseReason = 'replaced' | 'revoked' | 'shutdown' | 'protocol_error';
const CLOSE_CODES: Record<CloseReason, number> = { replaced: 4001, revoked: 4003, shutdown: 1001, protocol_error: 1008 };
/** Stop writing to a socket whose kernel/userland buffer already holds this much. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface SessionDeps {
  instanceId: string;
  store: EventStore;
  metrics: Metrics;
  log: Logger;
  maxInFlight: number;
  onClosed: (session: Session) => void;
}

export class Session {
  /** "<instance>.<random>": kicks published by this instance's own sessions are recognised and ignored. */
  readonly id: string;
  readonly arrivedAt: number;
  readonly ticket: number;
  lastSeen = Date.now();
  lastPingAt = Date.now();
  /** when the hub last checked this session against the store (head, token) */
  lastCheckAt = Date.now();
  private helloed = false;
  /** welcome sent: events may follow (never before it, so the terminal learns the head first). */
  private welcomed = false;
  /** Highest seq known stored for this terminal; sent as headSeq so the terminal knows its backlog. */
  private head = 0;
  private acked = 0;
  private sentUpTo = 0;
  private inFlight = 0;
  private pumping = false;
  private pumpAgain = false;
  private closed = false;

  constructor(
    readonly terminalId: string,
    /** hash of the token this connection authenticated with */
    readonly tokenHash: string,
    private readonly ws: WebSocket,
    private readonly deps: SessionDeps,
    private readonly replacedPrevious: boolean,
    /** When (ms since the epoch) and in which order (per hub) its upgrade request arrived. */
    arrival: { at: number; ticket: number },
  ) {
    this.arrivedAt = arrival.at;
    this.ticket = arrival.ticket;
    this.id = `${deps.instanceId}.${randomBytes(6).toString('hex')}`;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', (err) => deps.log.debug({ terminal: terminalId, err: err.message }, 'socket error'));
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  send(msg: ForwarderMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg));
  }

  close(reason: CloseReason, message: string): void {
    if (this.closed) return;
    this.send({ type: 'closing', code: reason, message });
    this.ws.close(CLOSE_CODES[reason], reason);
    this.markClosed();
    // A peer that does not complete the closing handshake is cut off.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  terminate(): void {
    this.ws.terminate();
    this.markClosed();
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.onClosed(this);
  }

  private onClose(): void {
    this.markClosed();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.lastSeen = Date.now();
    if (this.closed) return;
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary');
      json = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch {
      this.close('protocol_error', 'frame is not a JSON text message');
      return;
    }
    const parsed = terminalMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.close('protocol_error', 'frame does not match the relay protocol');
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'hello':
        if (this.helloed) return this.close('protocol_error', 'hello sent twice');
        this.helloed = true;
        this.acked = msg.lastSeq;
        this.sentUpTo = msg.lastSeq;
        // The head is read after raiseSeq, which may renumber the log above the terminal's cursor.
        this.deps.store
          .raiseSeq(this.terminalId, msg.lastSeq)
          .then(() => this.deps.store.headSeq(this.terminalId))
          .then((head) => {
            this.noteHead(head);
            this.welcomed = true;
            this.send({ type: 'welcome', terminalId: this.terminalId, resumeAfter: msg.lastSeq, replacedPrevious: this.replacedPrevious, headSeq: this.head });
            return this.deps.store.ack(this.terminalId, msg.lastSeq);
          })
          .then(() => this.pump(), (err: unknown) => this.fail(err));
        return;
      case 'ack': {
        if (!this.helloed) return this.close('protocol_error', 'ack before hello');
        if (msg.seq > this.sentUpTo) return this.close('protocol_error', `ack for seq ${msg.seq} that was never sent`);
        if (msg.seq <= this.acked) return; // a repeated ack changes nothing
        const count = msg.seq - this.acked;
        this.acked = msg.seq;
        this.inFlight = Math.max(0, this.sentUpTo - this.acked);
        this.deps.metrics.acknowledged += count;
        // Read the log again only when something newer is known to be stored (append notices keep the
        // head; a missed Redis notice is caught by the heartbeat's pump): saves a store read per event.
        this.deps.store.ack(this.terminalId, msg.seq).then(() => this.sentUpTo < this.head && this.pump(), (err: unknown) => this.fail(err));
        return;
      }
      case 'ping':
        this.send({ type: 'pong', t: msg.t });
        return;
      case 'pong':
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private fail(err: unknown): void {
    this.deps.log.error({ terminal: this.terminalId, err: err instanceof Error ? err.message : String(err) }, 'store error; dropping connection');
    this.close('shutdown', 'forwarder storage error; reconnect later');
  }

  /** An append for this terminal was stored with this seq (cheap: no store read). */
  noteHead(seq: number): void {
    if (seq > this.head) this.head = seq;
  }

  /**
   * A durably stored event, from its append notice: sent at once when it is the next one and nothing is
   * being read for this terminal (same order as the pump, no store read); otherwise the pump reads.
   */
  offer(event: StoredEvent): void {
    if (!this.welcomed || this.closed) return;
    if (!this.pumping && event.seq === this.sentUpTo + 1 && this.inFlight < this.deps.maxInFlight && this.ws.bufferedAmount <= MAX_BUFFERED_BYTES) {
      this.sendEvent(event);
      return;
    }
    this.pumpIfBehind();
  }

  /** Pumps only when something stored is known not to be sent yet (the heartbeat pumps regardless). */
  pumpIfBehind(): void {
    if (this.sentUpTo < this.head) this.pump();
  }

  private sendEvent(e: StoredEvent): void {
    this.send({ type: 'event', seq: e.seq, eventId: e.eventId, eventKey: e.eventKey, receivedAt: e.receivedAt, signature: e.signature, rawBody: e.rawBody, headSeq: this.head });
    this.sentUpTo = e.seq;
    this.inFlight = this.sentUpTo - this.acked;
    this.deps.metrics.delivered++;
  }

  /** Sends stored events after what was already sent, within the in-flight window. Re-entrant safe. */
  pump(): void {
    if (!this.welcomed || this.closed) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pumpLoop()
      .catch((err: unknown) => this.fail(err))
      .finally(() => {
        this.pumping = false;
      });
  }

  private async pumpLoop(): Promise<void> {
    do {
      this.pumpAgain = false;
      for (;;) {
        const room = this.deps.maxInFlight - this.inFlight;
        if (this.closed || room <= 0 || this.ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
        const events = await this.deps.store.readAfter(this.terminalId, this.sentUpTo, room);
        if (events.length === 0 || this.closed) break;
        // Fewer than asked and the known head reached: nothing more was stored when it was read, and
        // an append since then sets pumpAgain (its notice calls pump): no read just to find the end.
        const short = events.length < room;
        // The replay's max is a floor for the head (an append notice may have been missed).
        this.noteHead(events[events.length - 1]?.seq ?? 0);
        for (const e of events) if (e.seq > this.sentUpTo) this.sendEvent(e);
        this.inFlight = this.sentUpTo - this.acked;
        if (short && this.sentUpTo >= this.head) break;
      }
    } while (this.pumpAgain);
  }
}

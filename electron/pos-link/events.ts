// The event log tills follow: every change a till may care about is appended (monotonic id, committed
// before anyone is told), so a till that reconnects with Last-Event-ID, or after either side restarted,
// misses nothing. An event about a checkout or refund goes only to the key that made it; terminal
// events go to every key.
import type { Database as Db } from 'better-sqlite3';
import type { PosEvent, PosEventType } from '../../shared';

interface EventRow {
  id: number;
  type: PosEventType;
  key_id: string | null;
  data: string;
  created_at: string;
}

/** Events kept for replay (older ones are pruned when new ones are appended). */
const KEEP_EVENTS = 10_000;
/** At most this many are replayed on one connection; a till further behind reads its checkouts instead. */
export const REPLAY_LIMIT = 1_000;

const toEvent = (r: EventRow): PosEvent => ({ id: r.id, type: r.type, created_at: r.created_at, data: JSON.parse(r.data) as never });

export type EventListener = (event: PosEvent, keyId: string | null) => void;

export class PosEventLog {
  private readonly listeners = new Set<EventListener>();
  /** Events appended inside a transaction: told once it has committed (never an event that may roll back). */
  private held: [PosEvent, string | null][] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  append<T extends PosEventType>(type: T, keyId: string | null, data: Extract<PosEvent, { type: T }>['data']): PosEvent {
    const createdAt = this.now().toISOString();
    const r = this.db.prepare('INSERT INTO events (type, key_id, data, created_at) VALUES (?, ?, ?, ?)').run(type, keyId, JSON.stringify(data), createdAt);
    const id = Number(r.lastInsertRowid);
    if (id % 500 === 0) this.db.prepare('DELETE FROM events WHERE id <= ?').run(id - KEEP_EVENTS);
    const event = { id, type, created_at: createdAt, data } as PosEvent;
    if (this.db.inTransaction) this.held.push([event, keyId]);
    else this.tell(event, keyId);
    return event;
  }

  private tell(event: PosEvent, keyId: string | null): void {
    for (const l of [...this.listeners]) l(event, keyId);
  }

  /** Runs `fn` in one transaction (one fsync for all its writes), then tells listeners what it appended. */
  batch<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (e) {
      this.held = [];
      throw e;
    }
    const held = this.held;
    this.held = [];
    for (const [event, keyId] of held) this.tell(event, keyId);
    return result;
  }

  /** Events after `afterId` this key may see, oldest first. */
  since(afterId: number, keyId: string): PosEvent[] {
    const rows = this.db.prepare('SELECT * FROM events WHERE id > ? AND (key_id IS NULL OR key_id = ?) ORDER BY id LIMIT ?').all(afterId, keyId, REPLAY_LIMIT) as EventRow[];
    return rows.map(toEvent);
  }

  lastId(): number {
    const row = this.db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number | null };
    return row.id ?? 0;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

// Processed relay events (deduplication) and the relay cursor (last committed sequence number).
import type { Database } from 'better-sqlite3';
import { Statements } from './statements';

export class EventsTable {
  private readonly sql: Statements;

  constructor(db: Database) {
    this.sql = new Statements(db);
  }

  isProcessed(eventId: string): boolean {
    return this.sql.get('SELECT 1 FROM processed_events WHERE event_id = ?').get(eventId) !== undefined;
  }

  /** Returns false when the event was already recorded (a duplicate). */
  markProcessed(eventId: string, chargeId: string | null, processedAt: string): boolean {
    const info = this.sql
      .get('INSERT OR IGNORE INTO processed_events (event_id, charge_id, processed_at) VALUES (?, ?, ?)')
      .run(eventId, chargeId, processedAt);
    return info.changes === 1;
  }

  cursor(): number {
    const row = this.sql.get('SELECT last_seq FROM relay_cursor WHERE id = 1').get() as { last_seq: number } | undefined;
    return row?.last_seq ?? 0;
  }

  /** The cursor only moves forward: a replayed older seq never rewinds it. */
  advanceCursor(seq: number): void {
    this.sql
      .get(
        `INSERT INTO relay_cursor (id, last_seq) VALUES (1, ?)
         ON CONFLICT(id) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
      )
      .run(seq);
  }
}

// Every write of the SQLite store, on its own connection. The store runs it in a worker thread when
// serving (sqlite-writer-thread.ts), so the fsync of a commit never stops the event loop that parses
// webhooks and feeds terminals; the CLI runs it in-thread. Each method is one transaction.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { LAST_SEQ } from './sqlite-schema';
import type { AppendInput, AppendResult, DeadLetterInput } from './types';

export interface DeadRowOut { event_id: string; event_key: string; received_at: string; signature: string; raw_body: string }

/**
 * `autoCheckpoint` false: this connection's commits never checkpoint; the caller runs `checkpoint` itself
 * (the served store: a checkpoint then never holds up an append that could commit beside it).
 */
export function openWriteConnection(file: string, { autoCheckpoint = true }: { autoCheckpoint?: boolean } = {}): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Checkpoint every 4,000 WAL pages (16 MiB at 4 KiB) instead of SQLite's 1,000: a checkpoint copies each
  // page changed since the last one once, and the counters' and B-trees' hot pages change in nearly every
  // commit. Checkpoints were 15 % of this thread's CPU under load (perf, issue 22); the WAL file is cut
  // back to 64 MiB at most after one.
  db.pragma(autoCheckpoint ? 'wal_autocheckpoint = 4000' : 'wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return db;
}

export class SqliteWriter {
  private readonly q;
  /**
   * Each terminal's last seq as this writer assigned or read it, so an append writes no terminals row
   * (a page in a random place per event, issue 22). Trusted only while no other connection has written
   * (`data_version`: a CLI's dead-letter replay), and forgotten when a transaction fails (rolled back).
   */
  private readonly lastSeqs = new Map<string, number>();
  private dataVersion = -1;

  constructor(private readonly db: Database.Database) {
    this.q = {
      findId: db.prepare<[string], { terminal_id: string; seq: number }>('SELECT terminal_id, seq FROM event_ids WHERE event_id = ?'),
      ensureTerminal: db.prepare<[string, string]>('INSERT OR IGNORE INTO terminals (terminal_id, created_at) VALUES (?, ?)'),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      insertEvent: db.prepare('INSERT INTO events (terminal_id, seq, event_id, event_key, received_at, signature, raw_body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertId: db.prepare('INSERT INTO event_ids (event_id, terminal_id, seq) VALUES (?, ?, ?)'),
      lastSeq: db.prepare<[string], { last_seq: number }>(`SELECT ${LAST_SEQ} AS last_seq FROM terminals WHERE terminal_id = ?`),
      shiftEvents: db.prepare('UPDATE events SET seq = seq + ? WHERE terminal_id = ?'),
      shiftIds: db.prepare('UPDATE event_ids SET seq = seq + ? WHERE terminal_id = ?'),
      shiftTerminal: db.prepare('UPDATE terminals SET last_seq = ?, acked_seq = ? WHERE terminal_id = ?'),
      ack: db.prepare(`UPDATE terminals SET acked_seq = MAX(acked_seq, MIN(?, ${LAST_SEQ})) WHERE terminal_id = ?`),
      // before events are deleted, their highest seqs go where they outlive them
      keepLastSeqs: db.prepare('UPDATE terminals SET last_seq = m.seq FROM (SELECT terminal_id, MAX(seq) AS seq FROM events GROUP BY terminal_id) AS m WHERE m.terminal_id = terminals.terminal_id AND terminals.last_seq < m.seq'),
      setToken: db.prepare('UPDATE terminals SET token_hash = ? WHERE terminal_id = ?'),
      revoke: db.prepare('UPDATE terminals SET token_hash = NULL WHERE terminal_id = ? AND token_hash IS NOT NULL'),
      deadByEvent: db.prepare<[string], { id: string }>('SELECT id FROM dead_letters WHERE event_id = ?'),
      insertDead: db.prepare('INSERT INTO dead_letters (id, event_id, event_key, received_at, signature, reason, terminal_hint, raw_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      getDead: db.prepare<[string], DeadRowOut>('SELECT event_id, event_key, received_at, signature, raw_body FROM dead_letters WHERE id = ?'),
      markDead: db.prepare('UPDATE dead_letters SET replayed_to = ? WHERE id = ?'),
      prune: db.prepare('DELETE FROM events WHERE received_at < ? AND seq <= (SELECT acked_seq FROM terminals t WHERE t.terminal_id = events.terminal_id)'),
      pruneDeadOld: db.prepare('DELETE FROM dead_letters WHERE received_at < ?'),
      countDead: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters'),
      pruneDeadOver: db.prepare('DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters ORDER BY received_at, id LIMIT ?)'),
      insertRoute: db.prepare('INSERT OR IGNORE INTO charge_routes (charge_id, terminal_id, seen_at) VALUES (?, ?, ?)'),
    };
  }

  private appendRow(input: AppendInput): AppendResult {
    const q = this.q;
    // Also for a duplicate: a route is kept first come, so writing it again changes nothing.
    if (input.chargeRoute) q.insertRoute.run(input.chargeRoute.chargeId, input.terminalId, input.chargeRoute.atMs);
    const existing = q.findId.get(input.eventId);
    if (existing) return { seq: existing.seq, duplicate: true, terminalId: existing.terminal_id };
    // The terminal's row exists once it has a token (intake only appends for known terminals): created
    // here only for a replayed dead letter of a terminal never seen.
    let last = this.lastSeq(input.terminalId);
    if (last === undefined) {
      q.ensureTerminal.run(input.terminalId, new Date().toISOString());
      last = this.lastSeq(input.terminalId) ?? 0;
    }
    const seq = last + 1;
    q.insertEvent.run(input.terminalId, seq, input.eventId, input.eventKey, input.receivedAt, input.signature, input.rawBody);
    q.insertId.run(input.eventId, input.terminalId, seq);
    this.lastSeqs.set(input.terminalId, seq);
    return { seq, duplicate: false, terminalId: input.terminalId };
  }

  /** The terminal's last seq; undefined when it has no row. */
  private lastSeq(terminalId: string): number | undefined {
    return this.lastSeqs.get(terminalId) ?? this.q.lastSeq.get(terminalId)?.last_seq;
  }

  /**
   * Runs `fn` in a write transaction (IMMEDIATE: the write lock first, so what data_version says holds until
   * the commit) with the seq memory checked first, and forgotten if the transaction fails.
   */
  private seqTransaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(() => {
        const version = this.q.dataVersion.get();
        if (version !== this.dataVersion) this.lastSeqs.clear();
        this.dataVersion = version ?? -1;
        return fn();
      }).immediate();
    } catch (err) {
      this.lastSeqs.clear();
      throw err;
    }
  }

  /** One transaction, one fsync, for the whole batch (group commit). */
  append(inputs: AppendInput[]): AppendResult[] {
    return this.seqTransaction(() => inputs.map((i) => this.appendRow(i)));
  }

  /** Without an fsync of their own: the next durable commit syncs the WAL; a lost ack is only a redelivery. */
  acks(acks: [string, number][]): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        for (const [terminalId, seq] of acks) this.q.ack.run(seq, terminalId);
      })();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /**
   * Copies the WAL's committed pages into the database file without waiting for or blocking writers
   * (PASSIVE), so the WAL starts over at the next commit once readers allow; returns the WAL's frames and
   * how many of them are in the database now.
   */
  checkpoint(): { walFrames: number; checkpointed: number } {
    const row = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { walFrames: row[0]?.log ?? 0, checkpointed: row[0]?.checkpointed ?? 0 };
  }

  /** See EventStore.raiseSeq. true when it renumbered. */
  raise(terminalId: string, seq: number): boolean {
    return this.seqTransaction(() => {
      const last = this.lastSeq(terminalId);
      if (last === undefined || last >= seq) return false;
      // The shift is larger than any old seq, so no (terminal, seq) key collides midway.
      this.q.shiftEvents.run(seq, terminalId);
      this.q.shiftIds.run(seq, terminalId);
      this.q.shiftTerminal.run(last + seq, seq, terminalId);
      this.lastSeqs.set(terminalId, last + seq);
      return true;
    });
  }

  setToken(terminalId: string, hash: string): void {
    this.db.transaction(() => {
      this.q.ensureTerminal.run(terminalId, new Date().toISOString());
      this.q.setToken.run(hash, terminalId);
    })();
  }

  revoke(terminalId: string): boolean {
    return this.db.transaction(() => this.q.revoke.run(terminalId).changes > 0)();
  }

  addDead(input: DeadLetterInput): { id: string; duplicate: boolean; wrote: boolean } {
    const existing = this.q.deadByEvent.get(input.eventId);
    if (existing) return { id: existing.id, duplicate: true, wrote: false };
    const id = `dl_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
    this.db.transaction(() => this.q.insertDead.run(id, input.eventId, input.eventKey, input.receivedAt, input.signature, input.reason, input.terminalHint, input.rawBody))();
    return { id, duplicate: false, wrote: true };
  }

  replayDead(id: string, terminalId: string): AppendResult | null {
    const dead = this.q.getDead.get(id);
    if (!dead) return null;
    return this.seqTransaction(() => {
      const result = this.appendRow({ terminalId, eventId: dead.event_id, eventKey: dead.event_key, receivedAt: dead.received_at, signature: dead.signature as AppendInput['signature'], rawBody: dead.raw_body });
      this.q.markDead.run(terminalId, id);
      return result;
    });
  }

  pruneDead(olderThanIso: string, max: number): number {
    return this.db.transaction(() => {
      const old = this.q.pruneDeadOld.run(olderThanIso).changes;
      const over = Math.max(0, (this.q.countDead.get()?.n ?? 0) - max);
      return old + (over > 0 ? this.q.pruneDeadOver.run(over).changes : 0);
    })();
  }

  prune(olderThanIso: string): number {
    return this.db.transaction(() => {
      this.q.keepLastSeqs.run();
      return this.q.prune.run(olderThanIso).changes;
    })();
  }
}

/** The writer's operations by name, as the worker thread receives them. */
export type WriterOp = {
  [K in keyof SqliteWriter]: SqliteWriter[K] extends (...args: infer A) => infer R ? { args: A; result: R } : never;
};
export type WriterOpName = keyof WriterOp;

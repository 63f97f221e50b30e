// The SQLite store's schema (sqlite.ts runs the steps; shared/migrations.ts is the runner) and the one
// expression every reader of a terminal's last seq uses.

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE terminals (
     terminal_id TEXT PRIMARY KEY,
     token_hash TEXT,
     last_seq INTEGER NOT NULL DEFAULT 0,
     acked_seq INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE TABLE events (
     terminal_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     event_id TEXT NOT NULL,
     event_key TEXT NOT NULL,
     received_at TEXT NOT NULL,
     signature TEXT NOT NULL,
     raw_body TEXT NOT NULL,
     PRIMARY KEY (terminal_id, seq)
   ) WITHOUT ROWID;
   -- kept after pruning so an Opn retry of an old event is still recognised
   CREATE TABLE event_ids (event_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE dead_letters (
     id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL UNIQUE,
     event_key TEXT NOT NULL,
     received_at TEXT NOT NULL,
     signature TEXT NOT NULL,
     reason TEXT NOT NULL,
     terminal_hint TEXT,
     raw_body TEXT NOT NULL,
     replayed_to TEXT
   );`,
  // dead letters are pruned oldest first
  `CREATE INDEX dead_letters_received ON dead_letters (received_at, id);`,
  // Which terminal each charge belongs to (store/charge-routes.ts), written in the event's own commit:
  // no fsync of its own per webhook. Outlives the event log (pruning deletes events only).
  `CREATE TABLE charge_routes (charge_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, seen_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX charge_routes_seen ON charge_routes (seen_at);`,
  // The log in arrival order (rowid), found by terminal through a small index: a webhook's ~400-byte row
  // lands on the table's last page instead of in the middle of its terminal's run of rows, where it split
  // full pages. With the seq kept in the writer (sqlite-writer.ts, terminals.last_seq no longer written per
  // event), a commit of 11 events wrote 24 WAL pages instead of 46 (issue 22).
  `CREATE TABLE events_by_arrival (
     id INTEGER PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     event_id TEXT NOT NULL,
     event_key TEXT NOT NULL,
     received_at TEXT NOT NULL,
     signature TEXT NOT NULL,
     raw_body TEXT NOT NULL
   );
   INSERT INTO events_by_arrival (terminal_id, seq, event_id, event_key, received_at, signature, raw_body)
     SELECT terminal_id, seq, event_id, event_key, received_at, signature, raw_body FROM events ORDER BY received_at, terminal_id, seq;
   DROP TABLE events;
   ALTER TABLE events_by_arrival RENAME TO events;
   CREATE UNIQUE INDEX events_terminal_seq ON events (terminal_id, seq);`,
];
/** The schema version a migrated forwarder.sqlite carries (user_version). */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * A terminal's last seq, in a query on `terminals`: the writer assigns seqs from memory and writes
 * last_seq only when events are about to be pruned or renumbered (sqlite-writer.ts), so the log's own
 * highest seq (one step down the (terminal_id, seq) index) counts too.
 */
export const LAST_SEQ = 'MAX(terminals.last_seq, COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.terminal_id = terminals.terminal_id), 0))';

// SQLite event store for a single forwarder instance. better-sqlite3 is synchronous, so when a
// method returns the transaction is on disk (WAL + synchronous=FULL): only then does intake answer 2xx.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { signatureVerdictSchema } from '../../shared';
import { GROUP_COMMIT_WINDOW_MS } from '../limits';
import { GroupCommit } from './group-commit';
import type { GroupCommitOptions } from './group-commit';
import type { AppendInput, AppendResult, DeadLetter, DeadLetterInput, DeadLetterReason, EventStore, StoredEvent, TerminalBacklog } from './types';
import { preparePrivateSqlite } from '../private-files';

const ACK_FLUSH_MS = 20;

const MIGRATIONS: readonly string[] = [
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
];

interface EventRow { seq: number; event_id: string; event_key: string; received_at: string; signature: string; raw_body: string }
interface DeadRow { id: string; event_id: string; event_key: string; received_at: string; signature: string; reason: string; terminal_hint: string | null; raw_body: string; replayed_to: string | null }

function toEvent(r: EventRow): StoredEvent {
  return { seq: r.seq, eventId: r.event_id, eventKey: r.event_key, receivedAt: r.received_at, signature: signatureVerdictSchema.parse(r.signature), rawBody: r.raw_body };
}

function toDead(r: DeadRow): DeadLetter {
  return {
    id: r.id, eventId: r.event_id, eventKey: r.event_key, receivedAt: r.received_at, signature: signatureVerdictSchema.parse(r.signature),
    reason: r.reason as DeadLetterReason, terminalHint: r.terminal_hint, rawBody: r.raw_body, replayedTo: r.replayed_to,
  };
}

/** A batch of appends is committed at once when it reaches this size, whatever the window. */
const MAX_BATCH = 512;

export function openSqliteStore(dataDir: string, groupCommit?: Partial<GroupCommitOptions>): EventStore {
  const groupOptions: GroupCommitOptions = { windowMs: GROUP_COMMIT_WINDOW_MS, maxBatch: MAX_BATCH, ...groupCommit };
  // Raw webhook bodies and dead letters: 0600 in a 0700 folder.
  preparePrivateSqlite(join(dataDir, 'forwarder.sqlite'));
  const db = new Database(join(dataDir, 'forwarder.sqlite'));
  // busy_timeout first: another process (a CLI, a second start) may hold the lock during what follows.
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // The version is read inside the write transaction (BEGIN IMMEDIATE): two processes opening a new
  // data dir at once cannot both see version 0 and both create the tables.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] ?? '');
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
  let commits = 0;
  /** Runs fn in one durable (synchronous=FULL) transaction and counts it. */
  const durable = <T>(fn: () => T): T => {
    const r = db.transaction(fn)();
    commits++;
    return r;
  };

  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const q = {
    findId: db.prepare<[string], { terminal_id: string; seq: number }>('SELECT terminal_id, seq FROM event_ids WHERE event_id = ?'),
    ensureTerminal: db.prepare<[string, string]>('INSERT OR IGNORE INTO terminals (terminal_id, created_at) VALUES (?, ?)'),
    bumpSeq: db.prepare<[string], { last_seq: number }>('UPDATE terminals SET last_seq = last_seq + 1 WHERE terminal_id = ? RETURNING last_seq'),
    insertEvent: db.prepare('INSERT INTO events (terminal_id, seq, event_id, event_key, received_at, signature, raw_body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertId: db.prepare('INSERT INTO event_ids (event_id, terminal_id, seq) VALUES (?, ?, ?)'),
    readAfter: db.prepare<[string, number, number], EventRow>('SELECT seq, event_id, event_key, received_at, signature, raw_body FROM events WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
    shiftEvents: db.prepare('UPDATE events SET seq = seq + ? WHERE terminal_id = ?'),
    shiftIds: db.prepare('UPDATE event_ids SET seq = seq + ? WHERE terminal_id = ?'),
    shiftTerminal: db.prepare('UPDATE terminals SET last_seq = last_seq + ?, acked_seq = ? WHERE terminal_id = ?'),
    ack: db.prepare('UPDATE terminals SET acked_seq = MAX(acked_seq, MIN(?, last_seq)) WHERE terminal_id = ?'),
    terminal: db.prepare<[string], { token_hash: string | null; last_seq: number; acked_seq: number }>('SELECT token_hash, last_seq, acked_seq FROM terminals WHERE terminal_id = ?'),
    backlog: db.prepare<[], { terminal_id: string; last_seq: number; acked_seq: number }>('SELECT terminal_id, last_seq, acked_seq FROM terminals ORDER BY terminal_id'),
    setToken: db.prepare('UPDATE terminals SET token_hash = ? WHERE terminal_id = ?'),
    revoke: db.prepare('UPDATE terminals SET token_hash = NULL WHERE terminal_id = ? AND token_hash IS NOT NULL'),
    deadByEvent: db.prepare<[string], { id: string }>('SELECT id FROM dead_letters WHERE event_id = ?'),
    insertDead: db.prepare('INSERT INTO dead_letters (id, event_id, event_key, received_at, signature, reason, terminal_hint, raw_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    listDead: db.prepare<[], DeadRow>('SELECT * FROM dead_letters ORDER BY received_at, id'),
    getDead: db.prepare<[string], DeadRow>('SELECT * FROM dead_letters WHERE id = ?'),
    markDead: db.prepare('UPDATE dead_letters SET replayed_to = ? WHERE id = ?'),
    prune: db.prepare('DELETE FROM events WHERE received_at < ? AND seq <= (SELECT acked_seq FROM terminals t WHERE t.terminal_id = events.terminal_id)'),
    pruneDeadOld: db.prepare('DELETE FROM dead_letters WHERE received_at < ?'),
    countDead: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters'),
    pruneDeadOver: db.prepare('DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters ORDER BY received_at, id LIMIT ?)'),
  };

  const appendRow = (input: AppendInput): AppendResult => {
    const existing = q.findId.get(input.eventId);
    if (existing) return { seq: existing.seq, duplicate: true, terminalId: existing.terminal_id };
    q.ensureTerminal.run(input.terminalId, new Date().toISOString());
    const row = q.bumpSeq.get(input.terminalId);
    if (!row) throw new Error('terminal row missing');
    q.insertEvent.run(input.terminalId, row.last_seq, input.eventId, input.eventKey, input.receivedAt, input.signature, input.rawBody);
    q.insertId.run(input.eventId, input.terminalId, row.last_seq);
    return { seq: row.last_seq, duplicate: false, terminalId: input.terminalId };
  };

  const group = new GroupCommit<AppendInput, AppendResult>(groupOptions, (inputs) => {
    const results = durable(() => inputs.map(appendRow));
    results.forEach((r, i) => !r.duplicate && emitter.emit('appended', inputs[i]?.terminalId, r.seq));
    return results;
  });
  // Acks are written in batches too (every ACK_FLUSH_MS): an ack lost in a crash only means the event
  // is offered again, and the terminal skips it by its cursor. Reads see the pending values.
  const pendingAcks = new Map<string, number>();
  let ackTimer: NodeJS.Timeout | null = null;
  const flushAcks = (): void => {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = null;
    if (pendingAcks.size === 0) return;
    const acks = [...pendingAcks];
    pendingAcks.clear();
    // No fsync of its own (synchronous=NORMAL for this one transaction): the next append's FULL commit
    // syncs the WAL, acks included, and a lost ack only means a redelivery the terminal skips.
    db.pragma('synchronous = NORMAL');
    try {
      db.transaction(() => {
        for (const [terminalId, seq] of acks) q.ack.run(seq, terminalId);
      })();
    } finally {
      db.pragma('synchronous = FULL');
    }
  };
  const ackedSeq = (terminalId: string): number => Math.max(q.terminal.get(terminalId)?.acked_seq ?? 0, Math.min(pendingAcks.get(terminalId) ?? 0, q.terminal.get(terminalId)?.last_seq ?? 0));

  const append = (input: AppendInput): Promise<AppendResult> => group.add(input);
  const flush = (): void => group.flush();

  return {
    kind: 'sqlite',
    append,
    readAfter: (terminalId, afterSeq, limit) => Promise.resolve(q.readAfter.all(terminalId, afterSeq, limit).map(toEvent)),
    ack: (terminalId, seq) => {
      if (seq > (pendingAcks.get(terminalId) ?? 0)) pendingAcks.set(terminalId, seq);
      ackTimer ??= setTimeout(flushAcks, ACK_FLUSH_MS);
      return Promise.resolve();
    },
    ackedSeq: (terminalId) => Promise.resolve(ackedSeq(terminalId)),
    raiseSeq: (terminalId, seq) => {
      if (group.pending > 0) flush(); // appends already accepted keep the numbers they were promised
      const before = q.terminal.get(terminalId);
      if (!before || before.last_seq >= seq) return Promise.resolve(); // the usual case: nothing to write
      durable(() => {
        const row = q.terminal.get(terminalId);
        if (!row || row.last_seq >= seq) return;
        // The shift is larger than any old seq, so no (terminal, seq) key collides midway.
        q.shiftEvents.run(seq, terminalId);
        q.shiftIds.run(seq, terminalId);
        q.shiftTerminal.run(seq, seq, terminalId);
      });
      return Promise.resolve();
    },
    headSeq: (terminalId) => Promise.resolve(q.terminal.get(terminalId)?.last_seq ?? 0),
    backlog: () => {
      flushAcks();
      return Promise.resolve(q.backlog.all().map((r): TerminalBacklog => ({ terminalId: r.terminal_id, lastSeq: r.last_seq, ackedSeq: r.acked_seq })));
    },
    setTokenHash: (terminalId, hash) => {
      durable(() => {
        q.ensureTerminal.run(terminalId, new Date().toISOString());
        q.setToken.run(hash, terminalId);
      });
      return Promise.resolve();
    },
    tokenHash: (terminalId) => Promise.resolve(q.terminal.get(terminalId)?.token_hash ?? null),
    revokeToken: (terminalId) => Promise.resolve(durable(() => q.revoke.run(terminalId).changes > 0)),
    isKnownTerminal: (terminalId) => Promise.resolve(q.terminal.get(terminalId) !== undefined),
    addDeadLetter: (input: DeadLetterInput) => {
      const existing = q.deadByEvent.get(input.eventId);
      if (existing) return Promise.resolve({ id: existing.id, duplicate: true });
      const id = `dl_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
      durable(() => q.insertDead.run(id, input.eventId, input.eventKey, input.receivedAt, input.signature, input.reason, input.terminalHint, input.rawBody));
      return Promise.resolve({ id, duplicate: false });
    },
    listDeadLetters: () => Promise.resolve(q.listDead.all().map(toDead)),
    replayDeadLetter: (id, terminalId) => {
      const row = q.getDead.get(id);
      if (!row) return Promise.resolve(null);
      const dead = toDead(row);
      let result: AppendResult | undefined;
      durable(() => {
        result = appendRow({ terminalId, eventId: dead.eventId, eventKey: dead.eventKey, receivedAt: dead.receivedAt, signature: dead.signature, rawBody: dead.rawBody });
        q.markDead.run(terminalId, id);
      });
      if (result && !result.duplicate) emitter.emit('appended', terminalId, result.seq);
      return Promise.resolve(result ?? null);
    },
    onAppended: (listener) => {
      emitter.on('appended', listener);
      return () => emitter.off('appended', listener);
    },
    publishKick: (terminalId, reason, from) => {
      emitter.emit('kick', terminalId, reason, from);
      return Promise.resolve();
    },
    onKick: (listener) => {
      emitter.on('kick', listener);
      return () => emitter.off('kick', listener);
    },
    pruneDeadLetters: (olderThanIso, max) =>
      Promise.resolve(
        durable(() => {
          const old = q.pruneDeadOld.run(olderThanIso).changes;
          const over = Math.max(0, (q.countDead.get()?.n ?? 0) - max);
          return old + (over > 0 ? q.pruneDeadOver.run(over).changes : 0);
        }),
      ),
    deadLetterCount: () => Promise.resolve(q.countDead.get()?.n ?? 0),
    get commits() {
      return commits;
    },
    durabilityWarning: () => Promise.resolve(null),
    prune: (olderThanIso) => {
      flushAcks();
      return Promise.resolve(durable(() => q.prune.run(olderThanIso).changes));
    },
    close: () => {
      if (group.pending > 0) flush();
      flushAcks();
      emitter.removeAllListeners();
      db.close();
      return Promise.resolve();
    },
  };
}

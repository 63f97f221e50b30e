// SQLite event store for a single forwarder instance. Writes go through the writer connection (in a
// worker thread when serving, sqlite-writer*.ts), except a lone append while that thread is idle, which
// commits on a connection of this thread (sqlite-lone-append.ts). A write's promise resolves once its
// transaction is on disk (WAL + synchronous=FULL): only then does intake answer 2xx. Reads use this thread's connection
// (WAL: they see every committed write, and never wait for the writer's fsync).
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrationSteps, signatureVerdictSchema } from '../../shared';
import { ACK_FLUSH_MS, GROUP_COMMIT_WINDOW_MS } from '../limits';
import { GroupCommit } from './group-commit';
import { RecentEvents } from './recent-events';
import type { GroupCommitOptions } from './group-commit';
import { inThreadWriter, workerWriter } from './sqlite-writer-client';
import { LoneAppender } from './sqlite-lone-append';
import type { LoneAppendOptions } from './sqlite-lone-append';
import type { AppendInput, AppendResult, DeadLetter, DeadLetterInput, DeadLetterReason, EventStore, StoredEvent, TerminalBacklog } from './types';
import { preparePrivateSqlite } from '../private-files';
import { LAST_SEQ, MIGRATIONS } from './sqlite-schema';

export { SQLITE_SCHEMA_VERSION } from './sqlite-schema';

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
/**
 * Served, the writer thread checkpoints (PASSIVE) after this many rows written (events and acks), not inside
 * a commit: a lone append then commits beside a checkpoint instead of waiting 3–4 ms behind one (an ack's
 * commit ran the WAL's automatic checkpoint, and the next webhook waited for it: about 1 in 1,000, issue 22).
 * About as often as the 4,000 pages of the automatic one under load; one at a time, the WAL reaches ~40 MiB.
 */
export const CHECKPOINT_EVERY_ROWS = 2000;

export interface SqliteStoreOptions {
  /** writes in a worker thread (serving); default false: in this thread (CLI, tests of the store) */
  writerThread?: boolean;
  /** with writerThread: the lone-append path's thresholds (tests), or false for every commit in the thread */
  loneAppend?: LoneAppendOptions | false;
  /** with writerThread: rows written between checkpoints (tests) */
  checkpointEveryRows?: number;
}

/**
 * `journal_mode = WAL`, retried: on a new file opened by several connections at once SQLite answers
 * SQLITE_BUSY straight away, without waiting out busy_timeout (eight `token create` at once: about one
 * open in 70 failed).
 */
function enableWal(db: Database.Database): void {
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_BUSY' || attempt >= 500) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // a blocking pause: the open is synchronous
    }
  }
}

/** The SQLite store, with how many of its appends were committed on the event loop (sqlite-lone-append.ts). */
export type SqliteEventStore = EventStore & { readonly loneCommits: number };

export function openSqliteStore(dataDir: string, groupCommit?: Partial<GroupCommitOptions>, options: SqliteStoreOptions = {}): SqliteEventStore {
  const writerThread = options.writerThread ?? false;
  // With the writer in its own thread: two commits in flight, so the thread always has the next batch
  // queued while it commits one (one at a time left it idle between a reply and the next request: 0.80 to
  // 0.82 of the floor against 0.84 to 0.85, issue 22); appends arriving while both are in flight share the next.
  const groupOptions: GroupCommitOptions = { windowMs: GROUP_COMMIT_WINDOW_MS, maxBatch: MAX_BATCH, ...(writerThread ? { maxInFlight: 2 } : {}), ...groupCommit };
  const file = join(dataDir, 'forwarder.sqlite');
  // Raw webhook bodies and dead letters: 0600 in a 0700 folder.
  preparePrivateSqlite(file);
  const db = new Database(file);
  // busy_timeout first: another process (a CLI, a second start) may hold the lock during what follows.
  db.pragma('busy_timeout = 10000');
  enableWal(db);
  db.pragma('synchronous = FULL');
  // The one runner (shared/migrations.ts): each step reads the version inside its BEGIN IMMEDIATE
  // transaction, so two processes opening a new data dir at once never both create the tables.
  runMigrationSteps(
    {
      db,
      version: () => db.pragma('user_version', { simple: true }) as number,
      setVersion: (v) => db.pragma(`user_version = ${Math.trunc(v)}`),
      immediate: (fn) => db.transaction(fn).immediate(),
    },
    MIGRATIONS.map((sql, i) => ({ version: i + 1, name: `forwarder ${i + 1}`, up: (d: Database.Database) => d.exec(sql) })),
  );
  const writer = writerThread ? workerWriter(file, { autoCheckpoint: false }) : inThreadWriter(file);
  // With the writer in a thread, a lone append commits here instead when the thread is idle (sqlite-lone-append.ts).
  const lone = writer.threaded && options.loneAppend !== false ? new LoneAppender(file, options.loneAppend) : null;
  let commits = 0;
  // Rows written since the last checkpoint was sent; one checkpoint at a time (see CHECKPOINT_EVERY_ROWS).
  let rowsSinceCheckpoint = 0;
  let checkpointing = false;
  const wrote = (rows: number): void => {
    rowsSinceCheckpoint += rows;
    if (!writer.threaded || checkpointing || rowsSinceCheckpoint < (options.checkpointEveryRows ?? CHECKPOINT_EVERY_ROWS)) return;
    rowsSinceCheckpoint = 0;
    checkpointing = true;
    // A failed checkpoint is retried after as many rows again; the WAL only grows meanwhile.
    void checkpoint().catch(() => undefined).finally(() => (checkpointing = false));
  };
  /**
   * The WAL starts over only if a checkpoint has copied all of it when the next commit begins. Lone appends
   * commit while the thread copies, so each copy is followed by a second with lone appends held back: it
   * copies the few pages written meanwhile, and the appends held back wait in the thread behind that short
   * copy only. Without it, the WAL never started over under a steady stream of lone appends.
   */
  let catchingUp = false;
  const checkpoint = async (): Promise<void> => {
    await writer.call('checkpoint');
    catchingUp = true;
    try {
      await writer.call('checkpoint');
    } finally {
      catchingUp = false;
    }
  };
  /** A durable (synchronous=FULL) write transaction of the writer, counted. */
  const durable = async <T>(p: Promise<T>): Promise<T> => {
    const r = await p;
    commits++;
    return r;
  };

  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const q = {
    readAfter: db.prepare<[string, number, number], EventRow>('SELECT seq, event_id, event_key, received_at, signature, raw_body FROM events WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
    terminal: db.prepare<[string], { token_hash: string | null; last_seq: number; acked_seq: number }>(`SELECT token_hash, ${LAST_SEQ} AS last_seq, acked_seq FROM terminals WHERE terminal_id = ?`),
    backlog: db.prepare<[], { terminal_id: string; last_seq: number; acked_seq: number }>(`SELECT terminal_id, ${LAST_SEQ} AS last_seq, acked_seq FROM terminals ORDER BY terminal_id`),
    listDead: db.prepare<[], DeadRow>('SELECT * FROM dead_letters ORDER BY received_at, id'),
    countDead: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters'),
    checkIn: db.prepare<[string], { terminal_id: string; last_seq: number; token_hash: string | null }>(`SELECT terminal_id, ${LAST_SEQ} AS last_seq, token_hash FROM terminals WHERE terminal_id IN (SELECT value FROM json_each(?))`),
  };

  const recent = new RecentEvents();
  // Terminals are never forgotten (revoked ones stay known): a yes is kept, saving a query per webhook.
  const known = new Set<string>();
  /** The appends' events to their terminals' sessions, once durable. */
  const stored = (inputs: AppendInput[], results: AppendResult[]): AppendResult[] => {
    results.forEach((r, i) => {
      const input = inputs[i];
      if (r.duplicate || !input) return;
      const event = { seq: r.seq, eventId: input.eventId, eventKey: input.eventKey, receivedAt: input.receivedAt, signature: input.signature, rawBody: input.rawBody };
      recent.add(r.terminalId, event);
      emitter.emit('appended', r.terminalId, r.seq, () => event);
    });
    return results;
  };
  const group = new GroupCommit<AppendInput, AppendResult>(groupOptions, (inputs) => {
    // Only one append, with no other webhook on its way and nothing sent to the thread unanswered (the two
    // connections never write at once); the lone path also declines one right behind a commit (a stream).
    const alone = inputs.length === 1 && (groupOptions.onTheWay?.() ?? 0) === 0 && writer.pendingWrites === 0 && !catchingUp;
    const here = lone && alone ? lone.append(inputs) : null;
    if (here) {
      commits++;
      wrote(inputs.length);
      return stored(inputs, here);
    }
    return durable(writer.call('append', inputs)).then((results) => {
      lone?.threadCommitted();
      wrote(inputs.length);
      return stored(inputs, results);
    });
  });
  // Acks are written in batches too (every ACK_FLUSH_MS): an ack lost in a crash only means the event
  // is offered again, and the terminal skips it by its cursor. Reads see the pending values.
  const pendingAcks = new Map<string, number>();
  let ackTimer: NodeJS.Timeout | null = null;
  let ackWrite: Promise<void> = Promise.resolve();
  const flushAcks = (): Promise<void> => {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = null;
    if (pendingAcks.size === 0) return ackWrite;
    const acks = [...pendingAcks];
    pendingAcks.clear();
    // Shown as acked (pending) until written: keep the values readable while the write is on its way.
    for (const [t, seq] of acks) writingAcks.set(t, Math.max(seq, writingAcks.get(t) ?? 0));
    ackWrite = writer.call('acks', acks).then(
      () => {
        acks.forEach(([t, seq]) => writingAcks.get(t) === seq && writingAcks.delete(t));
        wrote(acks.length);
      },
      () => undefined, // lost acks only mean redeliveries the terminal skips by its cursor
    );
    return ackWrite;
  };
  const writingAcks = new Map<string, number>();
  const ackedSeq = (terminalId: string): number => {
    const row = q.terminal.get(terminalId);
    const pending = Math.max(pendingAcks.get(terminalId) ?? 0, writingAcks.get(terminalId) ?? 0);
    return Math.max(row?.acked_seq ?? 0, Math.min(pending, row?.last_seq ?? 0));
  };

  const append = (input: AppendInput): Promise<AppendResult> => group.add(input);

  return {
    kind: 'sqlite',
    summary: writer.threaded ? 'sqlite, writer thread' : 'sqlite, writer on the event loop',
    append,
    readAfter: (terminalId, afterSeq, limit) => Promise.resolve(recent.after(terminalId, afterSeq, limit) ?? q.readAfter.all(terminalId, afterSeq, limit).map(toEvent)),
    ack: (terminalId, seq) => {
      recent.acked(terminalId, seq);
      if (seq > (pendingAcks.get(terminalId) ?? 0)) pendingAcks.set(terminalId, seq);
      ackTimer ??= setTimeout(() => void flushAcks(), ACK_FLUSH_MS);
      return Promise.resolve();
    },
    ackedSeq: (terminalId) => Promise.resolve(ackedSeq(terminalId)),
    raiseSeq: async (terminalId, seq) => {
      if (group.pending > 0) group.flush(); // appends already accepted keep the numbers they were promised
      const before = q.terminal.get(terminalId);
      if (!before || before.last_seq >= seq) return; // the usual case: nothing to write
      recent.forget(terminalId);
      await flushAcks();
      if (await writer.call('raise', terminalId, seq)) commits++;
    },
    headSeq: (terminalId) => Promise.resolve(q.terminal.get(terminalId)?.last_seq ?? 0),
    checkIn: (terminalIds) => Promise.resolve(new Map(q.checkIn.all(JSON.stringify(terminalIds)).map((r) => [r.terminal_id, { head: r.last_seq, tokenHash: r.token_hash }]))),
    backlog: async () => {
      await flushAcks();
      return q.backlog.all().map((r): TerminalBacklog => ({ terminalId: r.terminal_id, lastSeq: r.last_seq, ackedSeq: r.acked_seq }));
    },
    setTokenHash: (terminalId, hash) => durable(writer.call('setToken', terminalId, hash)),
    tokenHash: (terminalId) => Promise.resolve(q.terminal.get(terminalId)?.token_hash ?? null),
    revokeToken: (terminalId) => durable(writer.call('revoke', terminalId)),
    isKnownTerminal: (terminalId) => {
      if (known.has(terminalId)) return Promise.resolve(true);
      const yes = q.terminal.get(terminalId) !== undefined;
      if (yes) known.add(terminalId);
      return Promise.resolve(yes);
    },
    addDeadLetter: async (input: DeadLetterInput) => {
      const r = await writer.call('addDead', input);
      if (r.wrote) commits++;
      return { id: r.id, duplicate: r.duplicate };
    },
    listDeadLetters: () => Promise.resolve(q.listDead.all().map(toDead)),
    replayDeadLetter: async (id, terminalId) => {
      const result = await durable(writer.call('replayDead', id, terminalId));
      if (result && !result.duplicate) emitter.emit('appended', terminalId, result.seq);
      return result;
    },
    onAppended: (listener) => {
      emitter.on('appended', listener);
      return () => emitter.off('appended', listener);
    },
    publishKick: (terminalId, reason, from, at) => {
      emitter.emit('kick', terminalId, reason, from, at);
      return Promise.resolve();
    },
    onKick: (listener) => {
      emitter.on('kick', listener);
      return () => emitter.off('kick', listener);
    },
    pruneDeadLetters: (olderThanIso, max) => durable(writer.call('pruneDead', olderThanIso, max)),
    deadLetterCount: () => Promise.resolve(q.countDead.get()?.n ?? 0),
    get commits() {
      return commits;
    },
    get loneCommits() {
      return lone?.committed ?? 0;
    },
    durabilityWarning: () => Promise.resolve(null),
    prune: async (olderThanIso) => {
      await flushAcks();
      return durable(writer.call('prune', olderThanIso));
    },
    close: async () => {
      if (group.pending > 0) group.flush();
      await flushAcks();
      emitter.removeAllListeners();
      await writer.close();
      lone?.close();
      db.close();
    },
  };
}

// The SQLite store's seqs since the writer keeps them in memory (sqlite-writer.ts, issue 22): they stay
// per-terminal, gap-free and never reused across pruning, a reopen, another connection's append (the
// CLI's dead-letter replay), a failed batch, and the upgrade of a file from before the change.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_SCHEMA_VERSION } from '../../forwarder/store/sqlite';
import { MIGRATIONS } from '../../forwarder/store/sqlite-schema';
import { openWriteConnection, SqliteWriter } from '../../forwarder/store/sqlite-writer';
import { tempDir } from '../support/temp';

const tmp = tempDir('sqlite-seq');
afterAll(() => tmp.cleanup());
const freshDir = (): string => join(tmp.dir, Math.random().toString(36).slice(2));

const ev = (terminalId: string, eventId: string, receivedAt = '2026-11-27T10:00:00.000Z') => ({
  terminalId, eventId, eventKey: 'charge.complete', receivedAt, signature: 'verified' as const, rawBody: `{"id":"${eventId}"}`,
});

for (const writerThread of [false, true]) describe(`sqlite store seqs (${writerThread ? 'writer thread' : 'writer in this thread'})`, () => {
  it("continues a terminal's seqs after all of its events were pruned, also after a reopen", async () => {
    const dir = freshDir();
    const s = openSqliteStore(dir, {}, { writerThread });
    await s.setTokenHash('a', 'h');
    for (const id of ['p1', 'p2', 'p3']) await s.append(ev('a', id, '2026-01-01T00:00:00.000Z'));
    await s.ack('a', 3);
    expect(await s.prune('2026-11-01T00:00:00.000Z')).toBe(3);
    expect(await s.readAfter('a', 0, 10)).toEqual([]);
    expect(await s.headSeq('a')).toBe(3);
    expect(await s.append(ev('a', 'p4'))).toMatchObject({ seq: 4, duplicate: false });
    await s.close();
    const again = openSqliteStore(dir, {}, { writerThread });
    try {
      expect(await again.headSeq('a')).toBe(4);
      expect(await again.backlog()).toEqual([{ terminalId: 'a', lastSeq: 4, ackedSeq: 3 }]);
      expect(await again.append(ev('a', 'p5'))).toMatchObject({ seq: 5, duplicate: false });
      expect((await again.readAfter('a', 0, 10)).map((e) => [e.seq, e.eventId])).toEqual([[4, 'p4'], [5, 'p5']]);
    } finally {
      await again.close();
    }
  });

  it("takes the next seq after another connection's append (the CLI replaying a dead letter while serving)", async () => {
    const dir = freshDir();
    const serving = openSqliteStore(dir, {}, { writerThread });
    try {
      await serving.setTokenHash('t', 'h');
      expect(await serving.append(ev('t', 'e1'))).toMatchObject({ seq: 1 });
      expect(await serving.append(ev('t', 'e2'))).toMatchObject({ seq: 2 });
      const dead = await serving.addDeadLetter({ ...ev('t', 'd1'), reason: 'unknown_terminal', terminalHint: 'zz' });
      const cli = openSqliteStore(dir);
      try {
        expect(await cli.replayDeadLetter(dead.id, 't')).toEqual({ seq: 3, duplicate: false, terminalId: 't' });
      } finally {
        await cli.close();
      }
      expect(await serving.append(ev('t', 'e3'))).toMatchObject({ seq: 4, duplicate: false });
      expect((await serving.readAfter('t', 0, 10)).map((e) => [e.seq, e.eventId])).toEqual([[1, 'e1'], [2, 'e2'], [3, 'd1'], [4, 'e3']]);
    } finally {
      await serving.close();
    }
  });
});

describe('sqlite writer seqs', () => {
  it('forgets the seqs of a batch that failed (rolled back): the next append takes the first free one', async () => {
    const dir = freshDir();
    await openSqliteStore(dir).close(); // migrated
    const db = openWriteConnection(join(dir, 'forwarder.sqlite'));
    try {
      const w = new SqliteWriter(db);
      w.setToken('a', 'h');
      // raw_body is NOT NULL: the second event fails the whole batch, after the first had taken seq 1
      expect(() => w.append([ev('a', 'ok-1'), { ...ev('a', 'bad'), rawBody: null as unknown as string }])).toThrow(/NOT NULL/);
      expect(w.append([ev('a', 'ok-2')])).toEqual([{ seq: 1, duplicate: false, terminalId: 'a' }]);
      expect(db.prepare('SELECT seq, event_id FROM events ORDER BY seq').all()).toEqual([{ seq: 1, event_id: 'ok-2' }]);
    } finally {
      db.close();
    }
  });
});

describe('sqlite store upgrade', () => {
  it('moves a schema-3 file\'s events to the log in arrival order: same seqs, same bodies, and new seqs follow', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, 'forwarder.sqlite'));
    old.pragma('journal_mode = WAL');
    for (const step of MIGRATIONS.slice(0, 3)) old.exec(step);
    old.pragma('user_version = 3');
    old.prepare("INSERT INTO terminals (terminal_id, token_hash, last_seq, acked_seq, created_at) VALUES ('a', 'h', 2, 1, '2026-11-27T00:00:00.000Z'), ('b', 'h', 1, 0, '2026-11-27T00:00:00.000Z')").run();
    const insert = old.prepare('INSERT INTO events (terminal_id, seq, event_id, event_key, received_at, signature, raw_body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertId = old.prepare('INSERT INTO event_ids (event_id, terminal_id, seq) VALUES (?, ?, ?)');
    for (const [t, seq, id, at] of [['a', 1, 'a1', '2026-11-27T10:00:00.000Z'], ['b', 1, 'b1', '2026-11-27T10:00:01.000Z'], ['a', 2, 'a2', '2026-11-27T10:00:02.000Z']] as const) {
      insert.run(t, seq, id, 'charge.complete', at, 'verified', `{"id":"${id}"}`);
      insertId.run(id, t, seq);
    }
    old.close();

    const s = openSqliteStore(dir, {}, { writerThread: true });
    try {
      const db = new Database(join(dir, 'forwarder.sqlite'), { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
      expect(db.prepare('SELECT id, terminal_id, seq, event_id FROM events ORDER BY id').all()).toEqual([
        { id: 1, terminal_id: 'a', seq: 1, event_id: 'a1' }, { id: 2, terminal_id: 'b', seq: 1, event_id: 'b1' }, { id: 3, terminal_id: 'a', seq: 2, event_id: 'a2' },
      ]);
      db.close();
      expect((await s.readAfter('a', 0, 10)).map((e) => [e.seq, e.eventId, e.rawBody])).toEqual([[1, 'a1', '{"id":"a1"}'], [2, 'a2', '{"id":"a2"}']]);
      expect(await s.ackedSeq('a')).toBe(1);
      expect(await s.append(ev('a', 'a3'))).toMatchObject({ seq: 3, duplicate: false });
      expect(await s.append(ev('b', 'b2'))).toMatchObject({ seq: 2, duplicate: false });
      expect(await s.append(ev('b', 'a1'))).toEqual({ seq: 1, duplicate: true, terminalId: 'a' });
    } finally {
      await s.close();
    }
  });
});

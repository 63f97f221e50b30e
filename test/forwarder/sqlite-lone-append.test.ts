// A lone webhook committed on the event loop (sqlite-lone-append.ts, issue 22) while the writer thread takes
// batches: which path takes what, seqs gap-free across the two connections, a locked file never blocking the
// loop, and the path standing aside when its commits turn slow.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../forwarder/config';
import { openStore } from '../../forwarder/store/open';
import { openSqliteStore } from '../../forwarder/store/sqlite';
import type { SqliteEventStore } from '../../forwarder/store/sqlite';
import { LONE_SLOW_OF_WINDOW, LoneAppender } from '../../forwarder/store/sqlite-lone-append';
import { tempDir } from '../support/temp';

const tmp = tempDir('sqlite-lone');
afterAll(() => tmp.cleanup());
const freshDir = (): string => join(tmp.dir, Math.random().toString(36).slice(2));

const ev = (terminalId: string, eventId: string) => ({
  terminalId, eventId, eventKey: 'charge.complete', receivedAt: '2026-12-07T10:00:00.000Z', signature: 'verified' as const, rawBody: `{"id":"${eventId}"}`,
});

describe('sqlite store, served (writer thread): lone appends on the event loop', () => {
  it('commits a webhook alone on the loop, and a batch or one right behind a commit in the thread, each durable once it resolves', async () => {
    const dir = freshDir();
    // a quiet time of 50 ms (0.5 by default): "right behind a commit" must not depend on how fast this machine is
    const s = openSqliteStore(dir, { onTheWay: () => 0 }, { writerThread: true, loneAppend: { quietMs: 50 } });
    const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 60));
    try {
      await s.setTokenHash('a', 'h');
      for (let i = 1; i <= 5; i++) {
        await pause(); // alone: the last commit ended a while ago
        expect(await s.append(ev('a', `lone-${i}`))).toEqual({ seq: i, duplicate: false, terminalId: 'a' });
      }
      expect(s.loneCommits).toBe(5);
      // eight in one turn are one batch: the thread's
      const before = s.commits;
      const batch = await Promise.all(Array.from({ length: 8 }, (_, i) => s.append(ev('a', `batch-${i}`))));
      expect(batch.map((r) => r.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
      expect(s.commits - before).toBe(1);
      // one right behind the batch's commit is part of a stream: the thread's too
      expect((await s.append(ev('a', 'right-behind'))).seq).toBe(14);
      expect(s.loneCommits).toBe(5);
      // a duplicate found on the loop's connection answers the stored seq
      await pause();
      expect(await s.append(ev('a', 'batch-3'))).toEqual({ seq: 9, duplicate: true, terminalId: 'a' });
      expect(s.loneCommits).toBe(6);
    } finally {
      await s.close();
    }
    // on disk, as another process would read it
    const db = new Database(join(dir, 'forwarder.sqlite'), { readonly: true });
    expect(db.prepare("SELECT seq FROM events WHERE terminal_id = 'a' ORDER BY seq").pluck().all()).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    db.close();
  });

  it('keeps every terminal\'s seqs gap-free and in order when lone appends, batches, acks and a renumbering alternate', async () => {
    const dir = freshDir();
    // quietMs 0: back-to-back appends alone take the loop's path, so the paths alternate as often as they can
    const s = openSqliteStore(dir, { onTheWay: () => 0 }, { writerThread: true, loneAppend: { quietMs: 0 } });
    const expected = new Map<string, string[]>();
    const add = (t: string, id: string): void => void expected.set(t, [...(expected.get(t) ?? []), id]);
    try {
      for (const t of ['a', 'b', 'c']) await s.setTokenHash(t, 'h');
      for (let i = 0; i < 60; i++) {
        const t = ['a', 'b', 'c'][i % 3] ?? 'a';
        if (i % 4 === 0) {
          // two at once: a batch in the thread
          add(t, `e${i}`);
          add('b', `e${i}x`);
          await Promise.all([s.append(ev(t, `e${i}`)), s.append(ev('b', `e${i}x`))]);
        } else {
          add(t, `e${i}`);
          await s.append(ev(t, `e${i}`));
        }
        // acks go to the thread; an append while one is unanswered goes there too
        if (i % 5 === 0) await s.ack(t, 1);
      }
      expect(s.loneCommits).toBeGreaterThan(20);
      expect(s.loneCommits).toBeLessThan(60);
      // a terminal whose cursor is ahead of the log (data lost): its events are renumbered above it, in the thread
      await s.raiseSeq('c', 1000);
      expect(await s.append(ev('c', 'after-raise'))).toMatchObject({ seq: 1000 + (expected.get('c')?.length ?? 0) + 1, duplicate: false });
      add('c', 'after-raise');
      for (const [t, ids] of expected) {
        const events = await s.readAfter(t, 0, 1000);
        expect(events.map((e) => e.eventId)).toEqual(ids);
        const seqs = events.map((e) => e.seq);
        expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      }
    } finally {
      await s.close();
    }
  });

  it('never waits on the loop for a file another process holds: the append waits in the thread, the loop keeps running', async () => {
    const dir = freshDir();
    const s = openSqliteStore(dir, { onTheWay: () => 0 }, { writerThread: true });
    const other = new Database(join(dir, 'forwarder.sqlite'));
    try {
      await s.setTokenHash('a', 'h');
      await new Promise((r) => setTimeout(r, 5));
      expect((await s.append(ev('a', 'first'))).seq).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      other.exec('BEGIN IMMEDIATE'); // as a CLI's dead-letter replay holds the write lock
      const started = performance.now();
      let settledAt = 0;
      const pending = s.append(ev('a', 'while-locked')).then((r) => {
        settledAt = performance.now();
        return r;
      });
      // timers still fire on time while the append waits (a wait on the loop would hold them up)
      const ticks: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await new Promise((r) => setTimeout(r, 20));
        ticks.push(performance.now() - t);
      }
      expect(Math.max(...ticks)).toBeLessThan(500);
      expect(settledAt).toBe(0);
      other.exec('COMMIT');
      expect(await pending).toEqual({ seq: 2, duplicate: false, terminalId: 'a' });
      expect(settledAt - started).toBeGreaterThanOrEqual(90);
      expect(s.loneCommits).toBe(1); // the first only
      await new Promise((r) => setTimeout(r, 5));
      expect((await s.append(ev('a', 'after'))).seq).toBe(3);
      expect(s.loneCommits).toBe(2);
    } finally {
      other.close();
      await s.close();
    }
  });
});

describe('checkpoints, served', () => {
  it('keeps the WAL bounded when every append commits on the loop (which never checkpoints): the thread checkpoints beside it', async () => {
    const dir = freshDir();
    const s = openSqliteStore(dir, { onTheWay: () => 0 }, { writerThread: true, loneAppend: { quietMs: 0 }, checkpointEveryRows: 100 });
    const body = 'x'.repeat(2000);
    try {
      await s.setTokenHash('a', 'h');
      for (let i = 0; i < 3000; i++) await s.append({ ...ev('a', `w${i}`), rawBody: body });
      expect(s.loneCommits).toBeGreaterThan(2800);
      // measured open (closing the last connection checkpoints and removes the WAL): 3,000 commits of a few
      // pages each make some 64 MiB of WAL when nothing copies them back; a checkpoint every 100 rows keeps it
      // to a few MiB (a start-over can miss a round when a reader holds the WAL at that moment)
      const wal = statSync(join(dir, 'forwarder.sqlite-wal')).size;
      expect(wal).toBeGreaterThan(0);
      expect(wal).toBeLessThan(16 * 2 ** 20);
    } finally {
      await s.close();
    }
  });
});

describe('LoneAppender quiet', () => {
  it('declines an append sooner than quietMs after a commit here or in the thread, and takes it after', async () => {
    const dir = freshDir();
    await openSqliteStore(dir).close();
    let t = 1000;
    const lone = new LoneAppender(join(dir, 'forwarder.sqlite'), { now: () => t, quietMs: 0.5 });
    try {
      expect(lone.append([ev('a', 'q1')])?.[0]?.seq).toBe(1);
      t += 0.3;
      expect(lone.append([ev('a', 'q2')])).toBeNull();
      t += 0.3;
      expect(lone.append([ev('a', 'q2')])?.[0]?.seq).toBe(2);
      lone.threadCommitted();
      t += 0.4;
      expect(lone.append([ev('a', 'q3')])).toBeNull();
      t += 0.2;
      expect(lone.append([ev('a', 'q3')])?.[0]?.seq).toBe(3);
    } finally {
      lone.close();
    }
  });
});

describe('FORWARDER_SQLITE_LONE_COMMITS', () => {
  it('is on by default; 0 or false sends every commit to the thread; anything else is refused', async () => {
    expect(loadConfig({}, {}).sqliteLoneCommits).toBeUndefined();
    expect(loadConfig({ FORWARDER_SQLITE_LONE_COMMITS: '0' }, {}).sqliteLoneCommits).toBe(false);
    expect(loadConfig({ FORWARDER_SQLITE_LONE_COMMITS: 'true' }, {}).sqliteLoneCommits).toBe(true);
    expect(() => loadConfig({ FORWARDER_SQLITE_LONE_COMMITS: 'maybe' }, {})).toThrow(ConfigError);
    for (const [setting, lone] of [[undefined, 3], [false, 0]] as const) {
      const s = (await openStore({ store: 'sqlite', dataDir: freshDir(), sqliteWriterThread: true, onTheWay: () => 0, ...(setting === undefined ? {} : { sqliteLoneCommits: setting }) })) as SqliteEventStore;
      try {
        await s.setTokenHash('a', 'h');
        for (let i = 1; i <= 3; i++) {
          await new Promise((r) => setTimeout(r, 5));
          expect((await s.append(ev('a', `c${i}`))).seq).toBe(i);
        }
        expect(s.loneCommits).toBe(lone);
      } finally {
        await s.close();
      }
    }
  });
});

describe('LoneAppender', () => {
  /** A clock that moves `step` ms at every reading: each commit measures `step` ms. */
  const clock = () => {
    const c = { t: 0, step: 0.1, now: () => (c.t += c.step) };
    return c;
  };
  const migrated = async (): Promise<string> => {
    const dir = freshDir();
    const s = openSqliteStore(dir);
    await s.setTokenHash('a', 'h');
    await s.close();
    return join(dir, 'forwarder.sqlite');
  };

  it('stands aside for the back-off once most recent commits were slow, not for a slow one now and then', async () => {
    const c = clock();
    const lone = new LoneAppender(await migrated(), { now: c.now, backOffMs: 30_000, slowCommitMs: 2, quietMs: 0 });
    try {
      let n = 0;
      const append = () => lone.append([ev('a', `e${n++}`)]);
      // one slow commit in four, for a long while: never trips
      for (let i = 0; i < 200; i++) {
        c.step = i % 4 === 0 ? 5 : 0.1;
        expect(append()).not.toBeNull();
      }
      // a disk gone slow: every commit over the threshold
      c.step = 5;
      let taken = 0;
      while (append()) taken++;
      expect(taken).toBeLessThanOrEqual(LONE_SLOW_OF_WINDOW);
      c.step = 0.1;
      c.t += 29_000;
      expect(append()).toBeNull();
      c.t += 1_001;
      expect(append()).not.toBeNull();
    } finally {
      lone.close();
    }
  });

  it('answers null for a file another connection holds, and throws any other failure as the thread would', async () => {
    const file = await migrated();
    const lone = new LoneAppender(file, { quietMs: 0 });
    const other = new Database(file);
    try {
      expect(lone.append([ev('a', 's1')])?.[0]?.seq).toBe(1);
      other.exec('BEGIN IMMEDIATE');
      expect(lone.append([ev('a', 'locked')])).toBeNull();
      other.exec('ROLLBACK');
      expect(lone.append([ev('a', 'locked')])?.[0]?.seq).toBe(2);
      expect(() => lone.append([{ ...ev('a', 'bad'), rawBody: null as unknown as string }])).toThrow(/NOT NULL/);
      expect(lone.committed).toBe(2);
    } finally {
      other.close();
      lone.close();
    }
  });
});

// A lone webhook's append committed on the event loop, on a connection of its own, when the writer thread
// has nothing to do: one at a time, the thread's two hops (request, reply) cost about 0.09 ms at the median
// and a stall over 0.8 ms in about 15 of 3,000 webhooks on a 2-core machine (issue 22). Under load, batches
// keep going to the thread, whose fsync never stops the loop; when commits here turn slow (a busy disk), or
// another process holds the file, lone webhooks go there too.
import type Database from 'better-sqlite3';
import { openWriteConnection, SqliteWriter } from './sqlite-writer';
import type { AppendInput, AppendResult } from './types';

/** A commit here slower than this counts as slow (this machine's take a quarter of a millisecond; a preempted one a few). */
export const LONE_SLOW_COMMIT_MS = 2;
/**
 * Of the last LONE_WINDOW commits here, this many slow ones make this path stand aside: a disk that slow
 * would stall the loop. A majority, so a stall now and then (a preempted thread, a page fault) does not.
 */
export const LONE_WINDOW = 16;
export const LONE_SLOW_OF_WINDOW = 8;
/**
 * A webhook arriving sooner than this after a commit ended is part of a stream, not alone: it goes to the
 * thread, whose commit in flight makes the next arrivals wait and share one. Without this, webhooks on new
 * connections at 64 in flight came one by one and each committed here: 0.11–0.21 commits per webhook against
 * 0.07–0.08. One at a time, each webhook comes about a millisecond after the last one's commit.
 */
export const LONE_QUIET_MS = 0.5;
/** How long lone webhooks go through the writer thread after commits here turned slow. */
export const LONE_BACK_OFF_MS = 30_000;

export interface LoneAppendOptions {
  slowCommitMs?: number;
  quietMs?: number;
  backOffMs?: number;
  /** the clock (ms), for tests */
  now?: () => number;
}

export class LoneAppender {
  private readonly db: Database.Database;
  private readonly writer: SqliteWriter;
  private readonly o: Required<LoneAppendOptions>;
  /** the last LONE_WINDOW commits here, true where slow (a ring) */
  private readonly recent: boolean[] = [];
  private slowInWindow = 0;
  private pausedUntil = 0;
  /** when the last commit, here or in the thread, ended */
  private lastCommitEnd = -Infinity;
  /** Appends committed here (served stores report it; the bench and tests read it). */
  committed = 0;

  constructor(file: string, options: LoneAppendOptions = {}) {
    this.o = { slowCommitMs: LONE_SLOW_COMMIT_MS, quietMs: LONE_QUIET_MS, backOffMs: LONE_BACK_OFF_MS, now: () => performance.now(), ...options };
    // Never a checkpoint here (a copy of milliseconds): the writer thread runs them, beside this path.
    this.db = openWriteConnection(file, { autoCheckpoint: false });
    // Never wait on the loop: when another connection holds the write lock (a CLI replaying dead letters),
    // the append goes to the writer thread, which waits there instead.
    this.db.pragma('busy_timeout = 0');
    this.writer = new SqliteWriter(this.db);
  }

  /** A commit in the thread ended now. */
  threadCommitted(): void {
    this.lastCommitEnd = this.o.now();
  }

  /**
   * Commits the appends durably here and returns their results, or returns null: the caller sends them to
   * the writer thread (this path backing off, a commit just ended, or the file locked by another process).
   * Any other failure is thrown, as the thread's would be.
   */
  append(inputs: AppendInput[]): AppendResult[] | null {
    const start = this.o.now();
    if (start < this.pausedUntil || start - this.lastCommitEnd < this.o.quietMs) return null;
    let results: AppendResult[];
    try {
      results = this.writer.append(inputs);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return null;
      throw err;
    }
    this.lastCommitEnd = this.o.now();
    this.note(this.lastCommitEnd - start);
    this.committed++;
    return results;
  }

  /** Keeps the window's count of slow commits; a majority pauses this path, and the count starts afresh after. */
  private note(ms: number): void {
    const slow = ms > this.o.slowCommitMs;
    this.recent.push(slow);
    if (slow) this.slowInWindow++;
    if (this.recent.length > LONE_WINDOW && this.recent.shift()) this.slowInWindow--;
    if (this.slowInWindow >= LONE_SLOW_OF_WINDOW) {
      this.pausedUntil = this.o.now() + this.o.backOffMs;
      this.recent.length = 0;
      this.slowInWindow = 0;
    }
  }

  close(): void {
    this.db.close();
  }
}

// The print queue's own SQLite file (not the receipt log: a jammed printer never touches the payment
// store). WAL and synchronous=FULL: a job acknowledged to the cashier survives a power cut. Every job
// names the receipt log it was made from (`log_id`): the queue only ever prints the jobs of the log it
// serves, so a receipt of an earlier demo run never prints later, and demo and live never mix.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import path from 'node:path';
import type { ReceiptDocument, ReceiptKind } from './document';
import { preparePrivateSqlite } from '../core/private-files';

export type JobStatus = 'queued' | 'printed' | 'failed';

export interface PrintJob {
  readonly id: string;
  readonly seq: number;
  /** The receipt log the job's sale is in. */
  readonly logId: string;
  readonly kind: ReceiptKind;
  readonly saleId: string | null;
  readonly document: ReceiptDocument;
  readonly status: JobStatus;
  readonly attempts: number;
  /** Epoch ms; the queue's head is not tried before this. */
  readonly nextAttemptAt: number;
  readonly lastErrorCode: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly printedAt: string | null;
}

interface JobRow {
  id: string;
  seq: number;
  log_id: string;
  kind: string;
  sale_id: string | null;
  document: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error_code: string | null;
  last_error: string | null;
  created_at: string;
  printed_at: string | null;
}

const SCHEMA_VERSION = 2;

const MIGRATION_1 = `
CREATE TABLE print_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'void', 'test')),
  sale_id TEXT,
  document TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'printed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error_code TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  printed_at TEXT
);
CREATE INDEX print_jobs_queued ON print_jobs (status, seq);
CREATE INDEX print_jobs_sale ON print_jobs (sale_id, seq);
`;

// Jobs queued before jobs named their log get '' (the live queue claims them: see claimUnnamed).
const MIGRATION_2 = `
ALTER TABLE print_jobs ADD COLUMN log_id TEXT NOT NULL DEFAULT '';
CREATE INDEX print_jobs_log_queued ON print_jobs (log_id, status, seq);
`;

const toJob = (r: JobRow): PrintJob => ({
  id: r.id,
  seq: r.seq,
  logId: r.log_id,
  kind: r.kind as ReceiptKind,
  saleId: r.sale_id,
  document: JSON.parse(r.document) as ReceiptDocument,
  status: r.status as JobStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastErrorCode: r.last_error_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  printedAt: r.printed_at,
});

export class PrintQueueStore {
  readonly db: Db;

  constructor(readonly file: string) {
    preparePrivateSqlite(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 2000');
    const version = Number(this.db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`The print queue ${path.basename(file)} was written by a newer app (schema ${version}).`);
    }
    const steps: readonly [number, string][] = [
      [1, MIGRATION_1],
      [2, MIGRATION_2],
    ];
    for (const [step, sql] of steps) {
      if (version >= step) continue;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${step}`);
      }).immediate();
    }
  }

  insert(job: { id: string; logId: string; kind: ReceiptKind; saleId: string | null; document: ReceiptDocument; nowMs: number }): PrintJob {
    const row = this.db
      .prepare(
        `INSERT INTO print_jobs (id, log_id, kind, sale_id, document, status, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?) RETURNING *`,
      )
      .get(job.id, job.logId, job.kind, job.saleId, JSON.stringify(job.document), job.nowMs, new Date(job.nowMs).toISOString()) as JobRow;
    return toJob(row);
  }

  /** The oldest queued job of a log (receipts print in the order they were asked for). */
  head(logId: string): PrintJob | null {
    const row = this.db.prepare(`SELECT * FROM print_jobs WHERE log_id = ? AND status = 'queued' ORDER BY seq LIMIT 1`).get(logId) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** Jobs written before jobs named their log become this log's (the live queue's, whose log they came from). */
  claimUnnamed(logId: string): number {
    return this.db.prepare(`UPDATE print_jobs SET log_id = ? WHERE log_id = ''`).run(logId).changes;
  }

  /** Queued jobs of any other log will never print (their log is gone or not served here): given up. */
  dropOtherLogs(logId: string, code: string, message: string): number {
    return this.db.prepare(`UPDATE print_jobs SET status = 'failed', last_error_code = ?, last_error = ? WHERE log_id != ? AND status = 'queued'`).run(code, message, logId).changes;
  }

  markPrinted(id: string, nowMs: number): void {
    this.db.prepare(`UPDATE print_jobs SET status = 'printed', attempts = attempts + 1, printed_at = ?, last_error_code = NULL, last_error = NULL WHERE id = ?`).run(new Date(nowMs).toISOString(), id);
  }

  markAttemptFailed(id: string, code: string, message: string, nextAttemptAt: number): void {
    this.db.prepare(`UPDATE print_jobs SET attempts = attempts + 1, last_error_code = ?, last_error = ?, next_attempt_at = ? WHERE id = ?`).run(code, message, nextAttemptAt, id);
  }

  markFailed(id: string, code: string, message: string): void {
    this.db.prepare(`UPDATE print_jobs SET status = 'failed', attempts = attempts + 1, last_error_code = ?, last_error = ? WHERE id = ?`).run(code, message, id);
  }

  get(id: string): PrintJob | null {
    const row = this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  bySale(logId: string, saleId: string): PrintJob[] {
    return (this.db.prepare('SELECT * FROM print_jobs WHERE log_id = ? AND sale_id = ? ORDER BY seq').all(logId, saleId) as JobRow[]).map(toJob);
  }

  list(logId: string, status?: JobStatus, limit = 100): PrintJob[] {
    const rows = status
      ? this.db.prepare('SELECT * FROM print_jobs WHERE log_id = ? AND status = ? ORDER BY seq DESC LIMIT ?').all(logId, status, limit)
      : this.db.prepare('SELECT * FROM print_jobs WHERE log_id = ? ORDER BY seq DESC LIMIT ?').all(logId, limit);
    return (rows as JobRow[]).map(toJob);
  }

  /** Printed jobs older than the cut-off are dropped (the receipt log keeps the sale; reprint rebuilds it). */
  prune(olderThanIso: string): number {
    return this.db.prepare(`DELETE FROM print_jobs WHERE status != 'queued' AND created_at < ?`).run(olderThanIso).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

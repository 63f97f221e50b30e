// The print queue's own SQLite file (not the receipt log: a jammed printer never touches the payment
// store). WAL and synchronous=FULL: a job acknowledged to the cashier survives a power cut.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import path from 'node:path';
import type { ReceiptDocument, ReceiptKind } from './document';
import { preparePrivateSqlite } from '../core/private-files';

export type JobStatus = 'queued' | 'printed' | 'failed';

export interface PrintJob {
  readonly id: string;
  readonly seq: number;
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

const SCHEMA_VERSION = 1;

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

const toJob = (r: JobRow): PrintJob => ({
  id: r.id,
  seq: r.seq,
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
    if (version < 1) {
      this.db.transaction(() => {
        this.db.exec(MIGRATION_1);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    }
  }

  insert(job: { id: string; kind: ReceiptKind; saleId: string | null; document: ReceiptDocument; nowMs: number }): PrintJob {
    const row = this.db
      .prepare(
        `INSERT INTO print_jobs (id, kind, sale_id, document, status, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'queued', 0, ?, ?) RETURNING *`,
      )
      .get(job.id, job.kind, job.saleId, JSON.stringify(job.document), job.nowMs, new Date(job.nowMs).toISOString()) as JobRow;
    return toJob(row);
  }

  /** The oldest queued job (receipts print in the order they were asked for). */
  head(): PrintJob | null {
    const row = this.db.prepare(`SELECT * FROM print_jobs WHERE status = 'queued' ORDER BY seq LIMIT 1`).get() as JobRow | undefined;
    return row ? toJob(row) : null;
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

  bySale(saleId: string): PrintJob[] {
    return (this.db.prepare('SELECT * FROM print_jobs WHERE sale_id = ? ORDER BY seq').all(saleId) as JobRow[]).map(toJob);
  }

  list(status?: JobStatus, limit = 100): PrintJob[] {
    const rows = status
      ? this.db.prepare('SELECT * FROM print_jobs WHERE status = ? ORDER BY seq DESC LIMIT ?').all(status, limit)
      : this.db.prepare('SELECT * FROM print_jobs ORDER BY seq DESC LIMIT ?').all(limit);
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

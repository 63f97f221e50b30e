// The receipt store: one SQLite file opened with the durability settings a payment log needs.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { DbCorruptError, StoreWriteError } from '../errors';
import { backupIfDue } from './backup';
import { writeProblemOf } from './disk-check';
import type { WriteProblem } from './disk-check';
import { DayReads } from './day-reads';
import { EventsTable } from './events';
import { runMigrations } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';
import { RebuiltRows } from './rebuilt';
import { RefundsTable } from './refunds';
import { SalesTable } from './sales';
import { ZReportsTable } from './z-reports';
import { preparePrivateSqlite } from '../private-files';

export { DbCorruptError, DbVersionFromFutureError, StoreWriteError } from '../errors';
export { checkWritable, DEFAULT_DISK_FLOOR_BYTES, writeProblemOf } from './disk-check';
export type { WriteProblem } from './disk-check';
export type { Migration } from './migrations/types';
export type { NewSale, SalePatch, SaleListQuery } from './sales';
export type { NewRefund } from './refunds';
export type { SaleRow, RefundRow } from './rows';
export { SalesTable } from './sales';
export { RefundsTable } from './refunds';
export { EventsTable } from './events';
export { DayReads } from './day-reads';
export type { DayData, ReportRefundRow, ReportSaleRow } from './day-reads';
export { ZReportsTable } from './z-reports';
export { RebuiltRows } from './rebuilt';
export type { RebuiltRefund, RebuiltSale } from './rebuilt';

export interface ReceiptStoreOptions {
  now?: () => Date;
  /** Tests pass a longer list to simulate a newer app; production uses the registry. */
  migrations?: readonly Migration[];
}

/** The receipt log. Its SQLite handle stays inside electron/core/store: callers use these tables. */
export interface ReceiptStore {
  readonly path: string;
  readonly schemaVersion: number;
  readonly sales: SalesTable;
  readonly refunds: RefundsTable;
  readonly events: EventsTable;
  /** Read-only queries of a business day (reports). */
  readonly days: DayReads;
  /** Closed days (Z reports): insert once, never rewritten. */
  readonly zReports: ZReportsTable;
  /** Rows brought back from Opn (rebuild after a damaged or lost log). */
  readonly rebuilt: RebuiltRows;
  /** The durability settings in force on this connection (diagnostics and tests). */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; userVersion: number };
  /** Column names of a table and the store's own index names, for the schema-contract test. */
  schema(): { tables: Record<string, string[]>; indexes: string[] };
  /**
   * Runs `fn` in one IMMEDIATE transaction (no network calls inside, ever). A write the disk refuses
   * (full, read-only, I/O error) rolls back and throws `StoreWriteError` after telling `onWriteFailure`.
   */
  transaction<T>(fn: () => T): T;
  /** Called with the problem whenever a transaction failed because the disk refused the write. */
  onWriteFailure(listener: (problem: WriteProblem) => void): void;
  /** Today's online backup if not yet made; keeps 14. */
  backupIfDue(): Promise<string | null>;
  /** A consistent online copy of the log written to `file` (SQLite's backup API). */
  backupTo(file: string): Promise<void>;
  close(): void;
}

export function openReceiptStore(file: string, opts: ReceiptStoreOptions = {}): ReceiptStore {
  const now = opts.now ?? (() => new Date());
  let db: Db;
  try {
    // Sales and refunds are the shop's business: 0600 (its -wal/-shm follow) in a 0700 folder.
    preparePrivateSqlite(file);
    db = new Database(file);
  } catch (e) {
    throw new DbCorruptError(e instanceof Error ? e.message : String(e));
  }
  try {
    // A file that is not a database fails on the first read, which integrity_check is.
    let verdict: string;
    try {
      verdict = String(db.pragma('integrity_check', { simple: true }));
    } catch (e) {
      throw new DbCorruptError(e instanceof Error ? e.message : String(e));
    }
    if (verdict !== 'ok') throw new DbCorruptError(verdict);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const schemaVersion = runMigrations(db, opts.migrations ?? MIGRATIONS);
    const writeListeners: ((p: WriteProblem) => void)[] = [];
    return {
      path: file,
      schemaVersion,
      sales: new SalesTable(db),
      refunds: new RefundsTable(db),
      events: new EventsTable(db),
      days: new DayReads(db),
      zReports: new ZReportsTable(db),
      rebuilt: new RebuiltRows(db),
      pragmas: () => ({
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous: Number(db.pragma('synchronous', { simple: true })),
        foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
        userVersion: Number(db.pragma('user_version', { simple: true })),
      }),
      schema: () => describeSchema(db),
      transaction: <T>(fn: () => T): T => {
        try {
          return db.transaction(fn).immediate();
        } catch (e) {
          const problem = writeProblemOf(e);
          if (!problem) throw e;
          for (const l of writeListeners) l(problem);
          throw new StoreWriteError(problem, { cause: e });
        }
      },
      onWriteFailure: (l) => void writeListeners.push(l),
      backupIfDue: () => backupIfDue(db, file, now()),
      backupTo: async (target) => {
        await db.backup(target);
      },
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

function describeSchema(db: Db): { tables: Record<string, string[]>; indexes: string[] } {
  const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const tables: Record<string, string[]> = {};
  for (const t of names) tables[t] = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
  const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((i) => i.name);
  return { tables, indexes };
}

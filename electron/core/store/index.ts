// The receipt store: one SQLite file opened with the durability settings a payment log needs.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DbCorruptError } from '../errors';
import { backupIfDue } from './backup';
import { EventsTable } from './events';
import { runMigrations } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';
import { RefundsTable } from './refunds';
import { SalesTable } from './sales';

export { DbCorruptError, DbVersionFromFutureError } from '../errors';
export type { Migration } from './migrations/types';
export type { NewSale, SalePatch, SaleListQuery } from './sales';
export type { NewRefund } from './refunds';
export type { SaleRow, RefundRow } from './rows';
export { SalesTable } from './sales';
export { RefundsTable } from './refunds';
export { EventsTable } from './events';

export interface ReceiptStoreOptions {
  now?: () => Date;
  /** Tests pass a longer list to simulate a newer app; production uses the registry. */
  migrations?: readonly Migration[];
}

export interface ReceiptStore {
  readonly db: Db;
  readonly path: string;
  readonly schemaVersion: number;
  readonly sales: SalesTable;
  readonly refunds: RefundsTable;
  readonly events: EventsTable;
  /** Runs `fn` in one IMMEDIATE transaction (no network calls inside, ever). */
  transaction<T>(fn: () => T): T;
  /** Today's online backup if not yet made; keeps 14. */
  backupIfDue(): Promise<string | null>;
  close(): void;
}

export function openReceiptStore(file: string, opts: ReceiptStoreOptions = {}): ReceiptStore {
  const now = opts.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
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
    return {
      db,
      path: file,
      schemaVersion,
      sales: new SalesTable(db),
      refunds: new RefundsTable(db),
      events: new EventsTable(db),
      transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
      backupIfDue: () => backupIfDue(db, file, now()),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

// The POS link's own SQLite file (pos-link.sqlite, 0600): its config, paired keys (hashed), pairing codes
// (hashed), checkouts (checkout → sale), refunds, and the event log tills resume from. Separate from the
// receipt log: the payment core never reads it, and a checkout's money facts stay on its sale.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { runMigrationSteps, type MigrationStep } from '../../shared';
import { preparePrivateSqlite } from '../core/private-files';

const STEPS: readonly MigrationStep<Db>[] = [
  {
    version: 1,
    name: 'pos-link',
    up(db) {
      db.exec(`
        CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE api_keys (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL, secret_hash BLOB NOT NULL,
          created_at TEXT NOT NULL, last_used_at TEXT NULL, revoked_at TEXT NULL);
        CREATE TABLE pairing_codes (
          code_hash BLOB PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL,
          expires_at TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE checkouts (
          id TEXT PRIMARY KEY, key_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, body_hash TEXT NOT NULL,
          reference_id TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL, note TEXT NULL,
          line_items TEXT NOT NULL, deadline_at TEXT NULL, sale_id TEXT NULL, status TEXT NOT NULL,
          failure_code TEXT NULL, charge_id TEXT NULL, refunded_amount INTEGER NOT NULL DEFAULT 0,
          deadline_cancel INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
          UNIQUE (key_id, idempotency_key));
        CREATE INDEX checkouts_reference ON checkouts (reference_id);
        CREATE INDEX checkouts_sale ON checkouts (sale_id);
        CREATE TABLE refunds (
          id TEXT PRIMARY KEY, key_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, body_hash TEXT NOT NULL,
          checkout_id TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
          voided INTEGER NOT NULL DEFAULT 0, failure_code TEXT NULL, core_refund_id TEXT NULL,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (key_id, idempotency_key));
        CREATE TABLE events (
          id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, key_id TEXT NULL, data TEXT NOT NULL,
          created_at TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    name: 'till-webhooks',
    up(db) {
      // One webhook per key; `cursor` is the last event delivered (2xx), so deliveries resume after a restart.
      db.exec(`
        CREATE TABLE webhooks (
          key_id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, cursor INTEGER NOT NULL, created_at TEXT NOT NULL);
      `);
    },
  },
];

/** Opens (creating 0600) and migrates the file. WAL + synchronous=FULL: an event a till was told of survives a power cut. */
export function openPosDb(file: string): Db {
  preparePrivateSqlite(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  runMigrationSteps(
    {
      db,
      version: () => db.pragma('user_version', { simple: true }) as number,
      setVersion: (v) => db.pragma(`user_version = ${Math.trunc(v)}`),
      immediate: (fn) => db.transaction(fn).immediate(),
    },
    STEPS,
  );
  return db;
}

export function getConfig(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM config WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setConfig(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

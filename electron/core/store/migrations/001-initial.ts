// The receipt log's first schema. Column names are a contract: the reports engineer queries them.
import type { Migration } from './types';

export const migration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE sales (
        id TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        cashier TEXT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        capture INTEGER NOT NULL DEFAULT 1,
        idempotency_key TEXT NOT NULL UNIQUE,
        charge_id TEXT UNIQUE,
        authorize_uri TEXT,
        expires_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        paid_at TEXT,
        fee INTEGER,
        fee_vat INTEGER,
        net INTEGER,
        refunded_amount INTEGER NOT NULL DEFAULT 0,
        failure_code TEXT,
        failure_message TEXT,
        attention_reason TEXT
      );
      CREATE INDEX sales_created_at ON sales(created_at);
      CREATE INDEX sales_status ON sales(status);

      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales(id),
        charge_id TEXT NOT NULL,
        opn_refund_id TEXT UNIQUE,
        amount INTEGER NOT NULL CHECK (amount > 0),
        currency TEXT NOT NULL,
        voided INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL, -- creating | succeeded | failed
        created_at TEXT NOT NULL
      );
      CREATE INDEX refunds_created_at ON refunds(created_at);
      CREATE INDEX refunds_sale ON refunds(sale_id);

      CREATE TABLE processed_events (
        event_id TEXT PRIMARY KEY,
        charge_id TEXT,
        processed_at TEXT NOT NULL
      );

      CREATE TABLE relay_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq INTEGER NOT NULL
      );
    `);
  },
};

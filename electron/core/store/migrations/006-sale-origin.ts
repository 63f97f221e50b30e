// Sales a till asked for through the POS link keep where they came from: the till (its key's id and the
// name given at pairing), the till's reference, its note and its cart (line items as JSON). A sale typed
// by the cashier leaves them NULL. Receipts, the sale's detail, exports and X/Z read them.
import type { Migration } from './types';

export const migration: Migration = {
  version: 6,
  name: 'sale-origin',
  up(db) {
    db.exec(`
      ALTER TABLE sales ADD COLUMN origin_source TEXT NULL;
      ALTER TABLE sales ADD COLUMN origin_till_id TEXT NULL;
      ALTER TABLE sales ADD COLUMN origin_till_name TEXT NULL;
      ALTER TABLE sales ADD COLUMN origin_reference_id TEXT NULL;
      ALTER TABLE sales ADD COLUMN origin_note TEXT NULL;
      ALTER TABLE sales ADD COLUMN origin_line_items TEXT NULL;
      CREATE INDEX sales_origin_reference ON sales (origin_reference_id) WHERE origin_reference_id IS NOT NULL;
    `);
  },
};

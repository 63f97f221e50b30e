// A second charge that appeared for one sale (a late request Opn created after all) gets its own column,
// so it can be expired or refunded by its own id instead of living in the attention text.
import type { Migration } from './types';

export const migration: Migration = {
  version: 3,
  name: 'second-charge',
  up(db) {
    db.exec(`
      ALTER TABLE sales ADD COLUMN second_charge_id TEXT NULL;
      CREATE UNIQUE INDEX sales_second_charge ON sales(second_charge_id) WHERE second_charge_id IS NOT NULL;
    `);
  },
};

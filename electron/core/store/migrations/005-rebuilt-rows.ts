// Rows brought back from Opn after a damaged or lost log (rebuild) say so: `rebuilt_at` is when. Such rows
// lack what only the terminal knew (the cashier's name, the local cancel-vs-expire difference), so reports
// and the sales list can mark them.
import type { Migration } from './types';

export const migration: Migration = {
  version: 5,
  name: 'rebuilt-rows',
  up(db) {
    db.exec(`
      ALTER TABLE sales ADD COLUMN rebuilt_at TEXT NULL;
      ALTER TABLE refunds ADD COLUMN rebuilt_at TEXT NULL;
    `);
  },
};

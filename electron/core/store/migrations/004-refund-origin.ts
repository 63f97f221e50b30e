// Where a refund was made: 'terminal' (this terminal asked Opn) or 'opn' (someone refunded the charge at
// Opn, e.g. in the dashboard, and the terminal learned of it from a refund event or a poll).
import type { Migration } from './types';

export const migration: Migration = {
  version: 4,
  name: 'refund-origin',
  up(db) {
    db.exec(`ALTER TABLE refunds ADD COLUMN origin TEXT NOT NULL DEFAULT 'terminal' CHECK (origin IN ('terminal', 'opn'));`);
  },
};

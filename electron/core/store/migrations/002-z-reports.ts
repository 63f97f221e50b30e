// Z reports (owned by the reports engineer): one closed business day per row, numbered in closing
// order. Immutability is the database's job, not the app's: triggers abort any UPDATE or DELETE.
import type { Migration } from './types';

export const migration: Migration = {
  version: 2,
  name: 'z-reports',
  up(db) {
    db.exec(`
      CREATE TABLE z_reports (
        number INTEGER PRIMARY KEY AUTOINCREMENT,
        day TEXT NOT NULL UNIQUE,
        terminal_id TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        day_start_minutes INTEGER NOT NULL,
        from_utc TEXT NOT NULL,
        to_utc TEXT NOT NULL,
        currency TEXT NOT NULL,
        closed_at TEXT NOT NULL,
        report_json TEXT NOT NULL,
        report_sha256 TEXT NOT NULL
      );
      CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports
        BEGIN SELECT RAISE(ABORT, 'z_reports are immutable: a closed day cannot be changed'); END;
      CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
        BEGIN SELECT RAISE(ABORT, 'z_reports are immutable: a closed day cannot be removed'); END;
    `);
  },
};

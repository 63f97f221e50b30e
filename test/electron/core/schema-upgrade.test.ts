// Every earlier schema upgrades: a log written by each migration step (fixtures/schema-fixtures.ts, made
// from the old migrations with realistic rows) opens with the current code, and the X figures of its
// open day and the Z of its closed day are identical before and after.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReceiptStore } from '../../../electron/core/store/index';
import { MIGRATIONS } from '../../../electron/core/store/migrations/index';
import { createReportService } from '../../../electron/reports/service';
import { noOpn, noPrinter } from '../reports/fixtures';
import { tempDir } from '../../support/temp';
import { CLOSED_DAY, figuresOf, OPEN_DAY, writeFixtureLog, ZONE } from './fixtures/schema-fixtures';

function snapshotTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const cols = (t: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
    const read = (t: string, keep: string[]) => db.prepare(`SELECT ${keep.join(', ')} FROM ${t} ORDER BY 1`).all();
    const out: Record<string, unknown[]> = {};
    for (const t of ['sales', 'refunds', 'processed_events', 'relay_cursor']) out[t] = read(t, cols(t).filter((c) => c !== 'rebuilt_at'));
    return out;
  } finally {
    db.close();
  }
}

describe('schema upgrades from every earlier version', () => {
  it.each([1, 2, 3, 5])('a log written at version %i upgrades with every row and identical X/Z figures', (version) => {
    const file = path.join(tempDir(`schema-v${version}`).dir, 'receipts.db');
    writeFixtureLog(file, version);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(version);
    const openBefore = figuresOf(raw, OPEN_DAY);
    const closedBefore = version >= 2 ? raw.prepare('SELECT number, day, report_json, report_sha256 FROM z_reports').all() : [];
    raw.close();
    const rowsBefore = snapshotTables(file);
    // The fixture is realistic: every state, refunds and voids, figures that are not zero.
    expect(openBefore.totals).toMatchObject({ successfulCount: 8, refundCount: 3, voidCount: 1, openCount: 2, failedCount: 1, expiredCount: 1, cancelledCount: 1 });

    const store = openReceiptStore(file);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    const reports = createReportService({
      store, opn: noOpn, printer: noPrinter, outputDir: tempDir('schema-out').dir, now: () => new Date('2026-11-28T02:00:00.000Z'),
      settings: () => ({ shopName: 'Kimchi Corner', terminalId: 'T1', timeZone: ZONE, dayStartMinutes: 0, currency: 'SGD' }),
    });
    const x = reports.x(OPEN_DAY);
    expect({ totals: x.totals, byHour: x.byHour, byCashier: x.byCashier }).toEqual(openBefore);
    if (version >= 2) {
      const [z] = reports.listZ();
      expect(z).toMatchObject({ number: 1, day: CLOSED_DAY });
      const stored = closedBefore[0] as { report_json: string };
      expect(z?.report.totals).toEqual((JSON.parse(stored.report_json) as { totals: unknown }).totals);
      // A closed day's live figures still match its Z after the upgrade.
      expect(reports.x(CLOSED_DAY).totals).toEqual(z?.report.totals);
      // The Z rows themselves are untouched (immutable, same hash).
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT number, day, report_json, report_sha256 FROM z_reports').all()).toEqual(closedBefore);
      db.close();
    } else {
      expect(reports.listZ()).toEqual([]);
    }
    store.close();
    // Every row is still there, unchanged, apart from columns a later version added.
    const after = snapshotTables(file);
    for (const t of Object.keys(rowsBefore)) {
      expect(after[t]?.map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => Object.keys((rowsBefore[t]?.[0] ?? {})).includes(k))))).toEqual(rowsBefore[t]);
    }
  });
});

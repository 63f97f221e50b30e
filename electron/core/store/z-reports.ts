// The z_reports table (migration 002): insert once, read forever. UPDATE and DELETE are refused by
// triggers in the database itself, so no code path (nor a stray SQL console) can rewrite a closed day.
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { DayReport, ZReportSummary } from '../../../shared';

interface ZRow {
  number: number;
  day: string;
  closed_at: string;
  report_json: string;
  report_sha256: string;
}

export class ZReportsTable {
  // Prepared on first use: a log opened at an older schema version (a migration test) has no table yet.
  private stmts: { insert: Statement<[string, string, string, number, string, string, string, string, string, string]>; byDay: Statement<[string], ZRow>; all: Statement<[], ZRow> } | null = null;

  constructor(private readonly db: Database) {}

  private get s() {
    this.stmts ??= {
      insert: this.db.prepare(`INSERT INTO z_reports
      (day, terminal_id, time_zone, day_start_minutes, from_utc, to_utc, currency, closed_at, report_json, report_sha256)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      byDay: this.db.prepare('SELECT number, day, closed_at, report_json, report_sha256 FROM z_reports WHERE day = ?'),
      all: this.db.prepare('SELECT number, day, closed_at, report_json, report_sha256 FROM z_reports ORDER BY number DESC'),
    };
    return this.stmts;
  }

  byDay(day: string): ZReportSummary | null {
    const row = this.s.byDay.get(day);
    return row ? toSummary(row) : null;
  }

  list(): ZReportSummary[] {
    return this.s.all.all().map(toSummary);
  }

  /**
   * Stores the report and returns it with its number. `check` runs inside the same IMMEDIATE
   * transaction, so nothing can slip between the last check and the insert.
   */
  close(report: Omit<DayReport, 'zNumber' | 'blockers'>, closedAt: string, check: () => void): ZReportSummary {
    return this.db.transaction(() => {
      check();
      const json = JSON.stringify(report);
      const info = this.s.insert.run(
        report.day, report.terminalId, report.timeZone, report.dayStartMinutes ?? 0, report.from, report.to,
        report.currency, closedAt, json, createHash('sha256').update(json).digest('hex'),
      );
      const number = Number(info.lastInsertRowid);
      return { number, day: report.day, closedAt, report: { ...report, zNumber: number, blockers: [] } };
    }).immediate();
  }
}

function toSummary(row: ZRow): ZReportSummary {
  const report = JSON.parse(row.report_json) as DayReport;
  return { number: row.number, day: row.day, closedAt: row.closed_at, report: { ...report, zNumber: row.number, blockers: [] } };
}

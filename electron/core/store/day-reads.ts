// Read-only queries of one business day, for the reports (the receipt store owns its SQL; nothing
// outside electron/core/store writes SQL against its tables). Both queries are range scans on the created_at
// indexes (`created_at >= ? AND created_at < ?`), which a test asserts with EXPLAIN QUERY PLAN.
//
// Which timestamp decides the day: a sale belongs to the day of its `created_at` (when the cashier
// rang it up; its Opn charge is created a moment later, so Opn's own from/to listing agrees); a
// refund or void belongs to the day of the refund's own `created_at`, whatever the sale's day.
import type { Database, Statement } from 'better-sqlite3';

export interface ReportSaleRow {
  readonly id: string;
  readonly cashier: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly status: string;
  readonly charge_id: string | null;
  readonly created_at: string;
  readonly paid_at: string | null;
  readonly fee: number | null;
  readonly fee_vat: number | null;
  readonly net: number | null;
  readonly refunded_amount: number;
  readonly failure_code: string | null;
  readonly attention_reason: string | null;
}

export interface ReportRefundRow {
  readonly id: string;
  readonly sale_id: string;
  readonly charge_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly voided: number;
  readonly status: string;
  readonly created_at: string;
}

export interface DayData {
  readonly sales: readonly ReportSaleRow[];
  readonly refunds: readonly ReportRefundRow[];
}

const SALES_OF_DAY_SQL = `
  SELECT id, cashier, amount, currency, status, charge_id, created_at, paid_at, fee, fee_vat, net,
         refunded_amount, failure_code, attention_reason
  FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`;

const REFUNDS_OF_DAY_SQL = `
  SELECT id, sale_id, charge_id, amount, currency, voided, status, created_at
  FROM refunds WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`;

/** Prepared once per database: the statements are reused by every report. */
export class DayReads {
  private readonly salesStmt: Statement<[string, string], ReportSaleRow>;
  private readonly refundsStmt: Statement<[string, string], ReportRefundRow>;
  private readonly saleByCharge: Statement<[string], ReportSaleRow>;
  private readonly saleById: Statement<[string], ReportSaleRow>;

  constructor(private readonly db: Database) {
    this.salesStmt = db.prepare(SALES_OF_DAY_SQL);
    this.refundsStmt = db.prepare(REFUNDS_OF_DAY_SQL);
    const cols = SALES_OF_DAY_SQL.slice(0, SALES_OF_DAY_SQL.indexOf('FROM'));
    this.saleByCharge = db.prepare(`${cols} FROM sales WHERE charge_id = ?`);
    this.saleById = db.prepare(`${cols} FROM sales WHERE id = ?`);
  }

  /** Both reads in one read transaction, so a sale and its refund cannot be half-seen. */
  day(from: string, to: string): DayData {
    return this.db.transaction(() => ({
      sales: this.salesStmt.all(from, to),
      refunds: this.refundsStmt.all(from, to),
    }))();
  }

  sales(from: string, to: string): ReportSaleRow[] {
    return this.salesStmt.all(from, to);
  }

  byChargeId(chargeId: string): ReportSaleRow | undefined {
    return this.saleByCharge.get(chargeId);
  }

  bySaleId(saleId: string): ReportSaleRow | undefined {
    return this.saleById.get(saleId);
  }

  /** SQLite's plan for the two day queries (tests assert they are index range scans). */
  queryPlans(from: string, to: string): { sales: string; refunds: string } {
    const plan = (sql: string): string =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(from, to) as { detail: string }[]).map((r) => r.detail).join('\n');
    return { sales: plan(SALES_OF_DAY_SQL), refunds: plan(REFUNDS_OF_DAY_SQL) };
  }
}

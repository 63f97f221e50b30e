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
  /** The till that asked for the sale (POS link, migration 006) and its reference; null when typed. */
  readonly till_name?: string | null;
  readonly till_ref?: string | null;
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
         refunded_amount, failure_code, attention_reason, origin_till_name AS till_name, origin_reference_id AS till_ref
  FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`;

// A refund of a sale's stray second charge (sales.second_charge_id) returns money the sale never
// counted, so it is not a refund of the sale: only refunds of the sale's own charge are read.
const REFUNDS_OF_DAY_SQL = `
  SELECT id, sale_id, charge_id, amount, currency, voided, status, created_at
  FROM refunds WHERE created_at >= ? AND created_at < ?
    AND NOT EXISTS (SELECT 1 FROM sales WHERE sales.id = refunds.sale_id AND sales.second_charge_id = refunds.charge_id)
  ORDER BY created_at, id`;

/**
 * Prepared on first use, then reused by every report (a log opened at an older schema version, as in a
 * migration test, has not got every column yet).
 */
export class DayReads {
  private stmts: {
    sales: Statement<[string, string], ReportSaleRow>;
    refunds: Statement<[string, string], ReportRefundRow>;
    byCharge: Statement<[string], ReportSaleRow>;
    byId: Statement<[string], ReportSaleRow>;
  } | null = null;

  constructor(private readonly db: Database) {}

  private get s() {
    const cols = SALES_OF_DAY_SQL.slice(0, SALES_OF_DAY_SQL.indexOf('FROM'));
    this.stmts ??= {
      sales: this.db.prepare(SALES_OF_DAY_SQL),
      refunds: this.db.prepare(REFUNDS_OF_DAY_SQL),
      byCharge: this.db.prepare(`${cols} FROM sales WHERE charge_id = ?`),
      byId: this.db.prepare(`${cols} FROM sales WHERE id = ?`),
    };
    return this.stmts;
  }

  /** Both reads in one read transaction, so a sale and its refund cannot be half-seen. */
  day(from: string, to: string): DayData {
    return this.db.transaction(() => ({
      sales: this.s.sales.all(from, to),
      refunds: this.s.refunds.all(from, to),
    }))();
  }

  sales(from: string, to: string): ReportSaleRow[] {
    return this.s.sales.all(from, to);
  }

  byChargeId(chargeId: string): ReportSaleRow | undefined {
    return this.s.byCharge.get(chargeId);
  }

  bySaleId(saleId: string): ReportSaleRow | undefined {
    return this.s.byId.get(saleId);
  }

  /** SQLite's plan for the two day queries (tests assert they are index range scans). */
  queryPlans(from: string, to: string): { sales: string; refunds: string } {
    const plan = (sql: string): string =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(from, to) as { detail: string }[]).map((r) => r.detail).join('\n');
    return { sales: plan(SALES_OF_DAY_SQL), refunds: plan(REFUNDS_OF_DAY_SQL) };
  }
}

// Writing rows brought back from Opn (migration 005): a sale or refund the log lost is inserted as Opn
// records it, marked `rebuilt_at`. Existing rows are never overwritten here: those go through the sale
// state machine like any other update.
import type { Database } from 'better-sqlite3';
import type { Currency, SaleOrigin, SaleStatus } from '../../../shared';
import { ORIGIN_COLUMN_NAMES, originColumns } from './rows';
import { Statements } from './statements';

export interface RebuiltSale {
  id: string;
  terminalId: string;
  storeId: string;
  amount: number;
  currency: Currency;
  status: SaleStatus;
  capture: boolean;
  chargeId: string;
  authorizeUri: string | null;
  expiresAt: string | null;
  createdAt: string;
  paidAt: string | null;
  fee: number | null;
  feeVat: number | null;
  net: number | null;
  failureCode: string | null;
  failureMessage: string | null;
  rebuiltAt: string;
  /** The till and its reference, from the charge's metadata (the note and cart are not kept at Opn). */
  origin?: SaleOrigin | null;
}

export interface RebuiltRefund {
  id: string;
  saleId: string;
  chargeId: string;
  opnRefundId: string;
  amount: number;
  currency: Currency;
  voided: boolean;
  createdAt: string;
  rebuiltAt: string;
}

export class RebuiltRows {
  private readonly sql: Statements;

  constructor(db: Database) {
    this.sql = new Statements(db);
  }

  /** Inserts a sale the log does not hold; false when its id or charge is already there (idempotent). */
  insertSale(s: RebuiltSale): boolean {
    const info = this.sql
      .get(
        `INSERT OR IGNORE INTO sales (id, terminal_id, store_id, cashier, amount, currency, status, capture, idempotency_key,
           charge_id, authorize_uri, expires_at, created_at, updated_at, paid_at, fee, fee_vat, net, refunded_amount,
           failure_code, failure_message, rebuilt_at, ${ORIGIN_COLUMN_NAMES})
         VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id, s.terminalId, s.storeId, s.amount, s.currency, s.status, s.capture ? 1 : 0, `rebuilt:${s.chargeId}`,
        s.chargeId, s.authorizeUri, s.expiresAt, s.createdAt, s.rebuiltAt, s.paidAt, s.fee, s.feeVat, s.net,
        s.failureCode, s.failureMessage, s.rebuiltAt, ...originColumns(s.origin),
      );
    return info.changes === 1;
  }

  /** Inserts a succeeded refund the log does not hold (by Opn's refund id or our own id); false if known. */
  insertRefund(r: RebuiltRefund): boolean {
    const known = this.sql.get('SELECT 1 FROM refunds WHERE opn_refund_id = ? OR id = ?').get(r.opnRefundId, r.id);
    if (known !== undefined) return false;
    this.sql
      .get(
        `INSERT INTO refunds (id, sale_id, charge_id, opn_refund_id, amount, currency, voided, status, created_at, rebuilt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'succeeded', ?, ?)`,
      )
      .run(r.id, r.saleId, r.chargeId, r.opnRefundId, r.amount, r.currency, r.voided ? 1 : 0, r.createdAt, r.rebuiltAt);
    return true;
  }

  /** What succeeded refunds of the sale's own charge add up to, and whether one was a void. */
  refundTotals(saleId: string, chargeId: string): { amount: number; voided: boolean } {
    const row = this.sql
      .get(`SELECT COALESCE(SUM(amount), 0) AS amount, COALESCE(MAX(voided), 0) AS voided FROM refunds WHERE sale_id = ? AND charge_id = ? AND status = 'succeeded'`)
      .get(saleId, chargeId) as { amount: number; voided: number };
    return { amount: row.amount, voided: row.voided === 1 };
  }

  /** How many rows of each table were rebuilt (diagnostics, Settings). */
  counts(): { sales: number; refunds: number } {
    const n = (sql: string): number => (this.sql.get(sql).get() as { n: number }).n;
    return { sales: n('SELECT COUNT(*) AS n FROM sales WHERE rebuilt_at IS NOT NULL'), refunds: n('SELECT COUNT(*) AS n FROM refunds WHERE rebuilt_at IS NOT NULL') };
  }
}

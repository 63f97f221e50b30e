// Queries on the refunds table: each refund (or void) is its own row with its own date.
import type { Database } from 'better-sqlite3';
import { Statements } from './statements';
import type { Currency, Refund, RefundStatus } from '../../../shared';
import type { RefundRow } from './rows';
import { rowToRefund } from './rows';

export interface NewRefund {
  id: string;
  saleId: string;
  chargeId: string;
  amount: number;
  currency: Currency;
  voided: boolean;
  createdAt: string;
}

export class RefundsTable {
  private readonly sql: Statements;

  constructor(db: Database) {
    this.sql = new Statements(db);
  }

  insert(r: NewRefund): Refund {
    this.sql
      .get(
        `INSERT INTO refunds (id, sale_id, charge_id, amount, currency, voided, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'creating', ?)`,
      )
      .run(r.id, r.saleId, r.chargeId, r.amount, r.currency, r.voided ? 1 : 0, r.createdAt);
    return this.require(r.id);
  }

  /** A refund made at Opn (not by this terminal), recorded as done; one row per Opn refund id. */
  insertFromOpn(r: Omit<NewRefund, 'voided'> & { voided: boolean; opnRefundId: string }): Refund {
    this.sql
      .get(
        `INSERT INTO refunds (id, sale_id, charge_id, opn_refund_id, amount, currency, voided, status, created_at, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'succeeded', ?, 'opn')`,
      )
      .run(r.id, r.saleId, r.chargeId, r.opnRefundId, r.amount, r.currency, r.voided ? 1 : 0, r.createdAt);
    return this.require(r.id);
  }

  byOpnRefundId(opnRefundId: string): Refund | undefined {
    const r = this.sql.get('SELECT * FROM refunds WHERE opn_refund_id = ?').get(opnRefundId) as RefundRow | undefined;
    return r ? rowToRefund(r) : undefined;
  }

  get(id: string): Refund | undefined {
    const r = this.sql.get('SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;
    return r ? rowToRefund(r) : undefined;
  }

  require(id: string): Refund {
    const r = this.get(id);
    if (!r) throw new Error(`refund ${id} vanished`);
    return r;
  }

  settle(id: string, result: { status: RefundStatus; opnRefundId?: string | null; voided?: boolean }): Refund {
    this.sql
      .get('UPDATE refunds SET status = ?, opn_refund_id = COALESCE(?, opn_refund_id), voided = COALESCE(?, voided) WHERE id = ?')
      .run(result.status, result.opnRefundId ?? null, result.voided === undefined ? null : result.voided ? 1 : 0, id);
    return this.require(id);
  }

  forSale(saleId: string): Refund[] {
    const rows = this.sql.get('SELECT * FROM refunds WHERE sale_id = ? ORDER BY created_at, id').all(saleId) as RefundRow[];
    return rows.map(rowToRefund);
  }

  /** Refunds whose outcome is unknown (crash between intent and result). */
  listCreating(): Refund[] {
    const rows = this.sql.get(`SELECT * FROM refunds WHERE status = 'creating' ORDER BY created_at`).all() as RefundRow[];
    return rows.map(rowToRefund);
  }
}

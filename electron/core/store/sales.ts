// Queries on the sales table. Every status change goes through the shared state machine here.
import type { Database } from 'better-sqlite3';
import { Statements } from './statements';
import type { Currency, Sale, SaleOrigin, SaleStatus } from '../../../shared';
import { assertTransition } from '../../../shared';
import type { SaleRow } from './rows';
import { ORIGIN_COLUMN_NAMES, originColumns, rowToSale } from './rows';

export interface NewSale {
  id: string;
  terminalId: string;
  storeId: string;
  cashier: string | null;
  amount: number;
  currency: Currency;
  capture: boolean;
  idempotencyKey: string;
  createdAt: string;
  /** The terminal's own QR deadline (created + QR validity), whatever expires_at Opn answers. */
  expiresAt?: string | null;
  /** The till that asked for the sale (POS link); null or absent when the cashier typed it. */
  origin?: SaleOrigin | null;
}

/** Columns the service may change after insert (camelCase → snake_case below). */
export interface SalePatch {
  status?: SaleStatus;
  chargeId?: string | null;
  authorizeUri?: string | null;
  expiresAt?: string | null;
  paidAt?: string | null;
  fee?: number | null;
  feeVat?: number | null;
  net?: number | null;
  refundedAmount?: number;
  failureCode?: string | null;
  failureMessage?: string | null;
  attentionReason?: string | null;
  secondChargeId?: string | null;
}

const COLUMNS: Record<keyof SalePatch, keyof SaleRow> = {
  status: 'status',
  chargeId: 'charge_id',
  authorizeUri: 'authorize_uri',
  expiresAt: 'expires_at',
  paidAt: 'paid_at',
  fee: 'fee',
  feeVat: 'fee_vat',
  net: 'net',
  refundedAmount: 'refunded_amount',
  failureCode: 'failure_code',
  failureMessage: 'failure_message',
  attentionReason: 'attention_reason',
  secondChargeId: 'second_charge_id',
};

export interface SaleListQuery {
  from?: string;
  to?: string;
  query?: string;
  statuses?: readonly SaleStatus[];
  limit?: number;
}

export class SalesTable {
  private readonly sql: Statements;

  constructor(db: Database) {
    this.sql = new Statements(db);
  }

  insert(s: NewSale): Sale {
    const values = [s.id, s.terminalId, s.storeId, s.cashier, s.amount, s.currency, s.capture ? 1 : 0, s.idempotencyKey, s.expiresAt ?? null, s.createdAt, s.createdAt];
    // A typed sale names only the columns every schema version has (the origin columns default to NULL).
    if (s.origin) {
      this.sql
        .get(
          `INSERT INTO sales (id, terminal_id, store_id, cashier, amount, currency, status, capture, idempotency_key, expires_at, created_at, updated_at, ${ORIGIN_COLUMN_NAMES})
           VALUES (?, ?, ?, ?, ?, ?, 'creating', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...values, ...originColumns(s.origin));
    } else {
      this.sql
        .get(
          `INSERT INTO sales (id, terminal_id, store_id, cashier, amount, currency, status, capture, idempotency_key, expires_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'creating', ?, ?, ?, ?, ?)`,
        )
        .run(...values);
    }
    return this.require(s.id);
  }

  row(id: string): SaleRow | undefined {
    return this.sql.get('SELECT * FROM sales WHERE id = ?').get(id) as SaleRow | undefined;
  }

  get(id: string): Sale | undefined {
    const r = this.row(id);
    return r ? rowToSale(r) : undefined;
  }

  require(id: string): Sale {
    const s = this.get(id);
    if (!s) throw new Error(`sale ${id} vanished`);
    return s;
  }

  byChargeId(chargeId: string): Sale | undefined {
    const r = this.sql.get('SELECT * FROM sales WHERE charge_id = ? OR second_charge_id = ?').get(chargeId, chargeId) as SaleRow | undefined;
    return r ? rowToSale(r) : undefined;
  }

  idempotencyKey(id: string): string | undefined {
    return this.row(id)?.idempotency_key;
  }

  /** Manual capture refused by Opn before any charge existed: the sale is sent as an automatic one. */
  setAutomaticCapture(id: string, updatedAt: string): Sale {
    this.sql.get('UPDATE sales SET capture = 1, updated_at = ? WHERE id = ?').run(updatedAt, id);
    return this.require(id);
  }

  /** Applies a patch; a status change must be allowed by the state machine (same status = no transition). */
  update(id: string, patch: SalePatch, updatedAt: string): Sale {
    const current = this.require(id);
    if (patch.status !== undefined && patch.status !== current.status) assertTransition(current.status, patch.status);
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const key of Object.keys(patch) as (keyof SalePatch)[]) {
      const value = patch[key];
      if (value === undefined) continue;
      sets.push(`${COLUMNS[key]} = ?`);
      values.push(value);
    }
    sets.push('updated_at = ?');
    values.push(updatedAt);
    this.sql.get(`UPDATE sales SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    return this.require(id);
  }

  /** Sales in states where money may still move without the cashier (creating, pending), oldest first. */
  listOpen(): Sale[] {
    const rows = this.sql.get(`SELECT * FROM sales WHERE status IN ('creating', 'pending') ORDER BY created_at`).all() as SaleRow[];
    return rows.map(rowToSale);
  }

  list(q: SaleListQuery): Sale[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (q.from) {
      where.push('created_at >= ?');
      values.push(q.from);
    }
    if (q.to) {
      where.push('created_at < ?');
      values.push(q.to);
    }
    if (q.statuses && q.statuses.length > 0) {
      where.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
      values.push(...q.statuses);
    }
    if (q.query) {
      // Search by sale id, charge id, cashier, the till's reference or name, or the amount in minor units.
      const like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        `(id LIKE ? ESCAPE '\\' OR charge_id LIKE ? ESCAPE '\\' OR cashier LIKE ? ESCAPE '\\' OR origin_reference_id LIKE ? ESCAPE '\\' OR origin_till_name LIKE ? ESCAPE '\\' OR CAST(amount AS TEXT) = ?)`,
      );
      values.push(like, like, like, like, like, q.query);
    }
    const sql = `SELECT * FROM sales ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ?`;
    const rows = this.sql.get(sql).all(...values, q.limit ?? 200) as SaleRow[];
    return rows.map(rowToSale);
  }

  count(): number {
    return (this.sql.get('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
  }
}

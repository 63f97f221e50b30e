// A real receipt store in a temp dir (the payment core's openReceiptStore, all migrations) and
// helpers that write rows exactly as the core's contract describes them.
import path from 'node:path';
import type { ReceiptStore } from '../../../electron/core/store/index';
import { openReceiptStore } from '../../../electron/core/store/index';
import { tempDir } from '../../support/temp';

export interface TestStore {
  readonly store: ReceiptStore;
  readonly dir: string;
  cleanup(): void;
}

export function tempStore(): TestStore {
  const tmp = tempDir('reports');
  const dir = tmp.dir;
  const store = openReceiptStore(path.join(dir, 'receipts.db'));
  return {
    store,
    dir,
    cleanup() {
      store.close();
      tmp.cleanup();
    },
  };
}

let seq = 0;
export const saleId = (): string => `sale_${(++seq).toString(36).padStart(12, '0')}test`;

export interface SaleInput {
  id?: string;
  amount: number;
  createdAt: string;
  status?: string;
  currency?: string;
  cashier?: string | null;
  chargeId?: string | null;
  fee?: number | null;
  feeVat?: number | null;
  net?: number | null;
  refunded?: number;
  failureCode?: string | null;
  attentionReason?: string | null;
}

export function addSale(store: ReceiptStore, s: SaleInput): string {
  const id = s.id ?? saleId();
  const status = s.status ?? 'successful';
  const paid = ['successful', 'partially_refunded', 'refunded', 'voided'].includes(status);
  const fee = s.fee !== undefined ? s.fee : paid ? Math.round(s.amount * 0.029) : null;
  const feeVat = s.feeVat !== undefined ? s.feeVat : paid ? 0 : null;
  const net = s.net !== undefined ? s.net : paid && fee !== null ? s.amount - fee - (feeVat ?? 0) : null;
  store.db
    .prepare(
      `INSERT INTO sales (id, terminal_id, store_id, cashier, amount, currency, status, capture, idempotency_key, charge_id,
        created_at, updated_at, paid_at, fee, fee_vat, net, refunded_amount, failure_code, attention_reason)
       VALUES (?, 'term_1', 'store_1', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id, s.cashier ?? null, s.amount, s.currency ?? 'SGD', status, `idem_${id}`, s.chargeId === undefined ? `chrg_test_${id.slice(5)}` : s.chargeId,
      s.createdAt, s.createdAt, paid ? s.createdAt : null, fee, feeVat, net, s.refunded ?? 0, s.failureCode ?? null, s.attentionReason ?? null,
    );
  return id;
}

export function addRefund(
  store: ReceiptStore,
  r: { saleId: string; amount: number; createdAt: string; voided?: boolean; status?: string; currency?: string },
): string {
  const id = `rf_${(++seq).toString(36).padStart(12, '0')}test`;
  const chargeId = (store.db.prepare('SELECT charge_id FROM sales WHERE id = ?').get(r.saleId) as { charge_id: string | null }).charge_id;
  store.db
    .prepare(
      `INSERT INTO refunds (id, sale_id, charge_id, opn_refund_id, amount, currency, voided, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, r.saleId, chargeId ?? 'none', `rfnd_${id}`, r.amount, r.currency ?? 'SGD', r.voided ? 1 : 0, r.status ?? 'succeeded', r.createdAt);
  return id;
}

/** A printer that fails the test if called: for tests that must not print. */
export const noPrinter = { print: (): Promise<Buffer> => Promise.reject(new Error('no printer in this test')) };

export const noOpn = {
  listCharges: (): Promise<never> => Promise.reject(new Error('Opn not used in this test')),
  retrieveCharge: (): Promise<never> => Promise.reject(new Error('Opn not used in this test')),
};

// A real receipt store in a temp dir (the payment core's openReceiptStore, all migrations) and
// helpers that write rows exactly as the core's contract describes them.
import path from 'node:path';
import type { ReceiptStore, SalePatch } from '../../../electron/core/store/index';
import type { Currency, RefundStatus, SaleOrigin, SaleStatus } from '../../../shared';
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
  /** A till's sale (POS link). */
  origin?: SaleOrigin | null;
}

// Statuses reached through the shared state machine, the way the core reaches them.
const PATHS: Partial<Record<SaleStatus, readonly SaleStatus[]>> = {
  partially_refunded: ['successful', 'partially_refunded'],
  refunded: ['successful', 'refunded'],
  voided: ['successful', 'voided'],
  reversed: ['authorized', 'reversed'],
};

/** Writes a sale through the receipt store's own tables (no SQL of the test's own). */
export function addSale(store: ReceiptStore, s: SaleInput): string {
  const id = s.id ?? saleId();
  const status = (s.status ?? 'successful') as SaleStatus;
  const paid = ['successful', 'partially_refunded', 'refunded', 'voided'].includes(status);
  const fee = s.fee !== undefined ? s.fee : paid ? Math.round(s.amount * 0.029) : null;
  const feeVat = s.feeVat !== undefined ? s.feeVat : paid ? 0 : null;
  const net = s.net !== undefined ? s.net : paid && fee !== null ? s.amount - fee - (feeVat ?? 0) : null;
  store.transaction(() => {
    store.sales.insert({
      id, terminalId: 'term_1', storeId: 'store_1', cashier: s.cashier ?? null, amount: s.amount, currency: (s.currency ?? 'SGD') as Currency,
      capture: true, idempotencyKey: `idem_${id}`, createdAt: s.createdAt, origin: s.origin ?? null,
    });
    const chargeId = s.chargeId === undefined ? `chrg_test_${id.slice(5)}` : s.chargeId;
    for (const step of PATHS[status] ?? (status === 'creating' ? [] : [status])) store.sales.update(id, { status: step }, s.createdAt);
    store.sales.update(id, {
      chargeId, paidAt: paid ? s.createdAt : null, fee, feeVat, net, refundedAmount: s.refunded ?? 0,
      failureCode: s.failureCode ?? null, attentionReason: s.attentionReason ?? null,
    }, s.createdAt);
  });
  return id;
}

/** Moves a sale along the state machine (a test's stand-in for Opn's answer), with optional fields. */
export function setSale(store: ReceiptStore, id: string, patch: SalePatch): void {
  store.transaction(() => store.sales.update(id, patch, store.sales.require(id).updatedAt));
}

export function addRefund(
  store: ReceiptStore,
  r: { saleId: string; amount: number; createdAt: string; voided?: boolean; status?: string; currency?: string },
): string {
  const id = `rf_${(++seq).toString(36).padStart(12, '0')}test`;
  const chargeId = store.sales.require(r.saleId).chargeId;
  store.transaction(() => {
    store.refunds.insert({ id, saleId: r.saleId, chargeId: chargeId ?? 'none', amount: r.amount, currency: (r.currency ?? 'SGD') as Currency, voided: r.voided ?? false, createdAt: r.createdAt });
    if (r.status !== 'creating') store.refunds.settle(id, { status: (r.status ?? 'succeeded') as RefundStatus, opnRefundId: `rfnd_${id}` });
  });
  return id;
}

/** A printer that fails the test if called: for tests that must not print. */
export const noPrinter = { print: (): Promise<Buffer> => Promise.reject(new Error('no printer in this test')) };

export const noOpn = {
  listCharges: (): Promise<never> => Promise.reject(new Error('Opn not used in this test')),
  retrieveCharge: (): Promise<never> => Promise.reject(new Error('Opn not used in this test')),
};

// Sales, refunds and shops for the receipt tests (plain values of the shared domain types).
import type { Receipt, Refund, Sale } from '../../../shared';
import type { ReceiptShop } from '../../../electron/receipts/document';

export function sale(over: Partial<Sale> = {}): Sale {
  return {
    id: 'sale_01JDX4Q7ZK3M',
    terminalId: 'term_counter_1',
    storeId: 'store_orchard',
    cashier: 'Ann',
    amount: 150_050,
    currency: 'SGD',
    status: 'successful',
    capture: true,
    chargeId: 'chrg_test_5zq8y2k1abcd',
    authorizeUri: null,
    expiresAt: null,
    createdAt: '2026-11-27T01:59:30.000Z',
    updatedAt: '2026-11-27T02:00:05.000Z',
    // 10:00:05 in Singapore, 09:00:05 in Bangkok.
    paidAt: '2026-11-27T02:00:05.000Z',
    fee: 4351,
    feeVat: 0,
    net: 145_699,
    refundedAmount: 0,
    failureCode: null,
    failureMessage: null,
    attentionReason: null,
    ...over,
  };
}

export function refund(over: Partial<Refund> = {}): Refund {
  return {
    id: 'rf_01JDX5',
    saleId: 'sale_01JDX4Q7ZK3M',
    chargeId: 'chrg_test_5zq8y2k1abcd',
    opnRefundId: 'rfnd_test_5zq9aa',
    amount: 50_000,
    currency: 'SGD',
    voided: false,
    status: 'succeeded',
    createdAt: '2026-11-27T03:15:00.000Z',
    origin: 'terminal',
    ...over,
  };
}

export const receiptOf = (s: Sale, refunds: Refund[] = []): Receipt => ({ sale: s, refunds, shopName: 'Kopi Corner' });

export function shop(over: Partial<ReceiptShop> = {}): ReceiptShop {
  return { name: 'Kopi Corner', address: '1 Orchard Road, #01-02, Singapore 238823', taxId: 'M2-1234567-8', country: 'SG', timeZone: 'Asia/Singapore', language: 'en', ...over };
}

export const thaiShop = (over: Partial<ReceiptShop> = {}): ReceiptShop =>
  shop({ name: 'ร้านกาแฟสยาม', address: '99 ถนนสุขุมวิท กรุงเทพฯ 10110', taxId: '0105561234567', country: 'TH', timeZone: 'Asia/Bangkok', language: 'th', ...over });

export const thbSale = (over: Partial<Sale> = {}): Sale => sale({ amount: 125_000, currency: 'THB', fee: 3625, net: 121_375, ...over });

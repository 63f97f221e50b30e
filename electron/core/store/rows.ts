// Row types of the receipt tables and their mapping to the shared domain types.
import type { Currency, Refund, RefundStatus, Sale, SaleStatus } from '../../../shared';

export interface SaleRow {
  id: string;
  terminal_id: string;
  store_id: string;
  cashier: string | null;
  amount: number;
  currency: string;
  status: string;
  capture: number;
  idempotency_key: string;
  charge_id: string | null;
  authorize_uri: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  fee: number | null;
  fee_vat: number | null;
  net: number | null;
  refunded_amount: number;
  failure_code: string | null;
  failure_message: string | null;
  attention_reason: string | null;
  second_charge_id: string | null;
}

export interface RefundRow {
  id: string;
  sale_id: string;
  charge_id: string;
  opn_refund_id: string | null;
  amount: number;
  currency: string;
  voided: number;
  status: string;
  created_at: string;
  origin: string;
}

export function rowToSale(r: SaleRow): Sale {
  return {
    id: r.id,
    terminalId: r.terminal_id,
    storeId: r.store_id,
    cashier: r.cashier,
    amount: r.amount,
    // Only the core writes these columns, always from validated values.
    currency: r.currency as Currency,
    status: r.status as SaleStatus,
    capture: r.capture === 1,
    chargeId: r.charge_id,
    authorizeUri: r.authorize_uri,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    paidAt: r.paid_at,
    fee: r.fee,
    feeVat: r.fee_vat,
    net: r.net,
    refundedAmount: r.refunded_amount,
    failureCode: r.failure_code,
    failureMessage: r.failure_message,
    attentionReason: r.attention_reason,
    secondChargeId: r.second_charge_id,
  };
}

export function rowToRefund(r: RefundRow): Refund {
  return {
    id: r.id,
    saleId: r.sale_id,
    chargeId: r.charge_id,
    opnRefundId: r.opn_refund_id,
    amount: r.amount,
    currency: r.currency as Currency,
    voided: r.voided === 1,
    status: r.status as RefundStatus,
    createdAt: r.created_at,
    origin: r.origin === 'opn' ? 'opn' : 'terminal',
  };
}

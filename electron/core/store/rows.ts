// Row types of the receipt tables and their mapping to the shared domain types.
import { z } from 'zod';
import type { Currency, PosLineItem, Refund, RefundStatus, Sale, SaleOrigin, SaleStatus } from '../../../shared';
import { posLineItemSchema } from '../../../shared';

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
  /** Migration 006: set when a till (POS link) asked for the sale. */
  origin_source?: string | null;
  origin_till_id?: string | null;
  origin_till_name?: string | null;
  origin_reference_id?: string | null;
  origin_note?: string | null;
  origin_line_items?: string | null;
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
    origin: originOf(r),
  };
}

const storedLineItems = z.array(posLineItemSchema);

/** The stored cart; a row that does not parse (never written so by this code) shows no cart, not an error. */
function lineItemsOf(json: string | null | undefined): PosLineItem[] {
  if (!json) return [];
  try {
    const parsed = storedLineItems.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function originOf(r: SaleRow): SaleOrigin | null {
  if (r.origin_source !== 'pos') return null;
  return {
    source: 'pos',
    tillId: r.origin_till_id ?? '',
    tillName: r.origin_till_name ?? '',
    referenceId: r.origin_reference_id ?? '',
    note: r.origin_note ?? null,
    lineItems: lineItemsOf(r.origin_line_items),
  };
}

/** The origin columns of a sale row (migration 006), all NULL for a sale the cashier typed. */
export function originColumns(o: SaleOrigin | null | undefined): (string | null)[] {
  if (!o) return [null, null, null, null, null, null];
  return [o.source, o.tillId, o.tillName, o.referenceId, o.note, o.lineItems.length > 0 ? JSON.stringify(o.lineItems) : null];
}

export const ORIGIN_COLUMN_NAMES = 'origin_source, origin_till_id, origin_till_name, origin_reference_id, origin_note, origin_line_items';

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

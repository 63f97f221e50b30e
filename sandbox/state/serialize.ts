// Records → Opn objects, serialised as API version 2019-05-29 with exactly the keys of the KakaoPay guide's
// source and charge examples (test/sandbox/fixtures/guide-examples.json pins them).
import type { OpnCharge, OpnEvent, OpnRefund, OpnSource } from '../../shared';
import { buildList } from '../list';
import { isoSeconds } from '../time';
import type { ChargeRecord, EventRecord, RefundRecord, SourceRecord, TransactionRecord, WebhookDeliveryRecord } from './records';
import type { Store } from './store';

const iso = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

/** "2.9" → "2.9", 0 → "0.0": Opn writes rates as decimal strings with at least one decimal. */
export function rateString(percent: number): string {
  return Number.isInteger(percent) ? `${percent}.0` : String(percent);
}

export function serializeSource(s: SourceRecord, store: Store): OpnSource {
  const charge = s.chargeId ? store.charges.get(s.chargeId) : undefined;
  return {
    object: 'source',
    id: s.id,
    livemode: false,
    location: `/sources/${s.id}`,
    amount: s.amount,
    barcode: null,
    bank: null,
    created_at: isoSeconds(s.createdAt),
    currency: s.currency,
    email: s.email,
    flow: s.flow,
    installment_term: null,
    absorption_type: null,
    name: s.name,
    mobile_number: s.mobileNumber,
    phone_number: s.phoneNumber,
    platform_type: s.platformType,
    scannable_code: null,
    billing: null,
    shipping: null,
    items: [],
    references: null,
    store_id: s.storeId,
    store_name: s.storeName,
    terminal_id: s.terminalId,
    type: s.type,
    zero_interest_installments: null,
    charge_status: charge ? charge.status : 'unknown',
    receipt_amount: null,
    discounts: [],
  };
}

export function serializeRefund(r: RefundRecord): OpnRefund {
  return {
    object: 'refund',
    id: r.id,
    livemode: false,
    location: `/charges/${r.chargeId}/refunds/${r.id}`,
    created_at: isoSeconds(r.createdAt),
    status: 'closed',
    amount: r.amount,
    currency: r.currency,
    funding_amount: r.amount,
    funding_currency: r.currency,
    voided: r.voided,
    charge: r.chargeId,
    transaction: r.transactionId,
    metadata: { ...r.metadata },
  };
}

export function serializeCharge(c: ChargeRecord, store: Store, nowMs: number): OpnCharge {
  const source = store.sources.get(c.sourceId);
  const refunds = c.refundIds.map((id) => store.refunds.get(id)).filter((r): r is RefundRecord => r !== undefined);
  const successful = c.status === 'successful';
  const authorizedUncaptured = c.status === 'pending' && c.authorized;
  return {
    object: 'charge',
    id: c.id,
    location: `/charges/${c.id}`,
    amount: c.amount,
    net: c.amount - c.fee - c.feeVat,
    fee: c.fee,
    fee_vat: c.feeVat,
    interest: 0,
    interest_vat: 0,
    funding_amount: c.amount,
    refunded_amount: c.refundedAmount,
    transaction_fees: { fee_flat: '0.0', fee_rate: rateString(c.feeRatePercent), vat_rate: rateString(c.vatRatePercent) },
    platform_fee: { fixed: null, amount: null, percentage: null },
    currency: c.currency,
    funding_currency: c.currency,
    ip: c.ip,
    refunds: buildList(refunds, {}, `/charges/${c.id}/refunds`, nowMs, serializeRefund),
    link: null,
    description: c.description,
    metadata: structuredClone(c.metadata),
    card: null,
    source: source ? serializeSource(source, store) : null,
    schedule: null,
    customer: null,
    dispute: null,
    transaction: c.transactionId,
    failure_code: c.failureCode,
    failure_message: c.failureMessage,
    status: c.status,
    authorize_uri: c.authorizeUri,
    return_uri: c.returnUri,
    created_at: isoSeconds(c.createdAt),
    paid_at: iso(c.paidAt),
    expires_at: isoSeconds(c.expiresAt),
    expired_at: iso(c.expiredAt),
    reversed_at: iso(c.reversedAt),
    zero_interest_installments: false,
    branch: null,
    terminal: null,
    device: null,
    authorized: c.authorized,
    capturable: authorizedUncaptured,
    capture: c.capture,
    disputable: false,
    livemode: false,
    refundable: successful && c.refundedAmount < c.amount,
    reversed: c.status === 'reversed',
    reversible: authorizedUncaptured,
    voided: c.voidedAmount > 0 && c.voidedAmount === c.amount,
    paid: c.paid,
    expired: c.status === 'expired',
  };
}

export function serializeTransaction(t: TransactionRecord): Record<string, unknown> {
  return {
    object: 'transaction',
    id: t.id,
    livemode: false,
    location: `/transactions/${t.id}`,
    currency: t.currency,
    amount: t.amount,
    direction: t.direction,
    key: t.key,
    origin: t.origin,
    transferable_at: isoSeconds(t.createdAt),
    created_at: isoSeconds(t.createdAt),
  };
}

/** The event as POSTed to webhooks (no deliveries: those are still happening). */
export function eventPayload(e: EventRecord): OpnEvent {
  return {
    object: 'event',
    id: e.id,
    livemode: false,
    location: `/events/${e.id}`,
    key: e.key,
    created_at: isoSeconds(e.createdAt),
    data: e.data,
  };
}

export function serializeEvent(e: EventRecord): OpnEvent & { webhook_deliveries: WebhookDeliveryRecord[] } {
  return { ...eventPayload(e), webhook_deliveries: e.deliveries.map((d) => ({ ...d })) };
}

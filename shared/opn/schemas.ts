// Opn (Omise) API objects as serialised in API version 2019-05-29, from the KakaoPay guide's examples
// (../shared/reference/kakaopay-opn-guide.txt) and reference/opn-api.md. The sandbox builds exactly
// these shapes; the terminal's client parses responses with them (loosely: unknown keys pass).
import { z } from 'zod';

export const OPN_API_VERSION = '2019-05-29';

export const OPN_CHARGE_STATUSES = ['pending', 'successful', 'failed', 'expired', 'reversed'] as const;
export type OpnChargeStatus = (typeof OPN_CHARGE_STATUSES)[number];

/** Failure codes of KakaoPay charges (guide table) plus `timeout` (payer never acted). */
export const OPN_FAILURE_CODES = [
  'payment_expired',
  'payment_rejected',
  'failed_processing',
  'invalid_account',
  'insufficient_fund',
  'timeout',
] as const;
export type OpnFailureCode = (typeof OPN_FAILURE_CODES)[number];

const nullableString = z.string().nullable();
const timestamp = z.string(); // "2023-06-15T02:25:09Z"

export const opnListSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    object: z.literal('list'),
    data: z.array(item),
    limit: z.number().int(),
    offset: z.number().int(),
    total: z.number().int(),
    location: z.string(),
    order: z.enum(['chronological', 'reverse_chronological']),
    from: timestamp,
    to: timestamp,
  });

export const opnSourceSchema = z.looseObject({
  object: z.literal('source'),
  id: z.string(),
  livemode: z.boolean(),
  location: z.string(),
  amount: z.number().int(),
  barcode: nullableString,
  bank: nullableString,
  created_at: timestamp,
  currency: z.string(),
  email: nullableString,
  flow: z.enum(['redirect', 'app_redirect', 'offline']),
  installment_term: z.number().int().nullable(),
  absorption_type: nullableString,
  name: nullableString,
  mobile_number: nullableString,
  phone_number: nullableString,
  platform_type: z.enum(['WEB', 'IOS', 'ANDROID']).nullable(),
  scannable_code: z.unknown().nullable(),
  billing: z.unknown().nullable(),
  shipping: z.unknown().nullable(),
  items: z.array(z.unknown()),
  references: z.unknown().nullable(),
  store_id: nullableString,
  store_name: nullableString,
  terminal_id: nullableString,
  type: z.string(),
  zero_interest_installments: z.boolean().nullable(),
  charge_status: z.enum([...OPN_CHARGE_STATUSES, 'unknown']),
  receipt_amount: z.number().int().nullable(),
  discounts: z.array(z.unknown()),
});
export type OpnSource = z.infer<typeof opnSourceSchema>;

export const opnRefundSchema = z.looseObject({
  object: z.literal('refund'),
  id: z.string(),
  livemode: z.boolean(),
  location: z.string(),
  created_at: timestamp,
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  funding_amount: z.number().int(),
  funding_currency: z.string(),
  voided: z.boolean(),
  charge: z.string(),
  transaction: nullableString,
  metadata: z.record(z.string(), z.unknown()),
});
export type OpnRefund = z.infer<typeof opnRefundSchema>;

export const opnChargeSchema = z.looseObject({
  object: z.literal('charge'),
  id: z.string(),
  location: z.string(),
  amount: z.number().int(),
  net: z.number().int(),
  fee: z.number().int(),
  fee_vat: z.number().int(),
  interest: z.number().int(),
  interest_vat: z.number().int(),
  funding_amount: z.number().int(),
  refunded_amount: z.number().int(),
  transaction_fees: z.looseObject({ fee_flat: z.string(), fee_rate: z.string(), vat_rate: z.string() }),
  platform_fee: z.looseObject({
    fixed: z.number().nullable(),
    amount: z.number().nullable(),
    percentage: z.number().nullable(),
  }),
  currency: z.string(),
  funding_currency: z.string(),
  ip: nullableString,
  refunds: opnListSchema(opnRefundSchema),
  link: z.unknown().nullable(),
  description: nullableString,
  metadata: z.record(z.string(), z.unknown()),
  card: z.unknown().nullable(),
  source: opnSourceSchema.nullable(),
  schedule: z.unknown().nullable(),
  customer: nullableString,
  dispute: z.unknown().nullable(),
  transaction: nullableString,
  failure_code: nullableString,
  failure_message: nullableString,
  status: z.enum(OPN_CHARGE_STATUSES),
  authorize_uri: nullableString,
  return_uri: nullableString,
  created_at: timestamp,
  paid_at: timestamp.nullable(),
  expires_at: timestamp.nullable(),
  expired_at: timestamp.nullable(),
  reversed_at: timestamp.nullable(),
  zero_interest_installments: z.boolean(),
  branch: z.unknown().nullable(),
  terminal: z.unknown().nullable(),
  device: z.unknown().nullable(),
  authorized: z.boolean(),
  capturable: z.boolean(),
  capture: z.boolean(),
  disputable: z.boolean(),
  livemode: z.boolean(),
  refundable: z.boolean(),
  reversed: z.boolean(),
  reversible: z.boolean(),
  voided: z.boolean(),
  paid: z.boolean(),
  expired: z.boolean(),
});
export type OpnCharge = z.infer<typeof opnChargeSchema>;

export const opnEventSchema = z.looseObject({
  object: z.literal('event'),
  id: z.string(),
  livemode: z.boolean(),
  location: z.string(),
  key: z.string(),
  created_at: timestamp,
  data: z.looseObject({ object: z.string(), id: z.string() }),
});
export type OpnEvent = z.infer<typeof opnEventSchema>;

export const opnErrorSchema = z.looseObject({
  object: z.literal('error'),
  location: z.string(),
  code: z.string(),
  message: z.string(),
});
export type OpnError = z.infer<typeof opnErrorSchema>;

/** Keys the terminal writes into a charge's metadata, and reads back to route and reconcile. */
export const chargeMetadataSchema = z.looseObject({
  terminal_id: z.string(),
  store_id: z.string(),
  sale_id: z.string(),
});
export type ChargeMetadata = z.infer<typeof chargeMetadataSchema>;

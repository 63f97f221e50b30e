// Opn (Omise) API objects, from the KakaoPay guide's examples (../shared/reference/kakaopay-opn-guide.txt),
// reference/opn-api.md and recorded SDK fixtures. The terminal's client parses responses with them.
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

// Tolerant parsing (issue 10): each schema REQUIRES only what the terminal reads; every other field is
// optional (its type checked when present, null accepted where it is not read) and unknown fields pass.
// Older recorded answers lack fields the guide's 2023 example carries (transaction_fees,
// source.absorption_type, discounts, receipt_amount; 2025 recordings carry all four), and webhooks arrive in the
// account's API version (2017-11-02: `created`, not `created_at`; a charge's `refunded`, not `refunded_amount`).
// The sandbox still serialises every field of the guide's example.
const opt = <T extends z.ZodType>(t: T) => t.nullable().optional();
const timestamp = z.string(); // "2023-06-15T02:25:09Z"
const metadata = z.record(z.string(), z.unknown());

export const opnListSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    object: z.literal('list'),
    data: z.array(item),
    // Read: `total` ends the paging of the charge search and the reconciliation.
    total: z.number().int(),
    // Not read: null accepted (111 recorded older charges embed a refund list with `order`/`location` null).
    limit: opt(z.number().int()),
    offset: opt(z.number().int()),
    location: opt(z.string()),
    order: opt(z.enum(['chronological', 'reverse_chronological'])),
    from: opt(timestamp),
    to: opt(timestamp),
  });

/** The terminal reads nothing from a source; it is described for the sandbox and the probe. */
export const opnSourceSchema = z.looseObject({
  object: z.literal('source'),
  id: z.string(),
  type: z.string(),
  livemode: opt(z.boolean()),
  location: opt(z.string()),
  amount: opt(z.number().int()),
  barcode: opt(z.string()),
  bank: opt(z.string()),
  created_at: opt(timestamp),
  currency: opt(z.string()),
  email: opt(z.string()),
  flow: opt(z.enum(['redirect', 'app_redirect', 'offline'])),
  installment_term: opt(z.number().int()),
  absorption_type: opt(z.string()),
  name: opt(z.string()),
  mobile_number: opt(z.string()),
  phone_number: opt(z.string()),
  platform_type: opt(z.enum(['WEB', 'IOS', 'ANDROID'])),
  scannable_code: z.unknown().optional(),
  billing: z.unknown().optional(),
  shipping: z.unknown().optional(),
  items: opt(z.array(z.unknown())),
  references: z.unknown().optional(),
  store_id: opt(z.string()),
  store_name: opt(z.string()),
  terminal_id: opt(z.string()),
  zero_interest_installments: opt(z.boolean()),
  charge_status: opt(z.string()),
  receipt_amount: opt(z.number().int()),
  discounts: opt(z.array(z.unknown())),
});
export type OpnSource = z.infer<typeof opnSourceSchema>;

export const opnRefundSchema = z.looseObject({
  object: z.literal('refund'),
  id: z.string(),
  // Read: `voided` (a void or a refund), `metadata.refund_id` (finding our refund after a lost answer).
  voided: z.boolean().default(false),
  metadata: metadata.default({}),
  amount: z.number().int(),
  livemode: opt(z.boolean()),
  location: opt(z.string()),
  created_at: opt(timestamp),
  status: opt(z.string()),
  currency: opt(z.string()),
  funding_amount: opt(z.number().int()),
  funding_currency: opt(z.string()),
  charge: opt(z.string()),
  transaction: opt(z.string()),
});
export type OpnRefund = z.infer<typeof opnRefundSchema>;

export const opnChargeSchema = z.looseObject({
  object: z.literal('charge'),
  // Read by the core and the reports: identity, state, money, links, failure, metadata.
  id: z.string(),
  status: z.enum(OPN_CHARGE_STATUSES),
  amount: z.number().int(),
  currency: z.string(),
  created_at: timestamp,
  metadata: metadata.default({}),
  authorized: z.boolean().default(false),
  paid: z.boolean().default(false),
  voided: z.boolean().default(false),
  refunded_amount: z.number().int().default(0),
  authorize_uri: opt(z.string()),
  paid_at: opt(timestamp),
  expires_at: opt(timestamp),
  failure_code: opt(z.string()),
  failure_message: opt(z.string()),
  fee: opt(z.number().int()),
  fee_vat: opt(z.number().int()),
  net: opt(z.number().int()),
  // Not read: typed when present, never required.
  location: opt(z.string()),
  interest: opt(z.number().int()),
  interest_vat: opt(z.number().int()),
  funding_amount: opt(z.number().int()),
  transaction_fees: opt(z.looseObject({ fee_flat: z.string().optional(), fee_rate: z.string().optional(), vat_rate: z.string().optional() })),
  platform_fee: opt(
    z.looseObject({
      fixed: opt(z.number()),
      amount: opt(z.number()),
      percentage: opt(z.number()),
    }),
  ),
  funding_currency: opt(z.string()),
  ip: opt(z.string()),
  refunds: opt(opnListSchema(opnRefundSchema)),
  link: z.unknown().optional(),
  description: opt(z.string()),
  card: z.unknown().optional(),
  source: opt(opnSourceSchema),
  schedule: z.unknown().optional(),
  customer: z.unknown().optional(),
  dispute: z.unknown().optional(),
  transaction: z.unknown().optional(),
  return_uri: opt(z.string()),
  expired_at: opt(timestamp),
  reversed_at: opt(timestamp),
  zero_interest_installments: opt(z.boolean()),
  branch: z.unknown().optional(),
  terminal: z.unknown().optional(),
  device: z.unknown().optional(),
  capturable: opt(z.boolean()),
  capture: opt(z.boolean()),
  disputable: opt(z.boolean()),
  livemode: opt(z.boolean()),
  refundable: opt(z.boolean()),
  reversed: opt(z.boolean()),
  reversible: opt(z.boolean()),
  expired: opt(z.boolean()),
});
export type OpnCharge = z.infer<typeof opnChargeSchema>;

/**
 * What the store report reads of a listed charge. Validating only these fields keeps a page of 100
 * charges cheap: the full schema (the nested source above all) costs about 4× as much per page. Other
 * fields are dropped unchecked (a plain, stripping object: copying the ~50 others of each charge, as a
 * loose object does, cost as much again, and kept a day of 60,000 whole charges in memory).
 */
export const opnChargeSummarySchema = z.object(
  opnChargeSchema.pick({
    object: true, id: true, status: true, amount: true, currency: true, created_at: true, metadata: true,
    refunded_amount: true, fee: true, fee_vat: true, refunds: true,
  }).shape,
);
export type OpnChargeSummary = z.infer<typeof opnChargeSummarySchema>;

/**
 * An event as any API version KakaoPay accepts serialises it (2017-11-02 or 2019-05-29), for both of
 * its readers: the forwarder routes it by the metadata (of the charge, or of a refund's charge) and the
 * terminal reads only its id, its key and the charge id, then fetches the charge with our Omise-Version.
 */
export const opnEventSchema = z.looseObject({
  object: z.literal('event').optional(),
  id: z.string().min(1).max(200),
  key: z.string().min(1).max(200),
  data: z.looseObject({
    object: z.string().optional(),
    id: z.string().optional(),
    metadata: z.unknown().optional(),
    // A refund event names its charge: an id, or the charge expanded with its metadata.
    charge: z.unknown().optional(),
  }),
  livemode: z.boolean().optional(),
  location: z.string().optional(),
  /** 2019-05-29 */
  created_at: timestamp.optional(),
  /** 2017-11-02 and older */
  created: timestamp.optional(),
});
export type OpnEvent = z.infer<typeof opnEventSchema>;

export const opnErrorSchema = z.looseObject({
  object: z.literal('error'),
  code: z.string(),
  message: z.string().default(''),
  location: z.string().optional(),
});
export type OpnError = z.infer<typeof opnErrorSchema>;

/** Keys the terminal writes into a charge's metadata, and reads back to route and reconcile. */
export const chargeMetadataSchema = z.looseObject({
  terminal_id: z.string(),
  store_id: z.string(),
  sale_id: z.string(),
});
export type ChargeMetadata = z.infer<typeof chargeMetadataSchema>;

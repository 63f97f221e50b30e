// The POS link's public HTTP API (/v1): every request and response shape, written once as zod schemas.
// The server parses every request with these, the reference till and the tests parse every answer with
// them, and the OpenAPI 3.1 document (api-openapi.ts) is generated from them. Field names are the API's
// (snake_case); money is integer minor units with its currency, time ISO-8601 UTC.
import { z } from 'zod';
import { CURRENCIES } from '../money/currency';
import { validateAmount } from '../money/parse';

/** Limits of the till's fields (the same as a sale's origin: what receipts and the display can show). */
export const POS_API_LIMITS = {
  referenceId: 64,
  idempotencyKey: 128,
  note: 200,
  lineItems: 100,
  lineName: 80,
  quantity: 9_999,
  tillName: 40,
  /** Request bodies larger than this are refused unread (413). */
  bodyBytes: 32 * 1024,
} as const;

export const POS_SCOPES = ['payments', 'refunds'] as const;

/** Control characters (C0 and DEL) break receipts and CSV cells; a note may keep its line breaks. */
const hasControl = (s: string, allowNewline = false): boolean => [...s].some((c) => {
  const n = c.charCodeAt(0);
  return (n < 0x20 && !(allowNewline && n === 0x0a)) || n === 0x7f;
});

/** A single visible line of text. */
const line = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim().length > 0 && !hasControl(s), 'must be visible text without control characters');

const isoUtc = z.iso.datetime().meta({ description: 'ISO-8601 UTC timestamp' });
const currency = z.enum(CURRENCIES);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const lineItemSchema = z.strictObject({
  name: line(POS_API_LIMITS.lineName),
  quantity: z.number().int().min(1).max(POS_API_LIMITS.quantity),
  unit_amount: minor.meta({ description: 'Price of one unit, minor units of the checkout currency' }),
});

export const checkoutCreateSchema = z
  .strictObject({
    amount: z.number().int().positive().meta({ description: "Minor units; within KakaoPay's limits for the currency (SGD 1.00–20,000.00, THB 20.00–150,000.00)" }),
    currency,
    reference_id: line(POS_API_LIMITS.referenceId).meta({ description: "The till's own reference (order or ticket number)" }),
    idempotency_key: line(POS_API_LIMITS.idempotencyKey).meta({ description: 'The same key with the same body returns the same checkout' }),
    note: z.string().max(POS_API_LIMITS.note).refine((s) => !hasControl(s, true), 'must not contain control characters').optional(),
    line_items: z.array(lineItemSchema).max(POS_API_LIMITS.lineItems).optional(),
    deadline_seconds: z.number().int().min(30).max(3_600).optional().meta({ description: "Seconds the customer has to pay; at most the terminal's QR validity" }),
  })
  .superRefine((v, ctx) => {
    const checked = validateAmount(v.amount, v.currency);
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: checked.error.message });
  });
export type CheckoutCreate = z.infer<typeof checkoutCreateSchema>;

export const CHECKOUT_STATUSES = ['pending', 'in_progress', 'completed', 'canceled', 'expired', 'failed'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];
/** Statuses after which a checkout never changes again (a later refund is a refund, not a checkout change). */
export const FINAL_CHECKOUT_STATUSES: readonly CheckoutStatus[] = ['completed', 'canceled', 'expired', 'failed'];

export const checkoutSchema = z.strictObject({
  id: z.string(),
  status: z.enum(CHECKOUT_STATUSES),
  amount: minor,
  currency,
  reference_id: z.string(),
  note: z.string().nullable(),
  line_items: z.array(lineItemSchema),
  failure_code: z.string().nullable(),
  charge_id: z.string().nullable(),
  sale_id: z.string().nullable(),
  /** Minor units refunded so far (0 until a refund succeeds). */
  refunded_amount: minor,
  till: z.strictObject({ id: z.string(), name: z.string() }),
  deadline_at: isoUtc.nullable(),
  created_at: isoUtc,
  updated_at: isoUtc,
});
export type Checkout = z.infer<typeof checkoutSchema>;

export const checkoutListSchema = z.strictObject({ data: z.array(checkoutSchema) });
export const checkoutListQuerySchema = z.strictObject({ reference_id: line(POS_API_LIMITS.referenceId) });

export const refundCreateSchema = z.strictObject({
  checkout_id: line(64),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ description: 'Minor units; at most what is left to refund' }),
  idempotency_key: line(POS_API_LIMITS.idempotencyKey),
});
export type RefundCreate = z.infer<typeof refundCreateSchema>;

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const refundSchema = z.strictObject({
  id: z.string(),
  checkout_id: z.string(),
  status: z.enum(REFUND_STATUSES),
  amount: minor,
  currency,
  /** true where Opn voided the charge instead (inside its void window). */
  voided: z.boolean(),
  failure_code: z.string().nullable(),
  created_at: isoUtc,
  updated_at: isoUtc,
});
export type PosRefund = z.infer<typeof refundSchema>;

export const pairRequestSchema = z.strictObject({ code: z.string().min(1).max(32) });
export const pairResponseSchema = z.strictObject({
  api_key: z.string().meta({ description: 'Shown once; send it as `Authorization: Bearer <api_key>`' }),
  key_id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(POS_SCOPES)),
});

export const terminalSchema = z.strictObject({
  state: z.enum(['ready', 'busy', 'not_configured']),
  mode: z.enum(['demo', 'live']),
  currency,
  /** The longest deadline_seconds a checkout may ask for (the terminal's QR validity). */
  max_deadline_seconds: z.number().int(),
  /** The connection to Opn's webhooks (through the forwarder) as the terminal sees it. */
  link: z.enum(['connected', 'connecting', 'reconnecting', 'stale', 'offline']),
  open_checkout_id: z.string().nullable(),
});
export type TerminalInfo = z.infer<typeof terminalSchema>;

export const EVENT_TYPES = ['checkout.updated', 'refund.updated', 'terminal.updated'] as const;
export type PosEventType = (typeof EVENT_TYPES)[number];
/** One event: the SSE `data:` line (its `id:` is `id`, its `event:` is `type`) and a till webhook's body. */
export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ id: z.number().int().positive(), type: z.literal('checkout.updated'), created_at: isoUtc, data: checkoutSchema }),
  z.strictObject({ id: z.number().int().positive(), type: z.literal('refund.updated'), created_at: isoUtc, data: refundSchema }),
  z.strictObject({ id: z.number().int().positive(), type: z.literal('terminal.updated'), created_at: isoUtc, data: terminalSchema }),
]);
export type PosEvent = z.infer<typeof eventSchema>;

export const webhookConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(500).nullable().meta({ description: 'Where to POST events (null: no webhook)' }),
});
export const webhookInfoSchema = z.strictObject({
  url: z.string().nullable(),
  /** Shown when the URL is set: the HMAC-SHA256 key of the X-Pos-Signature header. */
  secret: z.string().nullable(),
});

/** Every error code the API answers with, and its HTTP status. */
export const POS_API_ERRORS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden_scope: 403,
  not_found: 404,
  method_not_allowed: 405,
  terminal_busy: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  invalid_amount: 422,
  invalid_currency: 422,
  deadline_too_long: 422,
  refund_exceeds: 422,
  pairing_code_invalid: 400,
  rate_limited: 429,
  internal: 500,
  not_configured: 503,
  terminal_unavailable: 503,
} as const;
export type PosApiErrorCode = keyof typeof POS_API_ERRORS;
export const POS_API_ERROR_CODES = Object.keys(POS_API_ERRORS) as PosApiErrorCode[];

export const errorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(POS_API_ERROR_CODES as [PosApiErrorCode, ...PosApiErrorCode[]]),
    message: z.string(),
    /** The request field at fault, when one is. */
    field: z.string().optional(),
  }),
  /** With terminal_busy: the checkout that is open (null when the cashier's own sale is). */
  checkout: checkoutSchema.nullable().optional(),
});
export type PosApiError = z.infer<typeof errorSchema>;

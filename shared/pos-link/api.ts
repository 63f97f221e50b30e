// The POS link's public HTTP API (/v1): every request and response shape, written once as zod schemas.
// The server parses every request with these, the reference till and the tests parse every answer with
// them, and the OpenAPI 3.1 document (api-openapi.ts) is generated from them. Field names are the API's
// (snake_case); money is integer minor units with its currency, time ISO-8601 UTC.
import { z } from 'zod';
import { CURRENCIES } from '../money/currency';
import { POS_ORIGIN_LIMITS } from './origin-schema';
import { validateAmount } from '../money/parse';

/** Limits of the till's fields (the same as a sale's origin: what receipts and the display can show). */
/** The sale origin's limits (what the core stores) and the API's own. */
export const POS_API_LIMITS = {
  referenceId: POS_ORIGIN_LIMITS.referenceId,
  note: POS_ORIGIN_LIMITS.note,
  lineItems: POS_ORIGIN_LIMITS.lineItems,
  lineName: POS_ORIGIN_LIMITS.lineName,
  quantity: POS_ORIGIN_LIMITS.quantity,
  tillName: POS_ORIGIN_LIMITS.tillName,
  idempotencyKey: 128,
  /** Request bodies larger than this are refused unread (413). */
  bodyBytes: 32 * 1024,
} as const;

export const POS_API_SCOPES = ['payments', 'refunds'] as const;

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

export const posApiLineItemSchema = z.strictObject({
  name: line(POS_API_LIMITS.lineName),
  quantity: z.number().int().min(1).max(POS_API_LIMITS.quantity),
  unit_amount: minor.meta({ description: 'Price of one unit, minor units of the checkout currency' }),
});

export const posCheckoutCreateSchema = z
  .strictObject({
    amount: z.number().int().positive().meta({ description: "Minor units; within KakaoPay's limits for the currency (SGD 1.00–20,000.00, THB 20.00–150,000.00)" }),
    currency,
    reference_id: line(POS_API_LIMITS.referenceId).meta({ description: "The till's own reference (order or ticket number)" }),
    idempotency_key: line(POS_API_LIMITS.idempotencyKey).meta({ description: 'The same key with the same body returns the same checkout' }),
    note: z.string().max(POS_API_LIMITS.note).refine((s) => !hasControl(s, true), 'must not contain control characters').optional(),
    line_items: z.array(posApiLineItemSchema).max(POS_API_LIMITS.lineItems).optional(),
    deadline_seconds: z.number().int().min(30).max(3_600).optional().meta({ description: "Seconds the customer has to pay; at most the terminal's QR validity" }),
  })
  .superRefine((v, ctx) => {
    const checked = validateAmount(v.amount, v.currency);
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: checked.error.message });
  });
export type PosCheckoutCreate = z.infer<typeof posCheckoutCreateSchema>;

export const POS_CHECKOUT_STATUSES = ['pending', 'in_progress', 'completed', 'canceled', 'expired', 'failed'] as const;
export type PosCheckoutStatus = (typeof POS_CHECKOUT_STATUSES)[number];
/** Statuses after which a checkout never changes again (a later refund is a refund, not a checkout change). */
export const POS_FINAL_CHECKOUT_STATUSES: readonly PosCheckoutStatus[] = ['completed', 'canceled', 'expired', 'failed'];

export const posCheckoutSchema = z.strictObject({
  id: z.string(),
  status: z.enum(POS_CHECKOUT_STATUSES),
  amount: minor,
  currency,
  reference_id: z.string(),
  note: z.string().nullable(),
  line_items: z.array(posApiLineItemSchema),
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
export type PosCheckout = z.infer<typeof posCheckoutSchema>;

export const posCheckoutListSchema = z.strictObject({ data: z.array(posCheckoutSchema) });
export const posCheckoutListQuerySchema = z.strictObject({ reference_id: line(POS_API_LIMITS.referenceId) });

export const posRefundCreateSchema = z.strictObject({
  checkout_id: line(64),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ description: 'Minor units; at most what is left to refund' }),
  idempotency_key: line(POS_API_LIMITS.idempotencyKey),
});
export type PosRefundCreate = z.infer<typeof posRefundCreateSchema>;

export const POS_REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const posRefundSchema = z.strictObject({
  id: z.string(),
  checkout_id: z.string(),
  status: z.enum(POS_REFUND_STATUSES),
  amount: minor,
  currency,
  /** true where Opn voided the charge instead (inside its void window). */
  voided: z.boolean(),
  failure_code: z.string().nullable(),
  created_at: isoUtc,
  updated_at: isoUtc,
});
export type PosRefund = z.infer<typeof posRefundSchema>;

export const posPairRequestSchema = z.strictObject({ code: z.string().min(1).max(32) });
export const posPairResponseSchema = z.strictObject({
  api_key: z.string().meta({ description: 'Shown once; send it as `Authorization: Bearer <api_key>`' }),
  key_id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(POS_API_SCOPES)),
});

export const posTerminalSchema = z.strictObject({
  state: z.enum(['ready', 'busy', 'not_configured']),
  mode: z.enum(['demo', 'live']),
  currency,
  /** The longest deadline_seconds a checkout may ask for (the terminal's QR validity). */
  max_deadline_seconds: z.number().int(),
  /** The connection to Opn's webhooks (through the forwarder) as the terminal sees it. */
  link: z.enum(['connected', 'connecting', 'reconnecting', 'stale', 'offline']),
  open_checkout_id: z.string().nullable(),
});
export type PosTerminalInfo = z.infer<typeof posTerminalSchema>;

export const POS_EVENT_TYPES = ['checkout.updated', 'refund.updated', 'terminal.updated'] as const;
export type PosEventType = (typeof POS_EVENT_TYPES)[number];
/** One event: the SSE `data:` line (its `id:` is `id`, its `event:` is `type`) and a till webhook's body. */
export const posEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ id: z.number().int().positive(), type: z.literal('checkout.updated'), created_at: isoUtc, data: posCheckoutSchema }),
  z.strictObject({ id: z.number().int().positive(), type: z.literal('refund.updated'), created_at: isoUtc, data: posRefundSchema }),
  z.strictObject({ id: z.number().int().positive(), type: z.literal('terminal.updated'), created_at: isoUtc, data: posTerminalSchema }),
]);
export type PosEvent = z.infer<typeof posEventSchema>;

/** PUT /v1/webhook: where the terminal POSTs this till's events (null: stop). */
export const posWebhookSetSchema = z.strictObject({
  url: z
    .string()
    .max(500)
    .regex(/^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i, 'an http(s) URL')
    .nullable(),
});
export const posWebhookSchema = z.strictObject({
  url: z.string().nullable(),
  /** The HMAC-SHA256 key of X-Pos-Signature, shown once when the URL is set (null when none). */
  secret: z.string().nullable(),
});

/** Every error code the API answers with, and its HTTP status. */
export const POS_API_ERRORS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden_scope: 403,
  forbidden: 403,
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

export const posErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(POS_API_ERROR_CODES as [PosApiErrorCode, ...PosApiErrorCode[]]),
    message: z.string(),
    /** The request field at fault, when one is. */
    field: z.string().optional(),
  }),
  /** With terminal_busy: the checkout that is open (null when the cashier's own sale is). */
  checkout: posCheckoutSchema.nullable().optional(),
});
export type PosApiError = z.infer<typeof posErrorSchema>;

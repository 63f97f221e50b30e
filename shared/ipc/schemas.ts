// Input schemas of the invoke channels: the ONE place where a request's shape and limits are written.
// They hold business fields only: the manager PIN is a channel's policy (contract.ts), and
// `requestSchema` adds that field from it. The gate parses each request once; nothing behind it
// re-validates shapes, and the core keeps only domain rules (state machine, refundable amount, limits).
import { z } from 'zod';
import { CURRENCIES } from '../money/currency';
import { settingsUpdateSchema } from '../settings';
import { managerPinSchema } from '../manager-pin';
import { POS_ORIGIN_LIMITS } from '../pos-link/origin-schema';

export const empty = z.strictObject({});

/** Sale ids the core issues: `sale_` + base36 time + random part (see electron/core/ids.ts). */
export const saleIdSchema = z.string().regex(/^sale_[0-9a-z]{10,40}$/, 'unknown sale id');
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day: YYYY-MM-DD');
export const cashierNameSchema = z.string().trim().min(1).max(40);

export const EXPORT_FORMATS = ['csv-summary', 'csv-sales', 'pdf', 'csv-reconciliation'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const saleStartInput = z.strictObject({
  amount: z.number().int().positive(),
  currency: z.enum(CURRENCIES),
  cashier: cashierNameSchema.optional(),
});
export const saleIdInput = z.strictObject({ saleId: saleIdSchema });
export const saleRefundInput = z.strictObject({ saleId: saleIdSchema, amount: z.number().int().positive() });
export const saleResolveInput = z.strictObject({ saleId: saleIdSchema, action: z.enum(['refund', 'accept']) });
export const saleListInput = z.strictObject({
  day: daySchema.optional(),
  query: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export const reportDayInput = z.strictObject({ day: daySchema });
/** An exported report by its file name (no path: the main process looks only in its exports folder). */
export const exportFileInput = z.strictObject({ fileName: z.string().regex(/^[\w][\w.-]{0,119}$/, 'an export file name') });
export const reportExportInput = z.strictObject({ day: daySchema, format: z.enum(EXPORT_FORMATS) });
/** `reports:rebuild`: business days from..to (inclusive), at most 93 days (checked by the handler). */
export const rebuildInput = z.strictObject({ from: daySchema, to: daySchema });

/**
 * A settings change: `managerPin` is the NEW PIN (the current one comes with the channel's policy) and
 * `managerPinAgain` its confirmation (the cashier's Settings always sends it): when given it must equal
 * `managerPin`, or the change is refused as a whole. Strict: unknown keys are refused.
 */
export const settingsUpdateInput = settingsUpdateSchema.extend({ managerPinAgain: managerPinSchema.optional() }).superRefine((v, ctx) => {
  if (v.managerPinAgain !== undefined && v.managerPinAgain !== v.managerPin) {
    ctx.addIssue({ code: 'custom', path: ['managerPinAgain'], message: 'the two new PINs differ' });
  }
});

/**
 * "Test connection" tests the values on screen (the form), not the saved ones. A secret left out is
 * taken from the saved settings only while its destination is the saved one (a secret is bound to
 * where it is sent).
 */
export const connectionTestInput = z.strictObject({
  opnApiBase: settingsUpdateSchema.shape.opnApiBase,
  opnPublicKey: settingsUpdateSchema.shape.opnPublicKey,
  opnSecretKey: settingsUpdateSchema.shape.opnSecretKey,
  forwarderUrl: settingsUpdateSchema.shape.forwarderUrl,
  forwarderToken: settingsUpdateSchema.shape.forwarderToken,
  terminalId: settingsUpdateSchema.shape.terminalId,
});

// Receipts and the store's day report.
/** Refund ids are the core's (`rfnd…`) or Opn's (`rfnd_…`): letters, digits and underscores. */
export const refundIdSchema = z.string().regex(/^[A-Za-z0-9_]{3,80}$/, 'unknown refund id');
export const receiptRefundInput = z.strictObject({ saleId: saleIdSchema, refundId: refundIdSchema });
export const receiptPreviewInput = z.strictObject({ saleId: saleIdSchema, paperWidthMm: z.union([z.literal(58), z.literal(80)]).optional() });
export const STORE_EXPORT_FORMATS = ['csv', 'pdf'] as const;
export const storeExportInput = z.strictObject({ day: daySchema, format: z.enum(STORE_EXPORT_FORMATS) });

/** Why the customer display shows our QR of authorize_uri instead of the hosted checkout (logged by the main process). */
export const CHECKOUT_FALLBACK_REASONS = ['too_small', 'host_not_allowed', 'frame_refused', 'load_error', 'load_timeout'] as const;
export type CheckoutFallbackReason = (typeof CHECKOUT_FALLBACK_REASONS)[number];
export const checkoutFallbackInput = z.strictObject({ saleId: saleIdSchema, reason: z.enum(CHECKOUT_FALLBACK_REASONS) });
/** The display page's own origin: the checkout page's headers are checked against it. */
export const checkoutFramingInput = z.strictObject({ saleId: saleIdSchema, origin: z.string().max(200).regex(/^https?:\/\/[^/\s?#]+$/, 'an origin') });

// Settings → POS link (manager PIN): the config, a pairing code for a named till, revoking a key.
export const POS_SCOPES = ['payments', 'refunds'] as const;
export const posLinkConfigureInput = z.strictObject({ enabled: z.boolean(), allowLan: z.boolean() });
export const posLinkPairInput = z.strictObject({
  // The name goes on the sale screen and on receipts: one visible line.
  name: z
    .string()
    .trim()
    .min(1)
    .max(POS_ORIGIN_LIMITS.tillName)
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters'),
  scopes: z
    .array(z.enum(POS_SCOPES))
    .min(1)
    .max(POS_SCOPES.length)
    .refine((a) => new Set(a).size === a.length, 'each scope once'),
});
/** A key's id as the POS link lists it (never the key itself). */
export const posLinkRevokeInput = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'unknown key id') });

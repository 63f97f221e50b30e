// Input schemas of the invoke channels: the ONE place where a request's shape and limits are written.
// The gate (electron/app/gate.ts) parses each request once with these; nothing behind it re-validates
// shapes, and the core keeps only domain rules (state machine, refundable amount, money limits).
import { z } from 'zod';
import { CURRENCIES } from '../money/currency';
import { settingsUpdateSchema } from '../settings';
import { MANAGER_PIN_PATTERN, MANAGER_PIN_RULE } from '../manager-pin';

export const empty = z.strictObject({});

/** Sale ids the core issues: `sale_` + base36 time + random part (see electron/core/ids.ts). */
export const saleIdSchema = z.string().regex(/^sale_[0-9a-z]{10,40}$/, 'unknown sale id');
export const pinSchema = z.string().regex(MANAGER_PIN_PATTERN, MANAGER_PIN_RULE);
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
export const salePinInput = z.strictObject({ saleId: saleIdSchema, pin: pinSchema });
export const saleRefundInput = z.strictObject({ saleId: saleIdSchema, pin: pinSchema, amount: z.number().int().positive() });
export const saleResolveInput = z.strictObject({ saleId: saleIdSchema, pin: pinSchema, action: z.enum(['refund', 'accept']) });
export const saleListInput = z.strictObject({
  day: daySchema.optional(),
  query: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export const pinInput = z.strictObject({ pin: pinSchema });
export const reportDayInput = z.strictObject({ day: daySchema, pin: pinSchema });
/** An exported report by its file name (no path: the main process looks only in its exports folder). */
export const exportFileInput = z.strictObject({ fileName: z.string().regex(/^[\w][\w.-]{0,119}$/, 'an export file name'), pin: pinSchema });
/** `reports:rebuild`: business days from..to (inclusive), at most 93 days (checked by the handler). */
export const rebuildInput = z.strictObject({ from: daySchema, to: daySchema, pin: pinSchema });
export const reportExportInput = z.strictObject({ day: daySchema, pin: pinSchema, format: z.enum(EXPORT_FORMATS) });

/**
 * A settings change carries the current manager PIN (`pin`) whenever one is set; `managerPin` is the
 * NEW PIN. Still strict: unknown keys are refused.
 */
export const settingsUpdateInput = settingsUpdateSchema.extend({ pin: pinSchema.optional() });

/**
 * "Test connection" tests the values on screen (the form), not the saved ones. A secret left out is
 * taken from the saved settings only while its destination is the saved one (a secret is bound to
 * where it is sent).
 */
export const connectionTestInput = z.strictObject({
  pin: pinSchema.optional(),
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
export const pinIfSetInput = z.strictObject({ pin: pinSchema.optional() });
export const STORE_EXPORT_FORMATS = ['csv', 'pdf'] as const;
export const storeExportInput = z.strictObject({ day: daySchema, pin: pinSchema, format: z.enum(STORE_EXPORT_FORMATS) });

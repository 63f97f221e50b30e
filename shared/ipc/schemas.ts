// Runtime validation of every invoke channel's input. Unknown keys are refused (strict objects).
import { z } from 'zod';
import { CURRENCIES } from '../money/currency';
import { settingsUpdateSchema } from '../settings';
import type { InvokeChannel } from './contract';

const empty = z.strictObject({});
const saleId = z.string().regex(/^sale_[0-9a-z]{10,40}$/, 'unknown sale id');
const pin = z.string().regex(/^\d{4,8}$/, 'PIN: 4 to 8 digits');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day: YYYY-MM-DD');

export const saleStartSchema = z.strictObject({
  amount: z.number().int().positive(),
  currency: z.enum(CURRENCIES),
  cashier: z.string().trim().min(1).max(40).optional(),
});
export const saleIdSchema = z.strictObject({ saleId });
export const salePinSchema = z.strictObject({ saleId, pin });
export const saleRefundSchema = z.strictObject({ saleId, pin, amount: z.number().int().positive() });
export const saleResolveSchema = z.strictObject({ saleId, pin, action: z.enum(['refund', 'accept']) });
export const saleListSchema = z.strictObject({
  day: day.optional(),
  query: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export const pinSchema = z.strictObject({ pin });
export const reportDaySchema = z.strictObject({ day, pin });
export const reportExportSchema = z.strictObject({
  day,
  pin,
  format: z.enum(['csv-summary', 'csv-sales', 'pdf', 'csv-reconciliation']),
});

/**
 * A settings change carries the current manager PIN (`pin`) whenever one is set; `managerPin` is the
 * NEW PIN. An update with only `pin` changes nothing and just checks it (the cashier's Settings lock).
 * Still strict: unknown keys are refused.
 */
export const settingsUpdateRequestSchema = settingsUpdateSchema.extend({ pin: pin.optional() });

export type SaleStartRequest = z.infer<typeof saleStartSchema>;
export type SaleIdRequest = z.infer<typeof saleIdSchema>;
export type SalePinRequest = z.infer<typeof salePinSchema>;
export type SaleRefundRequest = z.infer<typeof saleRefundSchema>;
export type SaleResolveRequest = z.infer<typeof saleResolveSchema>;
export type SaleListRequest = z.infer<typeof saleListSchema>;
export type PinRequest = z.infer<typeof pinSchema>;
export type ReportDayRequest = z.infer<typeof reportDaySchema>;
export type ReportExportRequest = z.infer<typeof reportExportSchema>;
export type SettingsUpdateRequest = z.infer<typeof settingsUpdateRequestSchema>;

/** One schema per invoke channel; `satisfies` makes a missing or extra channel a compile error. */
export const invokeSchemas = {
  'app:info': empty,
  'settings:get': empty,
  'settings:update': settingsUpdateRequestSchema,
  'settings:testConnection': empty,
  'sale:start': saleStartSchema,
  'sale:cancel': saleIdSchema,
  'sale:get': saleIdSchema,
  'sale:list': saleListSchema,
  'sale:refund': saleRefundSchema,
  'sale:void': salePinSchema,
  'sale:capture': saleIdSchema,
  'sale:reverse': salePinSchema,
  'sale:resolveAttention': saleResolveSchema,
  'reports:x': reportDaySchema,
  'reports:z': reportDaySchema,
  'reports:listZ': pinSchema,
  'reports:reconcile': reportDaySchema,
  'reports:export': reportExportSchema,
  'display:get': empty,
} as const satisfies Record<InvokeChannel, z.ZodType>;

export type InvalidInput = { code: 'invalid_input'; message: string };

/** Validates a channel's raw input; the message names the offending field but never echoes secrets. */
export function parseInvokeInput(
  channel: string,
  raw: unknown,
): { ok: true; channel: InvokeChannel; value: unknown } | { ok: false; error: { code: 'unknown_channel' | 'invalid_input'; message: string } } {
  if (!Object.hasOwn(invokeSchemas, channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${channel.slice(0, 60)}".` } };
  }
  const schema = invokeSchemas[channel as InvokeChannel];
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'input';
    return { ok: false, error: { code: 'invalid_input', message: `${where}: ${issue?.message ?? 'invalid'}` } };
  }
  return { ok: true, channel: channel as InvokeChannel, value: parsed.data };
}

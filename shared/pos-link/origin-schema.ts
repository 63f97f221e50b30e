// Limits and the schema of a sale's origin (shared/pos-link/origin.ts): the one place they are written.
// The POS link's API schemas build on these; the core checks an origin with them before storing it, and
// the receipt log reads its stored line items back through them (tolerantly: a bad row shows no cart).
import { z } from 'zod';
import type { PosLineItem, SaleOrigin } from './origin';

export const POS_ORIGIN_LIMITS = {
  tillName: 40,
  tillId: 64,
  referenceId: 64,
  note: 200,
  lineItems: 100,
  lineName: 80,
  /** Units of one line; whole units only (a till sends weighed goods as one line). */
  quantity: 9_999,
} as const;

/** A single visible line of text: no control characters (they would break receipts and CSV cells). */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

export const posLineItemSchema = z.strictObject({
  name: line(POS_ORIGIN_LIMITS.lineName),
  quantity: z.number().int().min(1).max(POS_ORIGIN_LIMITS.quantity),
  unitAmount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
}) satisfies z.ZodType<PosLineItem>;

export const saleOriginSchema = z.strictObject({
  source: z.literal('pos'),
  tillId: line(POS_ORIGIN_LIMITS.tillId),
  tillName: line(POS_ORIGIN_LIMITS.tillName),
  referenceId: line(POS_ORIGIN_LIMITS.referenceId),
  note: z
    .string()
    .trim()
    .max(POS_ORIGIN_LIMITS.note)
    .refine((s) => !/[^\P{Cc}\n]/u.test(s), 'must not contain control characters other than a line break')
    .nullable(),
  lineItems: z.array(posLineItemSchema).max(POS_ORIGIN_LIMITS.lineItems),
}) satisfies z.ZodType<SaleOrigin>;

/** What the cart's lines add up to, in minor units (the till's total may differ: discounts, service). */
export function lineItemsTotal(items: readonly PosLineItem[]): number {
  return items.reduce((sum, i) => sum + i.quantity * i.unitAmount, 0);
}

// Receipt printing settings (to be folded into Settings by the lead) and the paper geometry every
// renderer shares: 58 mm rolls print 384 dots, 80 mm rolls 576 dots at 203 dpi.
import { z } from 'zod';
import type { DisplayLanguage } from './languages';

export const PRINTER_KINDS = ['none', 'os', 'escpos'] as const;
export type PrinterKind = (typeof PRINTER_KINDS)[number];

export const PAPER_WIDTHS = [58, 80] as const;
export type PaperWidthMm = (typeof PAPER_WIDTHS)[number];

/** Printable dots across the roll (203 dpi heads). */
export const PAPER_DOTS: Readonly<Record<PaperWidthMm, number>> = { 58: 384, 80: 576 };
/** Characters per line of font A (12×24 dots) on each roll. */
export const PAPER_COLUMNS: Readonly<Record<PaperWidthMm, number>> = { 58: 32, 80: 48 };

export const DEFAULT_PRINTER_PORT = 9100;

// A host name or an IPv4/IPv6 literal; no scheme, no path, no spaces.
const hostSchema = z
  .string()
  .trim()
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]*$/, 'a host name or IP address, without http:// or a port');

const fields = {
  /** Printed under the shop name; optional. */
  address: z.string().trim().max(160),
  /** Tax registration number (GST reg. no. in Singapore, TIN in Thailand); optional. */
  taxId: z.string().trim().max(40),
  printerKind: z.enum(PRINTER_KINDS),
  /** Network ESC/POS printer. */
  printerHost: hostSchema,
  printerPort: z.number().int().min(1).max(65535),
  /** Operating-system printer name ('' = the system default). */
  osPrinterName: z.string().max(200),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  /** Print the customer's receipt automatically when a sale is paid. */
  autoPrint: z.boolean(),
};

/** The stored settings: every field present (defaults fill what is missing). */
export const receiptSettingsSchema = z.strictObject({
  address: fields.address.default(''),
  taxId: fields.taxId.default(''),
  printerKind: fields.printerKind.default('none'),
  printerHost: fields.printerHost.default(''),
  printerPort: fields.printerPort.default(DEFAULT_PRINTER_PORT),
  osPrinterName: fields.osPrinterName.default(''),
  paperWidthMm: fields.paperWidthMm.default(80),
  autoPrint: fields.autoPrint.default(false),
});
export type ReceiptSettings = z.infer<typeof receiptSettingsSchema>;

export const DEFAULT_RECEIPT_SETTINGS: ReceiptSettings = receiptSettingsSchema.parse({});

/** A partial update from Settings: only the fields sent, same rules, no defaults filled in. */
export const receiptSettingsUpdateSchema = z.strictObject(fields).partial().superRefine((v, ctx) => {
  if (v.printerKind === 'escpos' && v.printerHost !== undefined && v.printerHost === '') {
    ctx.addIssue({ code: 'custom', path: ['printerHost'], message: 'a network printer needs a host' });
  }
});
export type ReceiptSettingsUpdate = z.infer<typeof receiptSettingsUpdateSchema>;

export type ReceiptKind = 'sale' | 'refund' | 'void' | 'test';

/** One line of a receipt; every value is already formatted text (money, local time). */
export type ReceiptLine =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'center'; readonly text: string; readonly strong?: boolean }
  | { readonly kind: 'pair'; readonly label: string; readonly value: string; readonly strong?: boolean }
  /** The big amount line. */
  | { readonly kind: 'total'; readonly label: string; readonly value: string }
  | { readonly kind: 'rule' };

/**
 * A receipt or slip as built by electron/receipts/document.ts: the one source that the screen (HTML or
 * React), the OS printer (HTML) and the ESC/POS printer all draw. Plain JSON: it crosses IPC as is.
 */
export interface ReceiptDocument {
  readonly kind: ReceiptKind;
  readonly saleId: string | null;
  /** Languages of the labels, in order (cashier's first). */
  readonly languages: readonly DisplayLanguage[];
  readonly lines: readonly ReceiptLine[];
}

/** What the cashier sees when a print fails: short, no stack, no host secrets (there are none). */
export interface PrintNotice {
  readonly kind: 'printed' | 'print_failed' | 'print_gave_up';
  readonly jobId: string;
  readonly saleId: string | null;
  readonly code: string | null;
  readonly message: string;
}

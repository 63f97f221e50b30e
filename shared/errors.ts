import { z } from 'zod';
import { SALE_STATUSES } from './domain';
import { CURRENCIES } from './money/currency';
import { AMOUNT_ERROR_CODES } from './money/parse';

// Every error code that may reach a window, as one union. The main process maps a thrown value to
// `{ code, message }` only when the value is one of its typed error classes AND its code is listed
// here (electron/app/errors.ts); anything else reaches a window as 'internal' with a correlation id.
export const APP_ERROR_CODES = [
  // The gate: channel, caller, input, manager PIN.
  'unknown_channel',
  'forbidden',
  'invalid_input',
  'pin_required',
  'pin_invalid',
  'pin_locked',
  'pin_not_set',
  'new_pin_required',
  // Sales.
  'invalid_amount',
  'invalid_currency',
  'not_found',
  'invalid_state',
  'recovering',
  'refund_exceeds',
  'void_window_closed',
  'sale_open',
  'opn_unavailable',
  'opn_error',
  // Terminal state.
  'not_configured',
  'unavailable',
  'closed',
  'insecure_destination',
  'settings_invalid',
  'db_corrupt',
  'db_from_future',
  // The receipt log cannot be written (no new payment starts until it can).
  'disk_full',
  'store_unwritable',
  // Reports.
  'invalid_format',
  'z_refused',
  'print_failed',
  'export_failed',
  // Receipts and printers.
  'printer_not_configured',
  'printer_unreachable',
  'printer_timeout',
  'printer_closed',
  'printer_failed',
  'sale_not_found',
  'refund_not_found',
  // POS link (#23): the local API is not part of this build or not started.
  'pos_link_unavailable',
  // The browser-mode transport itself (never sent by the main process).
  'disconnected',
  'timeout',
  // Anything else: a generic text and a correlation id that the log carries too.
  'internal',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(APP_ERROR_CODES);

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** PIN problems: the cashier window asks for the PIN again instead of showing a plain error. */
export const PIN_ERROR_CODES = ['pin_required', 'pin_invalid', 'pin_locked', 'pin_not_set'] as const satisfies readonly AppErrorCode[];
export type PinErrorCode = (typeof PIN_ERROR_CODES)[number];

export function isPinError(code: string): code is PinErrorCode {
  return (PIN_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Why an error happened, when one code has several causes the cashier must tell apart. The window words
 * each (code, reason) from its own tables; the main process never sends words, only these keys.
 */
export const APP_ERROR_REASONS = [
  // unavailable
  'no_demo',
  'browser_exports',
  'no_reports',
  'printing_starting',
  // invalid_state
  'no_charge',
  'not_paid',
  'no_attention',
  // insecure_destination
  'live_key_origin',
  'live_forwarder_wss',
  // z_refused: the day's sales changed while closing (else `blockers` says why)
  'changed_while_closing',
  // print_failed
  'report_pdf',
  'store_pdf',
  'chromium_start',
  // not_found
  'export_gone',
  // sale_open
  'settings_change',
  'back_to_demo',
  // forbidden
  'display_read_only',
  // pin_required
  'set_pin_first',
] as const;
export type AppErrorReason = (typeof APP_ERROR_REASONS)[number];

/** What a sale operation was doing when Opn refused or could not be reached. */
export const SALE_ACTIONS = ['charge', 'refund', 'void', 'capture', 'reverse', 'cancel', 'expire', 'check', 'list'] as const;
export type SaleAction = (typeof SALE_ACTIONS)[number];

export const Z_BLOCKER_KINDS = ['open_sale', 'needs_attention', 'refund_in_flight', 'relay_unacked', 'day_not_over', 'already_closed'] as const;

const isoUtc = z.string().max(40);

/** Figures a window needs to say an error in its own words (validated where it crosses a process). */
export const appErrorDataSchema = z.strictObject({
  remaining: z.number().int().nonnegative().optional(),
  retryAfterMs: z.number().nonnegative().optional(),
  reason: z.enum(APP_ERROR_REASONS).optional(),
  /** The input field refused (a settings key, or a dotted path such as receipt.printerHost). */
  field: z.string().max(100).optional(),
  /** invalid_state: the sale's status; action: what was tried. */
  status: z.enum(SALE_STATUSES).optional(),
  action: z.enum(SALE_ACTIONS).optional(),
  currency: z.enum(CURRENCIES).optional(),
  /** invalid_amount: which amount rule refused it (worded like the amount field's own reasons). */
  amountCode: z.enum(AMOUNT_ERROR_CODES).optional(),
  /** Opn's own error code (a technical name, shown as is) and HTTP status. */
  opnCode: z.string().max(100).optional(),
  httpStatus: z.number().int().optional(),
  /** z_refused: the business day and every reason it cannot close. */
  day: z.string().max(10).optional(),
  blockers: z
    .array(
      z.strictObject({
        kind: z.enum(Z_BLOCKER_KINDS),
        saleId: z.string().max(100).nullable(),
        until: isoUtc.optional(),
        zNumber: z.number().int().optional(),
        status: z.enum(SALE_STATUSES).optional(),
        count: z.number().int().nonnegative().nullable().optional(),
        detail: z.string().max(500),
      }),
    )
    .max(200)
    .optional(),
  /** db_from_future: the file's and the app's schema versions. */
  fileVersion: z.number().int().optional(),
  codeVersion: z.number().int().optional(),
  /** internal: the correlation id the log carries too. */
  ref: z.string().max(40).optional(),
  /** export_failed / print_failed: the file and the system's error code (EACCES…), technical names. */
  fileName: z.string().max(200).optional(),
  sysCode: z.string().max(40).optional(),
});
export type AppErrorData = z.infer<typeof appErrorDataSchema>;

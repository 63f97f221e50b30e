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

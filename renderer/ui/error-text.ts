// The cashier window's one code → text table. Every AppErrorCode has an entry (the compiler checks);
// `null` means the main process's message is the text, because it carries the specifics (which sale,
// which reason Opn gave, which Z blockers).
import type { AppError, AppErrorCode } from '../../shared';

const plural = new Intl.PluralRules('en');
const tries = (n: number): string => `${n} ${plural.select(n) === 'one' ? 'try' : 'tries'} left`;

function wait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  return `${Math.ceil(minutes / 60)} h`;
}

const TEXTS: { readonly [C in AppErrorCode]: string | ((e: AppError) => string) | null } = {
  unknown_channel: 'This version of the window does not match the terminal. Reload the page.',
  forbidden: 'This window may not do that.',
  invalid_input: null,
  pin_required: 'Enter the manager PIN.',
  pin_invalid: (e) => (e.data?.remaining !== undefined ? `Wrong PIN (${tries(e.data.remaining)}).` : 'Wrong PIN.'),
  pin_locked: (e) => `Too many wrong PINs. Try again in ${wait(e.data?.retryAfterMs ?? 0)}.`,
  pin_not_set: 'No manager PIN is set. Set one in Settings first.',
  new_pin_required: 'Choose a new manager PIN with the live keys: the demo PIN is public.',
  invalid_amount: null,
  invalid_currency: null,
  not_found: 'That sale is not in this terminal’s log.',
  invalid_state: null,
  recovering: 'The terminal is still checking the sales left open at start-up. Try again in a moment.',
  refund_exceeds: 'The refund is more than what is left on this sale.',
  void_window_closed: null,
  sale_open: 'Finish or cancel the open sale first.',
  opn_unavailable: null,
  opn_error: null,
  not_configured: 'The terminal is not set up yet: add the Opn keys in Settings.',
  unavailable: null,
  closed: 'The terminal is restarting. Try again in a moment.',
  insecure_destination: null,
  settings_invalid: null,
  db_corrupt: null,
  db_from_future: null,
  invalid_format: null,
  z_refused: null,
  print_failed: null,
  export_failed: null,
  disconnected: 'Lost the connection to the terminal. Reconnecting…',
  timeout: 'The terminal did not answer in time.',
  internal: null,
};

export function errorText(error: AppError): string {
  const entry = TEXTS[error.code];
  if (entry === null || entry === undefined) return error.message;
  return typeof entry === 'function' ? entry(error) : entry;
}

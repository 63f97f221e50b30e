// The one error the POS link's handlers throw: a documented code (shared/pos-link/api.ts), a message
// written for a developer, never a stack, a key or a value from the request. Anything else thrown is
// answered as `internal` (the log keeps only its class name).
import { type PosCheckout, type PosApiErrorCode, POS_API_ERRORS } from '../../shared';

export class PosApiFailure extends Error {
  constructor(
    readonly code: PosApiErrorCode,
    message: string,
    readonly extra: { field?: string; checkout?: PosCheckout | null; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'PosApiFailure';
  }

  get status(): number {
    return POS_API_ERRORS[this.code];
  }
}

/** Core error codes (electron/core/errors.ts) a till may meet, in the API's words. */
export function fromCoreError(e: unknown, doing: string): PosApiFailure {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e).code) : '';
  switch (code) {
    case 'invalid_amount':
      return new PosApiFailure('invalid_amount', `The terminal refused the amount while ${doing}.`, { field: 'amount' });
    case 'invalid_currency':
      return new PosApiFailure('invalid_currency', `The terminal charges in another currency.`, { field: 'currency' });
    case 'refund_exceeds':
      return new PosApiFailure('refund_exceeds', 'The refund is larger than what is left to refund.', { field: 'amount' });
    case 'invalid_state':
    case 'void_window_closed':
      return new PosApiFailure('invalid_state', `The payment is not in a state that allows ${doing}.`);
    case 'not_found':
      return new PosApiFailure('not_found', 'No such checkout.');
    case 'recovering':
    case 'opn_unavailable':
    case 'opn_error':
    case 'disk_full':
    case 'store_unwritable':
    case 'closed':
    case 'not_configured':
    case 'insecure_destination':
      return new PosApiFailure('terminal_unavailable', `The terminal cannot complete ${doing} right now (${code}); try again shortly.`);
    default:
      return new PosApiFailure('internal', `Something went wrong while ${doing}.`);
  }
}

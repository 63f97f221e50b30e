// Typed errors of the Opn client. Messages never contain the secret key (the client scrubs them).

/** Opn answered with an error object (or an unreadable body): the request reached Opn. */
export class OpnApiError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
    this.name = 'OpnApiError';
  }
  /** 429 and 5xx: Opn may accept the same request later. */
  get retryable(): boolean {
    return this.httpStatus === 429 || this.httpStatus >= 500;
  }
}

/**
 * No usable answer. `connect`: the request never left this machine (safe to resend any method);
 * `response`: the connection broke after sending; `timeout`: no answer in time. For the last two the
 * request may have been processed, so a POST must not simply be resent.
 */
export class OpnNetworkError extends Error {
  constructor(
    readonly phase: 'connect' | 'response' | 'timeout',
    message: string,
    readonly causeCode?: string,
  ) {
    super(message);
    this.name = 'OpnNetworkError';
  }
}

/** True when a POST with this failure may or may not have taken effect on Opn's side. */
export function isAmbiguous(e: unknown): boolean {
  if (e instanceof OpnNetworkError) return e.phase !== 'connect';
  if (e instanceof OpnApiError) return e.httpStatus >= 500 || e.code === 'invalid_response';
  return false;
}

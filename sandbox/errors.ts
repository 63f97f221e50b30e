// The Opn error envelope: {object:"error", location, code, message} with a non-2xx status.
// Codes and statuses follow reference/opn-api.md §3; where upstream is silent we use bad_request (400).

export type ApiErrorCode =
  | 'authentication_failure'
  | 'bad_request'
  | 'not_found'
  | 'invalid_amount'
  | 'invalid_charge'
  | 'invalid_filter'
  | 'failed_expire'
  | 'failed_capture'
  | 'failed_refund'
  | 'failed_void'
  | 'expired_charge'
  | 'too_many_requests'
  | 'internal_error'
  | 'service_unavailable';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): { object: 'error'; location: string; code: string; message: string } {
    return {
      object: 'error',
      location: `https://www.omise.co/api-errors#${this.code.replace(/_/g, '-')}`,
      code: this.code,
      message: this.message,
    };
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'bad_request', message);
export const notFound = (what: string, id: string): ApiError =>
  // Ids are echoed (they are not secrets) but clipped so a huge path cannot bloat the reply.
  new ApiError(404, 'not_found', `${what} ${id.slice(0, 64)} was not found`);
export const authFailure = (): ApiError => new ApiError(401, 'authentication_failure', 'authentication failed');

export function statusError(status: 429 | 500 | 503): ApiError {
  switch (status) {
    case 429:
      return new ApiError(429, 'too_many_requests', 'too many requests');
    case 500:
      return new ApiError(500, 'internal_error', 'internal server error');
    case 503:
      return new ApiError(503, 'service_unavailable', 'service unavailable');
  }
}

// Errors the app layer raises itself, and the one mapping of any thrown value to a cashier-safe
// `{ code, message }`: typed errors (the core's CoreError, OpnApiError, ...) keep their stable code and
// cashier-safe message; anything else becomes 'internal' so a stray message (a path, a URL with a
// key) never reaches a window.
import type { AppError } from '../../shared';

export class AppFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppFacingError';
  }
}

const SAFE_CODE = /^[a-z][a-z0-9_]{1,48}$/;

export function toAppError(error: unknown): AppError & { internal: boolean } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && SAFE_CODE.test(code)) {
      return { code, message: error.message.slice(0, 400), internal: false };
    }
  }
  return { code: 'internal', message: 'Something went wrong in the terminal. The details are in its log.', internal: true };
}

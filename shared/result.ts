// The one result shape that crosses process boundaries (IPC, relay): errors keep a stable code.
import type { AppErrorCode, AppErrorData } from './errors';

export interface AppError {
  readonly code: AppErrorCode;
  /** English, for the log and tests; a window never shows it: it words `code` and `data` from its own tables. */
  readonly message: string;
  /** Figures a window needs to say the error in its own words. */
  readonly data?: AppErrorData;
}

export type Result<T, E extends AppError = AppError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<C extends AppErrorCode>(code: C, message: string): Result<never, { code: C; message: string }> {
  return { ok: false, error: { code, message } };
}

/** Exhaustiveness guard for `switch` statements over unions (Signal's missingCaseError). */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

// Typed errors the payment core throws. Messages (English, for the log) never hold keys, tokens or PINs;
// `data` carries what a window needs to word the error in the cashier's language.
import type { AppErrorData } from '../../shared';

export type CoreErrorCode =
  | 'invalid_input'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'not_found'
  | 'invalid_state'
  | 'pin_required'
  | 'pin_invalid'
  | 'pin_locked'
  | 'pin_not_set'
  | 'recovering'
  | 'opn_unavailable'
  | 'opn_error'
  | 'refund_exceeds'
  | 'void_window_closed'
  | 'closed'
  | 'db_corrupt'
  | 'db_from_future'
  | 'disk_full'
  | 'store_unwritable';

export class CoreError extends Error {
  readonly data?: AppErrorData;
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    options?: { cause?: unknown; data?: AppErrorData },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoreError';
    if (options?.data) this.data = options.data;
  }
}

/** The receipt database failed `PRAGMA integrity_check`: the core refuses to write to it. */
export class DbCorruptError extends CoreError {
  constructor(detail: string) {
    super('db_corrupt', `The receipt database is damaged (${detail.slice(0, 200)}). Restore a backup.`);
    this.name = 'DbCorruptError';
  }
}

/** The receipt database was written by a newer version of the app: never downgrade it. */
export class DbVersionFromFutureError extends CoreError {
  constructor(
    readonly fileVersion: number,
    readonly codeVersion: number,
  ) {
    super('db_from_future', `The receipt database is version ${fileVersion}, newer than this app (${codeVersion}). Update the app.`, { data: { fileVersion, codeVersion } });
    this.name = 'DbVersionFromFutureError';
  }
}

/**
 * The receipt log could not be written (`disk_full`: no space; `store_unwritable`: read-only or I/O error).
 * Nothing new is charged until writing works again; a charge created meanwhile is recovered by its sale id.
 */
export class StoreWriteError extends CoreError {
  constructor(code: 'disk_full' | 'store_unwritable', options?: { cause?: unknown }) {
    super(
      code,
      code === 'disk_full'
        ? 'The terminal cannot record sales: free disk space. No payment starts until it can.'
        : 'The terminal cannot record sales: its disk refuses writes. No payment starts until it can.',
      options,
    );
    this.name = 'StoreWriteError';
  }
}

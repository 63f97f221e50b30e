// The one mapping of a thrown value to what a window may see. Only instances of an allow-listed error
// class whose code is an AppErrorCode keep their code and message; everything else (a file-system error
// with a path, a URL with a key, a bug) becomes 'internal' with a correlation id that the log carries.
import { randomBytes } from 'node:crypto';
import type { AppError, AppErrorCode } from '../../shared';
import { isAppErrorCode } from '../../shared';
import { CoreError } from '../core';
import { ReportError } from '../reports';
import { PrinterError, ReceiptError } from '../receipts';
import { SettingsFileError } from './settings-store';
import { PartUnavailable, type UnavailableReason } from './parts/part';

/** An error the app layer raises itself; its message is written for the cashier. */
export class GateError extends Error {
  override readonly name = 'GateError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly data?: AppError['data'],
  ) {
    super(message);
  }
}

/** Classes whose messages are written to be shown (they never embed a foreign error's text). */
const SHOWABLE: readonly (abstract new (...args: never[]) => Error)[] = [GateError, CoreError, ReportError, SettingsFileError, PrinterError, ReceiptError];

/** What a window reads when a part of the runtime cannot serve (the runtime says only why). */
const UNAVAILABLE: Record<UnavailableReason, () => GateError> = {
  insecure_destination: () => new GateError('insecure_destination', 'Settings need attention: a secret would be sent where it may not go. Nothing is sent until they are fixed.'),
  not_configured: () => new GateError('not_configured', 'The terminal is not set up yet: add the Opn secret key in Settings.'),
  no_reports: () => new GateError('unavailable', 'Reports are not available in this build.', { reason: 'no_reports' }),
  printing_starting: () => new GateError('unavailable', 'Printing is starting; try again in a moment.', { reason: 'printing_starting' }),
};

export type MappedError = { error: AppError; internal: false } | { error: AppError; internal: true; ref: string };

export function toAppError(error: unknown): MappedError {
  if (error instanceof PartUnavailable) return toAppError(UNAVAILABLE[error.reason]());
  if (error instanceof Error && SHOWABLE.some((cls) => error instanceof cls)) {
    const { code, data } = error as Error & { code?: unknown; data?: AppError['data'] };
    if (isAppErrorCode(code) && code !== 'internal') {
      return { error: { code, message: error.message.slice(0, 400), ...(data ? { data } : {}) }, internal: false };
    }
  }
  const ref = `err_${randomBytes(5).toString('hex')}`;
  return { error: { code: 'internal', message: `Something went wrong in the terminal (ref ${ref}). The details are in its log.`, data: { ref } }, internal: true, ref };
}

/** For the log: the error's class and top stack frames only; messages of unknown errors may carry secrets. */
export function describeForLog(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${(error.stack ?? '').split('\n').slice(1, 4).join(' | ').trim()}`;
  return typeof error;
}

// Errors thrown by the reports: a stable code, an English message for the log, and the data a window
// words the error from (the app maps them to `{ ok: false, error: { code, message, data } }`).
import type { AppErrorData, ZBlocker } from '../../shared';

export type ReportErrorCode =
  | 'invalid_format'
  | 'z_refused'
  | 'opn_unavailable'
  | 'print_failed'
  | 'export_failed';

export class ReportError extends Error {
  override readonly name = 'ReportError';
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    readonly data?: AppErrorData,
  ) {
    super(message);
  }
}

/** Z refused: `blockers` lists each reason; the message names them too (at most a few sale ids). */
export class ZRefusedError extends ReportError {
  constructor(
    readonly day: string,
    readonly blockers: readonly ZBlocker[],
  ) {
    super('z_refused', zRefusalMessage(day, blockers), { day, blockers: blockers.slice(0, 200).map((b) => ({ ...b, detail: b.detail.slice(0, 500) })) });
  }
}

function zRefusalMessage(day: string, blockers: readonly ZBlocker[]): string {
  const shown = blockers.slice(0, 6).map((b) => b.detail);
  const more = blockers.length > shown.length ? ` (and ${blockers.length - shown.length} more)` : '';
  return `Cannot close ${day}: ${shown.join('; ')}${more}.`;
}
